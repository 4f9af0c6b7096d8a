/**
 * @module draw-giveaway
 * The giveaway's task (`giveawayDraw`), in two kinds. Round 0, at the end: the seed is
 * revealed and the first rounds drawn from it and the entries, in one transaction that also
 * closes entry; then the draw is posted, each winner DMed and each round's deadline armed.
 * Round r ≥ 1, at its deadline: a winner who has not confirmed lapses and the next round,
 * from the same seed, picks another. Every step is safe to run again: the transaction finds
 * its own work done, and what is said is said once (`runOnce`, `tellOnce`, named tasks).
 */
import type { BeaconRound, ChatOutbox, Clock, DiscordMessenger, DocumentStore, RandomnessBeacon, TaskQueue } from '../../ports';
import { openSealed, runOnce, runOnceFor, scheduleTask, type SealKeys } from '../../common';
import { tellOnce } from '../../discord';
import { TaskNotDueYet } from '../../errors';
import { drawRounds, entriesHashOf, seedSealPurpose, type DrawScheme } from '../rules/draw';
import {
  entriesCollection,
  giveawayChatPath,
  giveawayPath,
  giveawaySeedPath,
  giveawayTaskName,
  roundOf,
  type Giveaway,
  type GiveawayEntry,
  type GiveawayRound,
  type GiveawaySeed,
  type GiveawayTask,
} from '../rules/giveaway';
import { chatAnswers, drawPost, redrawPost, winnerDm } from '../rules/giveaway-messages';
import { queueChatLines } from '../../chatbids';
import { drawSettleMs } from './start-giveaway';
import { closeEntryPost, followDrawPost } from './giveaway-posts';

export interface DrawDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
  /** What the bot says in the sponsor's Twitch chat: a chatter who won is told there. */
  outbox: ChatOutbox;
  publicBaseUrl: string;
  /** Opens the sealed seed at the draw (`TOKEN_SEAL_KEYS`). */
  sealKeys: SealKeys;
  /** The drand round a beacon-bound giveaway named at its start, fetched and verified at the draw. */
  beacon: RandomnessBeacon;
}

const schemeOf = (giveaway: Giveaway): DrawScheme => giveaway.scheme ?? 'seed-only';

/** The seed, opened: sealed since giveaways were, in the clear before. */
function seedOf(deps: Pick<DrawDeps, 'sealKeys'>, giveawayId: string, secret: GiveawaySeed): string {
  if (secret.seed !== undefined) return secret.seed;
  const opened = secret.sealedSeed === undefined ? undefined : openSealed(secret.sealedSeed, seedSealPurpose(giveawayId), deps.sealKeys);
  if (!opened?.ok) throw new Error(`giveaway ${giveawayId}: its seed cannot be opened (${opened ? opened.reason : 'none kept'})`);
  return opened.secret;
}

export function runGiveawayTask(deps: DrawDeps, task: GiveawayTask): Promise<void> {
  return task.round === 0 ? drawGiveaway(deps, task.giveawayId) : checkConfirmed(deps, task.giveawayId, task.round);
}

