/**
 * The playground's side of the local runtime, over HTTP: its page and world, the relay that
 * plays Discord (signing with the development key and posting to the ingress), the feed of
 * server-sent events it follows, and what it refuses.
 */
import { commandDefinitions } from '../../shared/router/command-surface';
import { generateDiscordKeyPair } from '../../shared/local/discord-signing';
import type { PlayEvent, PlayInteraction } from '../../shared/local/playground/play-feed';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
const bo = '1310000000000000102';
const ana = '1310000000000000104';
const general = '1310000000000000011';

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

const post = (path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${rt.url}/_local/play${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const command = (as: string, sub: string, options: unknown[] = []) => ({
  as,
  channelId: general,
  type: 2,
  data: { name: 'c500', type: 1, options: [{ name: sub, type: 1, options }] },
});

/** The feed's events from `after` on, read from the event stream until `enough` says so. */
async function readFeed(enough: (events: PlayEvent[]) => boolean, headers: Record<string, string> = {}): Promise<PlayEvent[]> {
  const controller = new AbortController();
  const answer = await fetch(`${rt.url}/_local/play/events`, { headers, signal: controller.signal });
  expect(answer.headers.get('content-type')).toBe('text/event-stream');
  const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
  const events: PlayEvent[] = [];
  let text = '';
  const deadline = Date.now() + 15_000;
  while (!enough(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data) events.push(JSON.parse(data.slice(6)) as PlayEvent);
    }
  }
  controller.abort();
  return events;
}

describe('the playground’s routes', () => {
  it('serves its page, its script and a world whose commands are the ones register-commands sends', async () => {
    const page = await fetch(`${rt.url}/_local/play`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('/_local/play/app.js');
    const script = await fetch(`${rt.url}/_local/play/app.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('discord-message');
    const world = (await (await fetch(`${rt.url}/_local/play/world`)).json()) as {
      people: Array<{ role: string }>;
      commands: unknown;
      channels: unknown[];
      signs: boolean;
    };
    expect(world.commands).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
    expect(new Set(world.people.map((p) => p.role))).toEqual(new Set(['builder', 'buyer', 'admin', 'show host', 'racer']));
    expect(world.people.filter((p) => p.role === 'buyer')).toHaveLength(2);
    expect(world.signs).toBe(true);
  });

  it('plays Discord: a command a person sends reaches the ingress signed, and its answer and the deferred edit come back on the feed', async () => {
    const answered = await post('/interactions', command(bo, 'help'));
    expect(answered.status).toBe(200);
    const help = ((await answered.json()) as { interaction: PlayInteraction }).interaction;
    expect(help.answer).toMatchObject({ status: 200, type: 4, data: { flags: 64 } });

    const profile = ((await (await post('/interactions', command(bo, 'profile'))).json()) as { interaction: PlayInteraction }).interaction;
    expect(profile.answer).toMatchObject({ status: 200, type: 5 });
    const events = await readFeed((e) => e.some((x) => x.kind === 'outbox' && x.entry.interactionToken === profile.token));
    const tokens = events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction.token] : []));
    expect(tokens).toEqual(expect.arrayContaining([help.token, profile.token]));
    expect(events.find((e) => e.kind === 'outbox' && e.entry.interactionToken === profile.token)).toMatchObject({ entry: { kind: 'edit' } });
  });

  it('replays only what a page missed, from the last event it names', async () => {
    const all = await readFeed((e) => e.length >= 2);
    const last = all[all.length - 2] as PlayEvent;
    const missed = await readFeed((e) => e.length >= 1, { 'last-event-id': String(last.seq) });
    expect(missed[0]?.seq).toBe(last.seq + 1);
  });

  it('adds a person in a role with one request, numbered after the ones there', async () => {
    const added = (await (await post('/people', { role: 'buyer' })).json()) as { person: { id: string; name: string; role: string } };
    expect(added.person).toMatchObject({ name: 'buyer_2', role: 'buyer' });
    const answered = await post('/interactions', command(added.person.id, 'help'));
    expect(answered.status).toBe(200);
    expect((await post('/people', { role: 'emperor' })).status).toBe(400);
  });

  it('relays a script’s own interaction unchanged, so a demo run shows in the playground', async () => {
    const body = {
      id: '1320000000000000901',
      type: 2,
      token: 'demo-token-watched',
      application_id: rt.secrets.DISCORD_APPLICATION_ID,
      guild_id: '1400000000000000001',
      channel_id: '1400000000000000002',
      member: { user: { id: '800000000000000002', username: 'bo_buyer' }, permissions: '3072' },
      data: { name: 'c500', options: [{ name: 'help', type: 1, options: [] }] },
    };
    const relayed = ((await (await post('/interactions', { interaction: body })).json()) as { interaction: PlayInteraction }).interaction;
    expect(relayed).toMatchObject({
      token: 'demo-token-watched',
      guildId: '1400000000000000001',
      user: { username: 'bo_buyer' },
      answer: { status: 200, type: 4 },
    });
  });

  it('hands a viewer’s chat line to the Twitch simulator and shows it on the feed', async () => {
    const sent = await post('/chat', { channel: 'cleobuilds', login: 'viewer_vic', text: 'hello chat' });
    expect(sent.status).toBe(200);
    const events = await readFeed((e) => e.some((x) => x.kind === 'chat' && x.line.text === 'hello chat'));
    expect(events.find((x) => x.kind === 'chat' && x.line.text === 'hello chat')).toMatchObject({ line: { login: 'viewer_vic', bot: false } });
  });

  it('refuses what a person could not do in Discord, and anything but JSON, with a 4xx saying why', async () => {
    const refusals = [
      await post('/interactions', command('1310000000000000999', 'help')),
      await post('/interactions', { ...command(bo, 'help'), channelId: '1400000000000000002' }),
      await post('/interactions', { ...command(bo, 'help'), type: 1 }),
      await post('/interactions', { ...command(bo, 'help'), data: 'help' }),
      await post('/interactions', 'not json'),
      await post('/interactions', 'as=1&type=2', 'application/x-www-form-urlencoded'),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 415]);
    for (const r of refusals) expect(((await r.json()) as { error: string }).error).toMatch(/\w+ \w+/);
  });
});

describe('the playground on a runtime that checks a real app’s key', () => {
  it('says it cannot sign, and how to play, instead of sending what the ingress would refuse', async () => {
    const own = await startTestRuntime({ env: { DISCORD_PUBLIC_KEY: generateDiscordKeyPair().publicKeyHex } });
    try {
      const world = (await (await fetch(`${own.url}/_local/play/world`)).json()) as { signs: boolean };
      expect(world.signs).toBe(false);
      const answer = await fetch(`${own.url}/_local/play/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(command(ana, 'help')),
      });
      expect(answer.status).toBe(409);
      expect(((await answer.json()) as { error: string }).error).toMatch(/unset DISCORD_PUBLIC_KEY/);
    } finally {
      await own.close();
    }
  }, 60_000);
});
