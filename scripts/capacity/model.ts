/**
 * The capacity and cost model of a show, recomputed from what the benchmarks measured
 * (CPU per request, what each request cost the services) and what the services publish
 * (limits and prices, `services.ts`). Pure: `npm run capacity` prints it into
 * docs/capacity.md, and a test holds the deployed instance limits to it.
 *
 * Sizing one function (gen2: one vCPU an instance, `concurrency` requests at once):
 * - by CPU: requests/s × CPU ms a request ÷ 1000, at 60 % of each vCPU (Cloud Run adds
 *   instances near it);
 * - by concurrency (Little's law): requests/s × seconds a request is in the instance ÷
 *   the slots of one instance;
 * - the limit deployed: three times the need, never below terraform's own cost guard
 *   (`var.max_instances`, which every other function keeps): the CPU was measured on this
 *   machine's cores (a Cloud Run vCPU may be slower), instances start while others fill, and a
 *   cold start's seconds need the slack. A lower cap saves nothing (idle instances cost
 *   nothing under request-based billing) and turns a herd past the model into refused requests.
 *
 * Slots (`concurrency`) are raised to where one vCPU reaches 60 %, never lowered: Cloud Run
 * adds instances when an instance's CPU passes 60 % and sends fewer requests to a busy
 * instance than its slots allow (https://cloud.google.com/run/docs/about-instance-autoscaling,
 * https://cloud.google.com/run/docs/about-concurrency), so slots above the CPU's fill cost
 * nothing, while slots below it start instances whose CPU sits idle.
 */
import { defaultMaxInstances, functionRegistry } from '../../shared/registry';
import { productionLatency, type EdgeLatency, type LatencyEdge } from '../../shared/local/latency/latency-profile';
import { logNormalSigma } from '../../shared/local/latency/latency-drawer';
import { publisherThroughput } from './pubsub-load';
import { limits, plans, prices, type LimitName, type Plan } from './services';
import type { RecordedRun } from '../bench/auction-report';
import type { Usage } from '../bench/usage-meter';

/** What a request cost the services, as the benchmarks record it. */
export type RecordedUsage = Usage;

export interface AuctionRecord {
  measuredAt: string;
  command: string;
  latency: string;
  redisBenchmarkBidsPerSecond: number | null;
  runs: RecordedRun[];
}

export interface OrdersRecord {
  measuredAt: string;
  command: string;
  latency: string;
  cpuMsPerOrder: Record<string, number>;
  usage: RecordedUsage;
  presses: number;
  editedAfterMs: number;
  /** From a press's sending to its answer's first edit, p50: the push, the job, the edit. */
  pressToEditP50Ms: number;
  /** CPU of each process for one Buy Now press (`workers` runs `stripeCommands`). */
  cpuMsPerPress: Record<string, number>;
}

export interface RacesRecord {
  measuredAt: string;
  command: string;
  latency: string;
  salesPerSecond: number;
  busiestPeakPerSecond: number;
  busiestPath: string;
  /** The busiest document's busiest ten seconds, per second (records before it was measured lack it: the busiest second stands in). */
  busiestSustainedPerSecond?: number;
  busiestSustainedPath?: string;
  answerP99Ms: number;
  overlayP99Ms: number;
}

/** A show the model sizes, at its peak. */
export interface Show {
  viewers: number;
  bidsPerSecond: number;
  chatPerSecond: number;
  /** A hype drop: this many press Buy Now at once, every answer wanted within `buyNowWithinSeconds`. */
  buyNowPresses: number;
  buyNowStock: number;
  buyNowWithinSeconds: number;
  hours: number;
  lots: number;
  herdSeconds: number;
  orders: number;
  averageOrderCents: number;
}

