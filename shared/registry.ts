/**
 * @module registry
 * The one list of deployed functions, topics and queues. `functions/index.ts` exports
 * from it, the local runtime mounts it, and terraform mirrors it (a test holds the two
 * together). Keep this module free of runtime imports: ingress cold starts load it.
 *
 * What a commands topic carries, and what its subscriber runs, is not listed here: the
 * modules' route tables say which job goes to which topic, and the reference
 * (docs/reference/functions.md) is made from them (shared/router/function-descriptions.ts).
 */

/**
 * How long a dead-lettered message is kept for someone to read and republish (terraform's
 * dead_letter_hold `message_retention_duration`, held to this by a test): it may carry a
 * person's ids and what they typed, so a week, no more.
 */
export const deadLetterRetentionDays = 7;

export const topics = [
  {
    /** Slash commands, modals and buttons that need the store or Discord REST: answered deferred. */
    name: 'discord-commands',
    deadLetterTopic: 'discord-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** Slash commands and buttons whose work calls Stripe: answered deferred. */
    name: 'stripe-commands',
    deadLetterTopic: 'stripe-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** `/c500 live`: announcements and proof of work on orders. */
    name: 'live-commands',
    deadLetterTopic: 'live-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** Verified Stripe webhook events. */
    name: 'stripe-events',
    deadLetterTopic: 'stripe-events-dead-letter',
    maxDeliveryAttempts: 10,
  },
  {
    /** Verified Twitch EventSub notifications and revocations. */
    name: 'twitch-events',
    deadLetterTopic: 'twitch-events-dead-letter',
    maxDeliveryAttempts: 10,
  },
  {
    /** Auction commands that need Firestore, the book and the live embed: answered deferred. */
    name: 'auction-commands',
    deadLetterTopic: 'auction-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /**
     * Every bid, published WITHOUT an ordering key: an ordered push subscription hands out
     * one message per key at a time, which would cap an auction at a few dozen bids a
     * second. Redis is the one place that orders bids.
     */
    name: 'auction-bids',
    deadLetterTopic: 'auction-bids-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** Show commands and the run sheet's buttons: answered deferred. */
    name: 'show-commands',
    deadLetterTopic: 'show-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** Race lobby commands and buttons: answered deferred. */
    name: 'race-commands',
    deadLetterTopic: 'race-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /**
     * Chat messages that start with `!bid`, from Twitch chat in channels with chat bidding
     * on: without an ordering key, as auction-bids (the book orders bids). Everything else
     * said in chat is dropped at the ingress and never published.
     */
    name: 'chat-bids',
    deadLetterTopic: 'chat-bids-dead-letter',
    maxDeliveryAttempts: 5,
  },
  {
    /** Verified carrier tracker updates (EasyPost): each moves a shipped order's parcel once. */
    name: 'carrier-events',
    deadLetterTopic: 'carrier-events-dead-letter',
    maxDeliveryAttempts: 10,
  },
  {
    /** Verified Ko-fi and Shopify sales and refunds: each credits (or reverses) the race window open when it was paid. */
    name: 'shop-events',
    deadLetterTopic: 'shop-events-dead-letter',
    maxDeliveryAttempts: 10,
  },
] as const;

export type TopicName = (typeof topics)[number]['name'];

/**
 * How Pub/Sub waits before it pushes a failed message again (terraform's retry_policy, held
 * to this by a test): the local bus waits the same, so what a redelivery finds (a lease
 * still held by a crashed instance, a service still down) is what production would find.
 */
export const pubsubRetryPolicy = { minimumBackoffSeconds: 10, maximumBackoffSeconds: 600 } as const;

