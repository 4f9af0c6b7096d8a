/**
 * @module ports
 * The interfaces the use cases need from the outside world. Each has a production adapter
 * (Google Cloud, Discord, Upstash) and a local one; both pass the same contract suite.
 */
import type { TopicName } from './registry';
import type { AccountTerms } from './domain/onboarding/connect-account';
import type { ShopConnections } from './domain/races/shop-connection';
import type {
  AuctionSnapshot,
  AuctionTerms,
  BidRequest,
  BidResult,
  BidTarget,
  CancelResult,
  EmbedSlot,
  HammerResult,
  OpenResult,
} from './domain/auctions/auction-book';

// ---------------------------------------------------------------------------------------
// Document store: the Firestore-shaped subset the product uses.

/**
 * A plain JSON-like document. Dates are ISO strings; money is integer cents. A `Date` value
 * is written as a timestamp (what Firestore's TTL policies read) and reads back as its ISO
 * string.
 */
export type DocumentData = { [field: string]: unknown };

/** A field transform applied by the store at write time (mirrors Firestore's FieldValue). */
export type FieldTransform = { readonly __fieldTransform: 'increment'; readonly by: number };

/** Adds `by` to a numeric field atomically; a missing field counts as 0. */
export function increment(by: number): FieldTransform {
  if (!Number.isSafeInteger(by)) throw new RangeError(`increment takes a whole number, got ${by}`);
  return { __fieldTransform: 'increment', by };
}

export function isFieldTransform(value: unknown): value is FieldTransform {
  return typeof value === 'object' && value !== null && '__fieldTransform' in value;
}

export type WhereOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'array-contains';

// ---- typed paths ----------------------------------------------------------------------
// What is stored at a path is part of the path's type, as with the Firestore SDK's
// `withConverter<Order>()`: `get(orderPath(id))` answers an `Order`, and `update()` on it
// takes the order's own fields, so a misspelled field or a wrong value does not compile.
// Each collection makes its paths in one place, next to its document type in shared/domain.

declare const storedAt: unique symbol;
declare const listedIn: unique symbol;

/**
 * The path of a document holding a `T` (`orders/<id>`). A string at run time; the brand
 * is invariant, so a path of one document type is never taken for another.
 */
export type DocPath<T> = string & { readonly [storedAt]: (document: T) => T };

/** The path of a collection of `T` documents (`orders`, `drops/<id>/stock`). */
export type CollectionPath<T> = string & { readonly [listedIn]: (document: T) => T };

/**
 * Names what a document path holds. Call it once per collection, in the module that
 * declares the document's type; without a type it makes a path nothing can be written to.
 */
export function docPath<T = never>(path: string): DocPath<T> {
  return path as DocPath<T>;
}

/** Names what a collection holds; as `docPath`, once per collection, next to its type. */
export function collectionPath<T = never>(path: string): CollectionPath<T> {
  return path as CollectionPath<T>;
}

/** What a number field may be written as: a number, or `increment()` of one. */
export type FieldWrite<V> = V | (number extends NonNullable<V> ? FieldTransform : never);

/** A field the store reads as a map of fields (merged by `{ merge: true }`, reached by dotted paths). */
type MapField<V> = V extends readonly unknown[] | Date | FieldTransform ? never : V extends object ? V : never;

/** `a.b` for each field `b` of each map field `a` (`shares.<racer id>`, `eventSub.revokedAt`). */
export type DottedField<T> = {
  [K in keyof T & string]-?: [MapField<NonNullable<T[K]>>] extends [never] ? never : `${K}.${keyof MapField<NonNullable<T[K]>> & string}`;
}[keyof T & string];

type AtDottedField<T, P> = P extends `${infer K}.${infer F}`
  ? K extends keyof T
    ? F extends keyof NonNullable<T[K]>
      ? NonNullable<T[K]>[F]
      : never
    : never
  : never;

/**
 * What `update()` takes for a `T`: some of its own fields, each its own type (or
 * `increment()` of a number field), and fields of its maps by dotted path (`'stream.status'`).
 */
