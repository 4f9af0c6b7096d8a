/**
 * Nothing stale in the channel: once a giveaway is drawn its post no longer says when it will
 * be drawn nor offers Enter, and once a winner confirms (or lets the time run out) the draw's
 * post no longer offers that round's Confirm button. Run against the embedded store and the
 * outbox of Discord calls, as the other giveaway use-case tests are.
 */
import type { DiscordMessage, ScheduledTask, TaskQueue } from '../../ports';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';
import { startGiveaway } from '../use-cases/start-giveaway';
import { enterGiveaway } from '../use-cases/enter-giveaway';
import { runGiveawayTask } from '../use-cases/draw-giveaway';
import { claimPrize } from '../use-cases/claim-prize';
import { giveawayPath, type Giveaway } from '../rules/giveaway';
import { giveawayDeps } from './giveaway-deps';

const sponsor = '811000000000000631';
const entrants = ['821000000000000631', '821000000000000632'];
const address = { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', postal: '97201 US' };

const tasks: TaskQueue = {
  schedule: async (_task: ScheduledTask) => 'scheduled' as const,
  cancel: async () => true,
};

async function drawnGiveaway() {
  const { deps, advance } = await giveawayDeps(sponsor, tasks);
  const { store, discord } = deps;
  const started = await startGiveaway(deps, command({ name: 'giveaway', path: ['start'], options: { prize: 'Tofu65 kit', duration: '30m' }, userId: sponsor }));
  const giveawayId = /`([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
  for (const id of entrants) await enterGiveaway(deps, buttonPress(`genter:${giveawayId}`, id));
  advance(30 * 60_000 + 3_000);
  await runGiveawayTask(deps, { giveawayId, round: 0 });
  const giveaway = (await store.get(giveawayPath(giveawayId))) as Giveaway;
  /** The message as it stands now in the channel: its post, then every edit of it. */
  const latest = (messageId: string | undefined): DiscordMessage | undefined =>
    discord.entries.filter((e) => (e.kind === 'channel' || e.kind === 'edit') && e.messageId === messageId).at(-1)?.message;
  return { deps, discord, giveaway, giveawayId, latest, advance };
}

const buttonsOf = (message: DiscordMessage | undefined) => JSON.stringify(message?.components ?? []);

describe('a giveaway’s posts once their state ended', () => {
  it('no longer say when the draw will be, nor offer Enter, once the giveaway is drawn', async () => {
    const w = await drawnGiveaway();
    const post = w.latest(w.giveaway.messageId);
    expect(JSON.stringify(post)).not.toMatch(/drawn <t:\d+:R>/);
    expect(JSON.stringify(post)).toContain('Drawn <t:');
    expect(buttonsOf(post)).not.toContain(`genter:${w.giveawayId}`);
    expect(buttonsOf(post)).toContain('Official rules');
  });

  it('no longer offer a round’s Confirm button once its winner confirmed, and say they did', async () => {
    const w = await drawnGiveaway();
    const winner = w.giveaway.rounds?.[0]?.winnerId as string;
    expect(buttonsOf(w.latest(w.giveaway.drawMessageId))).toContain(`gclaim:${w.giveawayId}:1`);
    expect((await claimPrize(w.deps, modalSubmit(`gaddr:${w.giveawayId}:1`, address, winner))).content).toContain('Confirmed');
    const draw = w.latest(w.giveaway.drawMessageId);
    expect(buttonsOf(draw)).not.toContain(`${w.giveawayId}:1`);
    expect(draw?.content).toMatch(/Round 1: .* confirmed/);
    expect(draw?.content).not.toContain('confirm by');
  });

  it('no longer offer a round’s Confirm button once its time ran out, and say it was drawn again', async () => {
    const w = await drawnGiveaway();
    w.advance(16 * 60_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    const draw = w.latest(w.giveaway.drawMessageId);
    expect(buttonsOf(draw)).not.toContain(`${w.giveawayId}:1`);
    expect(draw?.content).toMatch(/Round 1: .* did not confirm in time/);
  });

  it('no longer offer a redraw’s Confirm button once its winner confirmed, nor once its time ran out too', async () => {
    for (const ending of ['confirmed', 'lapsed'] as const) {
      const w = await drawnGiveaway();
      w.advance(16 * 60_000);
      await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
      const redraw = ((await w.deps.store.get(giveawayPath(w.giveawayId))) as Giveaway).rounds?.find((r) => r.replaces === 1);
      expect(redraw?.postMessageId).toBeDefined();
      expect(buttonsOf(w.latest(redraw?.postMessageId))).toContain(`gclaim:${w.giveawayId}:2`);
      if (ending === 'confirmed') {
        expect((await claimPrize(w.deps, modalSubmit(`gaddr:${w.giveawayId}:2`, address, redraw?.winnerId as string))).content).toContain('Confirmed');
      } else {
        w.advance(16 * 60_000);
        await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 2 });
      }
      const post = w.latest(redraw?.postMessageId);
      expect(buttonsOf(post)).not.toContain(`${w.giveawayId}:2`);
      expect(post?.content).toContain(ending === 'confirmed' ? 'who confirmed ✓' : 'did not confirm in time either');
      expect(post?.content).not.toContain('confirm by');
    }
  });

  it('keep the redraw’s post once, however often the lapsed round’s task is delivered', async () => {
    const w = await drawnGiveaway();
    w.advance(16 * 60_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    const posts = w.discord.entries.filter((e) => e.kind === 'channel' && e.message.content?.includes('did not confirm in time'));
    expect(posts).toHaveLength(1);
    const redraw = ((await w.deps.store.get(giveawayPath(w.giveawayId))) as Giveaway).rounds?.find((r) => r.replaces === 1);
    expect(redraw?.postMessageId).toBe(posts[0]?.messageId);
  });
});
