/**
 * `npm run soak -- [--minutes 5] [--seed 1] [--faults default|off|<spec>] [--no-crashes] [--no-stripe-world] [--production-clients]`:
 * mixed traffic through the whole local pipeline (drops and Buy Now bursts, auctions under
 * a herd with second chances and `!bid`s from a builder's Twitch chat, a show, a race with
 * Stripe, Ko-fi and Shopify sales and refunds, proofs of work, payouts, `/c500 refund` by
 * builders and admins, disputes won and lost before and after the release) while the
 * outside services fail on purpose (`C500_FAULTS`, see shared/local/faults; each function
 * process's clock off by up to ±500 ms), function processes and once the Discord ingress
 * are killed with `kill -9`, the soak's own Redis is restarted empty once, and half an
 * hour passes in an instant once (`POST /_local/clock`), so checkouts lapse and races close
 * by their own tasks mid-traffic. Some buyers closed their DMs; some are named to hurt
 * (`@everyone`, a role mention, markdown, zero-width and right-to-left text). Stripe's wider
 * world is always in the mix (soak/stripe-world.ts; `--no-stripe-world` leaves it out): inquiries,
 * escalations, second disputes, failed refunds, fraud warnings, a failed payout and a revoked
 * account. Group buys are always in it too (soak/groupbuys.ts): interest checks, joins through
 * the setup checkout with cards that work, want their buyer or are declined, leaves, closes met
 * and short, pay links paid or left to lapse, the clock moved past their hour-long windows and
 * their pay links' 72 hours. When the traffic is over, a few buyers download their data and erase themselves,
 * faults still on (soak/privacy.ts), and none may be named anywhere after. Then it lets
 * everything settle, runs the auction sweep as Cloud Scheduler would next, reads what
 * happened from outside (the store's snapshot, Stripe's stand-in's objects, the outbox and
 * its refusals, the bot's Twitch chat, the dead letters) and checks the invariants and the
 * reach checks (soak/reach-invariants.ts). Prints the faults injected by kind, how many
 * drop and auction orders were paid, proved live and released (a minute's run that sold and
 * proved none breaks "the run exercised releases"), what the run reached, what the group buys came to, and each invariant held or broken, with the first counterexample; exits 1
 * when one broke; then each SLO's compliance over the run's own log, by terraform's filters
 * (scripts/slo). The runtime runs in a process of its own, never this one. With
 * `--production-clients` it runs on the production clients over Google's emulators (started
 * here unless their hosts are set), and the documents are read out of the emulator.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { DeadLetter } from '../shared/local/pubsub/event-bus';
import { pause, SoakClient, SoakRandom } from './soak/client';
import { pingableIn, setUpServer, soakPeople, type SoakPeople } from './soak/setup';
import { marketplaceTraffic, type TrafficCounts } from './soak/marketplace';
import { auctionTraffic } from './soak/auctions';
import { showTraffic } from './soak/shows';
import { raceTraffic } from './soak/races';
import { crashes } from './soak/crashes';
import { checkInvariants, type InvariantResult } from './soak/invariants';
import { ClockMoves, clockJump, type ClockJump } from './soak/clock-jump';
import { groupBuyTraffic } from './soak/groupbuys';
import { groupBuyTable } from './soak/groupbuy-report';
import { reconciliationCounts } from './soak/journal-invariants';
import { redisRestart, type BookOutage } from './soak/redis';
import { startSoakRuntime, type SoakRuntime } from './soak/soak-runtime';
import { wantsProductionClients } from './production-emulators';
import { botLines, openChatRoom, type ChatRoom } from './soak/chat';
import { reachedTable, reachEvidence, type Outcome, type RuntimeKill } from './soak/reach';
import { printCompliance, runLogOf } from './slo/terraform-slos';
import { answerTimesSeen, ingressTimesOf, requestsWithoutLine, withIngressTimes } from './soak/answer-times';
import { interactionAnswerWindowMs } from './soak/ledger-invariants';
import { revokeAnAccount } from './soak/stripe-world';
import { stripeWorldRound } from './soak/stripe-world-round';
import { platformPayoutsAndFees } from './soak/platform-payouts';
import { privacyEvidence, privacyRound, type ErasedMember } from './soak/privacy';
import { chatterErases } from './soak/chatter-privacy';
import { releaseCounts, type ReleaseCounts } from './soak/release-invariants';

interface Args {
  minutes: number;
  seed: number;
  faults: string;
  crashes: boolean;
  productionClients: boolean;
  stripeWorld: boolean;
}

function readArgs(argv: string[]): Args {
  const args: Args = {
    minutes: 5,
    seed: 1,
    faults: 'default',
    crashes: true,
    productionClients: wantsProductionClients(argv, process.env),
    stripeWorld: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    if (flag === '--production-clients') continue;
    if (flag === '--no-crashes') {
      args.crashes = false;
      continue;
    }
    // `--stripe-world` is what every run does now; still taken so older command lines run as they did.
    if (flag === '--stripe-world' || flag === '--no-stripe-world') {
      args.stripeWorld = flag === '--stripe-world';
      continue;
    }
    if (flag === '--minutes') args.minutes = Number(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--faults') args.faults = value;
    else
      throw new Error(`unknown argument ${flag}: use --minutes <n> --seed <n> --faults default|off|<spec> --no-crashes --no-stripe-world --production-clients`);
    i++;
  }
  if (!(args.minutes > 0) || !Number.isInteger(args.seed)) throw new Error('--minutes takes a number above 0, --seed a whole number');
  return args;
}

/** What the soak's phases share: its arguments, the runtime and its client, the people, and what the traffic counted, noted and killed. */
interface Soak {
  args: Args;
  soak: SoakRuntime;
  client: SoakClient;
  people: SoakPeople;
  counts: TrafficCounts;
  notes: string[];
  note: (line: string) => void;
  killed: string[];
  /** What a killed runtime had counted of its faults: the one started after it counts from zero. */
  earlierFaults: Array<Record<string, number>>;
  runtimeKilled: RuntimeKill[];
}

