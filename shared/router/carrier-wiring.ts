/**
 * @module carrier-wiring
 * What the carrier's webhook ingress and its subscriber are handed. The ingress checks
 * EasyPost's HMAC with node:crypto (easypost-webhook), never the client, and publishes: its
 * secret and publisher are made at cold start. The subscriber needs the store and Discord, and
 * Stripe only when a delivery frees an order's last payout: the update it reads was verified at
 * the ingress.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import { trackingUpdateOf, verifyEasyPostWebhook } from '../adapters/easypost/easypost-webhook';
import type { acceptCarrierWebhook, LabelWaveDeps, trackParcel } from '../marketplace';
import { releaseWaitingOrder } from '../live';
import { paymentDeps } from './payment-wiring';

export function carrierIngressDeps(platform: Platform): Parameters<typeof acceptCarrierWebhook>[1] {
  const secret = required(platform.config, 'EASYPOST_WEBHOOK_SECRET');
  return {
    readWebhook: (rawBody, headers) => trackingUpdateOf(verifyEasyPostWebhook(rawBody, headers, secret)),
    // Built at cold start, so the first delivery does not pay for it.
    publisher: platform.publisher(),
  };
}

export function carrierEventDeps(platform: Platform): Parameters<typeof trackParcel>[0] {
  return {
    store: platform.store(),
    discord: platform.discord(),
    clock: platform.clock,
    // A delivered parcel frees the last payout as Received does: made only then, with everything a release needs.
    releaseWaiting: async (orderId) => void (await releaseWaitingOrder(paymentDeps(platform), orderId)),
  };
}

/** A shipping wave's batches: the carrier for the labels, Discord for the DMs, the queue for the next batch. */
export function labelWaveDeps(platform: Platform): LabelWaveDeps {
  return { store: platform.store(), discord: platform.discord(), clock: platform.clock, carrier: platform.carrier(), tasks: platform.tasks() };
}
