/**
 * `npm run bench:groupbuy`: can a group buy's close charge thousands of saved cards inside
 * Stripe's rate limit, none twice, through a process killed halfway? The local runtime runs
 * as `npm start` runs it, in a process of its own, with the local Stripe enforcing Stripe's
 * 25 PaymentIntent creates a second; its store is seeded before it starts with a group buy of
 * PLEDGES pledges (default 2,000; every NEEDS_BUYER_EVERY-th card, default 100, demands
 * authentication, so pay links are part of the close) and its close armed. The close runs on
 * its own (the `groupbuy-close` task); once KILL_AT PaymentIntents exist (default half the
 * pledges) this process SIGKILLs the runtime's workers process, the one charging, and the
 * runtime starts another, which the queue's retry resumes on. This process only watches from
 * outside (the local Stripe's PaymentIntents, the outbox, the runtime's log), pays the pay
 * links as their buyers would once all are sent (each pledge's own pay page, issue 77), and waits until the builder is told the
 * group buy is funded.
 *
 * Prints: pledges, PaymentIntents made, pledges charged twice (must be 0), the most creates
 * in any one second of Stripe's against the limit, the 429s the close was answered, the wall
 * time from the close to its last PaymentIntent, and the close's charges a second against a ceiling measured
 * in the same run (a bare client of the local Stripe at the same limit, scripts/bench/
 * groupbuy-ceiling). Then whether every pledge is charged (or waits on its buyer) with one
 * paid order each. Then the most writes C500 sent the local Stripe in any one second (every
 * write, as the local Stripe's own log saw them arrive: `/_local/stripe/writes`), for that close
 * and again for two group buys of PLEDGES pledges each closing together in a fresh runtime (one
 * Stripe write budget between them, adapters/stripe/write-budget). Asserts nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntimeProcess, type RuntimeProcess } from './bench/runtime-process';
import { OutboxFollower } from './bench/outbox-follower';
import { stallWatch } from './bench/stall-watch';
import { fetchRuntime } from './bench/runtime-fetch';
import { benchGroupBuy, seedGroupBuyStore } from './bench/groupbuy-seed';
import { payLink, payLinksIn, printWrites, twoClosesTogether, writesSeen } from './bench/groupbuy-two-closes';
import { bareClientCeiling, type Ceiling } from './bench/groupbuy-ceiling';
import { stripeWritesPerSecond } from '../shared/local/stripe/per-second-limit';
import type { ListedPaymentIntent } from '../shared/local/stripe/off-session-world';
import { closeSettleMs, type GroupBuy, type Pledge } from '../shared/groupbuys';
import type { Order } from '../shared/orders';

const pledges = Number(process.env.PLEDGES ?? 2_000);
const needsBuyerEvery = Number(process.env.NEEDS_BUYER_EVERY ?? 100);
const killAt = Number(process.env.KILL_AT ?? Math.floor(pledges / 2));
const ceilingCharges = Number(process.env.CEILING_CHARGES ?? 250);
/** How long the runtime is given to start before the close comes. */
const startupMs = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Kill {
  atIntents: number;
  atMs: number;
  restartedAfterMs: number;
  /** The PaymentIntents Stripe had made when the process died (read at once: none can be made until another process runs the batch again). */
  madeBefore: Set<string>;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  const ceiling = await bareClientCeiling(ceilingCharges);
  const dataDir = mkdtempSync(join(tmpdir(), 'c500-bench-'));
  // The close's task comes a settle window after `closesAt`: that is when the runtime has had its time to start.
  const needsBuyer = await seedGroupBuyStore(dataDir, pledges, () => new Date(Date.now() + startupMs - closeSettleMs), needsBuyerEvery);
  const rt = await startRuntimeProcess({ C500_LOG_LEVEL: 'warn' }, { dataDir, logToDataDir: true });
  try {
    const watched = await watchClose(rt, needsBuyer);
    const intents = await paymentIntents(rt);
    const writes = await writesSeen(rt);
    await rt.stop({ keepData: true });
    report({ ceiling, needsBuyer, intents, ...watched, docs: storeDocs(rt.dataDir), rateLimited: rateLimitedIn(rt.dataDir) });
    printWrites('one group buy closing', writes);
  } catch (error) {
    // A stall is read afterwards from what the runtime left (its store, its log): kept, and said where.
    await printBusy(rt).catch(() => undefined);
    await rt.stop({ keepData: true });
    printOwed(storeDocs(rt.dataDir));
    console.error(`the runtime's store and log are kept in ${rt.dataDir}`);
    throw error;
  }
  await rt.stop();
  printWrites('two group buys closing together', await twoClosesTogether(pledges, needsBuyerEvery, startupMs));
}

async function paymentIntents(rt: RuntimeProcess, newest?: number): Promise<ListedPaymentIntent[]> {
  const query = newest ? `?limit=${newest}` : '';
  const { payment_intents } = (await (await fetchRuntime(`${rt.runtimeUrl}/_local/stripe/payment-intents${query}`)).json()) as {
    payment_intents: ListedPaymentIntent[];
  };
  return payment_intents.filter((p) => p.off_session && p.metadata.group_buy_id === benchGroupBuy.groupBuyId);
}