/** What the traffic left behind: the chat room, when it began, the clock's moves, Redis's outage, who was erased, and how long it ran. */
interface Traffic {
  room: ChatRoom | undefined;
  startedAt: number;
  jumps: ClockJump[];
  bookOutage: BookOutage | undefined;
  erased: ErasedMember[];
  trafficMs: number;
}

/** What was read from outside once everything settled, before and as it all stopped. */
interface Settled {
  drainedMs: number;
  read: Outcome;
  docs: Awaited<ReturnType<SoakRuntime['readDocuments']>>;
  privacy: Awaited<ReturnType<typeof privacyEvidence>>;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const run = await startSoak(args);
  const { client, soak } = run;
  try {
    const traffic = await runTraffic(run);
    const settled = await settleAndRead(run, traffic.room);
    const evidence = reachEvidence({
      people: run.people,
      room: traffic.room,
      read: settled.read,
      client,
      jumps: traffic.jumps,
      runtimeKill: run.runtimeKilled[0],
    });
    keepEvidence(run, traffic, settled.read, evidence.reach);
    const results = judgeAndReport(run, traffic, settled, evidence);
    // Told, not judged: a short soak with faults on is no month of shows, and its ratios are what the faults made them.
    await printCompliance(soak.rt.dataDir, { unanswered: requestsWithoutLine(client.sent) });
    console.log(`\nwhat the soak read (the store's snapshot, outbox, dead letters, interactions) is kept in ${soak.rt.dataDir}`);
    process.exitCode = results.every((r) => r.held) ? 0 : 1;
  } catch (error) {
    client.stop();
    await soak.stopAll();
    throw error;
  }
}

/** Says what runs on what, starts the runtime (with its faults) and a client following its outbox. */
async function startSoak(args: Args): Promise<Soak> {
  const faultsOn = args.faults !== 'off';
  const crashing = faultsOn && args.crashes;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(
    `soak: ${args.minutes} min, seed ${args.seed}, faults ${faultsOn ? args.faults : 'off'}, ${crashing ? 'processes killed with kill -9' : 'no crashes'}${args.productionClients ? ', production clients on the emulators' : ''}`,
  );
  const soak = await startSoakRuntime({ faults: faultsOn ? `${args.faults}, seed=${args.seed}` : undefined, productionClients: args.productionClients });
  const { rt } = soak;
  // Stopped with the soak: its runtime, Redis and emulators would otherwise go on without it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void soak.stopAll().finally(() => process.exit(130)));
  const client = new SoakClient(rt.url, rt.runtimeUrl, rt.privateKey);
  if (args.productionClients) client.answerTimeoutMs = 180_000;
  client.stripeWorld = args.stripeWorld;
  client.follow();
  const notes: string[] = [];
  const note = (line: string) => {
    if (notes.length < 200) notes.push(line);
  };
  return {
    args,
    soak,
    client,
    people: soakPeople(new SoakRandom(args.seed * 7 + 5)),
    counts: {},
    notes,
    note,
    killed: [],
    earlierFaults: [],
    runtimeKilled: [],
  };
}

