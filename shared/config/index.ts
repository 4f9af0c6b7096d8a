/**
 * @module config
 * Environment -> typed configuration. Pure (but for resolving the data folder against the
 * working directory): the environment is an argument, so tests pass their own. Secrets
 * are optional here and demanded with `required()` by the function that needs them,
 * because terraform gives each function only its own secrets.
 */
import { createHash } from 'node:crypto';
import { payWindowMinutes } from '../stripe-limits';
import { ConfigError, invalid, missing } from './errors';
import { readBookShards } from './book-databases';
import { readDataController, type DataController } from '../data-controller';
import { localBeaconPath, quicknet, type BeaconSettings } from '../beacon-chains';

export { ConfigError } from './errors';
export { bookDatabases, readBookShards, type BookDatabase } from './book-databases';
export { type DataController, localDataController, privacyContactShape, readDataController } from '../data-controller';

/**
 * A Google Cloud region's name: a geography, a direction, and a number (`us-central1`,
 * `europe-west10`, `northamerica-northeast2`). Terraform's `region` variable checks the same
 * shape (a test holds the two equal), and `npm run hosting:config` refuses anything else.
 */
export const cloudRegionShape = /^[a-z]+-[a-z]+[1-9][0-9]*$/;

export const isCloudRegion = (name: string): boolean => cloudRegionShape.test(name);

export const secretNames = [
  'DISCORD_PUBLIC_KEY',
  'DISCORD_APPLICATION_ID',
  'DISCORD_BOT_TOKEN',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  /** Connected accounts' events (account.updated…) come to a Connect endpoint, signed with its own secret. */
  'STRIPE_CONNECT_WEBHOOK_SECRET',
  'TWITCH_CLIENT_ID',
  'TWITCH_CLIENT_SECRET',
  'TWITCH_EVENTSUB_SECRET',
  /** Signs the Twitch OAuth state and unlink links: a key of its own, so no Twitch credential signs anything of ours. */
  'OAUTH_STATE_KEY',
  'SHOPIFY_WEBHOOK_SECRET',
  'KOFI_VERIFICATION_TOKEN',
  /** EasyPost's API key: labels, rates and trackers (the production key in production; locally the carrier stand-in's). */
  'EASYPOST_API_KEY',
  /** Signs EasyPost's webhooks (`X-Hmac-Signature`): the secret set on the webhook in EasyPost's dashboard. */
  'EASYPOST_WEBHOOK_SECRET',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  /** The auction book's further Upstash databases, a JSON list of `{ url, token }` (config/book-databases): channels' books spread over them. */
  'UPSTASH_BOOK_SHARDS',
  /** The Discord application's OAuth2 client secret: the dashboard's sign-in trades codes with it. */
  'DISCORD_CLIENT_SECRET',
  /** Signs the dashboard's session cookie, its sign-in state and CSRF tokens, and seals the Discord token it keeps. */
  'DASHBOARD_SESSION_KEY',
  /** The bot account's Twitch refresh token (granted clips:edit and moderator:manage:chat_messages): proofs are clipped, and public final-call bids deleted, as the bot. */
  'TWITCH_BOT_REFRESH_TOKEN',
  /** Seals every token kept for a person before it is stored (`id=<64 hex>`, comma-separated; the first seals). */
  'TOKEN_SEAL_KEYS',
  /** Keys the hashes log lines carry in place of people's ids (shared/log/people): every function reads it. */
  'LOG_ID_KEY',
  /**
   * Keys the hash under which Redis keeps people's ids where equality is all that matters (the
   * auction book's ban, trust and block lists, the chat outbox's say-once keys). A key of its
   * own: rotating it loses those lists in Redis, as a Redis that lost them would.
   */
  'ID_HASH_KEY',
  /** The synthetic probe's Ed25519 public key (hex, as Discord's): the ingress takes the probe's PING and bid signed with it, nothing else. */
  'PROBE_PUBLIC_KEY',
  /** The synthetic probe's private key (PKCS#8 DER in hex): only `syntheticProbe` holds it. */
  'PROBE_PRIVATE_KEY',
] as const;
export type SecretName = (typeof secretNames)[number];

