/**
 * The playground's page builds what each person sees from the feed alone: ephemeral answers
 * for their invoker only, deferred answers replaced by their edits, channel messages edited
 * in place, follow-ups and refusals where they belong, and each event once.
 */
import { PlayState, commandText } from '../../../shared/local/playground/client/state';
import type { PlayEvent, PlayInteraction } from '../../../shared/local/playground/play-feed';

const bo = { id: '1310000000000000102', username: 'bo_buyer' };
const cleo = { id: '1310000000000000101', username: 'cleo_builds' };
const market = '1310000000000000012';
const guild = '1310000000000000001';
let seq = 0;
const at = '2026-11-24T12:00:00.000Z';

function interaction(over: Partial<PlayInteraction> = {}): PlayEvent {
  return {
    seq: ++seq,
    at,
    kind: 'interaction',
    interaction: {
      id: `13200000000000${seq}`,
      token: `t${seq}`,
      type: 2,
      guildId: guild,
      channelId: market,
      user: bo,
      data: { name: 'c500', options: [{ name: 'profile', type: 1, options: [] }] },
      answer: { status: 200, type: 5, data: { flags: 64 } },
      ...over,
    },
  };
}

const outbox = (entry: Record<string, unknown>): PlayEvent => ({ seq: ++seq, at, kind: 'outbox', entry: { seq, at, message: {}, ...entry } as never });

