/**
 * @module handle-stripe-event
 * The payments subscriber: each verified Stripe event has its effect once, keyed by the
 * event id, whatever Stripe or Pub/Sub redeliver.
 */
import type { StripeEvent } from '../rules/stripe-event';
import { recordPayment } from './record-payment';
import type { AuctionPaymentDeps } from '../../auctions/use-cases/auction-deps';
import { recordRefund } from './record-refund';
import { recordStripeMerchSale, refundStripeMerchSale } from '../../races/use-cases/record-stripe-merch';
import { runOnce } from '../../common/use-cases/run-once';
import { idOf, text } from '../rules/stripe-event';
import type { Transaction } from '../../ports';
import { isOurCheckoutKind, ordersCollection, showCheckoutKind } from '../rules/order';
import { isShowIdShaped } from '../../shows/rules/show';
import { runSheetChanged } from '../../shows/use-cases/refresh-run-sheet';
import { recordShowPayment } from '../../shows/use-cases/record-show-payment';
import { updateBuilderAccount } from '../../onboarding/use-cases/update-builder-account';
import { tellPaymentFailed } from './tell-payment-failed';
import { lapseCheckout } from './lapse-checkout';

/**
 * Auction offers need the book (a ban) and the payment settings (the next offer's checkout);
 * merch sales the deployment's currency (a guild's race currency until it sets its own).
 */
export type StripeEventDeps = AuctionPaymentDeps & { currency: string };

export async function handleStripeEvent(deps: StripeEventDeps, event: StripeEvent): Promise<boolean> {
  return runOnce(
    deps.store,
    `stripe:${event.id}`,
    async () => {
      await effectOf(deps, event);
      await showRunSheetFollows(deps, event);
    },
    { clock: deps.clock },
  );
}

/** A show lot paid or passed on (its winner's checkout, or a runner-up's own) shows on the show's run sheet. */
async function showRunSheetFollows(deps: StripeEventDeps, event: StripeEvent): Promise<void> {
  if (!event.type.startsWith('checkout.session.')) return;
  const metadata = event.data.object.metadata;
  const showId = text(metadata?.show_id);
  if (showId && isShowIdShaped(showId) && isOurCheckoutKind(text(metadata?.kind))) await runSheetChanged(deps, showId);
}

/**
 * A refund of one of our orders is the order's; any other is a merch sale's, or waits for
 * its payment. A payment that lands while the refund looks is seen by the transaction that
 * would park the refund, and the refund looks again.
 */
async function refundCharge(deps: StripeEventDeps, event: StripeEvent): Promise<void> {
  const paymentIntentId = idOf(event.data.object.payment_intent);
  const orderPaid = async (tx: Transaction) =>
    paymentIntentId !== undefined && (await tx.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 })).length > 0;
  for (let look = 1; look <= 3; look++) {
    if (await recordRefund(deps, event)) return;
    if ((await refundStripeMerchSale(deps, event, orderPaid)) !== 'payment-arrived') return;
  }
  throw new Error(`charge ${String(event.data.object.id)}: its payment kept landing while its refund looked for it; deliver the refund again`);
}

async function effectOf(deps: StripeEventDeps, event: StripeEvent): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      // A session is one of our orders, a show winner's checkout of several lots, or a merch sale from a guild's Payment Link.
      if (text(event.data.object.metadata?.kind) === showCheckoutKind) return recordShowPayment(deps, event);
      await recordPayment(deps, event);
      return recordStripeMerchSale(deps, event);
    case 'checkout.session.expired':
      return lapseCheckout(deps, event);
    case 'checkout.session.async_payment_failed':
      // A delayed method (a bank debit) failed after the session completed. Stripe never
      // expires a completed session: the checkout lapses here, as an expired one does.
      await lapseCheckout(deps, event);
      return tellPaymentFailed(deps, event);
    case 'charge.refunded':
      return refundCharge(deps, event);
    case 'account.updated':
      return updateBuilderAccount(deps, event);
  }
}