/** The show the model sizes: issue 35's, a 10,000-viewer stream at its peak. */
export const show: Show = {
  viewers: 10_000,
  bidsPerSecond: 2_000,
  chatPerSecond: 1_000,
  /** A hype drop: this many press Buy Now at once, every answer wanted within 3 s. */
  buyNowPresses: 2_000,
  buyNowStock: 50,
  buyNowWithinSeconds: 3,
  /** The show's length and lots: each lot's herd runs at the peak for `herdSeconds`. */
  hours: 2,
  lots: 20,
  herdSeconds: 10,
  /** Orders the show sells (its lots and a drop), at this average price. */
  orders: 70,
  averageOrderCents: 15_000,
};

const targetCpu = 0.6;
const memoryGib = 0.5;

/** A log-normal's mean from its p50 and p99 (what Little's law needs). */
export function meanMs(edge: EdgeLatency): number {
  const sigma = logNormalSigma(edge);
  return edge.p50Ms * Math.exp((sigma * sigma) / 2);
}

const edge = (name: LatencyEdge, times = 1) => times * meanMs(productionLatency[name]);
type Waits = ReadonlyArray<readonly [LatencyEdge, number]>;
/** The p99s of a request's waits added up: a bound on its slowest requests (seldom are two waits that slow at once). */
const p99Of = (waits: Waits) => waits.reduce((sum, [name, times]) => sum + times * productionLatency[name].p99Ms, 0);
const meanOf = (waits: Waits) => waits.reduce((sum, [name, times]) => sum + edge(name, times), 0);
/** How many times over a function's deployed timeout must cover its slowest requests. */
export const timeoutMargin = 10;
/** terraform's `timeout_seconds` for the function's kind (locals.tf). */
const timeoutOf = (name: string) => {
  const kind = functionRegistry.find((e) => e.name === name)?.kind;
  return kind === 'http' ? 30 : kind === 'pubsub' ? 60 : kind === 'task' ? 120 : 540;
};
const concurrencyOf = (name: string) => {
  const entry = functionRegistry.find((e) => e.name === name);
  return entry?.kind === 'pubsub' ? entry.concurrency : 80;
};

export interface FunctionSizing {
  name: string;
  /** What one request is, in words. */
  request: string;
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  wallMsPerRequest: number;
  concurrency: number;
  byCpu: number;
  byConcurrency: number;
  needed: number;
  maxInstances: number;
  /** Requests in flight at which one vCPU is at 60 %: fewer slots than this leave an instance's CPU idle while it is full. */
  cpuFullAt: number;
  /** The slots to deploy: the registry's, raised to where the CPU (not the slots) fills an instance, at most 1,000. */
  recommendedConcurrency: number;
  /** A bound on the slowest requests' time in the instance (the waits' p99s added up). */
  p99WallMs: number;
  /** The deployed timeout, in seconds (terraform's `timeout_seconds` for the function's kind). */
  timeoutSeconds: number;
  /** Instances kept warm: the peak's need for a function the herd meets first (`warmForTheHerd`), else none. */
  minInstances: number;
}

/**
 * The functions a lot's herd meets first, kept warm at the peak's need: the ingresses answer a person
 * inside a deadline (Discord's 3 s, cold start included), and the bid subscribers show the lead. A cold
 * instance meeting a herd spends its first seconds compiling its code under a full queue (docs/performance.md).
 */
export const warmForTheHerd: ReadonlySet<string> = new Set(['discordInteractions', 'twitchWebhook', 'auctionBids', 'chatBids']);

