/**
 * @module ban-replay
 * Whether a database of the book holds the bans (and trusted bidders) made before it was added: a marker beside the
 * banned set (`P bidders:banned:replayed`, the replay's version), written once every ban
 * Firestore listed is in. It names no one. The sharded book reads it before opening an auction
 * on a database (sharded-auction-book).
 */
import type { Redis } from '@upstash/redis';

/**
 * What a database's marker says; raised only if what a replay writes changes (every database then
 * replays once again). 2: the trusted bidders are replayed with the bans (1 replayed bans alone).
 */
export const bansReplayVersion = 2;

export interface BanReplayMarker {
  /** The version the database's bans were replayed at, or 0 if never. */
  replayedAt(): Promise<number>;
  markReplayed(version: number): Promise<void>;
}

export function banReplayMarker(redis: Redis, keyPrefix = 'c500:'): BanReplayMarker {
  const key = `${keyPrefix}bidders:banned:replayed`;
  return {
    async replayedAt() {
      const value = await redis.get<string | number>(key);
      const version = Number(value ?? 0);
      return Number.isInteger(version) && version > 0 ? version : 0;
    },
    async markReplayed(version) {
      await redis.set(key, String(version));
    },
  };
}
