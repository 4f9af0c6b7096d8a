/**
 * @module signed-token
 * What chat bidding's links and cookies carry: a small JSON object, signed with HMAC-SHA256
 * under OAUTH_STATE_KEY and a purpose of its own, so a token made for one thing (a
 * broadcaster's consent, a chatter's sign-in, a chatter's session) is never accepted as
 * another, nor as the builders' Twitch link state signed with the same key.
 *
 * @example
 * const token = sealToken('c500:example:v1:', { u: '42', e: expiresAtMs }, key);
 * openToken('c500:example:v1:', token, key); // { u: '42', e: … }
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenFields = Record<string, string | number>;

/** A token travels in URLs and cookies: a few hundred characters at most. */
const maxTokenChars = 2_000;

export function sealToken(purpose: string, fields: TokenFields, key: string): string {
  const body = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${body}.${mac(purpose, body, key)}`;
}

/** The fields of a token signed by us for this purpose, else undefined (forged, edited, another purpose's, unreadable). */
export function openToken(purpose: string, token: string | undefined, key: string): Record<string, unknown> | undefined {
  if (token === undefined || token.length > maxTokenChars) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || !sameText(signature, mac(purpose, body, key))) return undefined;
  try {
    const fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function mac(purpose: string, body: string, key: string): string {
  return createHmac('sha256', key).update(purpose).update(body).digest('base64url');
}

/** Compared as text in constant time: base64url decoding skips stray characters, so bytes would accept variants. */
export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random value (144 bits) a browser keeps in its cookie. */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** What a URL may carry of a browser's nonce: its hash, so the state in a link never holds the cookie's secret. */
export function browserBinding(nonce: string): string {
  return createHash('sha256').update(`c500:chatter-browser:v1:${nonce}`).digest('base64url');
}