function sized(name: string, request: string, requestsPerSecond: number, cpuMsPerRequest: number, wall: { meanMs: number; p99Ms: number }): FunctionSizing {
  const concurrency = concurrencyOf(name);
  const wallMsPerRequest = cpuMsPerRequest + wall.meanMs;
  const byCpu = Math.ceil((requestsPerSecond * cpuMsPerRequest) / 1000 / targetCpu);
  const byConcurrency = Math.ceil((requestsPerSecond * wallMsPerRequest) / 1000 / concurrency);
  const needed = Math.max(1, byCpu, byConcurrency);
  const cpuFullAt = Math.floor((targetCpu * wallMsPerRequest) / Math.max(cpuMsPerRequest, 0.001));
  return {
    name,
    request,
    requestsPerSecond,
    cpuMsPerRequest,
    wallMsPerRequest,
    concurrency,
    byCpu,
    byConcurrency,
    needed,
    maxInstances: Math.max(defaultMaxInstances, 3 * needed),
    cpuFullAt,
    recommendedConcurrency: Math.min(limits.cloudRunMaxConcurrency.value, Math.max(concurrency, 10 * Math.floor(cpuFullAt / 10))),
    p99WallMs: cpuMsPerRequest + wall.p99Ms,
    timeoutSeconds: timeoutOf(name),
    minInstances: warmForTheHerd.has(name) ? needed : 0,
  };
}

/** The run the model reads: the one with both herds (Discord and chat), else the first. */
function auctionRun(auction: AuctionRecord) {
  const run = auction.runs.find((r) => r.chatPerSecond > 0) ?? auction.runs[0];
  if (!run?.usage) throw new Error('the auction record holds no run with its usage: record one with CAPACITY_RECORD');
  return { ...run, usage: run.usage };
}

export function functionSizing(auction: AuctionRecord, orders: OrdersRecord, peak: Show = show): FunctionSizing[] {
  const run = auctionRun(auction);
  const total = run.bidsPerSecond + run.chatPerSecond;
  // The record's CPU is per request of either herd: each process's share belongs to its own herd's requests.
  const perBid = (process: string) => ((run.cpuMsPerRequest[process] ?? 0) * total) / run.bidsPerSecond;
  const perChat = (process: string) => (run.chatPerSecond > 0 ? ((run.cpuMsPerRequest[process] ?? 0) * total) / run.chatPerSecond : 0);
  const scriptsPerRequest = run.usage.redisScriptCalls;
  const editsPerBid = ((run.usage.discord.edit ?? 0) * total) / run.bidsPerSecond;
  const pressesPerSecond = peak.buyNowPresses / peak.buyNowWithinSeconds;
  // The Discord ingress verifies and publishes a Buy Now press as it does a bid: a drop in the middle of a herd meets both.
  const interactionsPerSecond = peak.bidsPerSecond + pressesPerSecond;
  const ingressCpu = (peak.bidsPerSecond * perBid('ingress') + pressesPerSecond * (orders.cpuMsPerPress.ingress ?? perBid('ingress'))) / interactionsPerSecond;
  // A press's job from its waits (buy-now.ts): the late are told "sold out" after two rounds of reads; the few who
  // reserve run the transaction, ask Stripe, record the session and arm its expiry. The local bench's press-to-edit
  // also holds this machine's CPU queue (2,000 presses on 2 cores), which production's instances do not share.
  const reserving = peak.buyNowStock / peak.buyNowPresses;
  const soldOut: Waits = [
    ['firestore.read', 2],
    ['discord.rest', 1],
  ];
  const reserves: Waits = [
    ['firestore.read', 6],
    ['firestore.commit', 2],
    ['stripe.api', 1],
    ['tasks.create', 1],
    ['discord.rest', 1],
  ];
  const press = { meanMs: (1 - reserving) * meanOf(soldOut) + reserving * meanOf(reserves), p99Ms: p99Of(reserves) };
  const waits = (list: Waits) => ({ meanMs: meanOf(list), p99Ms: p99Of(list) });
  return [
    sized('discordInteractions', 'a bid or a Buy Now press, verified and published', interactionsPerSecond, ingressCpu, waits([['pubsub.publish', 1]])),
    sized(
      'auctionBids',
      'a bid placed in the book and its answer edited',
      peak.bidsPerSecond,
      perBid('subscribers'),
      waits([
        ['upstash.command', scriptsPerRequest],
        ['discord.rest', editsPerBid],
      ]),
    ),
    sized('twitchWebhook', 'a chat message, verified and published', peak.chatPerSecond, perChat('twitch-webhook'), waits([['pubsub.publish', 1]])),
    sized('chatBids', 'a chat bid placed in the book', peak.chatPerSecond, perChat('chat-bids'), waits([['upstash.command', scriptsPerRequest]])),
    sized('stripeCommands', 'a Buy Now press: the reservation, the checkout, the answer', pressesPerSecond, orders.cpuMsPerPress.workers ?? 0, press),
  ];
}

