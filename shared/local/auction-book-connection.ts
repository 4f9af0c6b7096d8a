/**
 * @module auction-book-connection
 * Where the local runtime keeps its auction book, decided once at start and handed to
 * every process that bids, so all of them reach the same book: Upstash's REST API when
 * one is configured, a local Redis straight over RESP when one answers, else the rules in
 * this process's memory (auctions work, live bids don't survive a restart).
 */
import type { AuctionBook, ChatOutbox } from '../ports';
import { required, type Config } from '../config';
import { log } from '../log';
import { InMemoryAuctionBook } from './upstash/in-memory-auction-book';
import { InMemoryChatOutbox } from './chat/in-memory-chat-outbox';
import { redisAnswers } from './redis-probe';
import type { FaultInjector } from './faults/fault-injector';
import { faultyRoundTrip } from './faults/faulty-round-trip';
import type { LatencyDrawer } from './latency/latency-drawer';
import { latentRoundTrip } from './latency/latent-ports';
import type { RespConnection, RoundTrip } from './upstash/resp-connection';
import type { StripeWriteBudget } from '../adapters/stripe/write-budget';
import { stripeModeOfKey, stripeWriteBudgetSize } from '../stripe-limits';

/** `shardUrls`: the book's further databases (REDIS_BOOK_SHARDS), spread as UPSTASH_BOOK_SHARDS spreads the cloud's. */
export type BookEndpoint = { kind: 'upstash'; url: string; token: string } | { kind: 'redis'; redisUrl: string; shardUrls?: string[] } | { kind: 'memory' };

export interface OpenedBook {
  book: AuctionBook;
  /** What the bot waits to say in Twitch chat: beside the book, on the same connection. */
  chatOutbox: ChatOutbox;
  /** The Stripe account's one write budget (adapters/stripe/write-budget), on the same connection: every process takes from one bucket. */
  stripeWriteBudget(secretKey: string): StripeWriteBudget;
  close(): Promise<void>;
}

export async function chooseBookEndpoint(config: Config, env: Readonly<Record<string, string | undefined>>): Promise<BookEndpoint> {
  const url = env.UPSTASH_REDIS_REST_URL;
  const token = env.UPSTASH_REDIS_REST_TOKEN;
  if (url && token) return { kind: 'upstash', url, token };
  if (await redisAnswers(config.redisUrl)) {
    const shardUrls = (env.REDIS_BOOK_SHARDS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    return { kind: 'redis', redisUrl: config.redisUrl, ...(shardUrls.length > 0 ? { shardUrls } : {}) };
  }
  log.warn('no Redis answers; auctions run on the in-memory book until restarted with one', { redisUrl: config.redisUrl });
  return { kind: 'memory' };
}

/* eslint-disable @typescript-eslint/no-require-imports -- each process loads only the client it uses (the ingress process, none) */
/**
 * A book on the endpoint; an in-memory one lives only in the process that opened it. With
 * faults, Redis times out now and then (over RESP; the REST client's transport is its own).
 * Every process on one Redis reads the same prefix and id hash key from the configuration.
 */
export function openAuctionBook(
  endpoint: BookEndpoint,
  config: Config,
  transport: { faults?: FaultInjector | undefined; latency?: LatencyDrawer | undefined; clockOffsetMs?: () => number } = {},
): OpenedBook {
  const { faults, latency, clockOffsetMs } = transport;
  const keyPrefix = config.redisKeyPrefix;
  const { createUpstashAuctionBook } = require('../adapters/upstash/upstash-auction-book') as typeof import('../adapters/upstash/upstash-auction-book');
  const { createUpstashChatOutbox } = require('../adapters/chat/upstash-chat-outbox') as typeof import('../adapters/chat/upstash-chat-outbox');
  const budgets = require('../adapters/stripe/write-budget') as typeof import('../adapters/stripe/write-budget');
  // C500_BID_GATHER_MS, as the cloud's book takes it.
  const gather = config.auctions.bidGatherMs !== undefined ? { gatherMs: config.auctions.bidGatherMs } : {};
  switch (endpoint.kind) {
    case 'upstash': {
      const { connectAuctionBook } = require('../adapters/upstash/upstash-connection') as typeof import('../adapters/upstash/upstash-connection');
      const redis = connectAuctionBook(endpoint);
      const idKey = required(config, 'ID_HASH_KEY');
      return {
        book: createUpstashAuctionBook(redis, { keyPrefix, idKey, ...gather, ...(clockOffsetMs ? { clockOffsetMs } : {}) }),
        chatOutbox: createUpstashChatOutbox(redis, { keyPrefix, idKey }),
        stripeWriteBudget: (secretKey) => budgets.accountWriteBudget(redis, keyPrefix, secretKey),
        close: async () => undefined,
      };
    }
    case 'redis': {
      const { connectAuctionBookOverResp } = require('./upstash/resp-connection') as typeof import('./upstash/resp-connection');
      // The network's wait outside, the injected timeout inside it: a timeout takes as long as it would.
      const around = [latency && latentRoundTrip(latency), faults?.covers('upstash.timeout') && faultyRoundTrip(faults)].filter((f) => typeof f === 'function');
      const aroundRoundTrip = around.length > 0 ? (inner: RoundTrip) => around.reduceRight((trip, wrap) => wrap(trip), inner) : undefined;
      const { shardedAuctionBook } = require('../adapters/upstash/sharded-auction-book') as typeof import('../adapters/upstash/sharded-auction-book');
      const connections = [endpoint.redisUrl, ...(endpoint.shardUrls ?? [])].map((url) =>
        connectAuctionBookOverResp(url, aroundRoundTrip ? { aroundRoundTrip } : {}),
      );
      const [first] = connections as [RespConnection, ...RespConnection[]];
      const idKey = required(config, 'ID_HASH_KEY');
      // As the cloud's (gcp-platform): one book over every database, the channel-less parts on the first. No ban replay:
      // every local database is there from the start, so every ban was written to each.
      const { bookLayoutMarker } = require('../adapters/upstash/book-layout-marker') as typeof import('../adapters/upstash/book-layout-marker');
      const book = shardedAuctionBook(
        connections.map((c) => createUpstashAuctionBook(c.redis, { keyPrefix, idKey, ...gather, ...(clockOffsetMs ? { clockOffsetMs } : {}) })),
        undefined,
        // With several databases, guarded as the cloud's book is (with one, the book is the one Redis's, as before).
        connections.length > 1 ? bookLayoutMarker(first.redis, keyPrefix) : undefined,
      );
      return {
        book,
        chatOutbox: createUpstashChatOutbox(first.redis, { keyPrefix, idKey }),
        stripeWriteBudget: (secretKey) => budgets.accountWriteBudget(first.redis, keyPrefix, secretKey),
        close: async () => void (await Promise.all(connections.map((c) => c.close()))),
      };
    }
    case 'memory':
      return {
        // One process, one clock: the runtime's, moved as far as the playground moved it.
        book: new InMemoryAuctionBook(undefined, () => Date.now() + (clockOffsetMs?.() ?? 0)),
        chatOutbox: new InMemoryChatOutbox(),
        // With no Redis, each process keeps its own bucket: the budget holds per process, not across them.
        stripeWriteBudget: (secretKey) => budgets.writeBudget(budgets.memoryBucket(stripeWriteBudgetSize(stripeModeOfKey(secretKey)))),
        close: async () => undefined,
      };
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */
