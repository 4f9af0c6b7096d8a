/**
 * A giveaway's steps against the embedded store and the outbox, each run twice as
 * at-least-once delivery runs them: the start posts once and arms one draw; the draw and each
 * deadline, early, do nothing and ask to come back; run again, they say nothing twice and draw
 * nobody new; a confirmation redelivered makes one order; one made after the deadline, by its
 * own interaction's time, is refused.
 */
import { type DiscordOutbox } from '../../local/discord/discord-outbox';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { builderPath } from '../../onboarding';
import { orderPath } from '../../orders';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';
import { startGiveaway } from '../use-cases/start-giveaway';
import { enterGiveaway } from '../use-cases/enter-giveaway';
import { runGiveawayTask } from '../use-cases/draw-giveaway';
import { claimPrize } from '../use-cases/claim-prize';
import { giveawayDeps } from './giveaway-deps';
import { entriesCollection, entryPath, giveawayChatPath, giveawayPath, giveawaySeedPath, type Giveaway } from '../rules/giveaway';
import { enterFromChat } from '../use-cases/enter-from-chat';
import { erasureAsksOf } from '../../privacy/use-cases/take-erasure-ask';
import { twitchBidderPath } from '../../chatbids';
import { commitmentOf, drawRounds, entriesHashOf, seedSealPurpose } from '../rules/draw';
import { openSealed } from '../../common';