/**
 * The server set up, then every kind of traffic at once for the soak's minutes while the
 * clock jumps, Redis restarts and processes are killed; then, the traffic over, an account
 * revoked and a few people erased.
 */
async function runTraffic(run: Soak): Promise<Traffic> {
  const { args, soak, client, people, counts, note } = run;
  const faultsOn = args.faults !== 'off';
  const crashing = faultsOn && args.crashes;
  await setUpServer(client, people, note);
  const [chatBuilder] = people.builders;
  const room = chatBuilder ? await openChatRoom(client, chatBuilder, note) : undefined;
  const startedAt = Date.now();
  const until = startedAt + args.minutes * 60_000;
  const seeded = (n: number) => new SoakRandom(args.seed * 7 + n);
  const moves = new ClockMoves(client);
  const [, , , , , , bookOutage] = await Promise.all([
    marketplaceTraffic(client, people, seeded(1), until, counts, note),
    auctionTraffic(client, people, seeded(2), until, counts, note, room),
    showTraffic(client, people, seeded(3), until, counts, note),
    raceTraffic(client, people, seeded(4), until, counts, note),
    groupBuyTraffic(client, people, seeded(10), { startedAt, until }, counts, note, moves),
    clockJump(moves, seeded(6), startedAt, until),
    faultsOn ? redisRestart(soak.redis, seeded(7), startedAt, until, () => client.now()) : Promise.resolve(undefined),
    crashing
      ? crashes(
          () => client.runtimeUrl,
          new SoakRandom(args.seed),
          until,
          { everyMs: { min: 10_000, max: 30_000 }, client, ingressKills: 1, ...runtimeKills(soak, client, run.earlierFaults, run.runtimeKilled) },
          run.killed,
        )
      : Promise.resolve(),
    args.stripeWorld ? stripeWorldRound(client, people, seeded(8), until, counts, note) : Promise.resolve(),
  ]);
  // The traffic over, a builder revokes C500 from their Stripe account: what was in flight for them must still end right.
  const [revoking] = people.builders;
  if (args.stripeWorld && revoking) await revokeAnAccount(client, revoking, counts, note);
  // And Stripe pays the platform out (one payout its bank sends back, one paid) and bills the month's Connect fees.
  if (args.stripeWorld) await platformPayoutsAndFees(client, counts, note);
  // The traffic over, with the faults still on, a few buyers who took part download their data and erase themselves.
  const erasedBuyers = await privacyRound(client, people, seeded(9), new Set(client.sent.map((s) => s.userId)), counts, note);
  // And a viewer of the chat room, from `!privacy` in chat.
  const erasedChatter = await chatterErases(client, room, counts, note);
  const erased = erasedChatter ? [...erasedBuyers, erasedChatter] : erasedBuyers;
  return { room, startedAt, jumps: moves.made, bookOutage, erased, trafficMs: Date.now() - startedAt };
}

/** Lets everything settle, runs the sweep as Cloud Scheduler would next, reads what happened, and stops the runtime, Redis and emulators. */
async function settleAndRead(run: Soak, room: ChatRoom | undefined): Promise<Settled> {
  const { soak, client } = run;
  const drainedMs = await quiet(client.runtimeUrl, 5 * 60_000);
  // Cloud Scheduler's next tick: whatever a hammer could not settle, the sweep does.
  await fetch(`${client.runtimeUrl}/jobs/auction-sweep`, { method: 'POST' }).catch(() => undefined);
  await quiet(client.runtimeUrl, 2 * 60_000);
  const read = await readOutcome(client.runtimeUrl, client, room, run.earlierFaults);
  client.stop();
  await soak.stopRuntime();
  const docs = await soak.readDocuments();
  // Read before Redis stops: the erased must be in none of its keys.
  const runLog = runLogOf(soak.rt.dataDir);
  const privacy = await privacyEvidence(soak.redis.url, runLog, read.chatLines);
  await soak.stopAll();
  withIngressTimes(client.sent, ingressTimesOf(runLog));
  return { drainedMs, read, docs, privacy };
}