describe('what the playground shows', () => {
  it('shows a private answer to its invoker alone, thinking until its edit arrives', async () => {
    const state = new PlayState();
    const asked = interaction();
    const token = asked.kind === 'interaction' ? asked.interaction.token : '';
    expect(state.apply(asked)).toEqual([`ch:${market}`]);
    expect(state.visible(`ch:${market}`, cleo.id)).toEqual([]);
    const [thinking] = state.visible(`ch:${market}`, bo.id);
    expect(thinking).toMatchObject({ thinking: true, ephemeralFor: bo.id, command: { by: 'bo_buyer', text: '/c500 profile' } });
    const answered = state.whenAnswered(token);
    state.apply(outbox({ kind: 'edit', interactionToken: token, message: { content: 'Your profile' } }));
    expect(state.visible(`ch:${market}`, bo.id)[0]).toMatchObject({ thinking: false, edited: false, message: { content: 'Your profile' } });
    await expect(answered).resolves.toEqual({ content: 'Your profile' });
  });

  it('shows a public answer to everyone in the channel', () => {
    const state = new PlayState();
    state.apply(interaction({ answer: { status: 200, type: 4, data: { content: 'hello all' } } }));
    expect(state.visible(`ch:${market}`, cleo.id).map((s) => s.message.content)).toEqual(['hello all']);
  });

  it('edits a channel post in place, and says it was edited', () => {
    const state = new PlayState();
    state.apply(outbox({ kind: 'channel', channelId: market, messageId: '55', message: { content: 'Lot open: $10' } }));
    state.apply(outbox({ kind: 'edit', channelId: market, messageId: '55', message: { content: 'Lot open: $12' } }));
    expect(state.visible(`ch:${market}`, bo.id)).toHaveLength(1);
    expect(state.visible(`ch:${market}`, bo.id)[0]).toMatchObject({ edited: true, message: { content: 'Lot open: $12' } });
  });

  it('keeps what an edit leaves out, as Discord’s PATCH does: buttons greyed, the text stays', () => {
    const state = new PlayState();
    const buttons = (disabled: boolean) => [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel and refund', custom_id: 'qcancel:a', disabled }] }];
    state.apply(outbox({ kind: 'dm', userId: bo.id, messageId: '77', message: { content: 'Late: cancel or wait', components: buttons(false) } }));
    state.apply(outbox({ kind: 'edit', channelId: 'dm', messageId: '77', message: { components: buttons(true) } }));
    expect(state.visible(`dm:${bo.id}`, bo.id)[0]?.message).toEqual({ content: 'Late: cancel or wait', components: buttons(true) });
  });

  it('shows an edit of a DM sent before the page’s memory began in that person’s DMs, not in a channel', () => {
    const state = new PlayState();
    state.apply(outbox({ kind: 'edit', channelId: '1340000000000000009', userId: bo.id, messageId: '78', message: { content: 'Paid', components: [] } }));
    expect(state.visible(`dm:${bo.id}`, bo.id).map((s) => s.message.content)).toEqual(['Paid']);
    expect(state.visible('ch:1340000000000000009', bo.id)).toEqual([]);
  });

  it('replaces the message a button is on when its press is answered as an update, in the person’s DMs too: no new message, the old buttons gone', () => {
    const state = new PlayState();
    const asked = interaction({ guildId: undefined, channelId: '1340000000000000001', answer: { status: 200, type: 5, data: { flags: 64 } } });
    const command = asked.kind === 'interaction' ? asked.interaction : ({} as PlayInteraction);
    const erase = [{ type: 1, components: [{ type: 2, style: 4, label: 'Erase me', custom_id: `privacy-erase:${bo.id}` }] }];
    state.apply(asked);
    state.apply(outbox({ kind: 'edit', interactionToken: command.token, message: { content: 'What C500 keeps about you', components: erase } }));
    const [shown] = state.visible(`dm:${bo.id}`, bo.id);
    // The press says which message it is on, as Discord's do.
    expect(shown?.messageId).toBe(command.id);
    const press = interaction({ ...command, id: '1320000000000009999', token: 'press', type: 3, messageId: command.id, answer: { status: 200, type: 6 } });
    expect(state.apply(press)).toEqual([`dm:${bo.id}`]);
    state.apply(outbox({ kind: 'edit', interactionToken: 'press', message: { content: 'Done: 3 records erased.', components: [] } }));
    expect(state.visible(`dm:${bo.id}`, bo.id)).toEqual([
      expect.objectContaining({ edited: true, message: expect.objectContaining({ content: 'Done: 3 records erased.', components: [] }) }),
    ]);
  });

  it('lets a reader dismiss a private answer, on every page through the feed, and nobody else’s', () => {
    const state = new PlayState();
    const asked = interaction({ answer: { status: 200, type: 4, data: { flags: 64, content: 'Set up payouts' } } });
    state.apply(asked);
    state.apply(interaction({ answer: { status: 200, type: 4, data: { content: 'for all' } } }));
    const key = `i:${asked.kind === 'interaction' ? asked.interaction.token : ''}`;
    expect(state.apply({ seq: ++seq, at, kind: 'dismissed', key, userId: bo.id })).toEqual([`ch:${market}`]);
    expect(state.visible(`ch:${market}`, bo.id).map((s) => s.message.content)).toEqual(['for all']);
    const shared = state.visible(`ch:${market}`, bo.id)[0]?.key as string;
    expect(state.dismiss(shared)).toEqual([]);
  });

  it('dates an answer by the runtime’s clock the relay stamped, not the page’s', () => {
    const state = new PlayState();
    const stamped = interaction({ at: '2027-01-20T09:00:00.000Z' });
    state.interaction(stamped.kind === 'interaction' ? stamped.interaction : ({} as PlayInteraction));
    expect(state.visible(`ch:${market}`, bo.id)[0]?.at).toBe('2027-01-20T09:00:00.000Z');
  });

  it('puts a DM in its person’s DMs only, and a refused DM there as Discord’s refusal', () => {
    const state = new PlayState();
    state.apply(outbox({ kind: 'dm', userId: bo.id, messageId: '66', message: { content: 'Paid!' } }));
    state.apply({
      seq: ++seq,
      at,
      kind: 'refused',
      refusal: { at, kind: 'dm', userId: bo.id, status: 403, code: 50007, error: 'Cannot send messages to this user', message: {} },
    });
    expect(state.visible(`dm:${bo.id}`, bo.id).map((s) => s.message.content)).toEqual(['Paid!', expect.stringContaining('50007')]);
    expect(state.visible(`dm:${cleo.id}`, cleo.id)).toEqual([]);
  });

  it('puts a follow-up beside its interaction, private when flagged so', () => {
    const state = new PlayState();
    state.apply(interaction({ token: 'tf' }));
    state.apply(outbox({ kind: 'followup', interactionToken: 'tf', messageId: '77', message: { content: 'one more thing', flags: 64 } }));
    expect(state.visible(`ch:${market}`, bo.id).map((s) => s.message.content)).toContain('one more thing');
    expect(state.visible(`ch:${market}`, cleo.id)).toEqual([]);
  });

  it('keeps an edit that came before its interaction, and shows it when the interaction comes', () => {
    const state = new PlayState();
    state.apply(outbox({ kind: 'edit', interactionToken: 'early', message: { content: 'done before the relay wrote it down' } }));
    const asked = interaction({ token: 'early' });
    expect(state.visible(`ch:${market}`, bo.id)).toEqual([]);
    state.apply(asked);
    expect(state.visible(`ch:${market}`, bo.id)[0]).toMatchObject({ thinking: false, message: { content: 'done before the relay wrote it down' } });
  });

  it('tells the invoker when the ingress refused the interaction', () => {
    const state = new PlayState();
    state.apply(interaction({ answer: { status: 401 } }));
    expect(state.visible(`ch:${market}`, bo.id)[0]?.message.content).toBe('This interaction failed (the ingress answered 401).');
  });

  it('applies each event once, whether the page sent it or the feed replays it', () => {
    const state = new PlayState();
    const event = interaction();
    if (event.kind !== 'interaction') throw new Error('an interaction');
    state.interaction(event.interaction);
    state.apply(event);
    state.apply(event);
    expect(state.visible(`ch:${market}`, bo.id)).toHaveLength(1);
  });

  it('learns a demo run’s server and its channels from the interactions it sees, named after the setup options', () => {
    const state = new PlayState();
    state.apply(
      interaction({
        guildId: '1400000000000000001',
        channelId: '1400000000000000009',
        data: { name: 'c500', options: [{ name: 'setup', type: 1, options: [{ name: 'marketplace', type: 7, value: '1400000000000000002' }] }] },
      }),
    );
    const seen = state.guilds.get('1400000000000000001');
    expect(seen && [...seen.channels.values()]).toEqual(['channel-0009', 'marketplace']);
    expect(state.people.get(bo.id)).toBe('bo_buyer');
  });

  it('collects the overlays the product links', () => {
    const state = new PlayState();
    state.apply(
      outbox({ kind: 'dm', userId: cleo.id, messageId: '88', message: { content: 'OBS: http://127.0.0.1:8080/overlay/auction/abc123 (browser source)' } }),
    );
    expect([...state.overlays.values()]).toEqual(['http://127.0.0.1:8080/overlay/auction/abc123']);
  });

  it('keeps one overlay per page: a second link to /overlay/show (another show) replaces the first, so the panel lists it once', () => {
    const state = new PlayState();
    const said = (messageId: string, id: string) =>
      outbox({
        kind: 'channel',
        channelId: market,
        messageId,
        message: { content: `For OBS, add a Browser source (1280×300) with http://127.0.0.1:8080/overlay/show?id=${id}` },
      });
    state.apply(said('91', 'first'));
    state.apply(said('92', 'second'));
    expect([...state.overlays]).toEqual([['/overlay/show', 'http://127.0.0.1:8080/overlay/show?id=second']]);
  });

  it('writes a command as a person typed it', () => {
    expect(commandText({ name: 'c500', options: [{ name: 'ship', type: 1, options: [{ name: 'order', type: 3, value: 'ab12' }] }] })).toBe(
      '/c500 ship order:ab12',
    );
  });
});