const sponsor = '811000000000000531';
const entrants = ['821000000000000531', '821000000000000532', '821000000000000533'];
const address = { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', postal: '97201 US' };

class RecordedTasks implements TaskQueue {
  readonly named = new Map<string, ScheduledTask>();
  async schedule(task: ScheduledTask) {
    if (this.named.has(task.name)) return 'already-scheduled' as const;
    this.named.set(task.name, task);
    return 'scheduled' as const;
  }
  async cancel(_queue: string, name: string) {
    return this.named.delete(name);
  }
}

async function world() {
  const tasks = new RecordedTasks();
  const { deps, advance } = await giveawayDeps(sponsor, tasks);
  const { store, discord, clock } = deps;
  const start = command({ name: 'giveaway', path: ['start'], options: { prize: 'Tofu65 kit', duration: '10m' }, userId: sponsor });
  const started = await startGiveaway(deps, start);
  const giveawayId = /`([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
  const giveaway = async () => (await store.get(giveawayPath(giveawayId))) as Giveaway;
  return { deps, store, discord, tasks, start, giveawayId, giveaway, advance, clock };
}

const posts = (discord: DiscordOutbox) => discord.entries.filter((e) => e.kind === 'channel');

describe('a giveaway under redelivery', () => {
  it('posts once and arms one draw when its start is delivered twice', async () => {
    const w = await world();
    await startGiveaway(w.deps, w.start);
    expect(posts(w.discord)).toHaveLength(1);
    expect([...w.tasks.named.keys()]).toEqual([`giveaway-${w.giveawayId}-r0`]);
    const sealed = (await w.store.get(giveawaySeedPath(w.giveawayId)))?.sealedSeed as string;
    const opened = openSealed(sealed, seedSealPurpose(w.giveawayId), w.deps.sealKeys);
    const seed = opened.ok ? opened.secret : '';
    expect((await w.giveaway()).commitment).toBe(commitmentOf(seed));
    expect(textOfPost(w.discord)).toContain(commitmentOf(seed));
  });

  it('draws nothing before the end, then the same winners however often the draw runs, telling each once', async () => {
    const w = await world();
    for (const id of entrants) expect((await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, id))).content).toContain('You’re in');
    await expect(runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 })).rejects.toBeInstanceOf(TaskNotDueYet);
    expect((await w.giveaway()).status).toBe('open');
    w.advance(10 * 60_000 + 3_000);
    // An entry pressed after the end is refused, whenever it arrives.
    expect((await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, '821000000000000539'))).content).toContain('closed');
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const first = await w.giveaway();
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    expect(await w.giveaway()).toEqual(first);
    expect(first.rounds).toHaveLength(1);
    expect(posts(w.discord)).toHaveLength(2);
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(1);
  });

  it('waits for a deadline, redraws once however often it runs, and refuses a confirmation made after it', async () => {
    const w = await world();
    for (const id of entrants) await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, id));
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const [round] = (await w.giveaway()).rounds ?? [];
    await expect(runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 })).rejects.toBeInstanceOf(TaskNotDueYet);
    w.advance(5 * 60_000 + 1_000);
    const late = modalSubmit(`gaddr:${w.giveawayId}:1`, address, round?.winnerId as string);
    expect((await claimPrize(w.deps, late)).content).toContain('ran out');
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    const rounds = (await w.giveaway()).rounds ?? [];
    expect(rounds.map((r) => r.state)).toEqual(['lapsed', 'waiting']);
    expect(rounds[1]?.winnerId).not.toBe(round?.winnerId);
    expect(posts(w.discord).filter((p) => (p.message.content ?? '').includes('did not confirm'))).toHaveLength(1);
  });

  it('makes one order of a confirmation delivered twice, and tells the sponsor once', async () => {
    const w = await world();
    for (const id of entrants) await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, id));
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const winner = (await w.giveaway()).rounds?.[0]?.winnerId as string;
    const submit = modalSubmit(`gaddr:${w.giveawayId}:1`, address, winner);
    expect((await claimPrize(w.deps, submit)).content).toContain('Confirmed');
    expect((await claimPrize(w.deps, submit)).content).toContain('Confirmed');
    expect(await w.store.get(orderPath(`gw-${w.giveawayId}-1`))).toMatchObject({ amountCents: 0, platformFeeCents: 0, builderShareCents: 0, status: 'paid' });
    expect(w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === sponsor)).toHaveLength(1);
    w.advance(5 * 60_000 + 1_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 });
    expect((await w.giveaway()).rounds?.map((r) => r.state)).toEqual(['confirmed']);
  });
});

function textOfPost(discord: DiscordOutbox): string {
  return JSON.stringify(posts(discord)[0]?.message);
}

describe('a giveaway won from Twitch chat', () => {
  it('tells the chatter in chat, and lets them confirm once they link that account', async () => {
    const w = await world();
    await w.store.update(giveawayPath(w.giveawayId), { broadcasterId: '700', broadcasterLogin: 'sponsorkeys' });
    await w.store.set(giveawayChatPath('700'), { giveawayId: w.giveawayId, guildId: '900000000000000001' });
    const job = {
      chatMessageId: 'm1',
      broadcasterId: '700',
      broadcasterLogin: 'sponsorkeys',
      chatterId: '701',
      chatterLogin: 'ann_keys',
      chatterName: 'ann_keys',
      text: '!enter',
      sentAtMs: w.clock.now().getTime(),
    };
    // Not signed in with Twitch yet: told how, and not entered.
    expect(await enterFromChat({ ...w.deps, botUserId: undefined }, job)).toBe('not-signed-in');
    const told = (await w.deps.outbox.takeAll('700')).map((l) => l.text);
    expect(told).toEqual([expect.stringMatching(/^@ann_keys to enter from chat, sign in with Twitch once .*\/twitch\/bidder then type !enter again\.$/)]);
    expect((await w.giveaway()).entrants ?? 0).toBe(0);
    await w.store.set(twitchBidderPath('701'), { twitchUserId: '701', login: 'ann_keys', displayName: 'ann_keys', linkedAt: w.clock.now().toISOString() });
    expect(await enterFromChat({ ...w.deps, botUserId: undefined }, { ...job, chatMessageId: 'm2' })).toBe('entered');
    expect(await enterFromChat({ ...w.deps, botUserId: undefined }, { ...job, chatMessageId: 'm3' })).toBe('already');
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    expect((await w.giveaway()).rounds?.[0]).toMatchObject({ winnerId: 'twitch:701', winnerLogin: 'ann_keys' });
    const lines = (await w.deps.outbox.takeAll('700')).map((l) => l.text);
    expect(lines.some((l) => l.startsWith('@ann_keys you’re in') && l.includes('No purchase necessary'))).toBe(true);
    expect(lines.some((l) => l.startsWith('@ann_keys you won'))).toBe(true);

    const member = '821000000000000577';
    expect((await claimPrize(w.deps, modalSubmit(`gaddr:${w.giveawayId}:1`, address, member))).content).toContain('not yours');
    await w.store.set(builderPath(member), {
      discordUserId: member,
      displayName: 'Ann',
      twitch: { userId: '701', login: 'ann_keys', displayName: 'ann_keys', linkedAt: '2026-11-26T12:00:00Z' },
    });
    expect((await claimPrize(w.deps, modalSubmit(`gaddr:${w.giveawayId}:1`, address, member))).content).toContain('Confirmed');
  });
});

describe('an entry from chat, after an erasure', () => {
  it('GIVEN a chatter who erased a minute ago WHEN they enter from chat THEN their record is marked, so their next erasure searches again', async () => {
    const w = await world();
    await w.store.set(giveawayChatPath('700'), { giveawayId: w.giveawayId, guildId: '900000000000000001' });
    await w.store.set(twitchBidderPath('702'), { twitchUserId: '702', login: 'bo_keys', displayName: 'bo_keys', linkedAt: w.clock.now().toISOString() });
    const erasedLately = { asks: [{ at: new Date(w.clock.now().getTime() - 60_000).toISOString() }], expiresAt: new Date(w.clock.now().getTime() + 540_000) };
    await w.store.set(erasureAsksOf('twitch:702'), erasedLately);
    const job = {
      chatMessageId: 'm9',
      broadcasterId: '700',
      broadcasterLogin: 'sponsorkeys',
      chatterId: '702',
      chatterLogin: 'bo_keys',
      chatterName: 'bo_keys',
    };
    expect(await enterFromChat({ ...w.deps, botUserId: undefined }, { ...job, text: '!enter', sentAtMs: w.clock.now().getTime() })).toBe('entered');
    expect(await w.store.get(erasureAsksOf('twitch:702'))).toMatchObject({ actedAt: w.clock.now().toISOString() });
  });
});

describe('a draw no one can steer', () => {
  it('keeps no seed in the store that anyone reading it could use: only a sealed one, opened for another giveaway by no key', async () => {
    const w = await world();
    await startGiveaway(w.deps, w.start);
    const kept = JSON.stringify(await w.store.get(giveawaySeedPath(w.giveawayId)));
    const { commitment } = await w.giveaway();
    // No 64-hex value anywhere in the stored record hashes to the commitment.
    for (const hex of kept.match(/[0-9a-f]{64}/g) ?? []) expect(commitmentOf(hex)).not.toBe(commitment);
    const sealed = (await w.store.get(giveawaySeedPath(w.giveawayId)))?.sealedSeed as string;
    expect(openSealed(sealed, seedSealPurpose('gw000000'), w.deps.sealKeys)).toMatchObject({ ok: false });
  });

  it('binds the winners to the entry list fixed at close, published as its hash, so a list changed after the close draws others', async () => {
    const w = await world();
    for (const id of entrants) await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, id));
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const drawn = await w.giveaway();
    const pseudonyms = (await w.store.query(entriesCollection(w.giveawayId))).map((e) => e.data.pseudonym);
    expect(drawn).toMatchObject({ scheme: 'beacon-bound', entriesHash: entriesHashOf(pseudonyms) });
    // Recomputed from what is public: the seed revealed, the list, the hash, the beacon round.
    const randomness = drawn.beacon?.randomness;
    expect(drawRounds(drawn.seed as string, pseudonyms, 1, 'beacon-bound', randomness)).toEqual([drawn.rounds?.[0]?.pseudonym]);
    // The same seed over the list with one entry slipped in gives rounds no longer bound to the published hash.
    const slipped = [...pseudonyms, 'f'.repeat(64)];
    expect(entriesHashOf(slipped)).not.toBe(drawn.entriesHash);
    const everyRound = (list: string[]) => drawRounds(drawn.seed as string, list, list.length, 'beacon-bound', randomness).join();
    expect(everyRound(slipped)).not.toBe(everyRound(pseudonyms));
  });
  it('draws no next round from a list changed since the close, and leaves the rounds as they were', async () => {
    const w = await world();
    for (const id of entrants) await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, id));
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const drawn = await w.giveaway();
    const slipped = 'f'.repeat(64);
    await w.store.set(entryPath(w.giveawayId, slipped), {
      pseudonym: slipped,
      entrantId: '899999999999999999',
      via: 'discord',
      label: 'x',
      enteredAt: new Date().toISOString(),
    });
    w.advance(5 * 60_000 + 1_000);
    await expect(runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 1 })).rejects.toThrow('its entries changed since the close');
    expect((await w.giveaway()).rounds).toEqual(drawn.rounds);
  });
});
