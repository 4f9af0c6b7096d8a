/**
 * @module show-checkout-payments
 * A show winner's checkout of every lot they won from one builder, registered with payments
 * under its own kind: payments pays its lots with the one charge (each lot's builder and the
 * host are paid from it at release); this says how the checkout reads and is marked, tells
 * the buyer one receipt and the builder one DM for its lots, and passes its lots on when the
 * checkout lapses.
 */
import type { BundleKind, BundleView } from '../../payments';
import type { Order } from '../../orders';
import { tellOnce, sendDmOrMention } from '../../discord';
import { isShowCheckoutIdShaped, lotsTotal, showCheckoutPath, type ShowCheckout } from '../rules/show-checkout';
import { builderShowOrders, showPaymentFailed, showPaymentNotices, showReceipt } from '../rules/show-checkout-messages';
import { expireShowCheckout } from './expire-show-checkout';
import { runSheetChanged } from './refresh-run-sheet';
import type { ShowPaymentDeps } from './show-deps';

export function showCheckoutPayments(deps: ShowPaymentDeps): BundleKind {
  const checkoutOf = async (checkoutId: string) => deps.store.get(showCheckoutPath(checkoutId));
  return {
    metadataKey: 'show_checkout_id',
    isIdShaped: isShowCheckoutIdShaped,
    read: async (reader, checkoutId) => {
      const checkout = await reader.get(showCheckoutPath(checkoutId));
      return checkout && viewOf(checkout);
    },
    markPaid: (tx, checkoutId, mark) => tx.update(showCheckoutPath(checkoutId), { status: 'paid', ...mark }),
    tellPaid: async (view, kept, stripePaidAt) => {
      const checkout = await checkoutOf(view.checkoutId);
      if (checkout) await tellBothSides(deps, checkout, kept, stripePaidAt);
    },
    lapsed: async (checkoutId, event) => {
      await expireShowCheckout(deps, checkoutId, event);
      const checkout = await checkoutOf(checkoutId);
      if (checkout) await runSheetChanged(deps, checkout.showId);
    },
    tellFailed: async (view) => {
      const checkout = await checkoutOf(view.checkoutId);
      if (!checkout) return;
      const notice = showPaymentNotices.paymentFailed(
        checkout.buyerId,
        checkout.lots.map((l) => l.orderId),
      );
      await sendDmOrMention(deps.discord, checkout.buyerId, showPaymentFailed(checkout), { channelId: checkout.channelId, notice });
    },
  };
}

function viewOf(checkout: ShowCheckout): BundleView {
  return {
    checkoutId: checkout.checkoutId,
    status: checkout.status === 'empty' ? 'closed' : checkout.status,
    orderIds: checkout.lots.map((l) => l.orderId),
    amountCents: checkout.amountCents ?? lotsTotal(checkout.lots),
    currency: checkout.currency,
    buyerId: checkout.buyerId,
    channelId: checkout.channelId,
    ...(checkout.checkoutSessionId ? { checkoutSessionId: checkout.checkoutSessionId } : {}),
    ...(checkout.checkoutExpiresAt ? { checkoutExpiresAt: checkout.checkoutExpiresAt } : {}),
    ...(checkout.chargeId ? { chargeId: checkout.chargeId } : {}),
    ...(checkout.paidByEvent ? { paidByEvent: checkout.paidByEvent } : {}),
    ...(checkout.shippingQuote ? { shippingQuote: checkout.shippingQuote } : {}),
  };
}

/**
 * One receipt and one DM to the builder, each once whatever brings the payment back; each
 * side is told in the show's channel when their DMs are closed.
 */
async function tellBothSides(deps: ShowPaymentDeps, checkout: ShowCheckout, kept: Order[], stripePaidAt: string): Promise<void> {
  const ids = kept.map((o) => o.orderId);
  const { channelId } = checkout;
  await tellOnce(
    deps,
    `show-receipt:${checkout.checkoutId}`,
    checkout.buyerId,
    showReceipt(checkout, kept),
    {
      channelId,
      notice: showPaymentNotices.receipt(checkout.buyerId, ids),
    },
    { since: stripePaidAt },
  );
  await tellOnce(deps, `show-orders:${checkout.checkoutId}`, checkout.builderId, builderShowOrders(checkout, kept), {
    channelId,
    notice: showPaymentNotices.newOrders(checkout.builderId, ids),
  });
}
