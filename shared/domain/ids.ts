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