export interface Config {
  /** `local` runs every function in one process on embedded adapters. */
  runtime: 'local' | 'gcp';
  port: number;
  projectId: string;
  region: string;
  /** Where the public pages and HTTP functions are reached, for links we hand to people. */
  publicBaseUrl: string;
  /** Where Cloud Tasks deliver tasks (the HTTP functions' base URL). */
  tasksBaseUrl: string;
  tasksInvokerServiceAccount: string | undefined;
  redisUrl: string;
  /** Every auction key starts with it, so two deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  dataDir: string;
  marketplace: MarketplaceSettings;
  auctions: AuctionSettings;
  delivery: DeliverySettings;
  /** The Stripe platform account's country: builders elsewhere get the recipient agreement (onboarding/rules/connect-account). */
  platformCountry: string;
  /** Where a builder is sent to authorize C500 on Twitch (the local runtime points it at its simulator). */
  twitchAuthorizeUrl: string;
  /** The platform's Twitch bot account, which reads and answers chat bids. */
  twitchBot: TwitchBotSettings;
  /** Discord's OAuth2 authorize page, where the dashboard sends a person to sign in (locally, the stand-in's). */
  discordAuthorizeUrl: string;
  /** Discord's REST API base the sign-in calls (`/oauth2/token`, `/users/@me`, `/users/@me/guilds`); locally, the stand-in's. */
  discordApiUrl: string;
  dashboard: DashboardSettings;
  /** Who answers for the personal data this deployment keeps, as the privacy page names them. */
  dataController: DataController;
  /** The randomness beacon giveaways are drawn from: drand's quicknet, pinned; locally, the runtime's stand-in. */
  beacon: BeaconSettings;
  /** The share of traces whose spans are sent to Cloud Trace, 0 to 1 (C500_TRACE_SAMPLE_RATIO); a caller's sampled flag is followed. */
  traceSampleRatio: number;
  secrets: Partial<Record<SecretName, string>>;
}

export interface MarketplaceSettings {
  /** The platform's share of a sale, in basis points (1,000 = 10 %); the builder gets the rest. */
  platformFeeBps: number;
  /** How long a reserved item waits for payment: Stripe accepts 30 minutes to 24 hours, so 30 to 1,436 (see checkout-window). */
  checkoutMinutes: number;
  /** The currency drops are priced in. */
  currency: string;
}

/** After `/c500 ship`: when an unconfirmed order counts as received, and how long its address is kept. */
export interface DeliverySettings {
  /** Days after shipping an order nobody confirmed counts as received (C500_DELIVERY_DAYS). */
  deliveryDays: number;
  /** Days after an order is received or refunded that its shipping address is erased (C500_ADDRESS_DAYS). */
  addressDays: number;
}

export interface TwitchBotSettings {
  /**
   * The bot account's Twitch user id (C500_TWITCH_BOT_USER_ID): `sender_id` of its chat
   * messages and `user_id` of each `channel.chat.message` subscription. Unset in the cloud
   * until the operator sets it (chat bidding is then unavailable); locally, the
   * simulator's bot, 100000001.
   */
  userId: string | undefined;
  /**
   * Whether the operator has the bot modded in the channels it serves
   * (C500_TWITCH_BOT_MODERATOR): Twitch then lets it send 100 chat messages per 30 seconds
   * in each instead of 20. Locally, the simulator's channels mod the bot when it is true.
   */
  moderator: boolean;
}

/** What the local runtime calls its bot when C500_TWITCH_BOT_USER_ID is not set. */
export const localTwitchBotUserId = '100000001';

/** A Twitch user id: digits (Twitch's are up to about ten; twenty leaves room). Terraform's variable checks the same pattern. */
export const twitchUserIdShape = /^[0-9]{1,20}$/;

export interface AuctionSettings {
  /** How long a winner (or a runner-up offered a second chance) has to pay, from the hammer; 30 to 1,436, as checkoutMinutes. */
  payMinutes: number;
  /** How many runner-ups are offered the item, one after another, when a winner does not pay. */
  secondChanceDepth: number;
  /** Unpaid wins that ban a bidder from bidding. */
  strikesToBan: number;
  /** Seconds a late bid puts back on the clock unless the builder chose otherwise. */
  counterBidSeconds: number;
  /**
   * How long after the end a bid made before it may still reach the book (Pub/Sub,
   * a busy subscriber) and count; the hammer waits this long before it freezes the book.
   */
  settleMs: number;
  /**
   * How long a lot's bids wait in an instance for company before one script call decides them
   * together (the book's gathering): longer makes fewer calls on the lot's Upstash database at a
   * herd. docs/capacity.md sizes it (40, the default, for a 50,000-viewer show); 0 sends each bid alone.
   */
  bidGatherMs?: number;
}

