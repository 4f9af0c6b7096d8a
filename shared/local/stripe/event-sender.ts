/**
 * @module stripe/event-sender
 * How the local Stripe sends its webhook events: signed as Stripe signs them, to the Connect
 * endpoint for a connected account's, each attempt signed anew; written down first when the
 * runtime keeps its state, and sent again until taken (see redelivery).
 */
import { randomBytes } from 'node:crypto';
import { collectionPath, docPath, type Clock, type DocumentStore } from '../../ports';
import { log } from '../../log';
import { stripeSignatureHeader } from '../../adapters/stripe/stripe-signature';
import { stripeApiVersion } from '../../adapters/stripe/api-version';
import { asStripeDoes, deliverWithRetries } from '../webhook-delivery';
import type { SendStripeEvent } from './world';
import type { SentStripeEvents } from './sent-events';
import type { StripeRedelivery } from './redelivery';
import type { WebhookHold } from './webhook-hold';

/**
 * Signs events as Stripe does and posts them to the webhook; throws unless it answers 2xx,
 * so the step that sent the event reports the failure instead of hiding it. With `later`, an
 * event still refused after the first attempts goes on being sent in the background, as
 * Stripe does for days (see redelivery). With `kept`, each event is written down before it is
 * sent and marked once its endpoint took it, so one a killed runtime was sending goes out
 * again when the next starts (`resendStripeEvents`). With `sent`, each is listed there.
 * @example new LocalPayments({ store, baseUrl, clock, sendEvent: makeStripeEventSender(`${url}/webhooks/stripe`, { platform, connect }, clock) })
 */
export function makeStripeEventSender(
  webhookUrl: string,
  secrets: StripeEndpointSecrets,
  clock: Clock,
  kept?: DocumentStore,
  sent?: SentStripeEvents,
  later?: StripeRedelivery,
  hold?: WebhookHold,
): SendStripeEvent {
  return async (type, object, about) => {
    const created = Math.floor(clock.now().getTime() / 1000);
    // A connected account's event comes through the Connect endpoint: it names the account and is signed with that endpoint's secret.
    const account = about ?? (type.startsWith('account.') && typeof object.id === 'string' ? object.id : undefined);
    const connected = account !== undefined;
    const event = {
      ...(connected ? { account } : {}),
      id: `evt_local_${randomBytes(12).toString('hex')}`,
      object: 'event',
      // As Stripe sends to an endpoint created with the pinned version.
      api_version: stripeApiVersion,
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    const record = stripeEventPath(event.id);
    await kept?.set(record, { type, payload, connected, state: 'sending' });
    sent?.sending({ id: event.id, type, created, ...(typeof object.id === 'string' ? { objectId: object.id } : {}), ...(account ? { account } : {}) });
    const post = () => postStripeEvent(webhookUrl, secrets, connected, payload, clock);
    const delivered = async (status: number) => {
      sent?.answered(event.id, status);
      await kept?.update(record, { state: 'answered', status });
    };
    // While held, each attempt is refused before it leaves (as an endpoint that did not answer), and the redelivery's back-off tries again.
    const held = () => hold?.holds(object) ?? false;
    const sendOrHold = () => (held() ? Promise.resolve(new Response(null, { status: 503 })) : post());
    const sendLater = () => later?.later({ eventId: event.id, type, send: sendOrHold, delivered });
    if (held() && later) return sendLater();
    const response = await post().catch((error: unknown) => {
      sent?.answered(event.id, 0);
      sendLater();
      throw error;
    });
    if (response.ok) return delivered(response.status);
    sent?.answered(event.id, response.status);
    sendLater();
    throw new Error(`${webhookUrl} answered ${response.status} to ${type}: ${(await response.text()).slice(0, 200)}`);
  };
}

/**
 * Sends again, in the background, every event a runtime before this one was sending when it
 * died or had not yet delivered; answers how many. What its endpoint still refuses goes on
 * being sent (`later`).
 */
export async function resendStripeEvents(
  webhookUrl: string,
  secrets: StripeEndpointSecrets,
  clock: Clock,
  kept: DocumentStore,
  later?: StripeRedelivery,
): Promise<number> {
  const sending = await kept.query(localStripeEvents, { where: [['state', '==', 'sending']] });
  for (const { id, data } of sending) {
    const post = () => postStripeEvent(webhookUrl, secrets, data.connected, data.payload, clock);
    const delivered = (status: number) => kept.update(stripeEventPath(id), { state: 'answered', status });
    const sendLater = () => later?.later({ eventId: id, type: data.type, send: post, delivered });
    void post()
      .then((response) => (response.ok ? delivered(response.status) : sendLater()))
      .catch((error: unknown) => {
        log.error('a Stripe event left unsent by the last runtime could not be sent yet', { type: data.type, error });
        sendLater();
      });
  }
  return sending.length;
}

export interface StripeEndpointSecrets {
  platform: string;
  connect: string;
}

/** A Stripe event the stand-in sent or is sending, at `_localStripeEvents/<event id>` (kept under the production clients). */
export interface StripeEventRecord {
  type: string;
  payload: string;
  connected: boolean;
  state: 'sending' | 'answered';
  status?: number;
}

export const localStripeEvents = collectionPath<StripeEventRecord>('_localStripeEvents');
const stripeEventPath = (id: string) => docPath<StripeEventRecord>(`${localStripeEvents}/${id}`);

/** Stripe retries a delivery that failed; a retry is signed anew, as Stripe signs each attempt. */
function postStripeEvent(webhookUrl: string, secrets: StripeEndpointSecrets, connected: boolean, payload: string, clock: Clock): Promise<Response> {
  // A connected account's event comes through the Connect endpoint, signed with that endpoint's secret.
  const secret = connected ? secrets.connect : secrets.platform;
  return deliverWithRetries(
    () =>
      fetch(webhookUrl, {
        method: 'POST',
        body: payload,
        headers: {
          'content-type': 'application/json',
          'stripe-signature': stripeSignatureHeader(payload, secret, Math.floor(clock.now().getTime() / 1000)),
        },
      }),
    asStripeDoes,
  );
}