async function drawGiveaway(deps: DrawDeps, giveawayId: string): Promise<void> {
  const stored = await deps.store.get(giveawayPath(giveawayId));
  if (!stored) return;
  const dueAtMs = Date.parse(stored.endsAt) + drawSettleMs;
  if (stored.status === 'open' && deps.clock.now().getTime() < dueAtMs) throw new TaskNotDueYet(dueAtMs);
  const published = stored.status === 'open' ? await beaconRoundOf(deps, stored) : undefined;
  const drawn = await deps.store.runTransaction(async (tx) => {
    const giveaway = await tx.get(giveawayPath(giveawayId));
    if (!giveaway || giveaway.status !== 'open') return giveaway;
    const [secret, entries, chat] = await Promise.all([
      tx.get(giveawaySeedPath(giveawayId)),
      tx.query(entriesCollection(giveawayId)),
      giveaway.broadcasterId ? tx.get(giveawayChatPath(giveaway.broadcasterId)) : Promise.resolve(undefined),
    ]);
    if (!secret) throw new Error(`giveaway ${giveawayId} has no seed`);
    const seed = seedOf(deps, giveawayId, secret);
    // Entry closes here: the list is fixed, its hash published with the draw, and the rounds bound to it.
    const pseudonyms = entries.map((e) => e.data.pseudonym);
    const picks = drawRounds(seed, pseudonyms, giveaway.winners, schemeOf(giveaway), published?.randomness);
    const rounds = picks.map((pseudonym, i) => newRound(i + 1, pseudonym, entries, deps.clock.now(), giveaway.confirmMinutes));
    const update = {
      status: rounds.length > 0 ? 'drawn' : 'ended',
      seed,
      entriesHash: entriesHashOf(pseudonyms),
      closedAt: deps.clock.now().toISOString(),
      ...(giveaway.beacon && published ? { beacon: { ...giveaway.beacon, randomness: published.randomness, signature: published.signature } } : {}),
      drawnAt: deps.clock.now().toISOString(),
      entrants: entries.length,
      rounds,
    } as const;
    tx.update(giveawayPath(giveawayId), update);
    // `!enter` in the channel's chat stops finding this giveaway, unless a newer one took the channel.
    if (giveaway.broadcasterId && chat?.giveawayId === giveawayId) tx.delete(giveawayChatPath(giveaway.broadcasterId));
    return { ...giveaway, ...update };
  });
  if (!drawn?.rounds) return;
  const first = drawn.rounds.filter((r) => r.round <= drawn.winners);
  await runOnce(deps.store, `giveaway-drawn:${giveawayId}`, async () => {
    const posted = await deps.discord.postToChannel(drawn.channelId, {
      ...drawPost(drawn, first, deps.publicBaseUrl),
      nonce: `gwd-${giveawayId}`,
      enforce_nonce: true,
    });
    // Kept so a round confirmed or lapsed later takes its Confirm button off this post.
    await deps.store.update(giveawayPath(giveawayId), { drawMessageId: posted.messageId });
  });
  await closeEntryPost(deps, drawn);
  for (const round of first) await tellWinner(deps, drawn, round);
}

/** The beacon round a beacon-bound giveaway named, verified; not out yet, the task comes back at its time. */
async function beaconRoundOf(deps: Pick<DrawDeps, 'beacon'>, giveaway: Giveaway): Promise<BeaconRound | undefined> {
  if (schemeOf(giveaway) !== 'beacon-bound' || !giveaway.beacon) return undefined;
  const chain = await deps.beacon.chain();
  if (chain.chainHash !== giveaway.beacon.chainHash)
    throw new Error(`giveaway ${giveaway.giveawayId} names beacon chain ${giveaway.beacon.chainHash}, this deployment reads ${chain.chainHash}`);
  const published = await deps.beacon.round(giveaway.beacon.round);
  if (!published) throw new TaskNotDueYet(Date.parse(giveaway.beacon.at));
  return published;
}

function newRound(round: number, pseudonym: string, entries: readonly { data: GiveawayEntry }[], now: Date, minutes: number): GiveawayRound {
  const entry = entries.find((e) => e.data.pseudonym === pseudonym)?.data;
  if (!entry) throw new Error(`no entry ${pseudonym}`);
  return {
    round,
    pseudonym,
    winnerId: entry.entrantId,
    winnerLabel: entry.label,
    ...(entry.twitchLogin ? { winnerLogin: entry.twitchLogin } : {}),
    confirmBy: new Date(now.getTime() + minutes * 60_000).toISOString(),
    state: 'waiting',
  };
}

async function tellWinner(deps: DrawDeps, giveaway: Giveaway, round: GiveawayRound): Promise<void> {
  // A chatter no member linked is named in the channel's post; there is no Discord DM to send them.
  await tellOnce(deps, `giveaway-won:${giveaway.giveawayId}:${round.round}`, round.winnerId, winnerDm(giveaway, round));
  if (round.winnerLogin && giveaway.broadcasterId) {
    const text = chatAnswers.won(round.winnerLogin, giveaway, round);
    await queueChatLines(deps, giveaway.broadcasterId, [{ text, must: true, onceKey: `giveaway-won:${giveaway.giveawayId}:${round.round}` }]);
  }
  const task = { giveawayId: giveaway.giveawayId, round: round.round };
  await scheduleTask(deps.tasks, 'giveawayDraw', { name: giveawayTaskName(task), payload: task, atMs: Date.parse(round.confirmBy) + 1_000 });
}

