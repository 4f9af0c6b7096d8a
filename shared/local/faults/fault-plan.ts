/**
 * @module fault-plan
 * Which failures the local runtime injects into the outside services it stands in for,
 * read from `C500_FAULTS` (off when unset). Each entry names a service, a kind and a rate:
 *
 *     C500_FAULTS="stripe.500=2%, discord.429=5%, pubsub.duplicate=10%, seed=7"
 *     C500_FAULTS=default                 # the soak's mix (below), seed 1
 *     C500_FAULTS="default, seed=42, tasks.early=0%"
 *     C500_FAULTS=@faults.txt             # the same, one entry a line, # comments
 *
 * `pubsub.delay` takes the longest delay after a colon (`pubsub.delay=5%:10s`). The same
 * seed makes the same decisions for the same sequence of calls: each kind draws from a
 * stream of its own, so adding one kind does not move another's faults.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config';

/** Every fault the runtime knows how to inject, and what it does. */
export const faultKinds = {
  'stripe.500': 'Stripe answers 500 before doing anything',
  'stripe.timeout-after-success': 'Stripe does the work, then the answer is lost (the idempotency key replays it)',
  'discord.429': 'a route answers 429 with a realistic retry_after',
  'discord.429-global': 'the global bucket answers 429 (X-RateLimit-Global)',
  'discord.5xx': 'Discord answers 500, 502 or 503 before doing anything',
  'pubsub.duplicate': 'a message is delivered twice, at once or after its ack',
  'pubsub.reorder': 'a message is held back so that later ones overtake it',
  'pubsub.delay': 'a message is delivered late',
  'tasks.duplicate': 'a task runs a second time',
  'tasks.early': 'a task also runs before its time',
  'firestore.aborted': 'a commit is refused with ABORTED (a transaction runs again; a plain write is sent again, as the Firestore SDK does)',
  'firestore.commit-answer-lost': 'a commit is applied, then answered UNAVAILABLE (the SDK sends a plain commit again); only under --production-clients',
  'firestore.unavailable': 'every Firestore call is answered UNAVAILABLE for one to five seconds; only under --production-clients',
  'upstash.timeout': 'a Redis call times out, half the time after Redis ran it',
  'twitch.429': 'Helix answers a chat message 429 with a Ratelimit-Reset a few seconds ahead',
  'carrier.429': 'the carrier (EasyPost) answers 429 RATE_LIMITED before doing anything',
  'twitch.5xx': 'Helix answers a chat message 5xx, half the time after Twitch posted it',
  'clock.skew': 'a function process’s clock runs off by up to 500 ms, ahead or behind, as two machines’ clocks differ',
} as const;

export type FaultKind = keyof typeof faultKinds;

export interface FaultPlan {
  seed: number;
  /** Each kind's probability, 0 to 1; a kind not named is never injected. */
  rates: Partial<Record<FaultKind, number>>;
  /** The longest delay `pubsub.delay` gives a message. */
  pubsubDelayMaxMs: number;
}

/** The soak's default mix: the failures each service is documented to have, at rates that stay survivable. */
export const defaultFaultMix =
  'stripe.timeout-after-success=2%, stripe.500=2%, discord.429=5%, discord.429-global=1%, discord.5xx=2%, ' +
  'pubsub.duplicate=10%, pubsub.reorder=10%, pubsub.delay=5%, tasks.duplicate=5%, tasks.early=5%, ' +
  'firestore.aborted=2%, firestore.commit-answer-lost=1%, firestore.unavailable=0.02%, upstash.timeout=1%, twitch.429=2%, twitch.5xx=2%, carrier.429=2%, clock.skew=100%';

/** How far `clock.skew` puts a process's clock off, either way: NTP keeps Cloud Run's machines well within it. */
export const clockSkewMaxMs = 500;

const defaultDelayMaxMs = 3_000;
const isKind = (name: string): name is FaultKind => Object.hasOwn(faultKinds, name);

/** The plan `C500_FAULTS` describes, or undefined when no fault is asked for. */
export function readFaultPlan(raw: string | undefined, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): FaultPlan | undefined {
  const text = raw?.trim();
  if (!text || text === 'off' || text === 'none') return undefined;
  const spec = text.startsWith('@') ? readPlanFile(text.slice(1), readFile) : text;
  const plan: FaultPlan = { seed: 1, rates: {}, pubsubDelayMaxMs: defaultDelayMaxMs };
  for (const entry of entries(spec)) {
    if (entry === 'default') {
      for (const inner of entries(defaultFaultMix)) applyEntry(plan, inner);
      continue;
    }
    applyEntry(plan, entry);
  }
  return plan;
}

/** Reads a plan back as the text that makes it, for logs and the soak's report. */
export function describeFaultPlan(plan: FaultPlan): string {
  const rates = Object.entries(plan.rates).map(([kind, rate]) => {
    const extra = kind === 'pubsub.delay' ? `:${plan.pubsubDelayMaxMs}ms` : '';
    return `${kind}=${formatPercent(rate)}${extra}`;
  });
  return [...rates, `seed=${plan.seed}`].join(', ');
}

function readPlanFile(path: string, readFile: (path: string) => string): string {
  try {
    return readFile(path)
      .split('\n')
      .map((line) => line.replace(/#.*/, ''))
      .join(',');
  } catch (error) {
    throw new ConfigError(`C500_FAULTS names the file ${path}, which could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function entries(spec: string): string[] {
  return spec
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

function applyEntry(plan: FaultPlan, entry: string): void {
  const [name, value] = entry.split('=', 2) as [string, string | undefined];
  if (value === undefined) throw invalid(entry, 'an entry is <service>.<kind>=<rate>%, seed=<n> or default');
  if (name === 'seed') {
    if (!/^\d{1,9}$/.test(value)) throw invalid(entry, 'the seed is a whole number');
    plan.seed = Number(value);
    return;
  }
  if (!isKind(name)) throw invalid(entry, `the kinds are ${Object.keys(faultKinds).join(', ')}`);
  const [rateText, delayText] = value.split(':', 2) as [string, string | undefined];
  plan.rates[name] = readRate(entry, rateText);
  if (delayText !== undefined) {
    if (name !== 'pubsub.delay') throw invalid(entry, 'only pubsub.delay takes a duration');
    plan.pubsubDelayMaxMs = readDuration(entry, delayText);
  }
}

function readRate(entry: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(rate >= 0 && rate <= 1)) throw invalid(entry, 'a rate is a percentage from 0% to 100% (or a fraction from 0 to 1)');
  return rate;
}

function readDuration(entry: string, text: string): number {
  const match = /^(\d+)(ms|s)$/.exec(text);
  if (!match) throw invalid(entry, 'a delay is written 500ms or 3s');
  const ms = Number(match[1]) * (match[2] === 's' ? 1_000 : 1);
  if (ms > 600_000) throw invalid(entry, 'a delay is at most 600s, as Pub/Sub backs off');
  return ms;
}

function formatPercent(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`;
}

function invalid(entry: string, why: string): ConfigError {
  return new ConfigError(`C500_FAULTS: "${entry}" is not understood: ${why}`);
}
