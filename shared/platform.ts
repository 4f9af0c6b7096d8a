/**
 * @module platform
 * What a function is given: the configuration and a getter per outside system. Getters
 * build their adapter on first use, so a function loads only the SDKs it touches (the
 * Discord ingress never loads Firestore or Stripe).
 */
import type { Redis } from '@upstash/redis';
import type { Config } from './config';
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Clock, DiscordMessenger, DocumentStore, EventPublisher, Payments, PubSubHandler, TaskQueue, TwitchGateway } from './ports';

/** The auction book lives in Redis, reached through Upstash's REST client. */
export type AuctionBookConnection = Redis;

export interface Platform {
  readonly config: Config;
  readonly clock: Clock;
  store(): DocumentStore;
  publisher(): EventPublisher;
  tasks(): TaskQueue;
  discord(): DiscordMessenger;
  auctionBook(): AuctionBookConnection;
  payments(): Payments;
  twitch(): TwitchGateway;
}

/** Builds a value once, on first call. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A registry function made ready to serve: an HTTP handler, or a Pub/Sub subscriber. */
export type HostedFunction = { kind: 'http' | 'task'; handler: HttpFunction } | { kind: 'pubsub'; handler: PubSubHandler };