export const queues = [
  {
    /**
     * Hammer drops, named from the auction id and its end-time version. Retried for hours
     * (terraform spaces the attempts), so an outage of Firestore, Stripe or Discord does not
     * leave an auction frozen; the auction sweep settles what still slips through.
     */
    name: 'auction-close',
    maxAttempts: 150,
  },
  {
    /** What the bot says in a channel's Twitch chat: named by the channel and the second, so a burst of bids makes one message. */
    name: 'chat-replies',
    maxAttempts: 10,
  },
  {
    /** The trailing edit of a live auction embed: at most one a second, named so a burst schedules one. */
    name: 'auction-embed',
    maxAttempts: 5,
  },
  {
    /** Expires an unpaid checkout at its deadline, so a held unit comes back even if Stripe's event is late or lost. */
    name: 'checkout-expiry',
    maxAttempts: 10,
  },
  {
    /**
     * A show's next lot, after the gap that follows a hammer: named from the show, the lot and
     * the show's step, so a redelivered task starts nothing twice and a stale one nothing at all.
     */
    name: 'show-next',
    maxAttempts: 20,
  },
  {
    /** The run sheet's edit, named from the show and the next whole second: at most one a second. */
    name: 'show-sheet',
    maxAttempts: 5,
  },
  {
    /** A commission's promised date: named from the order and the date, so a moved date arms a new one and the old finds nothing. */
    name: 'commission-late',
    maxAttempts: 10,
  },
  {
    /** Closes a race window the host left open, at the guild's maximum, named from the lobby. */
    name: 'race-close',
    maxAttempts: 10,
  },
  {
    /** The lobby message's edit, named from the lobby and the next whole second: at most one a second. */
    name: 'race-message',
    maxAttempts: 5,
  },
  {
    /**
     * A proof whose clip failed looks for the stream's VOD: named from the order and the
     * attempt, each attempt a task of its own a few minutes after the last (bounded in
     * `find-proof-vod`); these attempts only retry a failure of ours (the store, Discord).
     */
    name: 'proof-vod',
    maxAttempts: 10,
  },
  {
    /** A dispute's evidence, submitted a day before it is due: named from the dispute, so it is submitted once. */
    name: 'dispute-evidence',
    maxAttempts: 20,
  },
  {
    /**
     * A giveaway's draw at its end, and each round's deadline to confirm: named from the
     * giveaway and the round, so a redelivered schedule makes one task and a redraw one round.
     */
    name: 'giveaway-draw',
    maxAttempts: 20,
  },
  // Group buys (issue 65): the close, and the charging after it.
  {
    /**
     * A group buy's close, named from the group buy and its close time (`groupbuy-close-<id>-<ms>`),
     * so an extension arms a new task and the old one finds nothing to do; and the batches of
     * charges after a close that met its MOQ, each named by its chain and number, each naming
     * the next a second after it ended; the batches of pledges let go without a charge
     * (`groupbuy-release-<id>-<n>`); the batches of a funded group buy's saved cards let go at
     * Stripe (`groupbuy-cards-<id>-<n>`); and an interest check's end (`interest-check-end-<id>`).
     * Retried for hours, as a hammer is: an outage must not leave a close half charged.
     */
    name: 'groupbuy-close',
    maxAttempts: 150,
  },
  {
    /**
     * A group buy's milestone, proved once live, reaching its orders: batches of 20 orders
     * (`groupbuy-milestone-<id>-<milestone>-<n>`), each naming the next a second after it ended,
     * each order's tranche keyed by order and milestone. Retried for hours, as the close is: a
     * milestone must not reach half its orders.
     */
    name: 'groupbuy-milestone',
    maxAttempts: 150,
  },
  {
    /**
     * A shipping wave's labels (`/c500 ship order:groupbuy:<id>`): batches of 5 orders
     * (`label-wave-<wave>-<n>`), each naming the next a second after it ended, each label bought
     * once (the shipment recorded before it is bought, read back before a retry).
     */
    name: 'label-wave',
    maxAttempts: 50,
  },
] as const;

export type QueueName = (typeof queues)[number]['name'];

import type { SecretName } from './config';

interface FunctionBase {
  /** The Functions Framework target, also the Cloud Functions name in kebab-case. */
  name: string;
  /** File under `functions/` that exports a factory with the same name. */
  module: string;
  description: string;
  /** The only secrets terraform hands this function (least privilege). */
  secrets: readonly SecretName[];
  /** The only topics it may publish to: terraform grants exactly these, the local bus enforces them. */
  publishes: readonly TopicName[];
  /** The only queues it may put tasks on: terraform grants exactly these, the local queue enforces them. */
  schedules: readonly QueueName[];
  /** The queues it may also take its own tasks back from before they run. */
  cancels?: readonly QueueName[];
  /**
   * The most instances Cloud Run may start, from the capacity model (docs/capacity.md) for the
   * functions a show's peak leans on; the others keep `defaultMaxInstances` (var.max_instances).
   */
  maxInstances?: number;
  /**
   * Instances kept warm, from the capacity model (docs/capacity.md): the instances a show's peak
   * needs of the functions its herd meets first (the ingresses and the bid subscribers), so a
   * lot's first seconds meet compiled code and open connections, not cold starts.
   */
  minInstances?: number;
}

/** terraform's `var.max_instances`: the cost guard of every function the capacity model does not size. */
export const defaultMaxInstances = 20;

/**
 * Who signs an ingress's requests (the `source` of its `webhook.refused` lines). Each signed
 * ingress has an SLI of its own (terraform/slos.tf, one per `signed_by`): a fresh, well-formed
 * signature it refuses is an outage of that sender's deliveries, which no other sender's volume
 * can dilute.
 */
export const signedSources = ['discord', 'stripe', 'twitch', 'kofi', 'shopify', 'carrier'] as const;
export type SignedSource = (typeof signedSources)[number];

export interface HttpFunctionEntry extends FunctionBase {
  kind: 'http';
  route: string;
  /** Reached by anyone (signature checked in code) rather than only by our own services. */
  public: boolean;
  /** The sender whose signature (or token) it checks; its `http.answered` line carries the signature's shape (`signature`). */
  signedBy?: SignedSource;
  /** It also answers every path under its route (`/dashboard/builder`): Hosting rewrites `<route>/**` to it as well. */
  subpaths?: true;
}

export interface PubSubFunctionEntry extends FunctionBase {
  kind: 'pubsub';
  topic: TopicName;
  /** How many messages one instance works on at once (gen2 concurrency). */
  concurrency: number;
}

export interface TaskFunctionEntry extends FunctionBase {
  kind: 'task';
  route: string;
  queue: QueueName;
}

/**
 * Called by Cloud Scheduler with an OIDC token (the tasks invoker's), like a task target;
 * locally by a timer of the runtime at the same period.
 */
export interface ScheduledFunctionEntry extends FunctionBase {
  kind: 'scheduled';
  route: string;
  /** Runs every this many minutes (a divisor of 60: Cloud Scheduler's cron is `*\/n * * * *`). */
  everyMinutes: number;
  /**
   * Locally, runs on the wall clock's timer alone: moving the local clock forward does not run
   * it. For a check of the live system (the synthetic probe), which simulated time changes
   * nothing for, and which would otherwise add its requests to every test that moves the clock.
   */
  wallClockOnly?: true;
}

export type FunctionEntry = HttpFunctionEntry | PubSubFunctionEntry | TaskFunctionEntry | ScheduledFunctionEntry;