export interface DashboardSettings {
  /** How long a dashboard session lasts from sign-in; then the person signs in with Discord again. */
  sessionMinutes: number;
  /** How long admin rights read from Discord are trusted before Discord is asked again. */
  recheckMinutes: number;
  /** `Secure` on the session cookie: always in the cloud, and whenever the public URL is https. */
  secureCookies: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The whole-number settings: each variable's default and the range it may take. Terraform's
 * variables validate to the same ranges (test/unit/terraform-mirrors-config holds them equal),
 * so a value terraform accepts never stops every function at start.
 */
export const wholeNumberSettings = {
  C500_PLATFORM_FEE_BPS: { fallback: 1000, min: 0, max: 10_000 },
  // Stripe takes a session's deadline 30 minutes to 24 hours after creation; payWindowMinutes keeps a margin inside it.
  C500_CHECKOUT_MINUTES: { fallback: 30, ...payWindowMinutes },
  C500_AUCTION_PAY_MINUTES: { fallback: 60, ...payWindowMinutes },
  C500_SECOND_CHANCE_DEPTH: { fallback: 2, min: 0, max: 10 },
  C500_STRIKES_TO_BAN: { fallback: 2, min: 1, max: 100 },
  C500_COUNTER_BID_SECONDS: { fallback: 10, min: 0, max: 600 },
  C500_AUCTION_SETTLE_MS: { fallback: 2_000, min: 0, max: 30_000 },
  // The book's own default (bidGatherMs, 40): what a 50,000-viewer herd needs (docs/capacity.md); 0 turns gathering off.
  C500_BID_GATHER_MS: { fallback: 40, min: 0, max: 100 },
  C500_DASHBOARD_SESSION_MINUTES: { fallback: 120, min: 5, max: 1_440 },
  C500_DASHBOARD_RECHECK_MINUTES: { fallback: 5, min: 1, max: 60 },
  C500_DELIVERY_DAYS: { fallback: 30, min: 1, max: 365 },
  // Long enough for a dispute's evidence (Stripe allows 120 days after the charge), short enough to keep little.
  C500_ADDRESS_DAYS: { fallback: 90, min: 1, max: 3_650 },
} as const satisfies Record<string, { fallback: number; min: number; max: number }>;
export type WholeNumberSetting = keyof typeof wholeNumberSettings;

/** The Ed25519 public keys the ingress checks signatures with, and where each comes from. */
const publicKeys = {
  DISCORD_PUBLIC_KEY: 'the "Public Key" of the Discord application',
  PROBE_PUBLIC_KEY: 'the public half of the synthetic probe’s key pair: docs/operations/probe.md',
} as const;

/** Reads the configuration; throws a ConfigError naming the variable that is wrong. */
export function loadConfig(env: Env): Config {
  const runtime =
    env.C500_RUNTIME === 'gcp' ? 'gcp' : env.C500_RUNTIME === undefined || env.C500_RUNTIME === 'local' ? 'local' : invalid('C500_RUNTIME', 'local or gcp');
  const port = readPort(env.PORT);
  const projectId = env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? (runtime === 'local' ? 'c500-local' : missing('GOOGLE_CLOUD_PROJECT'));
  const localBase = `http://127.0.0.1:${port}`;
  const publicBaseUrl = readUrl(env, 'C500_PUBLIC_BASE_URL') ?? (runtime === 'local' ? localBase : missing('C500_PUBLIC_BASE_URL'));
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const name of secretNames) {
    const value = env[name]?.trim();
    if (value) secrets[name] = value;
  }
  for (const [name, what] of Object.entries(publicKeys) as Array<[keyof typeof publicKeys, string]>) {
    if (secrets[name] !== undefined && !/^[0-9a-f]{64}$/i.test(secrets[name])) invalid(name, `64 hex characters (${what})`);
  }
  if (secrets.OAUTH_STATE_KEY !== undefined && secrets.OAUTH_STATE_KEY.length < 32) {
    invalid('OAUTH_STATE_KEY', 'at least 32 random characters (openssl rand -hex 32)');
  }
  if (secrets.DASHBOARD_SESSION_KEY !== undefined && secrets.DASHBOARD_SESSION_KEY.length < 32) {
    invalid('DASHBOARD_SESSION_KEY', 'at least 32 random characters (openssl rand -hex 32)');
  }
  if (secrets.LOG_ID_KEY !== undefined && secrets.LOG_ID_KEY.length < 32) {
    invalid('LOG_ID_KEY', 'at least 32 random characters (openssl rand -hex 32)');
  }
  if (secrets.ID_HASH_KEY !== undefined && secrets.ID_HASH_KEY.length < 32) {
    invalid('ID_HASH_KEY', 'at least 32 random characters (openssl rand -hex 32)');
  }
  if (secrets.TOKEN_SEAL_KEYS !== undefined && !sealKeysReadable(secrets.TOKEN_SEAL_KEYS)) {
    invalid('TOKEN_SEAL_KEYS', 'id=<64 hex characters> (openssl rand -hex 32), comma-separated, the sealing key first, ids unique');
  }
  readBookShards(secrets.UPSTASH_BOOK_SHARDS, secrets.UPSTASH_REDIS_REST_URL); // unreadable, it would lose lots: fail at start
  // Twitch refuses to create an EventSub subscription whose secret is not 10 to 100 ASCII
  // characters, and says so only when a builder links their channel: fail at start instead.
  if (secrets.TWITCH_EVENTSUB_SECRET !== undefined && !/^[\x20-\x7e]{10,100}$/.test(secrets.TWITCH_EVENTSUB_SECRET)) {
    invalid('TWITCH_EVENTSUB_SECRET', '10 to 100 ASCII characters, as Twitch requires (openssl rand -hex 32)');
  }
  // Twitch (EventSub, OAuth redirects) and Stripe (webhooks, Checkout return links) refuse non-https callbacks.
  if (runtime === 'gcp' && new URL(publicBaseUrl).protocol !== 'https:') {
    invalid('C500_PUBLIC_BASE_URL', 'an https URL in production: Twitch and Stripe refuse callbacks and links that are not https');
  }
  const dataDir = env.C500_DATA_DIR ?? '.data';
  return {
    runtime,
    port,
    projectId,
    region: readRegion(env.FUNCTION_REGION ?? env.C500_REGION),
    publicBaseUrl,
    tasksBaseUrl: readUrl(env, 'C500_TASKS_BASE_URL') ?? publicBaseUrl,
    tasksInvokerServiceAccount: env.C500_TASKS_INVOKER_SA,
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    traceSampleRatio: readSampleRatio(env, 'C500_TRACE_SAMPLE_RATIO'),
    redisKeyPrefix: env.C500_REDIS_KEY_PREFIX ?? defaultRedisKeyPrefix(runtime, dataDir),
    dataDir,
    marketplace: {
      platformFeeBps: readInteger(env, 'C500_PLATFORM_FEE_BPS'),
      checkoutMinutes: readInteger(env, 'C500_CHECKOUT_MINUTES'),
      currency: readCurrency(env.C500_CURRENCY),
    },
    delivery: { deliveryDays: readInteger(env, 'C500_DELIVERY_DAYS'), addressDays: readInteger(env, 'C500_ADDRESS_DAYS') },
    auctions: {
      payMinutes: readInteger(env, 'C500_AUCTION_PAY_MINUTES'),
      secondChanceDepth: readInteger(env, 'C500_SECOND_CHANCE_DEPTH'),
      strikesToBan: readInteger(env, 'C500_STRIKES_TO_BAN'),
      counterBidSeconds: readInteger(env, 'C500_COUNTER_BID_SECONDS'),
      settleMs: readInteger(env, 'C500_AUCTION_SETTLE_MS'),
      bidGatherMs: readInteger(env, 'C500_BID_GATHER_MS'),
    },
    platformCountry: readCountry(env.C500_PLATFORM_COUNTRY),
    twitchAuthorizeUrl: readUrl(env, 'C500_TWITCH_AUTHORIZE_URL') ?? 'https://id.twitch.tv/oauth2/authorize',
    twitchBot: readTwitchBot(env, runtime),
    discordAuthorizeUrl: readUrl(env, 'C500_DISCORD_AUTHORIZE_URL') ?? 'https://discord.com/oauth2/authorize',
    discordApiUrl: readUrl(env, 'C500_DISCORD_API_URL') ?? 'https://discord.com/api/v10',
    dashboard: {
      sessionMinutes: readInteger(env, 'C500_DASHBOARD_SESSION_MINUTES'),
      recheckMinutes: readInteger(env, 'C500_DASHBOARD_RECHECK_MINUTES'),
      secureCookies: runtime === 'gcp' || new URL(publicBaseUrl).protocol === 'https:',
    },
    dataController: readDataController(env, runtime),
    beacon: runtime === 'local' ? { url: `${localBase}${localBeaconPath}` } : { ...quicknet },
    secrets,
  };
}

