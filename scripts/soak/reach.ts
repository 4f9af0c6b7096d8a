/**
 * The soak's reach, read at its end: the evidence its reach checks take (reach-invariants),
 * and the table of what the run reached (DMs refused, chat, the clock's moves and what fell
 * due by each, the Redis restart, interactions lost with a killed ingress or runtime).
 */
import type { DocumentData } from '../../shared/ports';
import type { OutboxEntry, OutboxRefusal } from '../../shared/local/discord/discord-outbox';
import type { DeadLetter } from '../../shared/local/pubsub/event-bus';
import { interactionTokenLifetimeMs } from '../../shared/discord';
import { discordErrorCodes } from '../../shared/errors';
import { snowflakeTimeMs } from '../../shared/common';
import type { SoakClient } from './client';
import type { BotLine, ChatRoom } from './chat';
import type { ClockJump } from './clock-jump';
import type { ReachEvidence } from './reach-invariants';
import type { SoakPeople } from './setup';
import type { SentInteraction } from './world';
import { pubsubRetryPolicy, topicOf } from '../../shared/registry';

/** What the runtime held at the end, read from its local routes. */
export interface Outcome {
  outbox: { entries: OutboxEntry[]; refused: OutboxRefusal[] };
  deadLetters: DeadLetter[];
  faults: { plan: string; injected: Record<string, number> };
  health: { processes: Array<{ role: string; restarts?: number }> };
  chatLines: BotLine[];
  /** By the runtime's clock. */
  nowMs: number;
}

/**
 * The move has reached every process by the time the clock's route answers (it moves them
 * all, then runs what fell due): the soak's own measure of the seam, `jump.endedAtMs`. An RPC
 * each takes milliseconds on a quiet machine and over two seconds on a loaded one, so no
 * fixed allowance holds.
 */
const moveReachedEveryProcessBy = (jump: ClockJump) => jump.endedAtMs;

/** When the runtime's own process was killed, and when the one started after it answered. */
export interface RuntimeKill {
  killedAtMs: number;
  backAtMs: number;
}

export function reachEvidence(r: {
  people: SoakPeople;
  room: ChatRoom | undefined;
  read: Outcome;
  client: SoakClient;
  /** Every move of the local clock, in the order made. */
  jumps: readonly ClockJump[];
  runtimeKill: RuntimeKill | undefined;
}): {
  reach: ReachEvidence;
  overtaken: SentInteraction[];
} {
  const overtaken = r.jumps.reduce<SentInteraction[]>(
    (all, jump) => [...all, ...overtakenByClock(r.client.sent, r.read.outbox.entries, jump, r.runtimeKill).filter((s) => !all.includes(s))],
    [],
  );
  const reach: ReachEvidence = {
    dmsClosed: r.people.dmsClosed,
    chat: { said: r.room?.said ?? [], botLines: r.read.chatLines },
    overtakenByClock: overtaken,
    moves: r.jumps.map((jump) => ({
      startedAtMs: jump.startedAtMs,
      endedAtMs: moveReachedEveryProcessBy(jump),
      byMs: jump.toMs - jump.fromMs,
      // How far the runtime's clock ran ahead of the system's before this move (the moves before it).
      aheadMs: jump.fromMs - jump.startedAtMs,
    })),
  };
  return { reach, overtaken };
}

/**
 * Pub/Sub hands a killed runtime's deliveries to the next once their ack deadline (60 s) has
 * passed, and its first back-offs after: what it was doing comes back within this of its return.
 */
const comesBackWithinMs = 100_000;

/**
 * How long a command's deliveries may still be coming when every one of them met an
 * injected fault or a killed process: a killed delivery's ack deadline (60 s), then
 * Pub/Sub's back-off between its attempts (10 s doubling, to the command topics' last
 * attempt). One deferred within this before the clock's move may still have been retried
 * at the move; one given up for good is a dead letter, which "no dead letter" sees.
 */
export const commandRetriesSpanMs = (() => {
  const attempts = topicOf('discord-commands').maxDeliveryAttempts;
  let span = 60_000;
  for (let i = 0; i < attempts - 1; i++) span += Math.min(pubsubRetryPolicy.maximumBackoffSeconds, pubsubRetryPolicy.minimumBackoffSeconds * 2 ** i) * 1_000;
  return span;
})();

