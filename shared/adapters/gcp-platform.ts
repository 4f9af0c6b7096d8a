/**
 * @module gcp-platform
 * The platform on Google Cloud. Each adapter module is required on first use, so a
 * function loads only the SDKs it touches: the Discord ingress never loads Firestore,
 * Stripe or the gRPC Pub/Sub client.
 */
import { bookDatabases, ConfigError, required, type Config } from '../config';
import { lazy, type Platform } from '../platform';
import { shopSecretsDatabase, systemClock, type AuctionBook, type Carrier, type DocumentStore, type TaskQueue } from '../ports';
import type { Redis } from '@upstash/redis';
import { taskFunctionForRoute } from '../registry';

export interface GcpPlatformOptions {
  /**
   * Ingress functions publish with one REST call instead of the gRPC client, which takes
   * about 400 ms to import; subscribers keep the client's batching and retries.
   */
  lightPublisher: boolean;
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point here */
/** Cloud Tasks, behind a memory of the names this instance saw taken. */
function cloudTasks(config: Config): TaskQueue {
  const { CloudTasksQueue } = require('./cloud-tasks/cloud-tasks-queue') as typeof import('./cloud-tasks/cloud-tasks-queue');
  const { rememberingTaskNames } = require('./cloud-tasks/remembered-task-names') as typeof import('./cloud-tasks/remembered-task-names');
  const invoker = config.tasksInvokerServiceAccount;
  if (!invoker) throw new Error('C500_TASKS_INVOKER_SA is not set: Cloud Tasks needs it to sign OIDC tokens');
  return rememberingTaskNames(
    new CloudTasksQueue({
      projectId: config.projectId,
      location: config.region,
      tasksBaseUrl: config.tasksBaseUrl,
      functionForRoute: taskFunctionForRoute,
      invokerServiceAccount: invoker,
    }),
  );
}

/** EasyPost through its client; the webhook secret only where the function was given it (the ingress checks with node:crypto, not with this). */
function easyPost(config: Config): Carrier {
  const { createEasyPostCarrier } = require('./easypost/easypost-carrier') as typeof import('./easypost/easypost-carrier');
  const webhookSecret = config.secrets.EASYPOST_WEBHOOK_SECRET;
  return createEasyPostCarrier({ apiKey: required(config, 'EASYPOST_API_KEY'), ...(webhookSecret ? { webhookSecret } : {}) });
}

/** The shops' connections, read from the shop secrets' own database: the only one these public ingresses may read. */
function shopConnections(config: Config): ReturnType<Platform['shopConnections']> {
  const { FirestoreRestReader } = require('./firestore/firestore-rest-reader') as typeof import('./firestore/firestore-rest-reader');
  const { shopConnectionsFrom } = require('./shops/shop-connections') as typeof import('./shops/shop-connections');
  const reader = new FirestoreRestReader({
    projectId: config.projectId,
    databaseId: shopSecretsDatabase,
    ...(process.env.FIRESTORE_EMULATOR_HOST ? { emulatorHost: process.env.FIRESTORE_EMULATOR_HOST } : {}),
  });
  return shopConnectionsFrom((path) => reader.get(path), { clock: systemClock, ttlMs: 10_000 });
}

/**
 * Every user of the book gets this one: a lot's bids, its hammer and an erasure reach the database its channel picks;
 * a database added later gets the bans Firestore holds before its first auction opens.
 */
function shardedBook(config: Config, connections: readonly Redis[], store: () => DocumentStore): AuctionBook {
  const { createUpstashAuctionBook } = require('./upstash/upstash-auction-book') as typeof import('./upstash/upstash-auction-book');
  const { shardedAuctionBook } = require('./upstash/sharded-auction-book') as typeof import('./upstash/sharded-auction-book');
  const { banReplayMarker } = require('./upstash/ban-replay') as typeof import('./upstash/ban-replay');
  const { bookLayoutMarker } = require('./upstash/book-layout-marker') as typeof import('./upstash/book-layout-marker');
  const { bannedBidders, trustedBidders } = require('../auctions') as typeof import('../auctions');
  const options = {
    keyPrefix: config.redisKeyPrefix,
    idKey: required(config, 'ID_HASH_KEY'),
    ...(config.auctions.bidGatherMs !== undefined ? { gatherMs: config.auctions.bidGatherMs } : {}),
  };
  return shardedAuctionBook(
    connections.map((connection) => createUpstashAuctionBook(connection, options)),
    {
      markers: connections.map((connection) => banReplayMarker(connection, config.redisKeyPrefix)),
      bannedBidders: () => bannedBidders(store()),
      trustedBidders: () => trustedBidders(store()),
    },
    // On the first database, with one database too: an instance started before a database was added refuses what it cannot see.
    bookLayoutMarker(connections[0] as Redis, config.redisKeyPrefix),
  );
}

export function gcpPlatform(config: Config, options: GcpPlatformOptions): Platform {
  // One app token for the gateway's subscriptions and the bot's chat messages.
  const helixApp = lazy(() => {
    const { HelixAppClient } = require('./twitch/helix-app-client') as typeof import('./twitch/helix-app-client');
    return new HelixAppClient({ clientId: required(config, 'TWITCH_CLIENT_ID'), clientSecret: required(config, 'TWITCH_CLIENT_SECRET') });
  });
  // One Upstash connection a database of the book (bookDatabases: the first, then UPSTASH_BOOK_SHARDS); what each sends is counted (`redis.commands`, by the database's index).
  const bookConnections = lazy(() => {
    const { connectAuctionBook } = require('./upstash/upstash-connection') as typeof import('./upstash/upstash-connection');
    const { tallyCommandsEveryMinute } = require('./upstash/command-tally') as typeof import('./upstash/command-tally');
    return bookDatabases(config).map((database, index) => {
      const connection = connectAuctionBook(database);
      tallyCommandsEveryMinute(connection, systemClock, index);
      return connection;
    });
  });
  // The first database: the chat outbox, Stripe's write budget, and what of the book belongs to no channel.
  const redis = () => bookConnections()[0] as ReturnType<typeof bookConnections>[number];
  const store = lazy(() => {
    const { createFirestoreDocumentStore } = require('./firestore/firestore-document-store') as typeof import('./firestore/firestore-document-store');
    return createFirestoreDocumentStore(config.projectId);
  });
  return {
    config,
    clock: systemClock,
    store,
    publisher: lazy(() => {
      if (options.lightPublisher) {
        const { PubSubRestPublisher } = require('./pubsub/pubsub-rest-publisher') as typeof import('./pubsub/pubsub-rest-publisher');
        return new PubSubRestPublisher({
          projectId: config.projectId,
          ...(process.env.PUBSUB_EMULATOR_HOST ? { emulatorHost: process.env.PUBSUB_EMULATOR_HOST } : {}),
        });
      }
      const { PubSubClientPublisher } = require('./pubsub/pubsub-client-publisher') as typeof import('./pubsub/pubsub-client-publisher');
      return new PubSubClientPublisher({ projectId: config.projectId });
    }),
    tasks: lazy(() => cloudTasks(config)),
    discord: lazy(() => {
      const { DiscordRestMessenger } = require('./discord/discord-rest-messenger') as typeof import('./discord/discord-rest-messenger');
      return new DiscordRestMessenger({ applicationId: required(config, 'DISCORD_APPLICATION_ID'), botToken: required(config, 'DISCORD_BOT_TOKEN') });
    }),
    carrier: lazy(() => easyPost(config)),
    auctionBook: lazy(() => shardedBook(config, bookConnections(), store)),
    chatOutbox: lazy(() => {
      const { createUpstashChatOutbox } = require('./chat/upstash-chat-outbox') as typeof import('./chat/upstash-chat-outbox');
      return createUpstashChatOutbox(redis(), { keyPrefix: config.redisKeyPrefix, idKey: required(config, 'ID_HASH_KEY') });
    }),
    payments: lazy(() => {
      const { createStripePayments } = require('./stripe/stripe-payments') as typeof import('./stripe/stripe-payments');
      const { accountWriteBudget } = require('./stripe/write-budget') as typeof import('./stripe/write-budget');
      const secretKey = required(config, 'STRIPE_SECRET_KEY');
      // One budget for the account across every function and instance, on the Upstash connection the book uses.
      return createStripePayments(secretKey, { writeBudget: accountWriteBudget(redis(), config.redisKeyPrefix, secretKey) });
    }),
    shopSecrets: lazy(() => {
      const { createFirestoreDocumentStore } = require('./firestore/firestore-document-store') as typeof import('./firestore/firestore-document-store');
      return createFirestoreDocumentStore(config.projectId, { databaseId: shopSecretsDatabase });
    }),
    shopConnections: lazy(() => shopConnections(config)),
    discordOAuth: lazy(() => {
      const { discordOAuthFor } = require('./discord/discord-oauth-client') as typeof import('./discord/discord-oauth-client');
      return discordOAuthFor(config);
    }),
    twitch: lazy(() => {
      const { createTwitchHelix } = require('./twitch/twitch-helix') as typeof import('./twitch/twitch-helix');
      return createTwitchHelix({
        clientId: required(config, 'TWITCH_CLIENT_ID'),
        clientSecret: required(config, 'TWITCH_CLIENT_SECRET'),
        client: helixApp(),
        // Only the functions that clip proofs are handed it; without it (or with the placeholder `none`), proofs fall back to VODs.
        botRefreshToken: config.secrets.TWITCH_BOT_REFRESH_TOKEN === 'none' ? undefined : config.secrets.TWITCH_BOT_REFRESH_TOKEN,
      });
    }),
    twitchChat: lazy(() => {
      const botUserId = config.twitchBot.userId;
      if (!botUserId) throw new ConfigError('C500_TWITCH_BOT_USER_ID is not set: no Twitch bot to speak in chat (docs/operations/app-setup.md)');
      const { createHelixTwitchChat } = require('./twitch/helix-twitch-chat') as typeof import('./twitch/helix-twitch-chat');
      return createHelixTwitchChat({
        clientId: required(config, 'TWITCH_CLIENT_ID'),
        clientSecret: required(config, 'TWITCH_CLIENT_SECRET'),
        botUserId,
        client: helixApp(),
        // Only the chat bids' subscriber is handed it: a public `!bid` in a final call is deleted as the bot, a moderator.
        ...(config.secrets.TWITCH_BOT_REFRESH_TOKEN && config.secrets.TWITCH_BOT_REFRESH_TOKEN !== 'none'
          ? { botRefreshToken: config.secrets.TWITCH_BOT_REFRESH_TOKEN }
          : {}),
      });
    }),
  };
}
