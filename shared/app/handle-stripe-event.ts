/**
 * @module handle-stripe-event
 * The payments subscriber: each verified Stripe event has its effect once, keyed by the
 * event id, whatever Stripe or Pub/Sub redeliver.
 */
import type { StripeEvent } from '../domain/stripe-event';
import { recordPayment, type RecordPaymentDeps } from './record-payment';
import { recordRefund } from './record-refund';
import { releaseReservation } from './release-reservation';
import { runOnce } from './run-once';
import { text } from '../domain/stripe-event';
import { updateBuilderAccount } from './update-builder-account';

export async function handleStripeEvent(deps: RecordPaymentDeps, event: StripeEvent): Promise<boolean> {
  return runOnce(deps.store, `stripe:${event.id}`, () => effectOf(deps, event), { clock: deps.clock });
}

async function effectOf(deps: RecordPaymentDeps, event: StripeEvent): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return recordPayment(deps, event);
    case 'checkout.session.expired': {
      const orderId = text(event.data.object.metadata?.order_id) ?? text(event.data.object.client_reference_id);
      if (orderId) await releaseReservation(deps, orderId);
      return;
    }
    case 'charge.refunded':
      return recordRefund(deps, event);
    case 'account.updated':
      return updateBuilderAccount(deps, event);
  }
}
