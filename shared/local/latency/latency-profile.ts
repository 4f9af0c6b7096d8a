/**
 * @module latency-profile
 * How long each outside service takes to answer a deployed function, so that the local
 * runtime can wait as production does (`C500_LATENCY=production`, off by default). Each
 * edge is a distribution, not a constant: a log-normal through its p50 and its p99, drawn
 * from seeded streams as the faults are (`C500_LATENCY="production, seed=7"`).
 *
 * The figures and where each comes from are in `docs/latency-profile.md`; each row names
 * the Cloud Monitoring metric (or the response header) that measures it in production, so
 * the table can be replaced by what a real show measured.
 */
import { ConfigError } from '../../config';

/** Every edge a function's work crosses, and what its wait stands for. */
export const latencyEdges = {
  'front-door': 'a request crossing Google’s front end to a function instance (Cloud Run’s routing)',
  'firestore.read': 'a Firestore document read or query, in region',
  'firestore.commit': 'a Firestore commit: a plain write, or a transaction’s commit',
  'pubsub.publish': 'a Pub/Sub publish until the server acknowledged it',
  'pubsub.push': 'from a message’s publish to Pub/Sub pushing it to the subscriber',
  'tasks.create': 'creating a Cloud Task',
  'tasks.dispatch': 'how late Cloud Tasks dispatches a task after its schedule time',
  'upstash.command': 'one Upstash REST call (a command or a pipeline) in the same region',
  'discord.rest': 'a Discord REST call: a DM, a channel post or edit, an interaction’s edit or follow-up',
  'stripe.api': 'a Stripe API request (each of stripe-node’s retries is one)',
  'twitch.helix': 'a Twitch Helix call: a chat message, a clip, a user lookup',
} as const;

export type LatencyEdge = keyof typeof latencyEdges;

export interface EdgeLatency {
  p50Ms: number;
  p99Ms: number;
}

export interface LatencyProfile {
  name: 'production';
  seed: number;
  edges: Record<LatencyEdge, EdgeLatency>;
}

/**
 * A function in us-central1 calling each service from the same region (Discord, Stripe and
 * Twitch from their nearest edge). Sources and the metric that replaces each: docs/latency-profile.md.
 */
export const productionLatency: Record<LatencyEdge, EdgeLatency> = {
  'front-door': { p50Ms: 8, p99Ms: 40 },
  'firestore.read': { p50Ms: 10, p99Ms: 60 },
  'firestore.commit': { p50Ms: 25, p99Ms: 150 },
  'pubsub.publish': { p50Ms: 15, p99Ms: 80 },
  'pubsub.push': { p50Ms: 60, p99Ms: 400 },
  'tasks.create': { p50Ms: 30, p99Ms: 150 },
  'tasks.dispatch': { p50Ms: 150, p99Ms: 1_500 },
  'upstash.command': { p50Ms: 3, p99Ms: 20 },
  'discord.rest': { p50Ms: 70, p99Ms: 400 },
  'stripe.api': { p50Ms: 300, p99Ms: 1_500 },
  'twitch.helix': { p50Ms: 80, p99Ms: 500 },
};

/** The profile `C500_LATENCY` names (`production`, optionally with `seed=<n>`), or undefined when off. */
export function readLatencyProfile(raw: string | undefined): LatencyProfile | undefined {
  const text = raw?.trim();
  if (!text || text === 'off' || text === 'none') return undefined;
  let seed = 1;
  let named = false;
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry === 'production') named = true;
    else if (/^seed=\d{1,9}$/.test(entry)) seed = Number(entry.slice('seed='.length));
    else throw new ConfigError(`C500_LATENCY: “${entry.slice(0, 40)}” is neither a profile nor seed=<n>; try C500_LATENCY=production or "production, seed=7"`);
  }
  if (!named) throw new ConfigError('C500_LATENCY names no profile: the one there is, is `production`');
  return { name: 'production', seed, edges: productionLatency };
}

/** One line for the runtime's log: which edges wait how long. */
export function describeLatencyProfile(profile: LatencyProfile): string {
  const edges = Object.entries(profile.edges).map(([edge, { p50Ms, p99Ms }]) => `${edge} ${p50Ms}/${p99Ms} ms`);
  return `${profile.name} (p50/p99; seed ${profile.seed}): ${edges.join(', ')}`;
}