interface RunningProcess {
  role: string;
  pid?: number;
  restarts?: number;
}

async function workers(rt: RuntimeProcess): Promise<RunningProcess> {
  const health = (await (await fetchRuntime(`${rt.runtimeUrl}/_local/health`)).json()) as { processes: RunningProcess[] };
  const found = health.processes.find((p) => p.role === 'workers');
  if (!found?.pid) throw new Error('the runtime names no workers process');
  return found;
}

/**
 * Watches the close from outside: kills the charging process once KILL_AT PaymentIntents
 * exist; once every pledge was asked and every pay link sent, pays each link as its buyer
 * would (the pledge's pay page pressed, the bank's step passed on the local Stripe); then waits until the
 * builder hears the group buy is funded.
 */
async function watchClose(rt: RuntimeProcess, needsBuyer: number): Promise<{ kill: Kill | undefined; fundedAtMs: number; linksPaid: number }> {
  const outbox = new OutboxFollower(rt.runtimeUrl);
  outbox.start(500);
  let kill: Kill | undefined;
  const paid = new Set<string>();
  const stalled = stallWatch(outbox);
  try {
    for (;;) {
      const funded = outbox.dms.find((d) => d.userId === benchGroupBuy.builderId && JSON.stringify(d.message).includes('is funded'));
      if (funded) return { kill, fundedAtMs: Date.parse(funded.at), linksPaid: paid.size };
      stalled();
      if (!kill) kill = await killWhenDue(rt, stalled);
      const links = payLinksIn(outbox);
      if (links.length >= needsBuyer) for (const session of links.filter((l) => !paid.has(l))) await payLink(rt, session, paid);
      await sleep(500);
    }
  } finally {
    outbox.stop();
  }
}

/**
 * Once KILL_AT PaymentIntents exist, kills the workers process as a batch begins: the newest
 * PaymentIntent is read over and over (one, so each read is quick) and the process dies as
 * soon as a new one appears, while Stripe answers the rest of the batch and nothing of it is
 * yet written.
 */
async function killWhenDue(rt: RuntimeProcess, inTime: () => void): Promise<Kill | undefined> {
  if ((await paymentIntents(rt)).length < killAt) return undefined;
  const newest = async () => (await paymentIntents(rt, 1))[0]?.id;
  const last = await newest();
  while ((await newest()) === last) {
    inTime();
    await sleep(2);
  }
  const workersBefore = await workers(rt);
  const atMs = Date.now();
  process.kill(workersBefore.pid as number, 'SIGKILL');
  const madeBefore = new Set((await paymentIntents(rt)).map((p) => p.id));
  for (;;) {
    const after = await workers(rt).catch(() => undefined);
    if (after && (after.restarts ?? 0) > (workersBefore.restarts ?? 0))
      return { atIntents: madeBefore.size, atMs, restartedAfterMs: Date.now() - atMs, madeBefore };
    inTime();
    await sleep(100);
  }
}

/** At a stall: what the runtime's subscriptions and tasks still hold. */
async function printBusy(rt: RuntimeProcess): Promise<void> {
  const health = (await (await fetchRuntime(`${rt.runtimeUrl}/_local/health`)).json()) as {
    subscriptions: { subscription: string; waiting: number; inFlight: number }[];
    tasksDueSoon?: number;
  };
  const busy = health.subscriptions.filter((s) => s.waiting + s.inFlight > 0);
  console.error(
    `at the stall: ${busy.map((s) => `${s.subscription} ${s.inFlight} in flight, ${s.waiting} waiting`).join('; ') || 'no subscription busy'}; ${health.tasksDueSoon ?? 0} tasks due soon`,
  );
}

/** At a stall: the group buy and its pledges as the store left them, and which still owe a receipt. */
function printOwed(docs: Map<string, unknown>): void {
  const groupBuy = docs.get(`groupBuys/${benchGroupBuy.groupBuyId}`) as GroupBuy | undefined;
  const prefix = `groupBuys/${benchGroupBuy.groupBuyId}/pledges/`;
  const all = [...docs].filter(([path]) => path.startsWith(prefix)).map(([, doc]) => doc as Pledge);
  const owed = all.filter((p) => p.receiptOwed);
  console.error(`at the stall: group buy ${groupBuy?.status ?? 'missing'}; ${owed.length} pledges owe a receipt (${owed.map((p) => p.status).join(', ')})`);
  console.error(`pledges with a card still attached: ${all.filter((p) => p.paymentMethodId !== undefined && p.cardReleasedAt === undefined).length}`);
}

/** The runtime's store as it left it: every document by path. */
function storeDocs(dataDir: string): Map<string, unknown> {
  const snapshot = JSON.parse(readFileSync(join(dataDir, 'store.json'), 'utf8')) as { docs: Record<string, unknown> };
  return new Map(Object.entries(snapshot.docs));
}

