/**
 * @module resp-connection
 * The auction book's connection on a developer machine: the same Upstash client (its
 * commands, and scripts run by EVALSHA with EVAL on NOSCRIPT) over a `Requester` that
 * speaks RESP to a local Redis through ioredis, instead of HTTP to a REST bridge in front
 * of it. Measured beside the bridge (`npm run bench:auction`): a bid costs the subscriber
 * about a quarter of the CPU, and no bridge process burns its own. The REST path stays
 * proven by the integration tests, which run the book through the bridge.
 */
import IORedis, { ReplyError } from 'ioredis';
import { Redis, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';
import { log } from '../../log';
import { bookRetry, bookTimeoutMs } from '../../adapters/upstash/upstash-connection';
import { createUpstashScriptTranslator } from './upstash-only-script-flags';

export interface RespConnection {
  redis: Redis;
  close(): Promise<void>;
}

/**
 * The SDK's core client takes a requester *and* options; the Node entry exports only its
 * subclass, whose requester form drops the options (and with them turning off automatic
 * deserialization, which JSON-parses every string of every reply). Its parent is that core.
 */
const CoreRedis = Object.getPrototypeOf(Redis) as new (
  requester: Requester,
  options: { automaticDeserialization: boolean; enableAutoPipelining: boolean; enableTelemetry: boolean },
) => Redis;

/** One round trip to Redis: a command or a pipeline's, as the Upstash client sends it. */
export type RoundTrip = (req: UpstashRequest) => Promise<UpstashResponse<unknown>>;

export interface RespConnectionOptions {
  /**
   * Wraps each round trip, beneath the retries, where a network fails: the local runtime's
   * fault plan injects timeouts there. None in normal use.
   */
  aroundRoundTrip?: (roundTrip: RoundTrip) => RoundTrip;
}

export function connectAuctionBookOverResp(redisUrl: string, options: RespConnectionOptions = {}): RespConnection {
  const client = new IORedis(redisUrl, {
    // A Redis that is down fails a bid at once ("try again"); a bid is never queued for later.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // The deadline covers one round trip, counted from when the command is written.
    commandTimeout: bookTimeoutMs,
  });
  let everReady = false;
  const firstReady = new Promise<void>((resolve) => client.once('ready', () => resolve()));
  client.on('ready', () => (everReady = true));
  let lastComplaint = 0;
  client.on('error', (error: Error) => {
    // ioredis retries on its own; say so once in a while, not once per reconnect attempt.
    if (Date.now() - lastComplaint > 10_000) log.warn('the auction book’s Redis connection failed; reconnecting', { error: error.message });
    lastComplaint = Date.now();
  });

  // The scripts declare Upstash's allow-key-locking, which Redis 7.0 refuses: it gets them without it.
  const toRedis = createUpstashScriptTranslator();
  const one = async (command: unknown): Promise<UpstashResponse<unknown>> => {
    const [name, ...args] = toRedis(command as unknown[]) as [string, ...Array<string | number>];
    try {
      return { result: await client.call(name, ...args) };
    } catch (error) {
      // A reply from Redis (NOSCRIPT, a script error) is an answer; anything else is the connection failing.
      if (error instanceof (ReplyError as typeof Error)) return { error: (error as Error).message };
      throw error;
    }
  };

  const direct: RoundTrip = async (req) => {
    // Only the very first command may wait for the connection; after that, down means down.
    if (!everReady) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([firstReady, new Promise((resolve) => (timer = setTimeout(resolve, bookTimeoutMs)))]);
      // Cleared once the connection is ready: a pending wait would keep a closing process (and jest) alive.
      clearTimeout(timer);
    }
    const path = req.path?.[0];
    if (path === 'pipeline') return (await Promise.all((req.body as unknown[]).map(one))) as UpstashResponse<unknown>;
    if (path !== undefined) throw new Error(`the RESP connection does not serve /${req.path?.join('/')}`);
    // An error reply goes back as one: the client throws its own UpstashError, which Script reads for NOSCRIPT.
    return one(req.body);
  };
  const roundTrip = options.aroundRoundTrip ? options.aroundRoundTrip(direct) : direct;
  const requester: Requester = {
    // Retried as the REST client retries its requests (bookRetry), so both connections fail a bid alike.
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      for (let attempt = 0; ; attempt++) {
        try {
          return (await roundTrip(req)) as UpstashResponse<TResult>;
        } catch (error) {
          if (attempt >= bookRetry.retries || !client.status.startsWith('ready')) throw error;
          await new Promise((resolve) => setTimeout(resolve, bookRetry.backoff(attempt)));
        }
      }
    },
  };
  return {
    redis: new CoreRedis(requester, { automaticDeserialization: false, enableAutoPipelining: false, enableTelemetry: false }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