export interface ServiceLoad {
  what: string;
  atPeak: number;
  limit: number | undefined;
  /** Which published limit (services.ts), for the plans that raise it. */
  limitName?: LimitName;
  unit: string;
  source: string;
}

/** The share of a published limit the show's peak may take: the rest is the headroom for a herd past the model. */
export const headroomShare = 0.8;

/** The cheapest listed plan under which the load is within the headroom share, if its own limit is not. */
export function planFor(load: ServiceLoad, planList: readonly Plan[] = plans): Plan | undefined {
  if (load.limit === undefined || load.atPeak <= headroomShare * load.limit) return undefined;
  return [...planList].filter((p) => p.raises === load.limitName && load.atPeak <= headroomShare * p.value).sort((a, b) => a.monthlyUsd - b.monthlyUsd)[0];
}

/** Each service the peak takes above the headroom share of its published limit with no listed plan that gives the headroom: one line each. */
export function overHeadroom(loads: readonly ServiceLoad[], planList: readonly Plan[] = plans): string[] {
  return loads.flatMap((l) =>
    l.limit === undefined || l.atPeak <= headroomShare * l.limit || planFor(l, planList)
      ? []
      : [
          `${l.what}: ${Math.round((100 * l.atPeak) / l.limit)} % of its limit at the peak (${Math.round(10 * l.atPeak) / 10}${l.unit} against ${l.limit}), above ${100 * headroomShare} %, and no listed plan gives the headroom`,
        ],
  );
}

