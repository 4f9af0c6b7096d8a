/**
 * @module once-record
 * The record `runOnce` keeps of a piece of work keyed by the event that caused it
 * (`processed/<key>`): claimed with a lease, then done.
 */
import { createHash } from 'node:crypto';
import { collectionPath, docPath } from '../../ports';

export interface OnceRecord {
  /** The key as given: only on records made before ids were digests (they expire within `onceRecordDays`). */
  key?: string;
  state: 'running' | 'done';
  leaseUntil?: string;
  /** Which call holds the lease: the one whose claim it is knows it even when the claim's commit answer was lost. */
  claimId?: string;
  attempts: number;
  /** When the running claim was taken: a claim taken over, never let go, tells the next how long ago its work may have acted. */
  claimedAt?: string;
  /** Its holder failed and said so (the work threw): the next claim knows the work did not finish. */
  released?: boolean;
  doneAt?: string;
  /** What the work came to, when it says (a DM `sent`, or refused as `dms-closed`): a later call reads it here. */
  result?: string;
  /**
   * When the record may go: a timestamp, which Firestore's TTL policy on this field reads
   * (terraform's processed_expiry). Reads back as an ISO string, like every date.
   */
  expiresAt?: Date | string;
}

/**
 * How long a record is kept: as long as any party may redeliver (Stripe retries for 3 days,
 * Pub/Sub keeps 7), and then some. Stripe's event ids (what a Stripe event was kept for) go
 * with it.
 */
export const onceRecordDays = 30;

export const onceRecordsCollection = collectionPath<OnceRecord>('processed');
/**
 * A record's id: a digest of its key. Keys join people's ids to the event's (`dm:<user>:<order>`,
 * `chat-bidding-on:<twitch id>:<subscription>`), and the record outlives the work by a month, so
 * the collection names no one: its ids, and no `key` field, say nothing of whom the work was for.
 */
export const onceRecordId = (key: string) => `k_${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
export const onceRecordPath = (key: string) => docPath<OnceRecord>(`${onceRecordsCollection}/${onceRecordId(key)}`);
/**
 * Where a record made before ids were digests lives (the key itself, encoded): `runOnce` still
 * finds done work there, so a redelivery across the deploy that changed it runs nothing twice.
 * Those records end with their `expiresAt`; this path can go `onceRecordDays` after that deploy.
 */
export const legacyOnceRecordPath = (key: string) => docPath<OnceRecord>(`${onceRecordsCollection}/${encodeURIComponent(key)}`);