async function checkConfirmed(deps: DrawDeps, giveawayId: string, round: number): Promise<void> {
  const stored = await deps.store.get(giveawayPath(giveawayId));
  const waiting = stored && roundOf(stored, round);
  if (!stored || !waiting) return;
  if (waiting.state === 'waiting' && deps.clock.now().getTime() <= Date.parse(waiting.confirmBy)) throw new TaskNotDueYet(Date.parse(waiting.confirmBy));
  const redrawn = await deps.store.runTransaction(async (tx) => {
    const giveaway = await tx.get(giveawayPath(giveawayId));
    const current = giveaway && roundOf(giveaway, round);
    if (!giveaway?.rounds || !giveaway.seed || !current || current.state === 'confirmed') return undefined;
    // Already lapsed: this is a redelivery, and the round that replaced it is the one after the others.
    if (current.state === 'lapsed') return { giveaway, next: giveaway.rounds.find((r) => r.replaces === round) };
    const entries = await tx.query(entriesCollection(giveawayId));
    // The list was fixed at the close: one changed since (written around the product) is never drawn from.
    if (giveaway.entriesHash !== undefined && entriesHashOf(entries.map((e) => e.data.pseudonym)) !== giveaway.entriesHash)
      throw new Error(`giveaway ${giveawayId}: its entries changed since the close; no round is drawn from them`);
    const total = giveaway.rounds.length;
    const picks = drawRounds(
      giveaway.seed,
      entries.map((e) => e.data.pseudonym),
      total + 1,
      schemeOf(giveaway),
      giveaway.beacon?.randomness,
    );
    const next =
      picks.length > total
        ? { ...newRound(total + 1, picks[total] as string, entries, deps.clock.now(), giveaway.confirmMinutes), replaces: round }
        : undefined;
    const rounds = [...giveaway.rounds.map((r) => (r.round === round ? { ...r, state: 'lapsed' as const } : r)), ...(next ? [next] : [])];
    tx.update(giveawayPath(giveawayId), { rounds });
    return { giveaway: { ...giveaway, rounds }, next };
  });
  if (!redrawn) return;
  await followDrawPost(deps, giveawayId);
  const lapsed = roundOf(redrawn.giveaway, round) as GiveawayRound;
  // The post's id is kept with the once-record, so a redelivery finds it and the round keeps it.
  const posted = await runOnceFor(deps.store, `giveaway-redrawn:${giveawayId}:${round}`, async () => {
    const { messageId } = await deps.discord.postToChannel(redrawn.giveaway.channelId, {
      ...redrawPost(redrawn.giveaway, lapsed, redrawn.next),
      nonce: `gwr-${giveawayId}-${round}`,
      enforce_nonce: true,
    });
    return messageId;
  });
  if (!redrawn.next) return;
  if (posted.result) await keepRedrawPost(deps, giveawayId, redrawn.next.round, posted.result);
  await tellWinner(deps, redrawn.giveaway, redrawn.next);
}

/** The redraw's post on its round, so the round's end edits it (giveaway-posts' followDrawPost). */
async function keepRedrawPost(deps: DrawDeps, giveawayId: string, round: number, postMessageId: string): Promise<void> {
  const kept = await deps.store.runTransaction(async (tx) => {
    const giveaway = await tx.get(giveawayPath(giveawayId));
    const current = giveaway?.rounds && roundOf(giveaway, round);
    if (!giveaway?.rounds || !current || current.postMessageId === postMessageId) return false;
    tx.update(giveawayPath(giveawayId), { rounds: giveaway.rounds.map((r) => (r.round === round ? { ...r, postMessageId } : r)) });
    return current.state !== 'waiting';
  });
  // The round ended before its post was kept (its winner was quick): edit the post now.
  if (kept) await followDrawPost(deps, giveawayId);
}
