/**
 * @module platform
 * What a function is given: the configuration and a getter per outside system. Getters
 * build their adapter on first use, so a function loads only the SDKs it touches (the
 * Discord ingress never loads Firestore or Stripe). The platform makes clients only; what
 * each function's use cases are handed is made from it in shared/router/ (the wiring).
 */
import type { Config } from './config';
import type { HttpFunction } from '@google-cloud/functions-framework';
import type {
  AuctionBook,
  Carrier,
  ChatOutbox,
  Clock,
  DiscordMessenger,
  DiscordOAuth,
  DocumentStore,
  EventPublisher,
  Payments,
  PubSubHandler,
  ShopConnectionReader,
  TaskQueue,
  TwitchChat,
  TwitchGateway,
} from './ports';

export interface Platform {
  readonly config: Config;
  readonly clock: Clock;
  store(): DocumentStore;
  publisher(): EventPublisher;
  tasks(): TaskQueue;
  discord(): DiscordMessenger;
  /** Redis through Upstash's REST client; locally, the same on a local Redis, or the in-memory model without one. */
  auctionBook(): AuctionBook;
  /** What the bot waits to say in Twitch chat, beside the book (the same Redis). */
  chatOutbox(): ChatOutbox;
  payments(): Payments;
  twitch(): TwitchGateway;
  /** The platform's bot in Twitch chat (Helix Send Chat Message with the app token); locally, the Twitch simulator's chat. */
  twitchChat(): TwitchChat;
  /** Discord's OAuth2 for the dashboard's sign-in: the same adapter everywhere, the API's base URL from config. */
  discordOAuth(): DiscordOAuth;
  /** For the shop ingresses: one light read, never the Firestore SDK. */
  shopConnections(): ShopConnectionReader;
  /** The parcel carrier (EasyPost through its official client); locally, the same client against the carrier's stand-in. */
  carrier(): Carrier;
  /** Where `/race connect` keeps the shops' webhook secrets: a database of their own (see races/rules/shop-connection). */
  shopSecrets(): DocumentStore;
}

/** Builds a value once, on first call. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A registry function made ready to serve: an HTTP handler, or a Pub/Sub subscriber. */
export type HostedFunction = { kind: 'http' | 'task' | 'scheduled'; handler: HttpFunction } | { kind: 'pubsub'; handler: PubSubHandler };
