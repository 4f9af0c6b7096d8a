/**
 * @module open-show-checkout
 * Opens one show checkout: its lots are fixed first (those still waiting for payment), in a
 * transaction that also marks it open, so a lot won a moment later from the same builder
 * starts the next checkout instead of changing a session already sent. Then one Checkout
 * Session, a line item per lot, through the same deadline and idempotency logic as an
 * order's (open-checkout), and each lot's order learns the link (`/c500 profile` shows it,
 * and the success page finds the order by the session).
 */
import type { CheckoutSession } from '../../ports';
import { openCheckoutFor, type CheckoutHolder } from '../../payments';
import { orderPath, applyOrderFact } from '../../orders';
import { checkoutReturnUrls } from '../../common';
import { quoteCheckoutShipping } from '../../shipping';
import { lotsTotal, showCheckoutKind, showCheckoutLineItems, showCheckoutMetadata, showCheckoutPath, type ShowCheckout } from '../rules/show-checkout';
import { personPseudonym } from '../../log';
import type { ShowPaymentDeps } from './show-deps';

export type OpenedShowCheckout = { kind: 'open'; checkout: ShowCheckout; session: CheckoutSession } | { kind: 'ended'; checkout?: ShowCheckout };

/** Safe to call again at any step: a checkout opened before answers its session; one paid, expired or empty answers `ended`. */
export async function openShowCheckout(deps: ShowPaymentDeps, checkoutId: string, by: 'show-end' | 'pay-now'): Promise<OpenedShowCheckout> {
  const fixed = await fixLots(deps, checkoutId, by);
  if (fixed?.status !== 'open' || !fixed.openedAt) return { kind: 'ended', ...(fixed ? { checkout: fixed } : {}) };
  const holder: CheckoutHolder<ShowCheckout> = {
    path: showCheckoutPath(checkoutId),
    id: checkoutId,
    keyId: `show-${checkoutId}`,
    payable: (c) => c.status === 'open',
    expiry: { checkoutKind: showCheckoutKind, checkoutId },
  };
  const first = fixed.lots[0]?.orderId ?? checkoutId;
  // Combined shipping: the builder's first-item rate once and the further-item rate for each other lot.
  const shipping = await quoteCheckoutShipping(deps.store, {
    guildId: fixed.guildId,
    builderId: fixed.builderId,
    currency: fixed.currency,
    items: fixed.lots.map((lot) => lot.amountCents),
  });
  const opened = await openCheckoutFor(deps, holder, new Date(Date.parse(fixed.openedAt) + deps.auctions.payMinutes * 60_000), {
    itemName: `${fixed.showTitle}: ${fixed.lots.length} lots from ${fixed.builderName}`,
    amountCents: fixed.amountCents ?? lotsTotal(fixed.lots),
    currency: fixed.currency,
    lineItems: showCheckoutLineItems(fixed),
    metadata: showCheckoutMetadata(fixed, personPseudonym),
    ...(shipping ? { shipping } : {}),
    // The cancel page names one of its orders: the buyer finds them all in /c500 profile.
    ...checkoutReturnUrls(deps.publicBaseUrl, first, 'auction'),
  });
  if (opened.kind === 'ended') return { kind: 'ended', checkout: fixed };
  await tellLotOrders(deps, fixed, opened.session);
  const { sessionId, url, expiresAt } = opened.session;
  // The shipping the session asked for: fixed before (a reopened checkout) or just now.
  const shippingQuote = fixed.shippingQuote ?? shipping;
  return {
    kind: 'open',
    checkout: { ...fixed, checkoutSessionId: sessionId, checkoutUrl: url, checkoutExpiresAt: expiresAt, ...(shippingQuote ? { shippingQuote } : {}) },
    session: opened.session,
  };
}

/** Collecting -> open, with only the lots still waiting for payment; answers the checkout as it stands. */
async function fixLots(deps: ShowPaymentDeps, checkoutId: string, by: 'show-end' | 'pay-now'): Promise<ShowCheckout | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const checkout = await tx.get(showCheckoutPath(checkoutId));
    if (checkout?.status !== 'collecting') return checkout;
    const orders = await Promise.all(checkout.lots.map((lot) => tx.get(orderPath(lot.orderId))));
    const lots = checkout.lots.filter((_, i) => orders[i]?.status === 'awaiting-payment');
    const openedAt = deps.clock.now().toISOString();
    const update: Partial<ShowCheckout> =
      lots.length === 0 ? { status: 'empty', lots, openedAt } : { status: 'open', lots, amountCents: lotsTotal(lots), openedAt, openedBy: by };
    tx.update(showCheckoutPath(checkoutId), update);
    return { ...checkout, ...update };
  });
}

/** Each lot still waiting for this checkout's payment carries its link, as an order's own checkout would. */
async function tellLotOrders(deps: ShowPaymentDeps, checkout: ShowCheckout, session: CheckoutSession): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const orders = await Promise.all(checkout.lots.map((lot) => tx.get(orderPath(lot.orderId))));
    for (const order of orders) {
      if (order?.status !== 'awaiting-payment' || order.showCheckoutId !== checkout.checkoutId || order.checkoutSessionId === session.sessionId) continue;
      applyOrderFact(tx, order, { kind: 'checkout-opened', session });
    }
  });
}
