/**
 * @module accept-stripe-event
 * What the Stripe webhook ingress does with a delivery: check the signature on the raw
 * bytes, keep the event types the product acts on, and publish each event id once per
 * instance to `stripe-events`. The publish is awaited before answering (a gen2 function
 * loses its CPU once it has answered); a failed publish answers 500 so Stripe retries.
 */
import type { Clock, EventPublisher } from '../../ports';
import { isJsonObject, jsonObjectOf, stripeSignatureShape, type RecentIds } from '../../common';
import { log } from '../../log';
import { isHandledStripeEvent, type StripeEvent, type StripeEventMessage } from '../rules/stripe-event';
import { joinTrace, nameTraceEvent } from '../../trace-context';

export interface AcceptStripeEventDeps {
  /** Checks `Stripe-Signature` against the endpoint secret and the clock (300 s tolerance). */
  isSignedByStripe: (rawBody: Buffer, header: string | undefined) => boolean;
  publisher: EventPublisher;
  recent: RecentIds;
  /** Dates the signature's timestamp: whether a refusal was of a fresh signature (an outage) or of a stranger's (noise). */
  clock: Clock;
}

/** The HTTP answer; Stripe reads only the status, and retries anything but 2xx. */
export interface StripeWebhookAnswer {
  status: 200 | 400 | 401;
  text: string;
}

export async function acceptStripeEvent(rawBody: Buffer, signatureHeader: string | undefined, deps: AcceptStripeEventDeps): Promise<StripeWebhookAnswer> {
  // The answer's `http.answered` line carries the signature's shape: the Stripe signature SLI counts the fresh ones only.
  const signature = stripeSignatureShape(signatureHeader, deps.clock.now().getTime());
  nameTraceEvent({ signature });
  if (!deps.isSignedByStripe(rawBody, signatureHeader)) {
    // Stripe's check folds its 300 s tolerance into the signature: one reason for both; `shape` tells a wrong secret from a stranger.
    log.warn('webhook refused', { event: 'webhook.refused', source: 'stripe', reason: 'signature', shape: signature });
    return { status: 401, text: 'invalid Stripe-Signature' };
  }
  const event = parseEvent(rawBody);
  if (!event) return { status: 400, text: 'expected a Stripe event as JSON' };
  // An object that names the trace it was made in (a checkout session whose metadata carries `traceparent`) continues it:
  // the payment's trace is the checkout's. Signed by Stripe, so only ever a value we wrote.
  joinTrace(event.data.object.metadata?.traceparent);
  nameTraceEvent({ webhook: 'stripe', stripeEventId: event.id, stripeEventType: event.type });
  if (!isHandledStripeEvent(event.type)) return { status: 200, text: 'ignored' };
  const message: StripeEventMessage = { event: { ...event, type: event.type } };
  // A failed publish answers 500 and Stripe delivers again; that retry is not taken for a repeat.
  const published = await deps.recent.once(event.id, () =>
    deps.publisher.publish('stripe-events', message, { attributes: { eventId: event.id, type: event.type } }),
  );
  return published ? { status: 200, text: 'received' } : { status: 200, text: 'already received' };
}

/** The event in a signed body, or undefined when it is not shaped like a Stripe event. */
function parseEvent(rawBody: Buffer): StripeEvent | undefined {
  const json = jsonObjectOf(rawBody);
  if (!json || typeof json.id !== 'string' || !json.id.startsWith('evt_') || typeof json.type !== 'string' || typeof json.created !== 'number')
    return undefined;
  if (!isJsonObject(json.data) || !isJsonObject(json.data.object) || typeof json.data.object.id !== 'string') return undefined;
  return json as unknown as StripeEvent;
}
