/**
 * @module stripe-signature
 * Stripe's webhook signature (`Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">`) with node:crypto alone: the ingress must not load the Stripe SDK,
 * and the local simulator signs its events with the same code. A test holds both
 * directions to the SDK's own `constructEvent` and `generateTestHeaderString`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../ports';

/** Stripe's default tolerance: a signature older or newer than this is refused (replays). */
export const stripeToleranceSeconds = 300;

/**
 * The header Stripe would send for `payload` signed with the endpoint's secret.
 * @example stripeSignatureHeader('{"id":"evt_1"}', 'whsec_x', 1700000000) // 't=1700000000,v1=5f…'
 */
export function stripeSignatureHeader(payload: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${sign(Buffer.from(payload, 'utf8'), secret, String(timestampSeconds)).toString('hex')}`;
}

/**
 * Whether `header` signs exactly these bytes with `secret`, within the tolerance either
 * side of `nowSeconds`. Any `v1` entry may match: Stripe sends one per active secret
 * while a secret is being rolled.
 */
export function verifyStripeSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = stripeToleranceSeconds,
): boolean {
  const parsed = parseHeader(header);
  if (!parsed || Math.abs(nowSeconds - Number(parsed.timestamp)) > toleranceSeconds) return false;
  const expected = sign(rawBody, secret, parsed.timestamp);
  // Every candidate is compared, so the time taken does not tell which one matched.
  let matched = false;
  for (const candidate of parsed.signatures) if (timingSafeEqual(candidate, expected)) matched = true;
  return matched;
}

/**
 * A verifier bound to the endpoints' secrets and a clock, as the ingress uses it. Stripe signs
 * the platform's own events with the platform endpoint's secret and connected accounts'
 * events (`account.updated`…) with the Connect endpoint's: both endpoints may point at one
 * route, and a delivery signed with either is Stripe's.
 */
export function stripeVerifier(secrets: string | readonly string[], clock: Clock): (rawBody: Buffer, header: string | undefined) => boolean {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  return (rawBody, header) => all.some((secret) => verifyStripeSignature(rawBody, header, secret, Math.floor(clock.now().getTime() / 1000)));
}

function sign(body: Buffer, secret: string, timestamp: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();
}

function parseHeader(header: string | undefined): { timestamp: string; signatures: Buffer[] } | undefined {
  if (!header) return undefined;
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) return undefined;
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = value;
    } else if (key === 'v1') {
      // A SHA-256 is 32 bytes; anything else could never match and is malformed.
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (v0, the test-mode scheme) are ignored, as Stripe's libraries do.
  }
  return timestamp !== undefined && signatures.length > 0 ? { timestamp, signatures } : undefined;
}