export function serviceLoads(auction: AuctionRecord, races?: RacesRecord, peak: Show = show): ServiceLoad[] {
  const run = auctionRun(auction);
  const rate = peak.bidsPerSecond + peak.chatPerSecond;
  // The busiest by its busiest second, not by its writes in all: a document written once a second for the whole run is no wall.
  // Firestore's one write a second a document is a sustained rate: a document's busiest ten seconds, per second (a record
  // from before that was measured has only the busiest second, which stands in: a document written once reads as 1/s there).
  const sustained = (d: RecordedUsage['hottest'][number]) => d.sustainedPerSecond ?? d.peakPerSecond;
  const hottest = [...run.usage.hottest].sort((a, b) => sustained(b) - sustained(a))[0];
  const pubsub = Object.values(run.usage.pubsub).reduce((a, b) => a + b, 0);
  return [
    {
      what: 'Upstash commands (every command a script runs)',
      atPeak: run.usage.redisCommands * rate,
      limit: limits.upstashCommandsPerSecond.value,
      limitName: 'upstashCommandsPerSecond',
      unit: '/s',
      source: limits.upstashCommandsPerSecond.source,
    },
    { what: 'Upstash REST requests (scripts called)', atPeak: run.usage.redisScriptCalls * rate, limit: undefined, unit: '/s', source: 'measured' },
    {
      what: 'Firestore writes',
      atPeak: run.usage.firestoreWrites * rate,
      limit: limits.firestoreWritesPerSecond.value,
      limitName: 'firestoreWritesPerSecond',
      unit: '/s',
      source: limits.firestoreWritesPerSecond.source,
    },
    {
      what: `the busiest document's writes (${hottest ? hottest.path : 'none written'})`,
      atPeak: hottest ? sustained(hottest) : 0,
      limit: limits.firestoreWritesPerDocumentPerSecond.value,
      limitName: 'firestoreWritesPerDocumentPerSecond',
      unit: hottest?.sustainedPerSecond === undefined ? '/s at its busiest second' : '/s over its busiest 10 s',
      source: limits.firestoreWritesPerDocumentPerSecond.source,
    },
    ...(races
      ? [
          {
            what: `a race's busiest document in a burst of merch sales (${(races.busiestSustainedPath ?? races.busiestPath).replace(/\d{10,}/g, '…')}, ${Math.round(races.salesPerSecond)} sales/s)`,
            atPeak: races.busiestSustainedPerSecond ?? races.busiestPeakPerSecond,
            limit: limits.firestoreWritesPerDocumentPerSecond.value,
            limitName: 'firestoreWritesPerDocumentPerSecond' as const,
            unit: races.busiestSustainedPerSecond === undefined ? '/s at its busiest second' : '/s over its busiest 10 s',
            source: limits.firestoreWritesPerDocumentPerSecond.source,
          },
          {
            what: `the same burst's busiest document in any one second (${races.busiestPath.replace(/\d{10,}/g, '…')})`,
            atPeak: races.busiestPeakPerSecond,
            limit: undefined,
            unit: '/s at its busiest second',
            source: 'measured (a burst Firestore takes with contention; the limit is the sustained rate above)',
          },
        ]
      : []),
    {
      what: `Stripe requests at a Buy Now burst (a checkout each for the ${peak.buyNowStock} who reserve, within ${peak.buyNowWithinSeconds} s)`,
      atPeak: peak.buyNowStock / peak.buyNowWithinSeconds,
      limit: limits.stripeRequestsPerSecond.value,
      limitName: 'stripeRequestsPerSecond',
      unit: '/s',
      source: limits.stripeRequestsPerSecond.source,
    },
    { what: 'Pub/Sub messages', atPeak: 2 * pubsub * rate, limit: undefined, unit: '/s (each published and pushed)', source: 'measured' },
    publisherThroughput(run.usage.pubsub, rate),
    {
      what: 'Discord calls under the global limit (DMs, posts)',
      atPeak: ((run.usage.discord.dm ?? 0) + (run.usage.discord.channel ?? 0)) * rate,
      limit: limits.discordGlobalRequestsPerSecond.value,
      limitName: 'discordGlobalRequestsPerSecond',
      unit: '/s',
      source: limits.discordGlobalRequestsPerSecond.source,
    },
  ];
}

export interface Costs {
  /** The warm instances (`min_instances`) idle for a month, at Cloud Run's idle price. */
  warmPerMonth: number;
  warmInstances: number;
  /** 10,000 Discord bids with the chat that comes with them at the show's mix (half as many chat messages). */
  perTenThousandBids: number;
  perThousandOrdersPlatform: number;
  perThousandOrdersStripe: number;
  /** The show's herds (every lot's) and its orders, without Stripe's fees. */
  show: number;
}

const perVcpuSecond = () => prices.cloudRunVcpuSecond.value + memoryGib * prices.cloudRunGibSecond.value;
const idlePerInstanceSecond = () => prices.cloudRunIdleVcpuSecond.value + memoryGib * prices.cloudRunIdleGibSecond.value;
/** A month of seconds (365 × 24 ÷ 12 hours), as Cloud's calculators count one. */
const monthSeconds = 730 * 3600;

/**
 * What `bids` Discord bids and `chat` chat messages cost at the peak's rate: the instances
 * the peak needs, billed while they serve (request-based billing), each invocation, each
 * Pub/Sub message published and pushed (1 KB each at least), each Upstash command and each
 * Firestore write.
 */