/** The secret a function cannot work without; fails fast at cold start, naming it. */
export function required(config: Config, name: SecretName): string {
  const value = config.secrets[name];
  if (value === undefined) throw new ConfigError(`${name} is not set: this function needs it (see docs/reference/configuration.md)`);
  return value;
}

/** The shape common's `readSealKeys` reads (checked here too, so a bad value fails at start rather than at the first seal). */
function sealKeysReadable(text: string): boolean {
  const entries = text.split(',').map((entry) => entry.trim());
  const ids = entries.map((entry) => /^([a-z0-9-]{1,16})=[0-9a-fA-F]{64}$/.exec(entry)?.[1]);
  return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return invalid('PORT', 'a port number from 0 to 65535');
  return port;
}

function readInteger(env: Env, name: WholeNumberSetting): number {
  const { fallback, min, max } = wholeNumberSettings[name];
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) return invalid(name, `a whole number from ${min} to ${max}`);
  return value;
}

/**
 * One trace in ten: a show's herd makes about ten spans a bid, and Cloud Trace bills spans
 * past its monthly free 2.5 million (docs/operations/runbook.md#following-one-event-traces).
 */
export const defaultTraceSampleRatio = 0.1;

function readSampleRatio(env: Env, name: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return defaultTraceSampleRatio;
  const ratio = Number(raw);
  if (!/^\s*[0-9.]+\s*$/.test(raw) || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) return invalid(name, 'a number from 0 to 1, such as 0.1');
  return ratio;
}