export type Update<T> = { [K in keyof T]?: FieldWrite<T[K]> } & { [P in DottedField<T>]?: FieldWrite<AtDottedField<T, P>> };

/** What `set(…, { merge: true })` takes for a `T`: any of its fields, maps merged field by field. */
export type Merge<T> = {
  [K in keyof T]?: [MapField<NonNullable<T[K]>>] extends [never] ? FieldWrite<T[K]> : Merge<NonNullable<T[K]>> | Extract<T[K], null>;
};

export interface SetOptions {
  merge?: boolean;
}

/** A whole `T`, or with `{ merge: true }` the part of one to merge in. */
export type SetData<T, O extends SetOptions> = O extends { merge: true } ? Merge<T> : T;

/** A field a query may filter or order on: the document's own, or a map's by dotted path. */
export type FieldPath<T> = (keyof T & string) | DottedField<T>;

export interface Query<T = DocumentData> {
  where?: ReadonlyArray<readonly [field: FieldPath<T>, op: WhereOp, value: unknown]>;
  orderBy?: ReadonlyArray<readonly [field: FieldPath<T>, direction: 'asc' | 'desc']>;
  limit?: number;
}

export interface StoredDocument<T = DocumentData> {
  id: string;
  path: string;
  data: T;
}

/** Writes that can be staged in a transaction or a batch and committed together. */
export interface WriteSet {
  /** Replaces the document, or merges maps into it with `{ merge: true }`. */
  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): void;
  /** Fails the whole commit with `already-exists` if the document exists. */
  create<T>(path: DocPath<T>, data: NoInfer<T>): void;
  /** Updates fields (dotted paths reach into maps); fails with `not-found` if absent. */
  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): void;
  delete<T>(path: DocPath<T>): void;
}

export interface Transaction extends WriteSet {
  /** Every read must come before the first write, as in Firestore. */
  get<T>(path: DocPath<T>): Promise<T | undefined>;
  query<T>(collection: CollectionPath<T>, query?: Query<NoInfer<T>>): Promise<StoredDocument<T>[]>;
}

export interface WriteBatch extends WriteSet {
  commit(): Promise<void>;
}

export interface DocumentStore {
  get<T>(path: DocPath<T>): Promise<T | undefined>;
  set<T, O extends SetOptions = SetOptions>(path: DocPath<T>, data: NoInfer<SetData<T, O>>, options?: O): Promise<void>;
  /** Creates the document unless it exists; answers whether this call created it. */
  createIfAbsent<T>(path: DocPath<T>, data: NoInfer<T>): Promise<boolean>;
  update<T>(path: DocPath<T>, fields: NoInfer<Update<T>>): Promise<void>;
  delete<T>(path: DocPath<T>): Promise<void>;
  query<T>(collection: CollectionPath<T>, query?: Query<NoInfer<T>>): Promise<StoredDocument<T>[]>;
  /** Runs `work` with optimistic concurrency; it may run more than once on contention. */
  runTransaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R>;
  batch(): WriteBatch;
  close(): Promise<void>;
}

export const storeErrorCodes = ['already-exists', 'not-found', 'aborted', 'invalid-argument'] as const;
export type StoreErrorCode = (typeof storeErrorCodes)[number];

/** The one error a document store adapter throws for a rule of the store itself. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

// ---------------------------------------------------------------------------------------
// Event bus.

export interface PublishOptions {
  attributes?: Record<string, string>;
  /** Messages with the same key reach a subscriber one at a time, in publish order. */
  orderingKey?: string;
}

export interface EventPublisher {
  /** Resolves with the message id once the bus has accepted the message. */
  /** The topic's name is the registry's: a misspelt one does not compile. */
  publish(topic: TopicName, data: unknown, options?: PublishOptions): Promise<string>;
}

/** What Pub/Sub hands a subscriber: the `data` of a `messagePublished` CloudEvent. */
export interface PubSubMessage {
  data: string;
  attributes?: Record<string, string>;
  messageId: string;
  publishTime: string;
  orderingKey?: string;
}

