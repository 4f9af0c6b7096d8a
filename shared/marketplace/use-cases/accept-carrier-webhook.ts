/**
 * @module accept-carrier-webhook
 * The carrier's webhooks (`POST /webhooks/carrier`): the HMAC checked on the raw body before
 * anything is read, a forged or unsigned one refused 401; a tracker update published to
 * `carrier-events` (the subscriber is idempotent per carrier event, so a redelivery published
 * twice changes nothing twice); any other event answered 200 and dropped.
 */
import type { Carrier, EventPublisher, TrackingUpdate } from '../../ports';
import { CarrierSignatureRefused, trackingStatuses } from '../../ports';
import { carrierSignatureShape } from '../../common';
import { log } from '../../log';
import { nameTraceEvent } from '../../trace-context';

export interface AcceptCarrierDeps {
  readWebhook: Carrier['readWebhook'];
  publisher: EventPublisher;
}

export interface CarrierWebhookAnswer {
  status: number;
  text: string;
}

/** What `carrier-events` carries. */
export interface CarrierEventMessage {
  update: TrackingUpdate;
}

export async function acceptCarrierWebhook(
  request: { headers: Readonly<Record<string, string | string[] | undefined>>; body: Buffer },
  deps: AcceptCarrierDeps,
): Promise<CarrierWebhookAnswer> {
  const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-hmac-signature')?.[1];
  // The answer's `http.answered` line carries the signature's shape: the carrier signature SLI counts the well-formed ones only.
  const shape = carrierSignatureShape(Array.isArray(header) ? header[0] : header);
  nameTraceEvent({ signature: shape });
  let update: TrackingUpdate | undefined;
  try {
    update = deps.readWebhook(request.body, request.headers);
  } catch (error) {
    if (!(error instanceof CarrierSignatureRefused)) throw error;
    log.warn('webhook refused', { event: 'webhook.refused', source: 'carrier', reason: 'signature', shape });
    return { status: 401, text: 'invalid X-Hmac-Signature' };
  }
  if (!update) return { status: 200, text: 'ignored' };
  const message: CarrierEventMessage = { update };
  await deps.publisher.publish('carrier-events', message, { attributes: { eventId: update.eventId, status: update.tracker.status } });
  return { status: 200, text: 'received' };
}

/** The message as the subscriber reads it back, or undefined when it is not one (a poison message). */
export function parseCarrierEventMessage(data: unknown): TrackingUpdate | undefined {
  const update = (data as Partial<CarrierEventMessage> | null)?.update;
  const tracker = update?.tracker;
  if (!update || typeof update.eventId !== 'string' || typeof update.updatedAt !== 'string' || !tracker) return undefined;
  if (typeof tracker.trackingCode !== 'string' || typeof tracker.id !== 'string' || !(trackingStatuses as readonly string[]).includes(tracker.status))
    return undefined;
  return update;
}