function readRegion(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'us-central1';
  if (!isCloudRegion(raw)) return invalid('C500_REGION', 'a Google Cloud region such as us-central1 or europe-west10');
  return raw;
}

function readCurrency(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'usd';
  if (!/^[a-z]{3}$/i.test(raw)) return invalid('C500_CURRENCY', 'a three-letter ISO currency code such as usd');
  return raw.toLowerCase();
}

function readCountry(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'US';
  if (!/^[a-z]{2}$/i.test(raw)) return invalid('C500_PLATFORM_COUNTRY', 'the two-letter ISO country of the Stripe platform account, such as US');
  return raw.toUpperCase();
}

/**
 * Production's one deployment has Redis to itself: `c500:`. Local runtimes on one machine
 * share one Redis, so each data folder gets keys of its own (`c500:<hash of the folder>:`):
 * a fresh `.data`, or a second runtime beside the first, must not see the other's marks
 * (a chatter's "told once" would keep them from ever being told to sign in). The folder
 * as resolved, so `.data` and its absolute path are one prefix.
 */
function defaultRedisKeyPrefix(runtime: Config['runtime'], dataDir: string): string {
  if (runtime === 'gcp') return 'c500:';
  return `c500:${createHash('sha256').update(absolutePath(dataDir)).digest('hex').slice(0, 12)}:`;
}

/** A folder as an absolute POSIX path with `.` and `..` settled: what `path.resolve` gives, without loading Node's path module into every rule that reads the config. */
function absolutePath(dir: string): string {
  const parts: string[] = [];
  for (const part of `${dir.startsWith('/') ? '' : `${process.cwd()}/`}${dir}`.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function readTwitchBot(env: Env, runtime: Config['runtime']): TwitchBotSettings {
  const raw = env.C500_TWITCH_BOT_USER_ID?.trim();
  if (raw && !twitchUserIdShape.test(raw))
    invalid('C500_TWITCH_BOT_USER_ID', 'the bot account’s Twitch user id, digits only (Helix: GET /users?login=<bot login>)');
  const moderator = env.C500_TWITCH_BOT_MODERATOR?.trim().toLowerCase();
  if (moderator && moderator !== 'true' && moderator !== 'false') invalid('C500_TWITCH_BOT_MODERATOR', 'true or false');
  return { userId: raw || (runtime === 'local' ? localTwitchBotUserId : undefined), moderator: moderator === 'true' };
}

function readUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    return invalid(name, 'an absolute URL such as https://c500.example.com');
  }
}
