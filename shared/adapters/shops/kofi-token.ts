/**
 * @module kofi-token
 * Ko-fi proves a webhook with a verification token it puts inside the posted data (no
 * signature over the body). The token is compared in constant time, and through SHA-256
 * digests so that neither the content nor the length of the expected token leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the token Ko-fi sent is the connection's token. An empty expected token matches
 * nothing: an unset secret must not accept a delivery that carries no token.
 * @example kofiTokenMatches(data.verification_token, 'c0ffee…') // true or false, never throws
 */
export function kofiTokenMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '' || expected === '') return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
