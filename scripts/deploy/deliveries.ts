/**
 * @module deliveries
 * The deploy's synthetic deliveries to a signed webhook ingress's canary: one per source,
 * signed exactly as its sender signs (with the product's own signing code, the one its local
 * stand-in signs with), of a kind the ingress answers 2xx and acts on not at all: nothing is
 * published, nothing is written. Signed with the secret the deploy reads from Secret Manager,
 * a canary holding a wrong secret refuses each one 401, and the request gate judges it worse.
 * Ko-fi and Shopify are not here: their secret is each guild's own (a route per guild), so
 * their canaries are judged on real traffic, as the Pub/Sub subscribers are.
 */
import { randomUUID } from 'node:crypto';
import type { SignedSource } from '../../shared/registry';
import { stripeSignatureHeader } from '../../shared/adapters/stripe/stripe-signature';
import { eventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { easyPostBody, easyPostSignature } from '../../shared/local/carrier/webhook-sender';

/** One POST as the sender makes it: the body's exact bytes and the headers that sign them. */
export interface SyntheticDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface DeliverySource {
  /** The environment variable the function reads its signing secret from (shared/registry.ts `secrets`). */
  secret: string;
  /** What the delivery is, in words, for the deploy's printout. */
  kind: string;
  /** The header carrying the signature (the dry run prints a placeholder in its place). */
  signatureHeader: string;
  sign(secret: string, now: Date): SyntheticDelivery;
}

/** Marks every synthetic delivery: ids and texts that say where they came from, in a log line or a trace. */
const marker = 'c500-deploy-synthetic';

/**
 * A Stripe event of a type the ingress does not act on (`isHandledStripeEvent` is false; a test
 * holds it there): answered 200 `ignored`, published nowhere. Signed with the platform
 * endpoint's secret, as Stripe signs the platform's own events.
 */
const stripe: DeliverySource = {
  secret: 'STRIPE_WEBHOOK_SECRET',
  kind: 'a Stripe balance.available event (a type the ingress ignores)',
  signatureHeader: 'stripe-signature',
  sign(secret, now) {
    const created = Math.floor(now.getTime() / 1000);
    const event = {
      id: `evt_${marker.replace(/-/g, '_')}_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: 'balance.available',
      created,
      livemode: false,
      data: { object: { id: `${marker}-balance`, object: 'balance', available: [], pending: [] } },
    };
    const body = JSON.stringify(event);
    return { body, headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, secret, created) } };
  },
};

/**
 * A `channel.chat.message` notification whose text is not a chat command: the ingress drops it
 * with one regex, answers 204 and publishes nothing (routeChatMessage: "not a bid").
 */
const twitch: DeliverySource = {
  secret: 'TWITCH_EVENTSUB_SECRET',
  kind: 'a Twitch chat message that is not a !bid (dropped at the ingress)',
  signatureHeader: 'twitch-eventsub-message-signature',
  sign(secret, now) {
    const messageId = randomUUID();
    const timestamp = now.toISOString();
    const body = JSON.stringify({
      subscription: {
        id: `${marker}-subscription`,
        status: 'enabled',
        type: 'channel.chat.message',
        version: '1',
        cost: 0,
        condition: { broadcaster_user_id: '0', user_id: '0' },
        transport: { method: 'webhook', callback: 'https://example.invalid/webhooks/twitch' },
        created_at: timestamp,
      },
      event: { broadcaster_user_id: '0', broadcaster_user_login: marker, message_id: messageId, message: { text: `${marker}: not a bid` } },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'twitch-eventsub-message-id': messageId,
        'twitch-eventsub-message-retry': '0',
        'twitch-eventsub-message-type': 'notification',
        'twitch-eventsub-message-signature': eventSubSignature(secret, messageId, timestamp, Buffer.from(body, 'utf8')),
        'twitch-eventsub-message-timestamp': timestamp,
        'twitch-eventsub-subscription-type': 'channel.chat.message',
        'twitch-eventsub-subscription-version': '1',
      },
    };
  },
};

/** An EasyPost event that is not a tracker's (`batch.updated`): the ingress answers 200 `ignored` and publishes nothing. */
const carrier: DeliverySource = {
  secret: 'EASYPOST_WEBHOOK_SECRET',
  kind: 'an EasyPost batch.updated event (not a tracker’s: ignored at the ingress)',
  signatureHeader: 'x-hmac-signature',
  sign(secret, now) {
    const at = now.toISOString();
    const body = easyPostBody({
      id: `evt_${marker}-${randomUUID()}`,
      object: 'Event',
      mode: 'test',
      description: 'batch.updated',
      result: { id: `batch_${marker}`, object: 'Batch', state: 'created' },
      created_at: at,
      updated_at: at,
    });
    return { body, headers: { 'content-type': 'application/json', 'x-hmac-signature': easyPostSignature(body, secret) } };
  },
};

/** The sources the deploy sends synthetic deliveries for, by the `signedBy` of their ingress. */
export const syntheticSources: Partial<Record<SignedSource, DeliverySource>> = { stripe, twitch, carrier };

/** Secret Manager's id of a secret the functions read as `name` (terraform/locals.tf `secret_ids`). */
export const secretId = (name: string) => name.toLowerCase().replace(/_/g, '-');
