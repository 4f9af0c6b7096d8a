/**
 * @module ids
 * Short ids people type (`/c500 live mode:order:k2q9xmbr`), derived from the event that
 * made the thing, so a redelivered event names the same order or drop instead of a second.
 */
import { createHash } from 'node:crypto';

/** Crockford-style: no i, l, o or u, so ids survive being read aloud on stream. */
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** 8 characters: 40 bits, so a collision needs about a million orders of one kind. */
export function shortIdFrom(seed: string): string {
  const hash = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < 8; i++) id += alphabet[(hash[i] ?? 0) % 32];
  return id;
}

/** Discord's epoch: the first millisecond of 2015, the zero of every snowflake's clock. */
export const discordEpochMs = 1_420_070_400_000;

/** A Discord id: a 64-bit snowflake in decimal, from 17 digits (2015) to 20. */
export function isSnowflake(id: string): boolean {
  return /^[1-9]\d{16,19}$/.test(id) && BigInt(id) < 1n << 64n;
}

/**
 * When Discord made the thing a snowflake names, in epoch milliseconds: the top 42 bits
 * count milliseconds since Discord's epoch. An interaction's id is inside the body Discord
 * signs, so its time cannot be forged.
 */
export function snowflakeTimeMs(id: string): number | undefined {
  if (!isSnowflake(id)) return undefined;
  return Number(BigInt(id) >> 22n) + discordEpochMs;
}

/** A snowflake made at `atMs`; `sequence` tells apart the ones made in the same millisecond. */
export function snowflakeAt(atMs: number, sequence: number): string {
  return String((BigInt(Math.floor(atMs) - discordEpochMs) << 22n) | BigInt(sequence % 2 ** 22));
}

/** Order ids as people type them: case and surrounding spaces or `#` do not matter. */
export function normalizeOrderId(raw: string): string {
  return raw.trim().replace(/^#/, '').toLowerCase();
}

export function isOrderIdShaped(id: string): boolean {
  return /^[0-9a-z-]{4,40}$/.test(id);
}