/** Kept beside the store's snapshot, to look into whatever broke. */
function keepEvidence(run: Soak, traffic: Traffic, read: Outcome, reach: ReturnType<typeof reachEvidence>['reach']): void {
  const { client } = run;
  writeFileSync(
    join(run.soak.rt.dataDir, 'soak-evidence.json'),
    JSON.stringify(
      {
        ...read,
        sent: client.sent,
        dropsListed: client.dropsListed,
        salesSent: client.salesSent,
        reach,
        cutByCrash: client.cutByCrash,
        jumps: traffic.jumps,
        runtimeKilled: run.runtimeKilled,
        bookOutage: traffic.bookOutage,
      },
      null,
      1,
    ),
  );
}

/** Checks the invariants over what was read, and prints the run: its traffic, faults, reach and each invariant's verdict. */
function judgeAndReport(run: Soak, traffic: Traffic, settled: Settled, { reach, overtaken }: ReturnType<typeof reachEvidence>): InvariantResult[] {
  const { args, client, people } = run;
  const { read, docs } = settled;
  const results = checkInvariants({
    docs,
    outbox: read.outbox.entries,
    refused: read.outbox.refused,
    deadLetters: read.deadLetters,
    // One outlived by the clock's move was rightly let go (one lost with the killed ingress never reached us): counted apart.
    sent: client.sent.filter((s) => !overtaken.includes(s)),
    refundsAsked: client.refundsAsked,
    addressesTyped: client.addressesTyped,
    dropsListed: client.dropsListed,
    salesSent: client.salesSent,
    pingable: pingableIn(people),
    nowMs: read.nowMs,
    graceMs: 30_000,
    bookOutages: traffic.bookOutage ? [traffic.bookOutage] : [],
    trafficMs: traffic.trafficMs,
    stripeWorld: args.stripeWorld,
    reach,
    erased: traffic.erased,
    ...settled.privacy,
  });
  const reached = reachedTable({
    people,
    room: traffic.room,
    read,
    jumps: traffic.jumps,
    overtaken,
    docs: Object.fromEntries(docs),
    redisRestartedAt: traffic.bookOutage?.backAtMs,
    startedAt: traffic.startedAt,
    cut: client.cutByCrash.length,
  });
  reached['interactions answered, on the soak’s clock (this machine’s queueing included)'] = answerTimesSeen(client.sent, interactionAnswerWindowMs);
  const groupBuys = groupBuyTable({ docs });
  const reconciliation = reconciliationCounts({ docs });
  report({
    args,
    trafficMs: traffic.trafficMs,
    drainedMs: settled.drainedMs,
    counts: run.counts,
    faults: read.faults,
    killed: run.killed,
    restarts: read.health.processes,
    results,
    notes: run.notes,
    sent: client.sent.length,
    reached,
    groupBuys,
    reconciliation,
    orders: releaseCounts({ docs }),
  });
  return results;
}

/** Under the production clients, the runtime's own death: its fault counts kept, the client told, another started. */
function runtimeKills(
  soak: SoakRuntime,
  client: SoakClient,
  earlierFaults: Array<Record<string, number>>,
  kills: RuntimeKill[],
): { killRuntime?: () => Promise<void> } {
  const kill = soak.killRuntime;
  if (!kill) return {};
  return {
    killRuntime: async () => {
      const faults = (await (await fetch(`${client.runtimeUrl}/_local/faults`)).json().catch(() => ({ injected: {} }))) as Outcome['faults'];
      earlierFaults.push(faults.injected);
      const killedAtMs = Date.now();
      client.runtimeKilled();
      client.runtimeBack((await kill()).runtimeUrl);
      kills.push({ killedAtMs, backAtMs: Date.now() });
    },
  };
}

