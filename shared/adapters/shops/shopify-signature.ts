/**
 * @module shopify-signature
 * Shopify's webhook signature: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the
 * raw body, keyed with the app's (or custom webhook's) secret. Nothing else is signed, so
 * freshness is checked on the sale's own time (`isFresh` in races/rules/sale).
 *
 * @example
 * const header = shopifySignature(rawBody, secret);
 * verifyShopifySignature(rawBody, header, secret); // true
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A SHA-256 in canonical base64: 43 characters and one `=`. */
const base64Sha256 = /^[A-Za-z0-9+/]{43}=$/;

export function shopifySignature(rawBody: Buffer | string, secret: string): string {
  return digest(rawBody, secret).toString('base64');
}

/** Whether `header` signs exactly these bytes with `secret`; false for a missing or malformed header. */
export function verifyShopifySignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  // Node's base64 decoder skips characters it does not know, so the header is checked as text first.
  if (!header || !base64Sha256.test(header) || !secret) return false;
  const given = Buffer.from(header, 'base64');
  const expected = digest(rawBody, secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function digest(rawBody: Buffer | string, secret: string): Buffer {
  // Hashed as the bytes Shopify sent: a re-serialised JSON body would not match.
  return createHmac('sha256', secret).update(rawBody).digest();
}
