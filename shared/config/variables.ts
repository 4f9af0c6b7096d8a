/**
 * @module config/variables
 * Every environment variable the product reads, with what it is for and its value when unset:
 * the table `docs/reference/configuration.md` is generated from (`npm run docs:reference`).
 * `loadConfig` stays the one place that reads and checks them; a test holds the rows without
 * `readElsewhere` equal to the names shared/config/index.ts reads, and each other row to its file.
 * Kept apart from config.ts so no function's cold start loads this prose.
 */
import { wholeNumberSettings, type WholeNumberSetting } from '.';

export interface EnvironmentVariable {
  /** One name, or a few that go together (a key and its token). */
  names: readonly string[];
  /** What it is for. */
  meaning: string;
  /** Its value when unset, as a person reads it; a whole-number setting's comes from `wholeNumberSettings`. */
  whenUnset?: string;
  /** The file that reads it, when it is not shared/config/index.ts. */
  readElsewhere?: string;
}

export const environmentVariables: readonly EnvironmentVariable[] = [
  { names: ['PORT'], meaning: 'port of the local runtime (Cloud Run sets it in the cloud)', whenUnset: '`8080`' },
  { names: ['C500_RUNTIME'], meaning: '`local` (embedded adapters) or `gcp` (set by terraform)', whenUnset: '`local`' },
  { names: ['C500_DATA_DIR'], meaning: 'where the embedded store snapshot and dev secrets live', whenUnset: '`.data`' },
  {
    names: ['C500_LOG_LEVEL'],
    meaning: '`debug`, `info`, `warn`, `error` or `silent`',
    whenUnset: '`info` (`silent` in tests)',
    readElsewhere: 'shared/log/index.ts',
  },
  {
    names: ['C500_PUBLIC_BASE_URL'],
    meaning: 'base of links we hand to people (checkout, onboarding, overlays); https in the cloud (Twitch and Stripe refuse other callbacks)',
    whenUnset: 'the local runtime’s URL (required in the cloud)',
  },
  {
    names: ['C500_CONTROLLER_NAME'],
    meaning: 'who is responsible for the personal data this deployment keeps (the data controller, a person or a company), as the privacy page names them',
    whenUnset: 'a local placeholder the page calls one (required in the cloud)',
    readElsewhere: 'shared/data-controller.ts',
  },
  {
    names: ['C500_PRIVACY_CONTACT'],
    meaning: 'where people ask about their data and use their rights, on the privacy page: an email address or an https URL',
    whenUnset: '`privacy@c500.invalid`, a local placeholder (required in the cloud)',
    readElsewhere: 'shared/data-controller.ts',
  },
  {
    names: ['C500_CONTROLLER_ADDRESS'],
    meaning: 'the controller’s postal address, on the privacy page',
    whenUnset: 'none (the page gives no address)',
    readElsewhere: 'shared/data-controller.ts',
  },
  {
    names: ['C500_EU_REPRESENTATIVE'],
    meaning: 'the controller’s representative in the EU (GDPR Art. 27), a name and how to reach them, as the privacy page names them',
    whenUnset: 'a local placeholder the page calls one (required in the cloud)',
    readElsewhere: 'shared/data-controller.ts',
  },
  { names: ['C500_TASKS_BASE_URL'], meaning: 'where Cloud Tasks deliver tasks', whenUnset: 'the public base URL' },
  { names: ['C500_TASKS_INVOKER_SA'], meaning: 'service account Cloud Tasks signs OIDC tokens as', whenUnset: 'none (local queue needs none)' },
  {
    names: ['C500_REGION', 'FUNCTION_REGION'],
    meaning: 'region of functions and the task queue (`FUNCTION_REGION`, when the platform sets it, comes first)',
    whenUnset: '`us-central1`',
  },
  {
    names: ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT'],
    meaning: 'Google Cloud project (`GCLOUD_PROJECT` is read when `GOOGLE_CLOUD_PROJECT` is not set)',
    whenUnset: '`c500-local` (required in the cloud)',
  },
  { names: ['REDIS_URL'], meaning: 'the Redis behind the local Upstash bridge', whenUnset: '`redis://127.0.0.1:6379`' },
  {
    names: ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    meaning: 'the auction book (Upstash REST); with `UPSTASH_BOOK_SHARDS`, its first database',
    whenUnset: 'a bridge started in-process in front of `REDIS_URL`',
  },
  {
    names: ['UPSTASH_BOOK_SHARDS'],
    meaning:
      'the auction book’s further Upstash databases, a JSON list of `{"url": …, "token": …}` in the order they were added (append, never reorder): each channel’s auctions on the database rendezvous hashing of the channel picks (shared/auctions/rules/book-shards.ts), so a lot is whole on one; bans, trust and servers’ rules on every one, an erasure on every one (docs/capacity.md sizes them)',
    whenUnset: '`[]` or `none`: the one database (and locally, the one Redis)',
  },
  {
    names: ['REDIS_BOOK_SHARDS'],
    meaning:
      'locally, the auction book’s further databases as Redis URLs (comma-separated, in order), beside `REDIS_URL` as `UPSTASH_BOOK_SHARDS` is beside the first in the cloud: the same sharded book over local Redis servers (`npm run bench:auction -- --shards` sets it, to count each database’s commands)',
    whenUnset: 'none: the one Redis',
    readElsewhere: 'shared/local/auction-book-connection.ts',
  },
  { names: ['DISCORD_PUBLIC_KEY'], meaning: 'verifies every interaction (hex, from the developer portal)', whenUnset: 'generated key pair, printed at start' },
  { names: ['DISCORD_APPLICATION_ID'], meaning: 'interaction webhooks, command registration', whenUnset: 'generated' },
  { names: ['DISCORD_BOT_TOKEN'], meaning: 'DMs and channel posts through Discord REST', whenUnset: 'generated (the local outbox ignores it)' },
  {
    names: ['DISCORD_GUILD_ID'],
    meaning: '`register-commands` into one server instead of globally',
    whenUnset: 'none',
    readElsewhere: 'scripts/register-commands.ts',
  },
  {
    names: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_CONNECT_WEBHOOK_SECRET'],
    meaning:
      'payments (marketplace, auctions, race merch); the last signs connected accounts’ events (`account.updated`), which Stripe sends to a Connect endpoint of their own',
    whenUnset: 'generated',
  },
  {
    names: ['TWITCH_CLIENT_ID', 'TWITCH_CLIENT_SECRET', 'TWITCH_EVENTSUB_SECRET'],
    meaning: 'Twitch OAuth, Helix, EventSub HMAC (the EventSub secret: 10 to 100 ASCII characters, Twitch’s rule)',
    whenUnset: 'generated',
  },
  {
    names: ['TWITCH_BOT_REFRESH_TOKEN'],
    meaning: 'the bot account’s refresh token, granted `clips:edit`: proofs are clipped as the bot (`none`: no clips, proofs fall back to VODs)',
    whenUnset: 'none (the local Twitch clips as its bot)',
  },
  {
    names: ['OAUTH_STATE_KEY'],
    meaning:
      'signs the Twitch OAuth states, unlink links and chatters’ cookies, each with a purpose of its own (at least 32 characters; no Twitch credential signs anything of ours)',
    whenUnset: 'generated',
  },
  { names: ['SHOPIFY_WEBHOOK_SECRET', 'KOFI_VERIFICATION_TOKEN'], meaning: 'shop sale webhooks', whenUnset: 'generated' },
  {
    names: ['EASYPOST_API_KEY', 'EASYPOST_WEBHOOK_SECRET'],
    meaning:
      'the carrier (EasyPost): the API key buys labels and starts trackers; the webhook secret verifies the `X-Hmac-Signature` of its tracking webhooks at `POST /webhooks/carrier`',
    whenUnset: 'generated (the local carrier stand-in takes them)',
  },
  {
    names: ['C500_PLATFORM_FEE_BPS'],
    meaning: 'the platform’s share of a sale in basis points; the builder gets the rest (less a show host’s cut); `1000` is 10 %',
  },
  { names: ['C500_CHECKOUT_MINUTES'], meaning: 'how long a Buy Now holds the item for payment' },
  { names: ['C500_CURRENCY'], meaning: 'the currency drops are priced in', whenUnset: '`usd`' },
  {
    names: ['C500_PLATFORM_COUNTRY'],
    meaning: 'the Stripe platform account’s country: builders paid elsewhere get the `recipient` agreement',
    whenUnset: '`US`',
  },
  {
    names: ['C500_AUCTION_PAY_MINUTES'],
    meaning: 'how long an auction winner (or a second chance) has to pay, from the hammer; a show winner, from the opening of their checkout',
  },
  { names: ['C500_SECOND_CHANCE_DEPTH'], meaning: 'how many runner-ups are offered the item, one after another' },
  { names: ['C500_STRIKES_TO_BAN'], meaning: 'unpaid wins that ban a bidder (a show checkout left unpaid is one, however many lots it held)' },
  { names: ['C500_COUNTER_BID_SECONDS'], meaning: 'seconds a late bid puts back on the clock unless the builder says otherwise' },
  {
    names: ['C500_AUCTION_SETTLE_MS'],
    meaning: 'how long after the end a bid made before it may still reach the book and count; the hammer waits it out',
  },
  {
    names: ['C500_BID_GATHER_MS'],
    meaning:
      'how long a lot’s bids wait in an instance for company before one script call decides them together: fewer calls on the lot’s Upstash database at a herd (the default 40 is what a 50,000-viewer show needs, docs/capacity.md); 0 sends each bid alone',
  },
  {
    names: ['C500_REDIS_KEY_PREFIX'],
    meaning: 'prefix of every auction key (deployments or test runs sharing one Redis)',
    whenUnset: '`c500:` (local: `c500:<hash of the data folder>:`, so each data folder has its own keys)',
  },
  {
    names: ['C500_TRACE_SAMPLE_RATIO'],
    meaning: 'the share of traces (0 to 1) whose spans are sent to Cloud Trace; a caller that sampled its trace is followed',
    whenUnset: '`0.1` (locally every span is kept in the trace view whatever it says)',
  },
  {
    names: ['C500_TWITCH_AUTHORIZE_URL'],
    meaning: 'where builders authorize on Twitch',
    whenUnset: '`https://id.twitch.tv/oauth2/authorize` (local: the simulator)',
  },
  {
    names: ['C500_TWITCH_BOT_USER_ID'],
    meaning: 'the platform bot’s Twitch user id: it reads and writes chat where chat bidding is on (digits; unset in the cloud, chat bidding is unavailable)',
    whenUnset: 'none (local: `100000001`)',
  },
  {
    names: ['C500_TWITCH_BOT_MODERATOR'],
    meaning: '`true` when the bot is a moderator in the channels it serves: 100 chat messages per 30 s per channel instead of 20',
    whenUnset: '`false`',
  },
  {
    names: ['DISCORD_CLIENT_SECRET'],
    meaning: 'the Discord application’s OAuth2 client secret: the dashboard’s sign-in trades codes with it',
    whenUnset: 'generated (the local Discord checks it)',
  },
  {
    names: ['DASHBOARD_SESSION_KEY'],
    meaning: 'signs the dashboard’s cookie, sign-in state and CSRF tokens, seals the Discord token it keeps (at least 32 characters)',
    whenUnset: 'generated',
  },
  {
    names: ['TOKEN_SEAL_KEYS'],
    meaning:
      'seals every token kept for a person (AES-256-GCM) before it is stored: `id=<64 hex>`, comma-separated; the first seals, the others still open what they sealed (rotation)',
    whenUnset: 'generated',
  },
  {
    names: ['LOG_ID_KEY'],
    meaning:
      'keys the hash a log line carries in place of a person’s id, login or name (`p_` and 16 hex); the hashes change by themselves every 30 days, the logs’ retention, so no line links a person across periods to anyone without the key (at least 32 characters)',
    whenUnset: 'generated',
  },
  {
    names: ['ID_HASH_KEY'],
    meaning:
      'keys the hash (HMAC-SHA256) under which Redis keeps people’s ids where equality is all that matters: the auction book’s ban, trust and block lists, the chat outbox’s say-once keys (at least 32 characters; rotating it loses those lists in Redis)',
    whenUnset: 'generated',
  },
  {
    names: ['PROBE_PUBLIC_KEY'],
    meaning:
      'the synthetic probe’s Ed25519 public key (hex): the Discord ingress takes the probe’s PING and its bid on its own lot signed with it, nothing else (docs/operations/probe.md)',
    whenUnset: 'generated (as a pair with PROBE_PRIVATE_KEY)',
  },
  {
    names: ['PROBE_PRIVATE_KEY'],
    meaning: 'the synthetic probe’s private key (PKCS#8 DER in hex, or PEM): only `syntheticProbe` and `npm run probe` sign with it',
    whenUnset: 'generated (as a pair with PROBE_PUBLIC_KEY)',
  },
  { names: ['C500_DASHBOARD_SESSION_MINUTES'], meaning: 'how long a dashboard session lasts from its sign-in' },
  {
    names: ['C500_DASHBOARD_RECHECK_MINUTES'],
    meaning: 'how long Discord’s word that someone administers a server is trusted before it is asked again',
  },
  {
    names: ['C500_DISCORD_AUTHORIZE_URL'],
    meaning: 'where the dashboard sends people to sign in',
    whenUnset: '`https://discord.com/oauth2/authorize` (local: the stand-in)',
  },
  {
    names: ['C500_DISCORD_API_URL'],
    meaning: 'the Discord API the sign-in calls',
    whenUnset: '`https://discord.com/api/v10` (local: the stand-in)',
  },
  { names: ['C500_DELIVERY_DAYS'], meaning: 'days after `/c500 ship` that an order its buyer never confirmed with **Received** counts as received' },
  { names: ['C500_ADDRESS_DAYS'], meaning: 'days after an order is received or refunded that the order-sweep erases its shipping address' },
  {
    names: ['FIRESTORE_EMULATOR_HOST'],
    meaning: 'points the production Firestore adapter at Google’s emulator',
    whenUnset: 'unset',
    readElsewhere: 'shared/adapters/gcp-platform.ts',
  },
  {
    names: ['PUBSUB_EMULATOR_HOST'],
    meaning: 'points the production Pub/Sub publishers at Google’s emulator; under `C500_PRODUCTION_CLIENTS=1`, the local runtime’s Pub/Sub runs there',
    whenUnset: 'unset',
    readElsewhere: 'shared/adapters/gcp-platform.ts',
  },
  {
    names: ['C500_FAULTS'],
    meaning:
      'local only: failures to inject into the stand-ins for Stripe, Discord, Pub/Sub, Cloud Tasks, Firestore, Redis and the carrier, as `<service>.<kind>=<rate>%` entries and a `seed`, `default` for the soak’s mix, or `@file` (see [reliability](../reliability.md))',
    whenUnset: 'off',
    readElsewhere: 'shared/local/local-platform.ts',
  },
  {
    names: ['C500_LOCAL_CARRIER_RPS'],
    meaning:
      'local only: the carrier stand-in answers `/v2` requests past this many a second 429 `RATE_LIMITED`, as EasyPost’s limiter does (the fault `carrier.429` in `C500_FAULTS` refuses some at random instead)',
    whenUnset: 'no limit',
    readElsewhere: 'shared/local/local-platform.ts',
  },
  {
    names: ['C500_LATENCY'],
    meaning:
      'local only: `production` makes every call a function makes to an outside service (Firestore, Pub/Sub, Cloud Tasks, Upstash, Discord, Stripe, Twitch) and every request through Google’s front end wait as long as in production, drawn from each edge’s p50 and p99; `"production, seed=7"` draws other waits (see [the latency profile](../latency-profile.md))',
    whenUnset: 'off: the stand-ins answer at once',
    readElsewhere: 'shared/local/local-platform.ts',
  },
  {
    names: ['C500_PRODUCTION_CLIENTS'],
    meaning:
      'local only: `1` runs the local runtime on the production clients (`--production-clients` on `npm start` and `npm run soak` sets it): the Firestore SDK on Google’s emulator (started unless `FIRESTORE_EMULATOR_HOST` names one), the Pub/Sub publishers on its emulator, which pushes to the runtime (started unless `PUBSUB_EMULATOR_HOST` names one), and `@upstash/redis` through a local Upstash REST endpoint in front of Redis',
    whenUnset: 'off: the embedded stand-ins',
    readElsewhere: 'shared/local/production-clients.ts',
  },
  {
    names: ['C500_PRODUCTION_EDGES'],
    meaning:
      'local only, under `C500_PRODUCTION_CLIENTS=1`: which production clients’ edges to use, a comma list of `upstash` (`@upstash/redis` through a local Upstash endpoint); `stripe` is taken and changes nothing, as every function reaches the local Stripe with stripe-node over HTTP, switch or not',
    whenUnset: 'all of them',
    readElsewhere: 'shared/local/production-edges.ts',
  },
];

/** A whole-number setting's value when unset and the range it may take, as loadConfig checks it. */
export function wholeNumberDefault(name: string): string | undefined {
  if (!(name in wholeNumberSettings)) return undefined;
  const { fallback, min, max } = wholeNumberSettings[name as WholeNumberSetting];
  const n = (v: number) => v.toLocaleString('en-US');
  return `\`${fallback}\` (${n(min)} to ${n(max)})`;
}
