/**
 * What `npm run bench:auction` prints: each run's figures as it ends, then one table of them
 * all, the capacity and the ceiling. With `--twitch`, the chat herd's beside Discord's: the
 * Twitch ingress's answers, the chat bids the book took, and what the bot said in chat
 * against Twitch's 30-second budget.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Sent } from './http-sender';
import type { AuctionCheck } from './auction-check';
import type { BotChat, ChatMessage } from './twitch-herd';
import type { UserWaits } from './user-waits';
import type { Usage } from './usage-meter';
import type { BookDecision } from './book-decisions';

/** Discord's deadline for the first answer, and the bar for a herd's p99 answer. */
export const discordDeadlineMs = 3_000;
export const capacityP99Ms = 250;

export const percentile = (values: number[], p: number) =>
  values.length === 0 ? NaN : ([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number);
export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export interface ReportedBid extends Sent {
  token: string;
}

export interface ChatRun {
  /** Chat messages a second, offered. */
  rate: number;
  messages: ChatMessage[];
  /** The bot's chat from the auction's start to its hammer line. */
  bot: BotChat;
}

export interface RunResult {
  label: string;
  bids: ReportedBid[];
  check: AuctionCheck;
  /** CPU per request: per Discord bid, or with chat, per request of either herd. */
  cpuMsPerBid: Record<string, number>;
  /** CPU per request of the bare verifying server at the same rate, when measured. */
  floorMsPerBid?: number;
  chat?: ChatRun;
  /** What people waited for: a lead shown in the embed, the hammer's post, DM and chat line. */
  waits?: UserWaits;
  /** What each request cost the services: the capacity model's inputs. */
  usage?: Usage;
  /** How far behind its time each request left, in ms (the load generator's own lateness, Discord's and Twitch's herds together). */
  sentLateMs?: number[];
  /** Connections each sender opened while its herd ran, beside the pool it kept open before. */
  connections?: { discord: ConnectionsOpened; twitch?: ConnectionsOpened };
  /** Each Discord bid's time in the bid subscriber up to the book's answer, from the runtime's own log (book-decisions). */
  book?: BookDecision[];
}

export interface ConnectionsOpened {
  opened: number;
  pool: number;
}

function summarize(result: RunResult) {
  const { bids } = result;
  const ack = bids.filter((b) => b.answeredAtMs !== undefined && b.status === 200 && b.responseType === 5).map((b) => (b.answeredAtMs as number) - b.sentAtMs);
  const edits = bids.flatMap((b) => {
    const answer = result.check.answers.get(b.token);
    return answer ? [answer.firstAtMs - b.sentAtMs] : [];
  });
  return {
    within3s: (100 * ack.filter((ms) => ms <= discordDeadlineMs).length) / bids.length,
    ack,
    edits,
    refused: bids.filter((b) => /couldn’t reach|try again/i.test(result.check.answers.get(b.token)?.text ?? '')).length,
  };
}

/** The Twitch ingress's answers: Twitch wants a 2xx within a few seconds, and this herd's bar is p99 ≤ 250 ms. */
function summarizeChat(chat: ChatRun) {
  const answered = chat.messages.filter((m) => m.answeredAtMs !== undefined).map((m) => (m.answeredAtMs as number) - m.sentAtMs);
  const ok = chat.messages.filter((m) => (m.status ?? 0) >= 200 && (m.status ?? 0) < 300).length;
  return { answered, ok2xx: (100 * ok) / chat.messages.length, p50: percentile(answered, 50), p99: percentile(answered, 99), max: Math.max(...answered) };
}

const statusesOf = (sent: readonly Sent[], ok: (status: number) => boolean) => {
  const statuses = new Map<string, number>();
  for (const s of sent) {
    const key = s.status === 0 || s.status === undefined ? 'no answer (connection failed)' : `HTTP ${s.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  return statuses.size > 1 || ![...sent].every((s) => ok(s.status ?? 0)) ? [...statuses].map(([k, n]) => `${k} × ${n}`).join(', ') : undefined;
};

export function printRun(result: RunResult, rate?: number): void {
  const s = summarize(result);
  const c = result.check;
  console.log(`\n${result.label}`);
  printSending(result);
  const sent = result.bids.map((b) => b.sentAtMs);
  const seconds = (Math.max(...result.bids.map((b) => b.answeredAtMs ?? 0)) - Math.min(...sent)) / 1000;
  if (!rate) console.log(`  throughput: ${fmt(result.bids.length / seconds)} bids/s answered (${result.bids.length} in ${fmt(seconds, 1)} s)`);
  console.log(
    `  acks within 3 s: ${fmt(s.within3s, 1)} % of ${result.bids.length}; ack p50 ${fmt(percentile(s.ack, 50))} ms, p99 ${fmt(percentile(s.ack, 99))} ms, max ${fmt(Math.max(...s.ack))} ms`,
  );
  const statuses = statusesOf(result.bids, (status) => status === 200);
  if (statuses) console.log(`  answers: ${statuses}`);
  console.log(
    `  answer edited: ${s.edits.length} of ${result.bids.length}; edit p50 ${fmt(percentile(s.edits, 50))} ms, p99 ${fmt(percentile(s.edits, 99))} ms`,
  );
  console.log(
    `  refused "couldn’t reach" or "try again": ${s.refused}; lost: ${c.lost}; double-counted: ${c.doubleCounted}; accepted into the log: ${c.logged}${c.altered ? `; logged other than sent: ${c.altered}` : ''}`,
  );
  if (result.book) printWhereTimeWent(result, s);
  if (result.chat) printChat(result.chat, c);
  console.log(`  winner: ${c.winnerSummary}`);
  if (result.waits) printWaits(result.waits);
  if (result.usage) printUsage(result.usage, result.chat ? 'request' : 'bid');
  const total = (rate ?? 0) + (result.chat?.rate ?? 0);
  console.log(
    `  CPU per ${result.chat ? 'request (a bid or a chat message)' : 'bid'}: ${Object.entries(result.cpuMsPerBid)
      .map(([name, ms]) => `${name} ${fmt(ms, 3)} ms`)
      .join(', ')}${
      rate
        ? ` (at ${total} ${result.chat ? 'requests' : 'bids'}/s: ${Object.entries(result.cpuMsPerBid)
            .map(([name, ms]) => `${name} ${fmt((ms * total) / 10, 0)} %`)
            .join(', ')} of a core)`
        : ''
    }`,
  );
  if (result.floorMsPerBid !== undefined)
    console.log(
      `  a bare Node server that only checks Ed25519 and answers, at the same rate: ${fmt(result.floorMsPerBid, 3)} ms a request${result.chat ? '' : ` (the ingress: ${fmt((result.cpuMsPerBid.ingress ?? NaN) / result.floorMsPerBid, 2)} × that)`}`,
    );
}

const spread = (values: number[]) => `p50 ${fmt(percentile(values, 50))} ms, p99 ${fmt(percentile(values, 99))} ms, max ${fmt(Math.max(...values))} ms`;

/**
 * Where a bid's time went, each stage on its own clock: the ingress's answer (from sending),
 * the book's own decision (from the delivery reaching the bid subscriber to the script's
 * answer, the gathering's window left out), the window's wait, and the edit of the answer
 * (from sending, everything included). Percentiles of each stage apart: they do not add up.
 */
function printWhereTimeWent(result: RunResult, s: ReturnType<typeof summarize>): void {
  const book = result.book ?? [];
  const sealed = book.filter((d) => d.sealed);
  console.log(`  where a bid's time went (${book.length} decisions read from the subscriber's log; each stage's percentiles apart):`);
  console.log(`    ack (the ingress's answer, from sending): ${spread(s.ack)}`);
  console.log(
    `    the book's own decision (the delivery reaching the bid subscriber to the script's answer, the window left out): ${spread(book.map((d) => d.decisionMs))}; of it the script call ${spread(book.map((d) => d.scriptMs))}`,
  );
  if (sealed.length > 0)
    console.log(`    the book's own decision, the ${sealed.length} bids taken sealed in the final call: ${spread(sealed.map((d) => d.decisionMs))}`);
  console.log(`    gathering window (waiting for the batch's script call to leave): ${spread(book.map((d) => d.gatheredMs))}`);
  console.log(`    answer edited (from sending, everything included): ${spread(s.edits)}`);
}

/**
 * The warm-up's figures, printed for what they say about processes just started (the
 * cold-start transient) and kept out of the tables, the capacity and the record.
 */
export function printWarmup(result: RunResult): void {
  const s = summarize(result);
  const shown = (result.waits?.leadShownMs ?? []).filter((ms): ms is number => ms !== undefined);
  const t = result.chat ? summarizeChat(result.chat) : undefined;
  console.log(`\n${result.label}`);
  console.log(
    `  acks within 3 s: ${fmt(s.within3s, 1)} %, ack p99 ${fmt(percentile(s.ack, 99))} ms${t ? `; Twitch 2xx ${fmt(t.ok2xx, 1)} %, p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms` : ''}; lead shown p95 ${fmt(percentile(shown, 95))} ms; lost ${result.check.lost}, double-counted ${result.check.doubleCounted}; winner right: ${result.check.winnerRight ? 'yes' : 'NO'}`,
  );
  console.log(`  winner: ${result.check.winnerSummary}`);
  console.log(
    `  CPU per request: ${Object.entries(result.cpuMsPerBid)
      .filter(([, ms]) => ms >= 0.001)
      .map(([name, ms]) => `${name} ${fmt(ms, 3)} ms`)
      .join(', ')}`,
  );
  console.log(`  ack p99 by second of the warm-up: ${bySecond(result.bids, (b) => (b.status === 200 && b.responseType === 5 ? b.answeredAtMs : undefined))}`);
  if (result.chat) console.log(`  Twitch p99 by second of the warm-up: ${bySecond(result.chat.messages, (m) => m.answeredAtMs)}`);
  printSending(result);
}

/**
 * How the herd left: a load generator that left late sent bursts, and a herd that opened
 * connections paid for each where a warm pool would not. Said for every herd, warm-up or measured.
 */
function printSending({ connections, sentLateMs }: RunResult): void {
  if (sentLateMs?.length) {
    console.log(
      `  the load generator left behind schedule: p50 ${fmt(percentile(sentLateMs, 50))} ms, p99 ${fmt(percentile(sentLateMs, 99))} ms, max ${fmt(Math.max(...sentLateMs))} ms`,
    );
  }
  if (connections) console.log(`  ${connectionsOpened(connections)}`);
}

function connectionsOpened({ discord, twitch }: NonNullable<RunResult['connections']>): string {
  return `connections opened during the herd: Discord ${discord.opened} (pool of ${discord.pool}, all open before it)${twitch ? `, Twitch ${twitch.opened} (pool of ${twitch.pool})` : ''}`;
}

/** The herd that warms the local stand-ins and the load generator before the function processes are started again: one line, for what it is. */
export function printStandInsHerd(result: RunResult): void {
  const s = summarize(result);
  const t = result.chat ? summarizeChat(result.chat) : undefined;
  console.log(`\n${result.label}`);
  console.log(
    `  acks within 3 s: ${fmt(s.within3s, 1)} %, ack p99 ${fmt(percentile(s.ack, 99))} ms${t ? `; Twitch p99 ${fmt(t.p99)} ms` : ''}; lost ${result.check.lost}, double-counted ${result.check.doubleCounted}; winner right: ${result.check.winnerRight ? 'yes' : 'NO'}`,
  );
  printSending(result);
}

/** Where a cold start's wait sits: the p99 of the answers to what was sent in each second of the run. */
function bySecond<T extends { sentAtMs: number }>(sent: readonly T[], answeredAt: (s: T) => number | undefined): string {
  const start = Math.min(...sent.map((s) => s.sentAtMs));
  const seconds: number[][] = [];
  for (const s of sent) {
    const at = answeredAt(s);
    if (at === undefined) continue;
    (seconds[Math.floor((s.sentAtMs - start) / 1000)] ??= []).push(at - s.sentAtMs);
  }
  return seconds.map((waits, i) => `${i + 1}: ${fmt(percentile(waits ?? [], 99))} ms`).join(', ');
}

function printChat(chat: ChatRun, c: AuctionCheck): void {
  const t = summarizeChat(chat);
  const statuses = statusesOf(chat.messages, (status) => status >= 200 && status < 300);
  console.log(
    `  Twitch ingress: ${chat.messages.length} chat messages, 2xx ${fmt(t.ok2xx, 1)} %; answer p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms, max ${fmt(t.max)} ms${statuses ? ` (${statuses})` : ''}`,
  );
  if (c.chat)
    console.log(
      `  chat bids from signed-in chatters: ${c.chat.sent}, in the book ${c.chat.logged} (the rest too low or the leader's own); missed the book though made in time and high enough: ${c.chat.missed}; counted from chatters never signed in: ${c.chat.unsigned}`,
    );
  console.log(
    `  the bot in chat: ${chat.bot.sent} messages, the most in any 30 s ${chat.bot.mostIn30s} (budget ${chat.bot.budget}), dropped by Twitch ${chat.bot.dropped}`,
  );
}

export function printSummary(results: Array<{ rate?: number; result: RunResult }>, ceilingPerSecond: number | undefined, closedBurst: boolean): void {
  const chat = results.some(({ result }) => result.chat);
  const processes = [
    'ingress',
    ...(chat ? ['twitch-webhook', 'chat-bids'] : []),
    'subscribers',
    // The hammer, the trailing embed edits and the run sheet run in the workers; the store, bus and queue in the runtime.
    'workers',
    'runtime',
    'redis',
    ...(results[0]?.result.cpuMsPerBid.bridge !== undefined ? ['bridge'] : []),
    'load generator',
  ];
  console.log(
    `\n| offered bids/s | acks ≤ 3 s | ack p50 | ack p99 | ack max | book p50 | book p99 | book max | gather p99 | edit p50 | edit p99 | refused | lost | double | winner right | CPU ms/${chat ? 'request' : 'bid'}: ${processes.join(' / ')} | bare Ed25519 server |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { rate, result } of results) {
    const s = summarize(result);
    const procs = processes.map((name) => fmt(result.cpuMsPerBid[name] ?? NaN, 3)).join(' / ');
    console.log(
      `| ${rate ?? 'burst'} | ${fmt(s.within3s, 1)} % | ${fmt(percentile(s.ack, 50))} ms | ${fmt(percentile(s.ack, 99))} ms | ${fmt(Math.max(...s.ack))} ms | ${bookColumns(result.book ?? [])} | ${fmt(percentile(s.edits, 50))} ms | ${fmt(percentile(s.edits, 99))} ms | ${s.refused} | ${result.check.lost} | ${result.check.doubleCounted} | ${result.check.winnerRight ? 'yes' : 'NO'} | ${procs} | ${fmt(result.floorMsPerBid ?? NaN, 3)} |`,
    );
  }
  if (chat) printChatSummary(results);
  const held = results.filter(({ rate, result }) => {
    const s = summarize(result);
    const twitchHeld = !result.chat || (summarizeChat(result.chat).p99 <= capacityP99Ms && summarizeChat(result.chat).ok2xx === 100);
    return rate !== undefined && percentile(s.ack, 99) < capacityP99Ms && s.refused === 0 && s.within3s === 100 && twitchHeld;
  });
  const capacity = Math.max(0, ...held.map(({ rate }) => rate as number));
  if (!closedBurst)
    console.log(
      `\ncapacity (the largest offered rate with ack p99 under ${capacityP99Ms} ms, every ack inside 3 s, nothing refused${chat ? ', and with the chat herd beside it every Twitch delivery answered 2xx at p99 ≤ 250 ms' : ''}): ${capacity || 'none of the rates tried'} bids/s`,
    );
  if (ceilingPerSecond) {
    console.log(`ceiling: redis-benchmark EVALSHA of the same bid script straight at Redis: ${fmt(ceilingPerSecond)} bids/s`);
    if (capacity) console.log(`capacity / ceiling: ${fmt((100 * capacity) / ceilingPerSecond, 1)} %`);
    const offered = results.map(({ rate, result }) => (rate ?? 0) + (result.chat?.rate ?? 0));
    console.log(
      `offered${chat ? ' (Discord bids + chat messages)' : ''} / ceiling: ${offered.map((n) => `${fmt((100 * n) / ceilingPerSecond, 1)} %`).join(', ')}`,
    );
  }
}

/** The book's own decision p50, p99 and max, and the gathering window's p99: the table's columns. */
function bookColumns(book: readonly BookDecision[]): string {
  const decisions = book.map((d) => d.decisionMs);
  return [
    percentile(decisions, 50),
    percentile(decisions, 99),
    Math.max(...decisions),
    percentile(
      book.map((d) => d.gatheredMs),
      99,
    ),
  ]
    .map((ms) => `${fmt(ms)} ms`)
    .join(' | ');
}

function printChatSummary(results: Array<{ rate?: number; result: RunResult }>): void {
  console.log(
    '\n| offered bids/s + chat msgs/s | Twitch 2xx | Twitch p50 | Twitch p99 | Twitch max | chat bids in book / sent | chat bids missed | bot chat msgs | most in any 30 s (budget) | dropped by Twitch | Discord acks ≤ 3 s | winner right |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { rate, result } of results) {
    if (!result.chat) continue;
    const t = summarizeChat(result.chat);
    const c = result.check.chat;
    const bot = result.chat.bot;
    console.log(
      `| ${rate} + ${result.chat.rate} | ${fmt(t.ok2xx, 1)} % | ${fmt(t.p50)} ms | ${fmt(t.p99)} ms | ${fmt(t.max)} ms | ${c?.logged ?? '–'} / ${c?.sent ?? '–'} | ${c?.missed ?? '–'} | ${bot.sent} | ${bot.mostIn30s} (${bot.budget}) | ${bot.dropped} | ${fmt(summarize(result).within3s, 1)} % | ${result.check.winnerRight ? 'yes' : 'NO'} |`,
    );
  }
}

/** The waits a bidder, a winner and a chat see, against the targets of a show in production. */
export const leadShownTargetMs = 1_500;
export const winnerDmTargetMs = 5_000;

function printWaits(w: UserWaits): void {
  const shown = w.leadShownMs.filter((ms): ms is number => ms !== undefined);
  const never = w.leadShownMs.length - shown.length;
  const within = shown.filter((ms) => ms <= leadShownTargetMs).length;
  console.log(
    `  a lead shown in the embed: ${w.leadShownMs.length} bids told "You lead"; p50 ${fmt(percentile(shown, 50))} ms, p95 ${fmt(percentile(shown, 95))} ms, p99 ${fmt(percentile(shown, 99))} ms; within ${leadShownTargetMs / 1000} s ${fmt((100 * within) / Math.max(1, w.leadShownMs.length), 1)} %${never ? `; never shown (overtaken before the next edit): ${never}` : ''}`,
  );
  // Against the winner's 5 s: the DM (a member) or the chat line (a chatter) is the winner's news.
  const s = (ms: number | undefined) => (ms === undefined ? '–' : `${fmt(ms / 1000, 2)} s${ms > winnerDmTargetMs ? ' (over 5 s)' : ''}`);
  console.log(
    `  from the hammer (the final call's end): SOLD posted ${s(w.hammerToPostMs)}, the winner's DM ${s(w.hammerToDmMs)}${w.hammerToChatMs !== undefined ? `, SOLD in chat ${s(w.hammerToChatMs)}` : ''}`,
  );
}

function printUsage(u: Usage, per: string): void {
  const parts = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${fmt(n, 2)}`)
      .join(', ');
  console.log(
    `  per ${per}: Redis scripts called ${fmt(u.redisScriptCalls, 2)} (commands run, inside scripts too: ${fmt(u.redisCommands, 2)}); Pub/Sub deliveries ${parts(u.pubsub) || '0'}; Firestore writes ${fmt(u.firestoreWrites, 3)}; Discord calls ${parts(u.discord) || '0'}`,
  );
  if (u.hottest.length > 0)
    console.log(
      `  busiest documents: ${u.hottest.map((d) => `${d.path} ${d.writes} (peak ${d.peakPerSecond}/s, sustained ${d.sustainedPerSecond ?? '?'}/s)`).join(', ')}`,
    );
}

/** One rate's figures as the capacity model reads them (`CAPACITY_RECORD=<file> npm run bench:auction`). */
export interface RecordedRun {
  bidsPerSecond: number;
  chatPerSecond: number;
  cpuMsPerRequest: Record<string, number>;
  usage: Usage | undefined;
  ackP50Ms: number;
  ackP99Ms: number;
  editP50Ms: number;
  twitchP99Ms?: number;
  leadShownP95Ms?: number;
  hammerToDmMs?: number;
}

export function recordedRun(rate: number, result: RunResult): RecordedRun {
  const s = summarize(result);
  const shown = (result.waits?.leadShownMs ?? []).filter((ms): ms is number => ms !== undefined);
  return {
    bidsPerSecond: rate,
    chatPerSecond: result.chat?.rate ?? 0,
    cpuMsPerRequest: result.cpuMsPerBid,
    usage: result.usage,
    ackP50Ms: percentile(s.ack, 50),
    ackP99Ms: percentile(s.ack, 99),
    editP50Ms: percentile(s.edits, 50),
    ...(result.chat ? { twitchP99Ms: summarizeChat(result.chat).p99 } : {}),
    ...(shown.length > 0 ? { leadShownP95Ms: percentile(shown, 95) } : {}),
    ...(result.waits?.hammerToDmMs !== undefined ? { hammerToDmMs: result.waits.hammerToDmMs } : {}),
  };
}

/** The figures the capacity model (`npm run capacity`) starts from, with how, where and when they were measured. */
export function recordForCapacity(
  file: string,
  command: string,
  results: Array<{ rate?: number; result: RunResult }>,
  ceilingPerSecond: number | undefined,
): void {
  const record = {
    measuredAt: new Date().toISOString(),
    command,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    latency: process.env.C500_LATENCY ?? 'off',
    redisBenchmarkBidsPerSecond: ceilingPerSecond ?? null,
    runs: results.flatMap(({ rate, result }) => (rate === undefined ? [] : [recordedRun(rate, result)])),
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nrecorded for the capacity model: ${file}`);
}
