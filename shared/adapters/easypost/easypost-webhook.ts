/**
 * @module easypost-webhook
 * EasyPost's webhook read as its official client's `validateWebhook` (8.x) reads it, on
 * node:crypto alone: the ingress answers fast from a cold start and must not load the client
 * (superagent and every model) to check one HMAC. A test holds this check to the client's.
 *
 * The client rewrites `"weight": 16` as `"weight": 16.0` before it hashes (EasyPost's API
 * writes floats so, and JavaScript's JSON loses the `.0`), so this does too, or a body with a
 * whole-number weight would never verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CarrierSignatureRefused, trackingStatuses, type CarrierTracker, type TrackingStatus, type TrackingUpdate } from '../../ports';

/** What C500 reads of an EasyPost tracker. */
export interface WireTracker {
  id: string;
  tracking_code: string;
  carrier: string;
  status: string;
  shipment_id?: string | null;
  updated_at?: string;
}

/** What C500 reads of an EasyPost event. */
export interface WireEvent {
  id: string;
  description: string;
  result?: WireTracker;
  updated_at?: string;
  created_at?: string;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The body as the client hashes and parses it. */
const correctedBody = (rawBody: Buffer): string => rawBody.toString('utf8').replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0');

/** The client looks the header up under two spellings; a repeated header counts as its first value. */
function signatureOf(headers: Headers): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'x-hmac-signature') continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * The event in a body signed with `secret`, or `CarrierSignatureRefused` (no header, a wrong
 * one, no secret to check with, or a signed body that is not JSON).
 */
export function verifyEasyPostWebhook(rawBody: Buffer, headers: Headers, secret: string | undefined): WireEvent {
  const signature = signatureOf(headers);
  // An empty secret would make every body anyone signs with it valid: no secret, nothing verifies.
  if (!secret || !signature) throw new CarrierSignatureRefused('the carrier webhook is not signed');
  const body = correctedBody(rawBody);
  const expected = `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(body, 'utf8')
    .digest('hex')}`;
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new CarrierSignatureRefused('the carrier webhook’s signature does not match');
  try {
    return JSON.parse(body) as WireEvent;
  } catch {
    throw new CarrierSignatureRefused('the carrier webhook’s body is not JSON');
  }
}

/** A verified event as C500 follows it: a tracker's update, or undefined for any other event (or one without its tracker). */
export function trackingUpdateOf(event: WireEvent): TrackingUpdate | undefined {
  if (typeof event?.id !== 'string' || typeof event.description !== 'string' || !event.description.startsWith('tracker.')) return undefined;
  const result = event.result;
  if (!result || typeof result.id !== 'string' || typeof result.tracking_code !== 'string') return undefined;
  return { eventId: event.id, tracker: trackerFrom(result), updatedAt: result.updated_at ?? event.updated_at ?? event.created_at ?? '' };
}

export function trackerFrom(wire: WireTracker): CarrierTracker {
  return {
    id: wire.id,
    trackingCode: wire.tracking_code,
    carrier: wire.carrier,
    status: (trackingStatuses as readonly string[]).includes(wire.status) ? (wire.status as TrackingStatus) : 'unknown',
    ...(wire.shipment_id ? { shipmentId: wire.shipment_id } : {}),
  };
}
