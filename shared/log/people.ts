/**
 * @module log/people
 * A person's id in a log line, as a keyed hash: `p_` and 16 hex of HMAC-SHA256 under a key
 * of the line's retention period. Lines of one period that name the same person carry the
 * same hash, so an operator can follow one person's trouble through the logs; a line of the
 * next period carries another, so nothing links a person across periods, and the key turns
 * over by itself with no operator step. A period is as long as the logs are kept: by the
 * time a key's lines are gone, so is any reason to link them.
 *
 * The base key is the deployment's LOG_ID_KEY (set at start, as the secrets are). Until it is
 * set (unit tests) it is a random key of this process: never a constant, which anyone could
 * use to hash every Discord id and read the logs back.
 *
 * @example
 * personHashInLogs('800000000000000031', Date.parse('2026-11-27T20:00:00Z')) // 'p_3f1c…'
 */
import { createHmac, randomBytes } from 'node:crypto';

/**
 * How long Cloud Logging keeps these lines (terraform/logging.tf's `retention_days`, held to
 * this by a test): long enough for the SLOs' 28-day period, no longer than operating needs.
 * The hashes of people's ids are keyed by periods of this length.
 */
export const logRetentionDays = 30;

const periodMs = logRetentionDays * 86_400_000;

/**
 * The fields whose value is a person's id, login or name, however deep in a line and in
 * whatever case: each value (or each item of a list) is written as its hash. A field named
 * anything else is written as it is, so a new field that names a person belongs here
 * (test/unit/log-people finds every field the source logs and asks).
 */
export const personFieldsInLogs = [
  // Discord user ids, by the role the person plays.
  'userId',
  'userIds',
  'user_id',
  'discordUserId',
  'byUserId',
  'buyerId',
  'builderId',
  'bidderId',
  'bidderIds',
  'linkedBidderId',
  'racerId',
  'memberId',
  'memberIds',
  'hostId',
  'winnerId',
  'entrantId',
  'ownerId',
  'adminId',
  'recipientId',
  'recipient_id',
  // Twitch user ids and logins (a broadcaster is a person: the builder's channel is theirs).
  'twitchUserId',
  'broadcasterId',
  'broadcaster_user_id',
  'chatterId',
  'chatter_user_id',
  'login',
  'logins',
  'twitchLogin',
  'broadcasterLogin',
  'broadcaster_user_login',
  'chatterLogin',
  'chatter_user_login',
  'authorizedLogin',
  'linkedLogin',
  // Names.
  'displayName',
  'display_name',
  'username',
  'userName',
  'user_name',
  'globalName',
  'global_name',
  'nick',
  'buyerName',
  'builderName',
  'bidderName',
  'hostName',
  'winnerName',
  'racerName',
  'memberName',
] as const;

/** The same, lowercased: a line's keys are lowercased once and looked up here. */
export const personFieldKeys: ReadonlySet<string> = new Set(personFieldsInLogs.map((key) => key.toLowerCase()));

/**
 * Document collections and URL paths whose next segment is a person's id or login (or
 * holds one: `debts/<server>:<member>`). That segment is hashed wherever a logged text
 * names it: a Firestore error quoting its document, a route such as `/queue/<builder id>`.
 * `@me` (Discord's own user) is no one's id. test/unit/log-people holds the collections to
 * the privacy table's documents keyed by a person.
 */
export const personPathCollections = [
  'users',
  'members',
  'queue',
  'builders',
  'bidders',
  'twitchBidders',
  'twitchChannels',
  'twitchLogins',
  'chatBidding',
  'giveawayChats',
  'queuePrivacy',
  'commissionQueues',
  'privacyErasures',
  'checkoutHolds',
  'debts',
  'shippingProfiles',
  'wallets',
  'stripeCustomers',
  // A group buy's pledges and an interest check's interest: `groupBuys/<id>/pledges/<member id>`.
  'pledges',
  'interest',
] as const;

const personSegment = new RegExp(`(?<![\\w-])(${personPathCollections.join('|')})/(?!@me\\b)([^/\\s"'?#&<>,;()\\[\\]]+)`, 'g');

/** A cheap test first: most texts name none of the collections. */
const mayNamePersonPath = new RegExp(`(?:${personPathCollections.join('|')})/`);

/** A person's field written as JSON inside a text (a refused task's body, an outside client quoting its request). */
const personJsonField = new RegExp(`"(${personFieldsInLogs.join('|')})"(\\s*:\\s*)(?:"((?:[^"\\\\]|\\\\.)*)"|(\\d+))`, 'gi');

let baseKey: string | Buffer = randomBytes(32);
/** The period the cached key and hashes are of; NaN before the first line. */
let period = Number.NaN;
let periodKey: Buffer = Buffer.alloc(0);
/** Hashes of this period by id: the same bidders, builders and channels recur in line after line. */
const hashes = new Map<string, string>();

const periodOf = (ms: number): number => Math.floor(ms / periodMs);

const keyOfPeriod = (of: number): Buffer => createHmac('sha256', baseKey).update(`log-ids:${of}`).digest();

const hashUnder = (key: Buffer, id: string): string => `p_${createHmac('sha256', key).update(id).digest('hex').slice(0, 16)}`;

/** The deployment's LOG_ID_KEY, once at start (as `redactSecrets`); every hash made from now on is under it. */
export function setLogIdKey(key: string): void {
  baseKey = key;
  period = Number.NaN;
  hashes.clear();
}

/**
 * Moves the hashes to the period of a line written at `ms`; answers whether that is another
 * period than the last line's (then every text already hashed is stale).
 */
export function enterLogPeriodAt(ms: number): boolean {
  const at = periodOf(ms);
  if (at === period) return false;
  period = at;
  periodKey = keyOfPeriod(at);
  hashes.clear();
  return true;
}

/** The hash a line written now shows for a person's id, login or name. */
export function hashPerson(id: string): string {
  if (Number.isNaN(period)) enterLogPeriodAt(Date.now());
  let hash = hashes.get(id);
  if (hash === undefined) {
    hash = hashUnder(periodKey, id);
    if (hashes.size >= 10_000) hashes.clear();
    hashes.set(id, hash);
  }
  return hash;
}

/**
 * The hash the log lines written at `at` show for a person's id (or login): what an operator
 * or a person's export says to look for ("your lines carry p_…"). Lines of another period
 * show another hash.
 */
export function personHashInLogs(id: string, at: Date | number = Date.now()): string {
  const of = periodOf(typeof at === 'number' ? at : at.getTime());
  return hashUnder(of === period ? periodKey : keyOfPeriod(of), id);
}

/**
 * A text with each person's segment of a path it names (`builders/<id>`, `/queue/<id>`)
 * hashed, and each person's field it quotes as JSON (`"buyerId":"<id>"`).
 */
export function hashPeopleInText(text: string): string {
  let out = text;
  if (mayNamePersonPath.test(out)) out = out.replace(personSegment, (_, collection: string, segment: string) => `${collection}/${hashPerson(segment)}`);
  if (out.includes('":') || out.includes('" :')) {
    out = out.replace(personJsonField, (_, key: string, colon: string, text?: string, digits?: string) => {
      const value = text ?? digits ?? '';
      return `"${key}"${colon}"${value === '' ? '' : hashPerson(value)}"`;
    });
  }
  return out;
}