function herdCost(auction: AuctionRecord, orders: OrdersRecord, bids: number, chat: number): number {
  const run = auctionRun(auction);
  const requests = bids + chat;
  const perRequest = (n: number) => requests * n;
  const seconds = requests / (show.bidsPerSecond + show.chatPerSecond);
  const instances = functionSizing(auction, orders)
    .filter((f) => f.name !== 'stripeCommands')
    .reduce((sum, f) => sum + f.needed, 0);
  const deliveries = Object.values(run.usage.pubsub).reduce((a, b) => a + b, 0);
  const kib = 1 / (1024 * 1024 * 1024);
  return (
    instances * seconds * perVcpuSecond() +
    perRequest(1 + deliveries) * prices.cloudRunRequest.value +
    perRequest(2 * deliveries) * kib * prices.pubsubTib.value +
    perRequest(run.usage.redisCommands) * prices.upstashCommand.value +
    perRequest(run.usage.firestoreWrites) * prices.firestoreWrite.value
  );
}

/** One paid order on the platform: its functions' CPU (the stand-ins' excluded), its writes, messages and invocations. */
function orderCost(orders: OrdersRecord): number {
  const cpuSeconds =
    Object.entries(orders.cpuMsPerOrder)
      .filter(([process]) => process !== 'runtime')
      .reduce((sum, [, ms]) => sum + ms, 0) / 1000;
  const deliveries = Object.values(orders.usage.pubsub).reduce((a, b) => a + b, 0);
  // The webhook, each delivery, and the Buy Now press with its job.
  const invocations = 3 + deliveries;
  return cpuSeconds * perVcpuSecond() + orders.usage.firestoreWrites * prices.firestoreWrite.value + invocations * prices.cloudRunRequest.value;
}

export function costs(auction: AuctionRecord, orders: OrdersRecord): Costs {
  const herdChat = (show.chatPerSecond / show.bidsPerSecond) * 10_000;
  const showBids = show.lots * show.herdSeconds * show.bidsPerSecond;
  const showChat = show.lots * show.herdSeconds * show.chatPerSecond;
  const warmInstances = functionSizing(auction, orders).reduce((sum, f) => sum + f.minInstances, 0);
  return {
    warmPerMonth: warmInstances * monthSeconds * idlePerInstanceSecond(),
    warmInstances,
    perTenThousandBids: herdCost(auction, orders, 10_000, herdChat),
    perThousandOrdersPlatform: 1_000 * orderCost(orders),
    perThousandOrdersStripe: 1_000 * ((show.averageOrderCents / 100) * prices.stripeCardPercent.value + prices.stripeCardFixed.value),
    show: herdCost(auction, orders, showBids, showChat) + show.orders * orderCost(orders),
  };
}

/** Where the deployed limits disagree with the model: one line each (the capacity test's check). */
export function limitMismatches(sizing: readonly FunctionSizing[], deployed: (name: string) => number | undefined): string[] {
  return sizing.flatMap((f) => {
    const set = deployed(f.name);
    return set === f.maxInstances ? [] : [`${f.name}: the model says max_instances ${f.maxInstances}, the registry has ${set ?? 'none'}`];
  });
}

/** Where the deployed warm instances disagree with the model: one line each. */
export function warmMismatches(sizing: readonly FunctionSizing[], deployed: (name: string) => number | undefined): string[] {
  return sizing.flatMap((f) => {
    const set = deployed(f.name) ?? 0;
    return set === f.minInstances ? [] : [`${f.name}: the model says min_instances ${f.minInstances}, the registry has ${set}`];
  });
}

/** Where the deployed slots or timeouts disagree with the model: one line each. */
export function concurrencyAndTimeoutMismatches(sizing: readonly FunctionSizing[]): string[] {
  return sizing.flatMap((f) => [
    ...(f.concurrency === f.recommendedConcurrency
      ? []
      : [`${f.name}: the model says concurrency ${f.recommendedConcurrency}, the registry has ${f.concurrency}`]),
    ...(f.timeoutSeconds * 1000 >= timeoutMargin * f.p99WallMs
      ? []
      : [`${f.name}: a ${f.timeoutSeconds} s timeout does not cover ${timeoutMargin} × its slowest requests (${Math.round(f.p99WallMs)} ms)`]),
  ]);
}