/** What the runtime holds at the end, read from its local routes before it stops. */
async function readOutcome(runtimeUrl: string, client: SoakClient, room: ChatRoom | undefined, earlierFaults: Array<Record<string, number>>): Promise<Outcome> {
  await client.poll();
  const json = async <T>(path: string) => (await (await fetch(`${runtimeUrl}${path}`)).json()) as T;
  const faults = await json<Outcome['faults']>('/_local/faults');
  for (const counted of earlierFaults) for (const [kind, n] of Object.entries(counted)) faults.injected[kind] = (faults.injected[kind] ?? 0) + n;
  return {
    outbox: await json<Outcome['outbox']>('/_local/outbox'),
    deadLetters: (await json<{ entries: DeadLetter[] }>('/_local/dead-letters')).entries,
    faults,
    health: await json<Outcome['health']>('/_local/health'),
    chatLines: await botLines(runtimeUrl, room),
    // By the runtime's clock, which the move put half an hour ahead of this one.
    nowMs: client.now(),
  };
}

/** Waits until no message is unsettled, no task is due soon and Stripe has sent every event, three polls in a row; answers how long it took. */
async function quiet(runtimeUrl: string, atMostMs: number): Promise<number> {
  const started = Date.now();
  let calm = 0;
  while (Date.now() - started < atMostMs) {
    const health = (await (await fetch(`${runtimeUrl}/_local/health`)).json()) as {
      unsettledMessages: number;
      tasksDueSoon: number;
      stripeEventsUndelivered?: number;
    };
    calm = health.unsettledMessages === 0 && health.tasksDueSoon === 0 && !health.stripeEventsUndelivered ? calm + 1 : 0;
    if (calm >= 3) return Date.now() - started;
    await pause(1_000);
  }
  return Date.now() - started;
}

function report(r: {
  args: Args;
  trafficMs: number;
  drainedMs: number;
  counts: TrafficCounts;
  faults: { plan: string; injected: Record<string, number> };
  killed: string[];
  restarts: Array<{ role: string; restarts?: number }>;
  results: InvariantResult[];
  notes: string[];
  sent: number;
  reached: Record<string, string | number>;
  groupBuys: Record<string, string | number>;
  reconciliation: Record<string, number>;
  orders: ReleaseCounts;
}): void {
  const traffic = Object.entries(r.counts)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');
  console.log(`\ntraffic (${(r.trafficMs / 1000).toFixed(0)} s, then ${(r.drainedMs / 1000).toFixed(0)} s to settle): ${r.sent} interactions; ${traffic}`);
  console.log(
    `\norders (the store's, at the end): ${r.orders.sold} drop and auction orders paid, ${r.orders.proved} proved live, ${r.orders.released} released to their builders`,
  );
  console.log(`\nfaults (${r.faults.plan}):`);
  console.log('| fault | injected |\n| --- | --- |');
  for (const [kind, n] of Object.entries(r.faults.injected)) console.log(`| ${kind} | ${n} |`);
  const kills = r.killed.reduce<Record<string, number>>((acc, role) => ({ ...acc, [role]: (acc[role] ?? 0) + 1 }), {});
  console.log(
    `| process killed (kill -9) | ${r.killed.length}${
      r.killed.length
        ? ` (${Object.entries(kills)
            .map(([role, n]) => `${role} ${n}`)
            .join(', ')})`
        : ''
    } |`,
  );
  console.log('\nwhat the soak reached:');
  console.log('| | |\n| --- | --- |');
  for (const [what, n] of Object.entries(r.reached)) console.log(`| ${what} | ${n} |`);
  console.log('\ngroup buys (read from the store and Stripe’s stand-in at the end):');
  console.log('| | |\n| --- | --- |');
  for (const [what, n] of Object.entries(r.groupBuys)) console.log(`| ${what} | ${n} |`);
  console.log('\nreconciliation (the platform’s whole Stripe ledger against the journal, at the end):');
  console.log('| | |\n| --- | --- |');
  for (const [what, n] of Object.entries(r.reconciliation)) console.log(`| ${what} | ${n} |`);
  console.log('\ninvariants:');
  console.log('| | invariant | checked | verdict |\n| --- | --- | --- | --- |');
  for (const result of r.results) {
    console.log(`| ${result.group} | ${result.name} | ${result.checked} | ${result.held ? 'held' : `BROKEN: ${result.counterexample ?? ''}`} |`);
  }
  if (r.notes.length > 0) console.log(`\nthe soak's own notes (steps that did not go as a person would expect):\n${r.notes.map((n) => `  - ${n}`).join('\n')}`);
  const broken = r.results.filter((x) => !x.held).length;
  console.log(broken === 0 ? '\nevery invariant held' : `\n${broken} invariant${broken === 1 ? '' : 's'} broken`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