/** The 429s the close was answered, from its batches' WARNING lines (`groupbuy.batch`). */
function rateLimitedIn(dataDir: string): number {
  const lines = readFileSync(join(dataDir, 'runtime.log'), 'utf8').split('\n');
  return lines
    .filter((line) => line.includes('"groupbuy.batch"'))
    .reduce((sum, line) => sum + ((JSON.parse(line) as { rateLimited?: number }).rateLimited ?? 0), 0);
}

interface Watched {
  ceiling: Ceiling;
  needsBuyer: number;
  intents: ListedPaymentIntent[];
  kill: Kill | undefined;
  fundedAtMs: number;
  linksPaid: number;
  docs: Map<string, unknown>;
  rateLimited: number;
}

function report(run: Watched): void {
  const groupBuy = run.docs.get(`groupBuys/${benchGroupBuy.groupBuyId}`) as GroupBuy;
  const closedAtMs = Date.parse(groupBuy.closedAt ?? groupBuy.closesAt);
  const perBuyer = new Map<string, number>();
  // By the buyer's pseudonym, as Stripe's metadata names them.
  const buyerOf = (p: { metadata: Record<string, string> }) => p.metadata.buyer_pseudonym ?? p.metadata.buyer_id ?? '';
  for (const p of run.intents) perBuyer.set(buyerOf(p), (perBuyer.get(buyerOf(p)) ?? 0) + 1);
  const twice = [...perBuyer.values()].filter((n) => n > 1).length;
  const perSecond = new Map<number, number>();
  for (const p of run.intents) perSecond.set(p.created, (perSecond.get(p.created) ?? 0) + 1);
  // The charging: from the close to the end of the second of the last PaymentIntent; its rate per whole second of
  // Stripe's (the limit's window), first to last, as the ceiling's is counted.
  const created = run.intents.map((p) => p.created);
  const chargingSeconds = Math.max(...created) + 1 - closedAtMs / 1000;
  const rate = run.intents.length / (Math.max(...created) - Math.min(...created) + 1);
  console.log(`${pledges} pledges of one unit (${run.needsBuyer} cards that demand authentication); the close at ${new Date(closedAtMs).toISOString()}`);
  console.log(
    '\n| pledges | PaymentIntents made | charged twice | most creates in one second (limit) | 429s seen | wall time | charges a second | ceiling (bare client) | ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${pledges} | ${run.intents.length} | ${twice} | ${Math.max(0, ...perSecond.values())} (${stripeWritesPerSecond}) | ${run.rateLimited} | ${chargingSeconds.toFixed(1)} s | ${rate.toFixed(1)} | ${run.ceiling.perSecond.toFixed(1)} (${run.ceiling.charges} in ${run.ceiling.seconds} s, ${run.ceiling.rateLimited} 429s) | ${(rate / run.ceiling.perSecond).toFixed(2)} |`,
  );
  printKill(run, closedAtMs);
  console.log(
    `${run.linksPaid} pay links paid by their buyers once sent; the builder told it is funded ${((run.fundedAtMs - closedAtMs) / 1000).toFixed(1)} s after the close`,
  );
  printOutcome(run.docs, groupBuy);
}

function printKill(run: Watched, closedAtMs: number): void {
  const kill = run.kill;
  if (!kill) return console.log('\nthe workers process was never killed: the close ended before KILL_AT PaymentIntents');
  // Made by Stripe before the kill, recorded on their order after it: asked again under the same key, answered the same PaymentIntent.
  const orders = [...run.docs].filter(([path]) => path.startsWith('orders/')).map(([, doc]) => doc as Order);
  const replayed = orders.filter((o) => kill.madeBefore.has(o.paymentIntentId ?? '') && Date.parse(o.paidAt ?? '') > kill.atMs);
  console.log(
    `\nthe workers process (charging) was SIGKILLed ${((kill.atMs - closedAtMs) / 1000).toFixed(1)} s after the close, as a batch began, with ${kill.atIntents} PaymentIntents made; the runtime had another up ${(kill.restartedAfterMs / 1000).toFixed(1)} s later; ${replayed.length} charges Stripe had made before the kill were recorded after it, asked again under their key`,
  );
}

function printOutcome(docs: Map<string, unknown>, groupBuy: GroupBuy): void {
  const prefix = `groupBuys/${benchGroupBuy.groupBuyId}/pledges/`;
  const all = [...docs].filter(([path]) => path.startsWith(prefix)).map(([, doc]) => doc as Pledge);
  const byStatus = new Map<string, number>();
  for (const p of all) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  const orders = [...docs].filter(([path]) => path.startsWith('orders/')).map(([, doc]) => doc as Order);
  const paid = orders.filter((o) => o.status === 'paid');
  const oneEach = new Set(paid.map((o) => o.buyerId)).size === paid.length;
  console.log(`pledges: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}; group buy ${groupBuy.status}, ${groupBuy.fundedUnits ?? 0} units funded`);
  console.log(`orders: ${paid.length} paid (${oneEach ? 'one a buyer' : 'SOME BUYER HAS TWO'}), ${orders.length - paid.length} not paid`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
