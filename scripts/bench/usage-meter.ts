/**
 * What a herd cost the services it used, read from outside the runtime, per request: Redis
 * commands (Redis's own INFO), Pub/Sub deliveries per subscription (the bus's stats),
 * Firestore writes and the busiest documents (the store's write counts), and Discord calls
 * by kind (the outbox). The capacity model (`npm run capacity`) prices and limits these.
 */
import type IORedis from 'ioredis';
import type { DocumentWrites } from '../../shared/local/firestore/document-store';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';

export interface Usage {
  /** Every command Redis ran, those inside scripts too (Redis's `total_commands_processed`). */
  redisCommands: number;
  /** Scripts called (EVALSHA, a NOSCRIPT answer and its EVAL included): each one request to Upstash's REST API. */
  redisScriptCalls: number;
  /** Deliveries per subscription. */
  pubsub: Record<string, number>;
  firestoreWrites: number;
  /** The most written documents, steadiest first, with their busiest second and busiest sustained rate (records made before 2026-11-26 lack the latter). */
  hottest: Array<Omit<DocumentWrites, 'sustainedPerSecond'> & { sustainedPerSecond?: number }>;
  /** Discord calls by kind: `dm`, `channel` (a post), `edit` (an embed or an answer), `followup`. */
  discord: Record<string, number>;
}

interface Snapshot {
  redisCommands: number;
  redisScriptCalls: number;
  delivered: Record<string, number>;
  outboxSeq: number;
}

async function redisCommands(redis: IORedis | undefined): Promise<number> {
  return redis ? Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0) : 0;
}

async function redisScriptCalls(redis: IORedis | undefined): Promise<number> {
  if (!redis) return 0;
  const stats = await redis.info('commandstats');
  return ['evalsha', 'eval', 'evalsha_ro', 'eval_ro'].reduce((sum, name) => sum + Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0), 0);
}

async function snapshot(redis: IORedis | undefined, runtimeUrl: string): Promise<Snapshot> {
  const health = (await (await fetch(`${runtimeUrl}/_local/health`)).json()) as { subscriptions: Array<{ subscription: string; delivered: number }> };
  const outbox = (await (await fetch(`${runtimeUrl}/_local/outbox?after=${Number.MAX_SAFE_INTEGER}`)).json()) as { lastSeq?: number };
  return {
    redisCommands: await redisCommands(redis),
    redisScriptCalls: await redisScriptCalls(redis),
    delivered: Object.fromEntries(health.subscriptions.map((s) => [s.subscription, s.delivered])),
    outboxSeq: outbox.lastSeq ?? 0,
  };
}

/** Starts counting: the store's write counts from zero, the rest from where they stand. */
export async function startMeter(redis: IORedis | undefined, runtimeUrl: string): Promise<{ read(requests: number): Promise<Usage> }> {
  await fetch(`${runtimeUrl}/_local/store/hottest/reset`, { method: 'POST' });
  const before = await snapshot(redis, runtimeUrl);
  return {
    async read(requests: number): Promise<Usage> {
      const after = await snapshot(redis, runtimeUrl);
      // The stand-ins keep their own state in the store too (`_local…`: tasks, Stripe's objects): not C500's documents.
      const documents = ((await (await fetch(`${runtimeUrl}/_local/store/hottest?limit=10000`)).json()) as { documents: DocumentWrites[] }).documents.filter(
        (d) => !d.path.startsWith('_local'),
      );
      const { entries } = (await (await fetch(`${runtimeUrl}/_local/outbox?after=${before.outboxSeq}`)).json()) as { entries: OutboxEntry[] };
      const per = (n: number) => n / Math.max(1, requests);
      const discord: Record<string, number> = {};
      for (const e of entries) discord[e.kind] = (discord[e.kind] ?? 0) + 1;
      return {
        redisCommands: per(after.redisCommands - before.redisCommands),
        redisScriptCalls: per(after.redisScriptCalls - before.redisScriptCalls),
        pubsub: Object.fromEntries(
          Object.entries(after.delivered)
            .map(([name, n]) => [name, per(n - (before.delivered[name] ?? 0))] as const)
            .filter(([, n]) => n > 0),
        ),
        firestoreWrites: per(documents.reduce((sum, d) => sum + d.writes, 0)),
        // The busiest by their busiest ten seconds, then their busiest second: the store lists them by writes in all.
        hottest: [...documents]
          .sort((a, b) => b.sustainedPerSecond - a.sustainedPerSecond || b.peakPerSecond - a.peakPerSecond || b.writes - a.writes)
          .slice(0, 3),
        discord: Object.fromEntries(Object.entries(discord).map(([kind, n]) => [kind, per(n)])),
      };
    },
  };
}
