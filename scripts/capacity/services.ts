/**
 * What the capacity model takes from the services' own pages: their published limits and
 * list prices, each with where it is published and when it was read. A price that changes
 * is changed here, and `npm run capacity` recomputes every figure that uses it.
 */

export const pricesReadOn = '2026-11-25';

export interface Published {
  value: number;
  unit: string;
  source: string;
  note?: string;
}

export const limits = {
  upstashCommandsPerSecond: {
    value: 10_000,
    unit: 'commands/s per database',
    source: 'https://upstash.com/pricing/redis (pay as you go)',
    note: 'a fixed plan or Prod Pack raises it; Upstash counts each command a script runs',
  },
  firestoreWritesPerDocumentPerSecond: {
    value: 1,
    unit: 'sustained writes/s per document',
    source: 'https://cloud.google.com/firestore/docs/best-practices (“one write per second” per document)',
  },
  firestoreWritesPerSecond: {
    value: 10_000,
    unit: 'writes/s per database, before Firestore ramps (500/50/5)',
    source: 'https://cloud.google.com/firestore/docs/best-practices (ramping up traffic)',
  },
  discordGlobalRequestsPerSecond: {
    value: 50,
    unit: 'requests/s per bot, interaction callbacks and their webhooks excepted',
    source: 'https://discord.com/developers/docs/topics/rate-limits#global-rate-limit',
  },
  discordChannelEditsPerFiveSeconds: {
    value: 5,
    unit: 'message edits per channel per 5 s (a per-route bucket; Discord sends the figure in its headers, not its docs)',
    source: 'https://discord.com/developers/docs/topics/rate-limits (per-route buckets)',
  },
  twitchChatPerThirtySeconds: {
    value: 20,
    unit: 'messages per channel per 30 s for a bot that is not a moderator (100 as one)',
    source: 'https://dev.twitch.tv/docs/chat/#rate-limits',
  },
  stripeRequestsPerSecond: {
    value: 100,
    unit: 'requests/s in live mode (25 in test mode)',
    source: 'https://docs.stripe.com/rate-limits',
  },
  pubsubPublisherKbPerSecond: {
    value: 50_000,
    unit: 'kB/s published per project and region (3,000,000 kB a minute in a small region; four times that in europe-west1, us-central1 and us-east1)',
    source: 'https://cloud.google.com/pubsub/quotas (publisher throughput per region; each request counted at least 1 kB)',
    note: 'a default quota, raised on request; the small regions’ figure, whatever region terraform is given',
  },
  cloudRunMaxConcurrency: {
    value: 1_000,
    unit: 'requests per instance',
    source: 'https://cloud.google.com/run/docs/about-concurrency',
  },
} satisfies Record<string, Published>;

export type LimitName = keyof typeof limits;

/** A plan that raises a published limit, at its list price: the capacity model names it where the show needs its headroom. */
export interface Plan {
  raises: LimitName;
  name: string;
  /** The limit under the plan, in the limit's own unit. */
  value: number;
  monthlyUsd: number;
  source: string;
}

/**
 * The plans the model may name. Only plans whose limit and price are both published go here: Upstash's
 * Enterprise plan sets its command rate by contract at a price on request, so it is not one.
 */
export const plans: readonly Plan[] = [];

export const prices = {
  cloudRunVcpuSecond: {
    value: 0.000024,
    unit: 'USD per vCPU-second (request-based billing, tier 1)',
    source: 'https://cloud.google.com/run/pricing',
  },
  cloudRunGibSecond: { value: 0.0000025, unit: 'USD per GiB-second', source: 'https://cloud.google.com/run/pricing' },
  cloudRunIdleVcpuSecond: {
    value: 0.0000025,
    unit: 'USD per vCPU-second of an idle minimum instance (request-based billing, tier 1)',
    source: 'https://cloud.google.com/run/pricing',
  },
  cloudRunIdleGibSecond: {
    value: 0.0000025,
    unit: 'USD per GiB-second of an idle minimum instance (request-based billing, tier 1)',
    source: 'https://cloud.google.com/run/pricing',
  },
  cloudRunRequest: { value: 0.4 / 1_000_000, unit: 'USD per request', source: 'https://cloud.google.com/run/pricing' },
  pubsubTib: {
    value: 40,
    unit: 'USD per TiB published or delivered, each message counted as at least 1 KB',
    source: 'https://cloud.google.com/pubsub/pricing',
  },
  firestoreWrite: { value: 0.18 / 100_000, unit: 'USD per document write (nam5)', source: 'https://cloud.google.com/firestore/pricing' },
  firestoreRead: { value: 0.06 / 100_000, unit: 'USD per document read (nam5)', source: 'https://cloud.google.com/firestore/pricing' },
  cloudTasksOperation: { value: 0.4 / 1_000_000, unit: 'USD per operation', source: 'https://cloud.google.com/tasks/pricing' },
  upstashCommand: { value: 0.2 / 100_000, unit: 'USD per command (pay as you go)', source: 'https://upstash.com/pricing/redis' },
  stripeCardPercent: { value: 0.029, unit: 'of a card payment (US)', source: 'https://stripe.com/pricing' },
  stripeCardFixed: { value: 0.3, unit: 'USD per card payment (US)', source: 'https://stripe.com/pricing' },
} satisfies Record<string, Published>;