/**
 * Deferred while its deliveries could still be retrying when the clock moved past their
 * token's 15 minutes (`commandRetriesSpanMs`), and never answered: the product rightly let
 * them go. So too one deferred in the minute before the
 * runtime was killed (or while it was down) when the clock moved before its work could come
 * back to the next runtime. One deferred earlier and still unanswered at the move was lost
 * for another reason, and stays for "every interaction answered" to see.
 */
export function overtakenByClock(
  sent: readonly SentInteraction[],
  entries: readonly OutboxEntry[],
  jump: ClockJump | undefined,
  kill: RuntimeKill | undefined,
): SentInteraction[] {
  if (!jump) return [];
  const answered = new Set(entries.flatMap((e) => (e.interactionToken ? [e.interactionToken] : [])));
  return sent.filter((s) => {
    const issuedAt = snowflakeTimeMs(s.id);
    // Stamped by the clock before it moved (an id made in the very millisecond the move began too): the move may overtake it.
    if (issuedAt === undefined || issuedAt >= jump.toMs) return false;
    const deferred = s.responseType === 5 || s.responseType === 6;
    const justBefore = issuedAt >= jump.fromMs - commandRetriesSpanMs;
    const heldByTheKill =
      kill !== undefined && issuedAt >= kill.killedAtMs - 60_000 && issuedAt <= kill.backAtMs && jump.fromMs <= kill.backAtMs + comesBackWithinMs;
    return deferred && !answered.has(s.token) && (justBefore || heldByTheKill) && issuedAt + interactionTokenLifetimeMs <= jump.toMs;
  });
}

/** What the product's own Cloud Tasks did: checkouts that lapsed unpaid, race windows their host left open. */
function byTheirTasks(docs: Record<string, DocumentData>): Record<string, number> {
  const lapsed = Object.entries(docs).filter(
    ([path, t]) =>
      path.startsWith('_localTasks/') &&
      t.queue === 'checkout-expiry' &&
      t.state === 'done' &&
      docs[`orders/${String(t.name).replace(/^expire-/, '')}`]?.status === 'expired',
  );
  const closed = Object.entries(docs).filter(([path, lobby]) => /^raceLobbies\/[^/]+$/.test(path) && lobby.endedBy === 'time');
  return { 'checkouts lapsed by their task': lapsed.length, 'race windows closed by their task': closed.length };
}

/** `31 min (the soak's half hour: 12 tasks fell due, 2.1 s)`, `73 h (…)`. */
function movedText(jump: ClockJump): string {
  const minutes = Math.round((jump.toMs - jump.fromMs) / 60_000);
  const by = minutes >= 180 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return `${by} (${jump.why}: ${jump.tasksRun} tasks fell due, ${(jump.tookMs / 1000).toFixed(1)} s)`;
}

export function reachedTable(r: {
  people: SoakPeople;
  room: ChatRoom | undefined;
  read: Outcome;
  jumps: readonly ClockJump[];
  overtaken: readonly SentInteraction[];
  docs: Record<string, DocumentData>;
  redisRestartedAt: number | undefined;
  startedAt: number;
  cut: number;
}): Record<string, string | number> {
  const { refused } = r.read.outbox;
  const { jumps } = r;
  return {
    'buyers with DMs closed': r.people.dmsClosed.length,
    'DMs refused (50007)': refused.filter((x) => x.code === discordErrorCodes.cannotMessageUser).length,
    'chat bids typed': r.room?.said.length ?? 0,
    'bot lines in chat': r.read.chatLines.length,
    'clock moved': jumps.length > 0 ? jumps.map(movedText).join('; ') : 'no',
    ...byTheirTasks(r.docs),
    'interactions outlived by the move': r.overtaken.length,
    'answers refused (50027) as a move reached the processes': refused.filter(
      (x) =>
        x.code === discordErrorCodes.invalidWebhookToken &&
        // Stamped by the runtime's clock: the moves before this one ahead, and this one's too once it reached the runtime.
        jumps.some((jump) => {
          const ahead = jump.fromMs - jump.startedAtMs;
          return Date.parse(x.at) >= jump.startedAtMs + ahead && Date.parse(x.at) <= moveReachedEveryProcessBy(jump) + ahead + (jump.toMs - jump.fromMs);
        }),
    ).length,
    'Redis restarted empty': r.redisRestartedAt ? `${((r.redisRestartedAt - r.startedAt) / 1000).toFixed(0)} s in` : 'no',
    'interactions lost with a killed ingress or runtime': r.cut,
  };
}