const discordSecrets = ['DISCORD_APPLICATION_ID', 'DISCORD_BOT_TOKEN'] as const;
const twitchAppSecrets = ['TWITCH_CLIENT_ID', 'TWITCH_CLIENT_SECRET'] as const;
/** The book's connections (its first database and the rest, `UPSTASH_BOOK_SHARDS`), and the key it hashes bidders' ids with (the chat outbox's say-once keys too). */
const auctionBookSecrets = ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'UPSTASH_BOOK_SHARDS', 'ID_HASH_KEY'] as const;

/** Every function writes log lines, and hashes the people's ids in them under this key (shared/log/people). */
export const secretsEveryFunctionReads = ['LOG_ID_KEY'] as const;

/** Each function with the secrets it alone reads; `functionRegistry` adds the ones every function reads. */
const registered: readonly FunctionEntry[] = [
  {
    name: 'discordInteractions',
    module: 'discord-interactions',
    kind: 'http',
    route: '/discord/interactions',
    public: true,
    signedBy: 'discord',
    // The probe's public key opens its PING and its bid on its own lot, nothing else (shared/router/probe-ingress).
    secrets: ['DISCORD_PUBLIC_KEY', 'PROBE_PUBLIC_KEY'],
    publishes: ['discord-commands', 'stripe-commands', 'live-commands', 'auction-commands', 'auction-bids', 'race-commands', 'show-commands'],
    schedules: [],
    // docs/capacity.md: the show's peak needs 2 instances; three times that, never below var.max_instances (20).
    maxInstances: 20,
    // docs/capacity.md: the show's peak needs 2 warm (the herd meets it first).
    minInstances: 2,
    description: 'Discord interactions ingress: verify, answer or defer, publish',
  },
  {
    name: 'discordCommands',
    module: 'discord-commands',
    kind: 'pubsub',
    topic: 'discord-commands',
    concurrency: 20,
    // The authorize links name the Twitch client; the OAuth state is signed with a key of its own.
    // `/c500 chat-bidding on` and `off` subscribe to a channel's chat and unsubscribe (the app token, the EventSub secret).
    // A giveaway's seed is sealed before it is stored (TOKEN_SEAL_KEYS). `/c500 privacy`'s erasure takes the member out of the live auction books.
    // `/c500 ship` with a tracking number typed by hand starts the carrier's tracker (EASYPOST_API_KEY).
    secrets: [
      ...discordSecrets,
      ...twitchAppSecrets,
      'TWITCH_EVENTSUB_SECRET',
      'OAUTH_STATE_KEY',
      'TOKEN_SEAL_KEYS',
      ...auctionBookSecrets,
      'EASYPOST_API_KEY',
    ],
    publishes: [],
    // `/giveaway start` schedules its draw; `/groupbuy start` and `extend` its close; `/groupbuy interest` the check's end; a shipping wave's press its first batch.
    schedules: ['giveaway-draw', 'groupbuy-close', 'label-wave'],
    description: 'Deferred commands that need the store, Discord and Twitch (and the auction books, which an erasure reaches)',
  },
  {
    name: 'stripeCommands',
    module: 'stripe-commands',
    kind: 'pubsub',
    topic: 'stripe-commands',
    // docs/capacity.md: a Buy Now press is about 130 ms in the instance; at the 0.23 ms of CPU first measured one vCPU reaches
    // 60 % at about 350 (the slots are raised to that, never lowered when a slower machine measures more CPU).
    concurrency: 350,
    // A parcel's Refund reads a reship's label back at the carrier before the reship gives way (EASYPOST_API_KEY).
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY', 'EASYPOST_API_KEY'],
    publishes: [],
    schedules: ['checkout-expiry', 'commission-late'],
    // docs/capacity.md: the show's peak needs 1 instance; three times that, never below var.max_instances (20).
    maxInstances: 20,
    description: 'Deferred commands that call Stripe (a Buy Now reserves its stock atomically)',
  },
  {
    name: 'liveCommands',
    module: 'live-commands',
    kind: 'pubsub',
    topic: 'live-commands',
    concurrency: 20,
    // The bot's refresh token: a proof's clip is made as the bot (clips:edit).
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY', ...twitchAppSecrets, 'TWITCH_BOT_REFRESH_TOKEN'],
    publishes: [],
    // A proof's VOD search; a group buy's milestone, proved once, arms the first batch of its orders.
    schedules: ['proof-vod', 'groupbuy-milestone'],
    description: '/c500 live: announcements and proof of work that releases held funds, with a clip of the stream as the proof',
  },
  {
    name: 'stripeWebhook',
    module: 'stripe-webhook',
    kind: 'http',
    route: '/webhooks/stripe',
    public: true,
    signedBy: 'stripe',
    secrets: ['STRIPE_WEBHOOK_SECRET', 'STRIPE_CONNECT_WEBHOOK_SECRET'],
    publishes: ['stripe-events'],
    schedules: [],
    description: 'Stripe webhook ingress: verify Stripe-Signature on the raw body, dedupe, publish',
  },
  {
    name: 'stripeEvents',
    module: 'stripe-events',
    kind: 'pubsub',
    topic: 'stripe-events',
    concurrency: 20,
    // The book: a non-paying auction winner's strikes can ban them from bidding.
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY', ...auctionBookSecrets],
    publishes: [],
    // A builder who revokes C500 (`account.application.deauthorized`): their live auctions' hammers are taken back, and a
    // show whose lot of theirs was on the block goes on to its next lot.
    schedules: [
      'checkout-expiry',
      'race-message',
      'show-sheet',
      'show-next',
      'chat-replies',
      'dispute-evidence',
      'commission-late',
      // A group buy's pay link that expired before its window did makes the next; one that lapsed moves the waitlist up and charges it.
      'groupbuy-close',
    ],
    cancels: ['auction-close'],
    description:
      'Payments: orders paid, expired and refunded (an auction passes to its runner-up); merch sales and refunds for race windows; builder account status; disputes',
  },
  {
    name: 'twitchWebhook',
    module: 'twitch-webhook',
    kind: 'http',
    route: '/webhooks/twitch',
    public: true,
    signedBy: 'twitch',
    secrets: ['TWITCH_EVENTSUB_SECRET'],
    publishes: ['twitch-events', 'chat-bids'],
    schedules: [],
    // docs/capacity.md: the show's peak needs 1 instance; three times that, never below var.max_instances (20).
    maxInstances: 20,
    // docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
    minInstances: 1,
    description: 'Twitch EventSub ingress: verify the HMAC, answer challenges, dedupe, publish; chat that is not a !bid is dropped here',
  },
  {
    name: 'twitchEvents',
    module: 'twitch-events',
    kind: 'pubsub',
    topic: 'twitch-events',
    concurrency: 20,
    secrets: [...discordSecrets],
    publishes: [],
    schedules: [],
    description: 'Keeps each builder’s live status from stream.online / stream.offline; records revocations',
  },
  {
    name: 'carrierWebhook',
    module: 'carrier-webhook',
    kind: 'http',
    route: '/webhooks/carrier',
    public: true,
    signedBy: 'carrier',
    secrets: ['EASYPOST_WEBHOOK_SECRET'],
    publishes: ['carrier-events'],
    schedules: [],
    description: 'Carrier (EasyPost) webhook ingress: verify X-Hmac-Signature on the raw body, publish tracker updates',
  },
  {
    name: 'carrierEvents',
    module: 'carrier-events',
    kind: 'pubsub',
    topic: 'carrier-events',
    concurrency: 20,
    secrets: [...discordSecrets],
    publishes: [],
    schedules: [],
    description:
      'Moves a shipped order’s parcel on each tracker update (in transit, out for delivery, delivered, returned, lost) and tells the buyer, or the builder and the admin',
  },
  {
    name: 'twitchOauthCallback',
    module: 'twitch-oauth-callback',
    kind: 'http',
    route: '/oauth/twitch/callback',
    public: true,
    secrets: [...twitchAppSecrets, 'TWITCH_EVENTSUB_SECRET', 'OAUTH_STATE_KEY'],
    publishes: [],
    schedules: [],
    description: 'Twitch OAuth callback: links the channel a builder authorized and subscribes to its streams',
  },
  {
    name: 'twitchChatCallback',
    module: 'twitch-chat-callback',
    kind: 'http',
    route: '/twitch/chat/callback',
    public: true,
    // The code exchange and the chat subscription (the app token, the EventSub secret), the state's key, and the owner's DM.
    secrets: [...discordSecrets, ...twitchAppSecrets, 'TWITCH_EVENTSUB_SECRET', 'OAUTH_STATE_KEY'],
    publishes: [],
    schedules: [],
    description: 'Twitch OAuth callback for channel:bot: turns chat bidding on for the member’s own linked channel and subscribes to its chat',
  },
  {
    name: 'chatBidderSignIn',
    module: 'chat-bidder-sign-in',
    kind: 'http',
    route: '/twitch/bidder',
    public: true,
    // The identity-only code exchange, and the key that signs the state and the chatter's cookies.
    secrets: [...twitchAppSecrets, 'OAUTH_STATE_KEY'],
    publishes: [],
    schedules: [],
    description: 'A chatter signs in with Twitch (identity only, the state bound to the browser) so their chat bids count and their pay page opens',
  },
  {
    name: 'chatPay',
    module: 'chat-pay',
    kind: 'http',
    route: '/pay/:orderId',
    public: true,
    // Checks the chatter's signed session cookie; reads the order, never calls Stripe.
    secrets: ['OAUTH_STATE_KEY'],
    publishes: [],
    schedules: [],
    description: 'Where a winner from Twitch chat pays: their own order’s Checkout Session, after a Twitch sign-in; nothing of it to anyone else',
  },
  {
    name: 'sealedBid',
    module: 'sealed-bid',
    kind: 'http',
    route: '/bid/:auctionId',
    public: true,
    // The chatter's signed cookie and form token; the bid goes through the book (Upstash) and its follow-ups (Discord).
    secrets: [...discordSecrets, 'OAUTH_STATE_KEY', ...auctionBookSecrets],
    publishes: [],
    schedules: ['auction-close', 'auction-embed', 'chat-replies'],
    description: 'A viewer’s sealed bid in an auction’s final call, placed in private after a Twitch sign-in instead of typed in chat',
  },
  {
    name: 'chatterPrivacy',
    module: 'chatter-privacy',
    kind: 'http',
    route: '/privacy/twitch',
    public: true,
    // The chatter's signed cookie and form token; an erasure reaches the live books (Upstash, the cards in Discord) and Twitch (EventSub, the app token).
    secrets: [...discordSecrets, ...twitchAppSecrets, 'OAUTH_STATE_KEY', ...auctionBookSecrets],
    publishes: [],
    schedules: [],
    description: 'A Twitch chatter’s own data (what !privacy in chat links to): shown after a Twitch sign-in, downloaded as JSON, or erased',
  },
  {
    name: 'checkoutExpiry',
    module: 'checkout-expiry',
    kind: 'task',
    route: '/tasks/checkout-expiry',
    queue: 'checkout-expiry',
    // An order with no session (a pledge's PaymentIntent) lapses here, and its module's `lapsed` hook runs here as
    // stripeEvents runs it for an expired session's event (DMs, the next pledge's charge, an auction's runner-up):
    // the same secrets and queues.
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY', ...auctionBookSecrets],
    publishes: [],
    // A deadline moved later since the task was armed: the task arms the one for that deadline.
    schedules: ['checkout-expiry', 'race-message', 'show-sheet', 'show-next', 'chat-replies', 'commission-late', 'groupbuy-close'],
    description:
      'At a checkout’s deadline (a Buy Now’s armed before the unit is reserved): expires the session if still unpaid (Stripe then sends checkout.session.expired), lets the order go if its session was never recorded, or arms the task for a deadline moved later',
  },
  {
    name: 'checkoutOrder',
    module: 'checkout-order',
    kind: 'http',
    route: '/checkout/order',
    public: true,
    secrets: [],
    publishes: [],
    schedules: [],
    description: 'What the checkout success page shows: the order behind a Checkout Session id',
  },
  {
    name: 'auctionCommands',
    module: 'auction-commands',
    kind: 'pubsub',
    topic: 'auction-commands',
    concurrency: 20,
    secrets: [...discordSecrets, ...auctionBookSecrets],
    publishes: [],
    schedules: ['auction-close'],
    // `/c500 auction cancel` takes back the hammer it scheduled.
    cancels: ['auction-close'],
    description: 'Deferred auction commands: Firestore, the book, the live embed and the hammer task',
  },
  {
    name: 'auctionBids',
    module: 'auction-bids',
    kind: 'pubsub',
    topic: 'auction-bids',
    // Many bids per instance: the Upstash client pipelines the bids that arrive together. docs/capacity.md: a bid
    // spends about 100 ms in the instance; at the 0.19 ms of CPU first measured one vCPU reaches 60 % at about 310 at
    // once (raised to that, never lowered when a slower machine measures more CPU).
    concurrency: 310,
    secrets: [...discordSecrets, ...auctionBookSecrets],
    publishes: [],
    // chat-replies: a chatter this bid outbid is told in chat.
    schedules: ['auction-close', 'auction-embed', 'chat-replies'],
    // docs/capacity.md: the show's peak needs 1 instance; three times that, never below var.max_instances (20).
    maxInstances: 20,
    // docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
    minInstances: 1,
    description: 'Decides each bid with one Lua script on Redis, edits the bidder’s answer, keeps the embed at one edit a second',
  },
  {
    name: 'chatBids',
    module: 'chat-bids',
    kind: 'pubsub',
    topic: 'chat-bids',
    // As auctionBids: the Upstash client pipelines the bids that arrive together.
    concurrency: 250,
    // The bot's user token deletes a public `!bid` typed in a sealed final call (Helix Delete Chat Messages).
    secrets: [...discordSecrets, ...auctionBookSecrets, ...twitchAppSecrets, 'TWITCH_BOT_REFRESH_TOKEN'],
    publishes: [],
    schedules: ['auction-close', 'auction-embed', 'chat-replies'],
    // docs/capacity.md: the show's peak needs 1 instance; three times that, never below var.max_instances (20).
    maxInstances: 20,
    // docs/capacity.md: the show's peak needs 1 warm (the herd meets it first).
    minInstances: 1,
    description: 'Decides each !bid from Twitch chat in the same book as Discord’s bids, and queues what to say back in chat',
  },
  {
    name: 'chatReplies',
    module: 'chat-replies',
    kind: 'task',
    route: '/tasks/chat-replies',
    queue: 'chat-replies',
    secrets: [...twitchAppSecrets, ...auctionBookSecrets],
    publishes: [],
    schedules: ['chat-replies'],
    description: 'Says what is queued for a channel’s Twitch chat: one message a second at most, within Twitch’s 30-second budget',
  },
  {
    name: 'auctionEmbed',
    module: 'auction-embed',
    kind: 'task',
    route: '/tasks/auction-embed',
    queue: 'auction-embed',
    secrets: [...discordSecrets, ...auctionBookSecrets],
    publishes: [],
    schedules: [],
    description: 'The trailing edit of a live auction embed, so the last bid of a burst always shows',
  },
  {
    name: 'auctionClose',
    module: 'auction-close',
    kind: 'task',
    route: '/tasks/auction-close',
    queue: 'auction-close',
    secrets: [...discordSecrets, ...auctionBookSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    schedules: ['auction-close', 'checkout-expiry', 'show-next', 'show-sheet', 'chat-replies'],
    description: 'The hammer drop: freezes the book, writes the result and bid history, opens the winner’s checkout',
  },
  {
    name: 'auctionSweep',
    module: 'auction-sweep',
    kind: 'scheduled',
    route: '/jobs/auction-sweep',
    everyMinutes: 5,
    secrets: [...discordSecrets, ...auctionBookSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    // It runs the hammer's own steps, which may re-arm a hammer, schedule a checkout's expiry and a show's next lot.
    schedules: ['auction-close', 'checkout-expiry', 'show-next', 'show-sheet', 'chat-replies'],
    description:
      'Settles auctions whose hammer never landed (its task gave up during an outage): closed in the book, or past their end, and still live in Firestore',
  },
  {
    name: 'auctionOverlay',
    module: 'auction-overlay',
    kind: 'http',
    route: '/overlay/auction/:auctionId',
    public: true,
    secrets: [...auctionBookSecrets],
    publishes: [],
    schedules: [],
    description: 'The auction board for OBS overlays: price, leader and end time as briefly cached JSON',
  },
  {
    name: 'showCommands',
    module: 'show-commands',
    kind: 'pubsub',
    topic: 'show-commands',
    concurrency: 20,
    secrets: [...discordSecrets, ...auctionBookSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    // A lot put up places its pre-bids: each follows up as a bid does (the card's trailing edit, an outbid chatter told in chat).
    schedules: ['auction-close', 'auction-embed', 'chat-replies', 'show-next', 'show-sheet', 'checkout-expiry'],
    description: 'Deferred show commands and the run sheet’s buttons: Firestore, the book and Stripe',
  },
  {
    name: 'showNext',
    module: 'show-next',
    kind: 'task',
    route: '/tasks/show-next',
    queue: 'show-next',
    // With no lot left to put up the show wraps up, which opens the winners' checkouts.
    secrets: [...discordSecrets, ...auctionBookSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    // As showCommands: the lot's pre-bids follow up as bids do.
    schedules: ['auction-close', 'auction-embed', 'chat-replies', 'show-next', 'show-sheet', 'checkout-expiry'],
    description: 'Puts a show’s next lot up once the gap after a hammer has passed (never two lots at once, never one skipped)',
  },
  {
    name: 'showSheet',
    module: 'show-sheet',
    kind: 'task',
    route: '/tasks/show-sheet',
    queue: 'show-sheet',
    secrets: [...discordSecrets, ...auctionBookSecrets],
    publishes: [],
    schedules: ['show-sheet'],
    description: 'Edits a show’s run sheet, at most once a second, while a lot is live and after every change',
  },
  {
    name: 'showOverlay',
    module: 'show-overlay',
    kind: 'http',
    route: '/overlay/show/:showId',
    public: true,
    secrets: [...auctionBookSecrets],
    publishes: [],
    schedules: [],
    description: 'The show board for OBS overlays: the live lot, up next and the last results as briefly cached JSON',
  },
  {
    name: 'raceCommands',
    module: 'race-commands',
    kind: 'pubsub',
    topic: 'race-commands',
    concurrency: 20,
    secrets: [...discordSecrets],
    publishes: [],
    schedules: ['race-close', 'race-message'],
    description: 'Deferred race lobby commands and buttons (one open window per guild)',
  },
  {
    name: 'kofiWebhook',
    module: 'kofi-webhook',
    kind: 'http',
    route: '/webhooks/kofi/:guildId',
    public: true,
    signedBy: 'kofi',
    secrets: ['KOFI_VERIFICATION_TOKEN'],
    publishes: ['shop-events'],
    schedules: [],
    description: 'Ko-fi webhook ingress: the guild’s verification token compared in constant time, stale payloads refused, dedupe, publish',
  },
  {
    name: 'shopifyWebhook',
    module: 'shopify-webhook',
    kind: 'http',
    route: '/webhooks/shopify/:guildId',
    public: true,
    signedBy: 'shopify',
    secrets: ['SHOPIFY_WEBHOOK_SECRET'],
    publishes: ['shop-events'],
    schedules: [],
    description: 'Shopify webhook ingress: X-Shopify-Hmac-Sha256 on the raw body with the guild’s secret, dedupe by webhook id, publish',
  },
  {
    name: 'shopEvents',
    module: 'shop-events',
    kind: 'pubsub',
    topic: 'shop-events',
    concurrency: 40,
    secrets: [...discordSecrets],
    publishes: [],
    schedules: ['race-message'],
    description: 'Credits each merch sale to the race window open when it was paid (once per sale), and reverses refunds in proportion',
  },
  {
    name: 'raceClose',
    module: 'race-close',
    kind: 'task',
    route: '/tasks/race-close',
    queue: 'race-close',
    secrets: [...discordSecrets],
    publishes: [],
    schedules: ['race-message'],
    description: 'Closes a race window left open at the guild’s maximum',
  },
  {
    name: 'raceMessage',
    module: 'race-message',
    kind: 'task',
    route: '/tasks/race-message',
    queue: 'race-message',
    secrets: [...discordSecrets],
    publishes: [],
    // A fold that leaves sales (younger than a second, or past its batch) asks for this task again a second on.
    schedules: ['race-message'],
    description: 'Edits a race lobby’s message to show its racers and pot, at most once a second',
  },
  {
    name: 'proofVod',
    module: 'proof-vod',
    kind: 'task',
    route: '/tasks/proof-vod',
    queue: 'proof-vod',
    // Get Videos with the app token; the buyer and builder are told what was found.
    secrets: [...discordSecrets, ...twitchAppSecrets],
    publishes: [],
    schedules: ['proof-vod'],
    description: 'A proof whose clip failed: finds the stream’s VOD at the proof’s moment, a few times over some minutes, else leaves the channel',
  },
  {
    name: 'dashboard',
    module: 'dashboard',
    kind: 'http',
    route: '/dashboard',
    subpaths: true,
    public: true,
    // The session's signing key and Discord's OAuth client (admin rights are asked again after a while);
    // Stripe for a builder's fresh Express dashboard login link; the auction book for a show's last hour of bids;
    // the seal keys for the Discord token a session keeps; the bot's token for the DMs of a release an admin lets go;
    // Twitch's app token for an erasure's end of a linked channel's EventSub subscriptions.
    secrets: [
      'DASHBOARD_SESSION_KEY',
      'DISCORD_APPLICATION_ID',
      'DISCORD_BOT_TOKEN',
      'DISCORD_CLIENT_SECRET',
      'STRIPE_SECRET_KEY',
      'TOKEN_SEAL_KEYS',
      ...twitchAppSecrets,
      ...auctionBookSecrets,
    ],
    publishes: [],
    schedules: [],
    description: 'The web dashboard: builders’, hosts’, racers’ and guild admins’ ledgers, charts and CSV exports, behind a Discord sign-in',
  },
  {
    name: 'discordOauthCallback',
    module: 'discord-oauth-callback',
    kind: 'http',
    route: '/oauth/discord/callback',
    public: true,
    secrets: ['DASHBOARD_SESSION_KEY', 'DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET', 'TOKEN_SEAL_KEYS'],
    publishes: [],
    schedules: [],
    description: 'Discord OAuth callback: checks the state bound to the browser, trades the code, starts a dashboard session',
  },
  {
    name: 'potOverlay',
    module: 'pot-overlay',
    kind: 'http',
    route: '/overlay/pot/:lobbyId',
    public: true,
    secrets: [],
    publishes: [],
    schedules: [],
    description: 'The live pot for OBS overlays: a race’s pool and each racer’s share as briefly cached JSON',
  },
  {
    name: 'commissionLate',
    module: 'commission-late',
    kind: 'task',
    route: '/tasks/commission-late',
    queue: 'commission-late',
    secrets: [...discordSecrets],
    publishes: [],
    schedules: [],
    description: 'At a commission’s promised date: if it is not done, tells the buyer (with Cancel and refund, Keep waiting) and the builder, once',
  },
  {
    name: 'queuePage',
    module: 'queue-page',
    kind: 'http',
    route: '/queue/:builderId',
    public: true,
    secrets: [],
    publishes: [],
    schedules: [],
    description: 'A builder’s commission queue as anyone may see it: the page, and its JSON (`.json`) the queue overlay polls, briefly cached',
  },
  {
    name: 'groupbuyPage',
    module: 'groupbuy-page',
    kind: 'http',
    route: '/groupbuy/:groupBuyId',
    public: true,
    // A pledge's pay page confirms its PaymentIntent at Stripe when its buyer presses Pay; everything else reads the store.
    secrets: ['STRIPE_SECRET_KEY'],
    publishes: [],
    schedules: [],
    description:
      'A group buy as anyone may see it: the page (terms, units pledged toward the minimum, the close, the state, how to join; no buyer named), and its JSON (`.json`) the group buy overlay polls, briefly cached; with `?card=<setup session>`, the Join answer’s short link on to Stripe’s page to save a card (never cached); with `?pay=<order>&key=<key>`, a pledge’s pay page, whose Pay button confirms on session the PaymentIntent the bank refused at the close (never cached)',
  },
  {
    name: 'disputeEvidence',
    module: 'dispute-evidence',
    kind: 'task',
    route: '/tasks/dispute-evidence',
    queue: 'dispute-evidence',
    // Stripe for the dispute's evidence; Discord to tell the builder it went in.
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    schedules: [],
    description: 'A day before a dispute’s evidence is due: submits it to the bank (once) and tells the builder',
  },
  {
    name: 'giveawayDraw',
    module: 'giveaway-draw',
    kind: 'task',
    route: '/tasks/giveaway-draw',
    queue: 'giveaway-draw',
    // The chat outbox beside the book: a chatter who won is told in the sponsor's chat. The seed is opened at the draw (TOKEN_SEAL_KEYS).
    secrets: [...discordSecrets, ...auctionBookSecrets, 'TOKEN_SEAL_KEYS'],
    publishes: [],
    schedules: ['giveaway-draw', 'chat-replies'],
    description: 'A giveaway’s draw at its end (the seed revealed, the winners DMed), and each winner’s deadline to confirm (else the next round draws)',
  },
  {
    name: 'giveawayPage',
    module: 'giveaway-page',
    kind: 'http',
    route: '/giveaway',
    subpaths: true,
    public: true,
    secrets: [],
    publishes: [],
    schedules: [],
    description: 'A giveaway as anyone may see it: its official rules, its entries by pseudonym and the revealed seed, and the JSON the giveaway overlay polls',
  },
  // Group buys (issue 65): the close's money half.
  {
    name: 'groupbuyClose',
    module: 'groupbuy-close',
    kind: 'task',
    route: '/tasks/groupbuy-close',
    queue: 'groupbuy-close',
    // Stripe for the off-session charges and the pay links; Discord for the DMs and the post.
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    // Each batch arms the next; a pay link's session arms its expiry, as every checkout's does; a paid order its late check.
    schedules: ['groupbuy-close', 'checkout-expiry', 'commission-late'],
    description:
      'A group buy’s close: MOQ met, its pledges charged off session in paced batches (resumable, none twice), a card that needs its buyer sent a pay link for 72 hours; not met, nobody charged and everyone told in paced batches; and an interest check’s end after 30 days',
  },
  {
    name: 'groupbuyMilestone',
    module: 'groupbuy-milestone',
    kind: 'task',
    route: '/tasks/groupbuy-milestone',
    queue: 'groupbuy-milestone',
    // Stripe for each order's tranche; Discord for the buyers' DMs and the builder's summary.
    secrets: [...discordSecrets, 'STRIPE_SECRET_KEY'],
    publishes: [],
    // Each batch arms the next.
    schedules: ['groupbuy-milestone'],
    description:
      'A group buy’s milestone, proved once live, reaching its orders in paced batches: each order proved as `/c500 live mode:order` proves it (its tranche sent once, refunded ones skipped, its buyer told), then one summary to the builder',
  },
  {
    name: 'labelWave',
    module: 'label-wave',
    kind: 'task',
    route: '/tasks/label-wave',
    queue: 'label-wave',
    // The carrier for the labels; Discord for the buyers' tracking and the builder's summary.
    secrets: [...discordSecrets, 'EASYPOST_API_KEY'],
    publishes: [],
    // Each batch arms the next.
    schedules: ['label-wave'],
    description:
      'A shipping wave’s labels in paced batches: each order’s label bought as a rate’s press buys it (recorded before it is bought, never twice), its buyer told the tracking, then one summary with every label to the builder',
  },
  {
    name: 'orderSweep',
    module: 'order-sweep',
    kind: 'scheduled',
    route: '/jobs/order-sweep',
    everyMinutes: 30,
    secrets: [],
    publishes: [],
    schedules: [],
    description:
      'Marks received the shipped orders nobody confirmed within C500_DELIVERY_DAYS, erases the address of orders received or refunded C500_ADDRESS_DAYS ago, and gives back the unit of a Buy Now order still unpaid past its deadline (an hour later when it has a session)',
  },
  {
    name: 'reconcileLedger',
    module: 'reconcile-ledger',
    kind: 'scheduled',
    route: '/jobs/reconcile-ledger',
    everyMinutes: 1440,
    secrets: ['STRIPE_SECRET_KEY'],
    publishes: [],
    schedules: [],
    description:
      'Reconciles the money journal with Stripe’s balance transactions: reads only those since its last run into C500’s copy of the ledger, records Stripe’s fees and the platform’s Connect bills, matches every line of the last two days’ groups to the entries of the object it moved money for, checks every account that should be empty, stores its findings; each finding an ERROR line (docs/operations/reconciliation.md)',
  },
  {
    name: 'retentionSweep',
    module: 'retention-sweep',
    kind: 'scheduled',
    route: '/jobs/retention-sweep',
    everyMinutes: 60,
    secrets: [],
    publishes: [],
    schedules: [],
    description:
      'Deletes what is kept about people past its retention: a finished auction’s bid history and runner-ups 30 days after it closed (its order done with and undisputed); what an erasure kept while an obligation was open, once it ends; a departed server’s members’ data after its grace; payment records ten years from the end of the year of their last payment (a journal entry keeps its amounts under nobody’s id); strikes and their ban a year after the last strike; Twitch chatters and turned-off chat bidding a year after their last activity; locally, the expired sessions and redelivery records Firestore’s TTL deletes in production (docs/operations/retention.md)',
  },
  {
    name: 'syntheticProbe',
    module: 'synthetic-probe',
    kind: 'scheduled',
    route: '/jobs/synthetic-probe',
    everyMinutes: 5,
    wallClockOnly: true,
    // Signs as the probe (its key alone); reads the probe bid's decision beside the book; asks Discord for the application's key with the bot token.
    secrets: ['PROBE_PRIVATE_KEY', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'UPSTASH_BOOK_SHARDS', 'ID_HASH_KEY', 'DISCORD_BOT_TOKEN'],
    publishes: [],
    schedules: [],
    description:
      'The synthetic probe: a signed PING and a dry-run bid on the probe’s own lot sent to the Discord ingress, the bid followed to the book’s decision, and the Discord public key the ingress holds checked against the application’s as Discord’s API reports it; one probe.checked line per check (docs/operations/probe.md)',
  },
];

export const functionRegistry: readonly FunctionEntry[] = registered.map((entry) => ({ ...entry, secrets: [...entry.secrets, ...secretsEveryFunctionReads] }));

/** `discordInteractions` -> `discord-interactions`, the deployed name. */
export function deployedName(entry: Pick<FunctionEntry, 'name'>): string {
  return entry.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function subscriptionName(entry: PubSubFunctionEntry): string {
  return `${deployedName(entry)}-on-${entry.topic}`;
}

export function topicOf(name: TopicName): (typeof topics)[number] {
  const topic = topics.find((t) => t.name === name);
  if (!topic) throw new Error(`unknown topic ${name}`);
  return topic;
}

/** The registry's function of one of these kinds by name; throws at load time when there is none, so a typo never ships. */
export function registryEntry<K extends FunctionEntry['kind']>(name: string, ...kinds: [K, ...K[]]): Extract<FunctionEntry, { kind: K }> {
  const entry = functionRegistry.find((e): e is Extract<FunctionEntry, { kind: K }> => (kinds as string[]).includes(e.kind) && e.name === name);
  if (!entry) throw new Error(`the registry has no ${kinds.join(' or ')} function ${name}`);
  return entry;
}

/** The registry's task function by name: where a use case sends the tasks it schedules. */
export const taskTarget = (name: string): TaskFunctionEntry => registryEntry(name, 'task');

/** A function Cloud Tasks or Cloud Scheduler calls, by name: its route and, for a task, its queue. */
export const timedFunction = (name: string): TaskFunctionEntry | ScheduledFunctionEntry => registryEntry(name, 'task', 'scheduled');

/** The deployed name of the task (or scheduled) function that serves a route, for Cloud Tasks and Cloud Scheduler URLs. */
export function taskFunctionForRoute(route: string): string | undefined {
  const entry = functionRegistry.find((e) => (e.kind === 'task' || e.kind === 'scheduled') && e.route === route);
  return entry ? deployedName(entry) : undefined;
}
