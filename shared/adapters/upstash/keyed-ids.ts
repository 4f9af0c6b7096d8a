/**
 * @module keyed-ids
 * A person's id as Redis keeps it where only its equality matters (the book's ban, trust and
 * block lists, the chat outbox's say-once keys): a keyed hash (HMAC-SHA256 under `ID_HASH_KEY`,
 * with a purpose of its own per use), so a copy of Redis names nobody, and a Twitch user id,
 * which is a small number anyone can count through, cannot be found by hashing every one.
 * `h:` marks the hashed form apart from the raw ids kept before it (a Redis reader tells them
 * apart); base64url has no space, so hashes travel space-separated as the raw names do.
 */
import { createHmac } from 'node:crypto';

/** What each use of the key hashes for: the same id gives unrelated hashes in each. */
export const idPurposes = { bidders: 'c500 auction book bidder', sayOnce: 'c500 chat outbox say-once' } as const;

export type IdHasher = (id: string) => string;

/** Hashes ids under `key` for one purpose; the same id always gives the same hash. */
export function idHasher(key: string, purpose: (typeof idPurposes)[keyof typeof idPurposes]): IdHasher {
  if (key.length < 32) throw new RangeError('the id hash key needs at least 32 characters (openssl rand -hex 32)');
  return (id) => `h:${createHmac('sha256', key).update(purpose).update('\0').update(id).digest('base64url')}`;
}
