/**
 * @module eventsub-signature
 * Twitch EventSub's webhook signature: `sha256=` and the hex HMAC-SHA256, keyed with the
 * secret we gave when subscribing, of the message id, the timestamp and the raw body,
 * concatenated in that order. The simulator signs with it and the ingress checks with it.
 *
 * @example
 * const header = eventSubSignature(secret, id, timestamp, rawBody);
 * verifyEventSubSignature(secret, id, timestamp, rawBody, header); // true
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function eventSubSignature(secret: string, messageId: string, timestamp: string, rawBody: Buffer): string {
  const hmac = createHmac('sha256', secret);
  // The body is hashed as the bytes Twitch sent: a re-serialised JSON would not match.
  hmac.update(messageId, 'utf8').update(timestamp, 'utf8').update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/** Answers whether `signature` (the Twitch-Eventsub-Message-Signature header) is right. */
export function verifyEventSubSignature(secret: string, messageId: string, timestamp: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(eventSubSignature(secret, messageId, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on a length mismatch; the length of a valid header is public anyway.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