export interface PubSubCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: 'google.cloud.pubsub.topic.v1.messagePublished';
  time: string;
  datacontenttype: 'application/json';
  data: { message: PubSubMessage; subscription: string; deliveryAttempt?: number };
}

/** A subscriber: throwing asks the bus to deliver the message again later. */
export type PubSubHandler = (event: PubSubCloudEvent) => Promise<void>;

// ---------------------------------------------------------------------------------------
// Task queue.

export interface ScheduledTask {
  queue: string;
  /** Tasks are deduplicated by name: scheduling a name twice schedules it once. */
  name: string;
  /** The route of the HTTP function that receives the task, for example `/tasks/auction-close`. */
  target: string;
  payload: unknown;
  runAt: Date;
}

export interface TaskQueue {
  schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'>;
  /** Answers false when there was no such task waiting. */
  cancel(queue: string, name: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------
// Discord REST.

/** A Discord message payload as sent to the API (a subset of its fields). */
export interface DiscordMessage {
  content?: string;
  embeds?: DiscordEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: { parse?: Array<'users' | 'roles' | 'everyone'>; roles?: string[]; users?: string[] };
  /**
   * With `enforce_nonce`, Discord makes at most one message per nonce from the bot in a
   * channel within a few minutes, answering a repeat with the message it made: a retry
   * after a lost answer or a crash posts nothing twice. At most 25 characters.
   */
  nonce?: string;
  enforce_nonce?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  image?: { url: string };
  thumbnail?: { url: string };
  timestamp?: string;
}

/**
 * Where an interaction is answered: its token, and its id, whose snowflake time is when
 * Discord issued the token (tokens last 15 minutes; see domain/interaction-token).
 */
export interface InteractionReply {
  id: string;
  token: string;
}

/**
 * Discord's refusals arrive as errors with Discord's JSON error `code` (and the HTTP
 * `status`): 50007 for a user whose DMs are closed, 50027 for an expired interaction token.
 */
export interface DiscordMessenger {
  sendDm(userId: string, message: DiscordMessage): Promise<{ messageId: string }>;
  postToChannel(channelId: string, message: DiscordMessage): Promise<{ messageId: string }>;
  editChannelMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void>;
  /** Edits the response Discord shows for an interaction (the deferred "thinking…" one). */
  editOriginalResponse(reply: InteractionReply, message: DiscordMessage): Promise<void>;
  sendFollowup(reply: InteractionReply, message: DiscordMessage): Promise<{ messageId: string }>;
}

// ---------------------------------------------------------------------------------------
// Time, so that rules about windows and deadlines can be tested.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// ---------------------------------------------------------------------------------------
// Payments (Stripe Connect, separate charges and transfers).

/** Every call that creates something at Stripe names an idempotency key from our own ids. */
export interface Idempotent {
  idempotencyKey: string;
}

/** One line of a Checkout Session that pays for several things (a show winner's lots from one builder). */
export interface CheckoutLineItem {
  name: string;
  amountCents: number;
}

export interface CheckoutRequest extends Idempotent {
  /** Our order id (or a show checkout's): the session's `client_reference_id` and the payment's `transfer_group`. */
  orderId: string;
  itemName: string;
  imageUrl?: string;
  /** The total charged: with `lineItems`, their sum. */
  amountCents: number;
  /** One line per thing paid for; without them the session has one line, `itemName` at `amountCents`. */
  lineItems?: CheckoutLineItem[];
  currency: string;
  expiresAt: Date;
  /** Strings only, as Stripe stores them: order, drop, buyer, builder and guild ids. */
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  sessionId: string;
  /** Where the buyer pays: Stripe's hosted page, or the local simulator's. */
  url: string;
  expiresAt: string;
}

export interface TransferRequest extends Idempotent {
  amountCents: number;
  currency: string;
  /** The builder's connected account. */
  destination: string;
  /**
   * The charge the money came from: Stripe holds the transfer until those funds are
   * available. None for a racer's payout, which comes from the platform's balance.
   */
  sourceTransaction?: string;
  transferGroup: string;
  metadata: Record<string, string>;
}

/** A builder's Express account: where they are paid, and under which agreement (see domain/connect-account). */
export interface ConnectedAccountRequest extends Idempotent, AccountTerms {
  builderId: string;
  email?: string;
}

export interface ReversalRequest extends Idempotent {
  transferId: string;
  amountCents: number;
  metadata: Record<string, string>;
}

export interface ConnectedAccountStatus {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Whether the account can take transfers: all a builder needs to be paid. */
  transfersActive: boolean;
}

export interface Payments {
  /** An Express account for a builder; the key makes a retried call return the same account. */
  createConnectedAccount(request: ConnectedAccountRequest): Promise<{ accountId: string }>;
  /** A single-use onboarding link; keyed by the command that asked, so its redelivery gets the same one. */
  createOnboardingLink(request: Idempotent & { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  accountStatus(accountId: string): Promise<ConnectedAccountStatus>;
  createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Expires an open session (a pay window that passed); an already closed one is left alone. */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /** The charge behind a payment, which a transfer names as `source_transaction`. */
  chargeOfPayment(paymentIntentId: string): Promise<{ chargeId: string }>;
  /** Throws PaymentRefused when Stripe refuses it for good (see errors.ts). */
  createTransfer(request: TransferRequest): Promise<{ transferId: string }>;
  /** Takes part of a transfer back from the connected account; PaymentRefused when its balance cannot cover it. */
  reverseTransfer(request: ReversalRequest): Promise<{ reversalId: string }>;
}

// ---------------------------------------------------------------------------------------
// Twitch (Helix, OAuth, EventSub subscriptions).

export interface TwitchUser {
  userId: string;
  login: string;
  displayName: string;
}

/** A stream as Helix reports it; `type` is `live` for a real broadcast. */
export interface TwitchStream {
  streamId: string;
  type: string;
  startedAt: string;
}

export interface TwitchGateway {
  /** Trades an OAuth authorization code for the Twitch user who granted it. */
  userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchUser>;
  /**
   * Subscribes to a broadcaster's `stream.online` and `stream.offline` over the webhook
   * transport; an existing subscription counts as made.
   */
  subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }>;
  /** The broadcaster's current stream, or undefined when offline. */
  currentStream(broadcasterId: string): Promise<TwitchStream | undefined>;
}

// ---------------------------------------------------------------------------------------
// Auction book: the live state of auctions, where every bid is decided atomically.

export interface AuctionBook {
  /** Loads an auction's live state; a second call for the same id changes nothing. One live auction per channel. */
  open(terms: AuctionTerms): Promise<OpenResult>;
  /**
   * Decides one bid atomically against every other bid on the same auction; a bid by
   * channel goes to the channel's live auction, found in the same round trip.
   */
  placeBid(target: BidTarget, bid: BidRequest): Promise<BidResult>;
  /** The live auction `/bid` reaches in a channel, if any. */
  liveAuctionIn(channelId: string): Promise<string | undefined>;
  read(auctionId: string): Promise<AuctionSnapshot | undefined>;
  /**
   * A trailing embed task asks for its edit: `now` when the last edit is a second old and
   * no newer one happened since `behindMs`; `trailing` to wait until `atMs`; `none` otherwise.
   */
  claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): Promise<EmbedSlot>;
  /** Freezes the auction if `version` is its current end and the end's settle window has passed; idempotent. */
  hammer(auctionId: string, version: number, atMs: number): Promise<HammerResult>;
  /** Only before the first bid. */
  cancel(auctionId: string): Promise<CancelResult>;
  /** A banned bidder's bids are refused in every auction. */
  ban(bidderId: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Shop connections: the secrets the Ko-fi and Shopify ingresses check deliveries against.

export interface ShopConnectionReader {
  /** The guild's connected shops, or undefined when it has connected none. */
  connectionsOf(guildId: string): Promise<ShopConnections | undefined>;
}
