/**
 * @module handle-stripe-event
 * The payments subscriber: each verified Stripe event has its effect once, keyed by the
 * event id, whatever Stripe or Pub/Sub redeliver.
 */
import type { StripeEvent } from '../../domain/common/stripe-event';
import { recordPayment } from './record-payment';
import { passToRunnerUp } from '../auctions/pass-to-runner-up';
import type { AuctionPaymentDeps } from '../auctions/auction-deps';
import { recordRefund } from './record-refund';
import { recordStripeMerchSale, refundStripeMerchSale } from '../races/record-stripe-merch';
import { releaseReservation } from './release-reservation';
import { runOnce } from '../common/run-once';
import { text } from '../../domain/common/stripe-event';
import { checkoutKinds } from '../../domain/marketplace/order';
import { updateBuilderAccount } from '../onboarding/update-builder-account';

/**
 * Auction offers need the book (a ban) and the payment settings (the next offer's checkout);
 * merch sales the deployment's currency (a guild's race currency until it sets its own).
 */
export type StripeEventDeps = AuctionPaymentDeps & { currency: string };

export async function handleStripeEvent(deps: StripeEventDeps, event: StripeEvent): Promise<boolean> {
  return runOnce(deps.store, `stripe:${event.id}`, () => effectOf(deps, event), { clock: deps.clock });
}

async function effectOf(deps: StripeEventDeps, event: StripeEvent): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      // A session is one of our orders, or a merch sale from a guild's Payment Link.
      await recordPayment(deps, event);
      return recordStripeMerchSale(deps, event);
    case 'checkout.session.expired': {
      const session = event.data.object;
      // Our metadata only: whoever opens a Payment Link can set its `client_reference_id`.
      const orderId = text(session.metadata?.order_id);
      if (!orderId) return;
      // An unpaid auction win passes to the runner-up; an unpaid Buy Now gives its unit back.
      if (text(session.metadata?.kind) === checkoutKinds.auction) await passToRunnerUp(deps, orderId, event.id);
      else await releaseReservation(deps, orderId);
      return;
    }
    case 'charge.refunded':
      // A refund of one of our orders is the order's; any other is a merch sale's (or waits for one).
      if (await recordRefund(deps, event)) return;
      return refundStripeMerchSale(deps, event);
    case 'account.updated':
      return updateBuilderAccount(deps, event);
  }
}
