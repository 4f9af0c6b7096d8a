/**
 * @module signature-shape
 * What a refused request's signature looked like, before anyone checks it: the difference
 * between an outage and noise. A fresh, well-formed signature that fails is what the real
 * sender sends when our key or secret is wrong (every delivery refused): an SLI counts it.
 * A request with no signature, a garbled one or a stale one is what a stranger or a scanner
 * sends: it is logged and refused, and no SLI counts it.
 */

export const signatureShapes = ['fresh', 'absent', 'malformed', 'stale'] as const;
export type SignatureShape = (typeof signatureShapes)[number];

/** Discord's window (DESIGN §6): no older than 5 minutes, no more than 1 ahead. */
const discordPastS = 300;
const discordAheadS = 60;
/** stripe-node's default tolerance, which the ingress uses. */
const stripeToleranceS = 300;

const inWindow = (stampS: number, nowMs: number, pastS: number, aheadS: number) => {
  const ageS = nowMs / 1000 - stampS;
  return ageS <= pastS && ageS >= -aheadS;
};

/** `X-Signature-Ed25519` (64 bytes in hex) and `X-Signature-Timestamp` (Unix seconds). */
export function discordSignatureShape(signature: string | undefined, timestamp: string | undefined, nowMs: number): SignatureShape {
  if (!signature && !timestamp) return 'absent';
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  return inWindow(Number(timestamp), nowMs, discordPastS, discordAheadS) ? 'fresh' : 'stale';
}

/** `Stripe-Signature: t=<Unix seconds>,v1=<HMAC-SHA256 in hex>[,v1=…]`. */
export function stripeSignatureShape(header: string | undefined, nowMs: number): SignatureShape {
  if (!header) return 'absent';
  const parts = header.split(',').map((p) => p.trim().split('='));
  const stamps = parts.filter(([k, v]) => k === 't' && /^\d{1,12}$/.test(v ?? ''));
  const signatures = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/i.test(v ?? ''));
  if (stamps.length !== 1 || signatures.length === 0) return 'malformed';
  return inWindow(Number(stamps[0][1]), nowMs, stripeToleranceS, stripeToleranceS) ? 'fresh' : 'stale';
}

/**
 * `Twitch-Eventsub-Message-Signature: sha256=<HMAC-SHA256 in hex>` over the message id, the
 * timestamp (RFC 3339) and the body; `isFresh` is EventSub's replay window, as the ingress holds it.
 */
export function twitchSignatureShape(
  signature: string | undefined,
  messageId: string | undefined,
  timestamp: string | undefined,
  isFresh: (timestamp: string) => boolean,
): SignatureShape {
  if (!signature) return 'absent';
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature) || !messageId || !timestamp || !Number.isFinite(Date.parse(timestamp))) return 'malformed';
  return isFresh(timestamp) ? 'fresh' : 'stale';
}

/**
 * A signature that signs no time (Shopify's, EasyPost's, Ko-fi's token): absent, malformed, or
 * fresh by its form alone. The shops' ingress marks a delivery `stale` itself when the sale's own
 * time is outside its replay window (a captured delivery sent again).
 */
function untimedShape(value: string | undefined, wellFormed: RegExp): SignatureShape {
  if (!value) return 'absent';
  return wellFormed.test(value) ? 'fresh' : 'malformed';
}

/** `X-Shopify-Hmac-Sha256`: a SHA-256 in canonical base64. */
export const shopifySignatureShape = (header: string | undefined): SignatureShape => untimedShape(header, /^[A-Za-z0-9+/]{43}=$/);

/** `X-Hmac-Signature: hmac-sha256-hex=<hex>` (EasyPost's). */
export const carrierSignatureShape = (header: string | undefined): SignatureShape => untimedShape(header, /^hmac-sha256-hex=[0-9a-f]{64}$/i);

/** Ko-fi's `verification_token` in the form's `data`: a token of letters, digits and dashes (Ko-fi's are UUIDs). */
export const kofiTokenShape = (token: string | undefined): SignatureShape => untimedShape(token, /^[A-Za-z0-9-]{8,128}$/);
