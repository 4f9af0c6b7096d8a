/**
 * @module group-buy-payments
 * What a group buy's order is to payments (registered for orders from `groupbuy`). Paid, off
 * session at the close or on its pay link, the pledge moves on in the payment's own
 * transaction (`charged`, or `paid` on a link) and the group buy's funded count grows by its
 * units; the buyer gets a receipt (the builder hears once, of the whole close, not of each
 * order), and the order is checked at the end of the ship month for its buyer's refund right,
 * as a commission is at its promised date. A pay link that expired is the next link, or the
 * pledge's lapse. A refund gives no unit back to anything: production already counts on the
 * units sold.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { increment } from '../../ports';
import { paidOnSession, type OrderSource } from '../../payments';
import { sourceIdOf, type Order } from '../../orders';
import { isPromised, scheduleLateCheck } from '../../queue';
import { groupBuyPath, pledgePath } from '../rules/group-buy';
import type { GroupBuyMoneyDeps } from './close-deps';
import { tellReceipt } from './charge-pledges';
import { payLinkExpired } from './lapse-pledge';
import { settleFunding } from './settle-funding';
import { releaseSavedCard } from './release-saved-card';
import { markPayLinkDmsPaid } from './pay-link-dms';

export function groupBuyPayments(deps: GroupBuyMoneyDeps): OrderSource {
  return {
    paid: async (tx, order) => {
      const groupBuyId = sourceIdOf(order);
      const path = pledgePath(groupBuyId, order.buyerId);
      const pledge = await tx.get(path);
      if (!pledge || pledge.orderId !== order.orderId || (pledge.status !== 'pledged' && pledge.status !== 'needs-buyer')) return () => undefined;
      return (writes: Transaction) => {
        // Its card is let go at the funding's end, a batch at a time (release-funded-cards): owed from here.
        writes.update(path, { status: pledge.status === 'pledged' ? 'charged' : 'paid', receiptOwed: true, cardReleaseOwed: true });
        // Counted once, by the transaction that moved the pledge on; a blind increment, so the batch's charges do not contend on the group buy.
        writes.update(groupBuyPath(groupBuyId), { fundedUnits: increment(pledge.quantity) });
      };
    },
    refunded: async () => undefined,
    changed: async (orders) => {
      // Checked at the end of its ship month as a commission is at its promised date (a named task: armed once), for the buyer's refund right.
      for (const promised of orders.filter(isPromised))
        await scheduleLateCheck(deps.tasks, { orderId: promised.orderId, promisedAt: promised.commission.promisedAt });
      // Paid on a link: the off-session PaymentIntent the bank refused is cancelled, so Stripe keeps no incomplete payment for the pledge.
      for (const order of orders.filter(paidOnCheckout)) await cancelRefusedIntent(deps, order);
      // Paid on a link: the pledge needs its saved card no more (nor, perhaps, the customer it hangs on). A charge at the
      // close is left to the funding's end (settle-funding): Stripe's second belongs to the batch's charges.
      for (const order of orders.filter(paidOnLink)) await releaseSavedCard(deps, sourceIdOf(order), order.buyerId);
      // Paid on a link: perhaps the last pledge the group buy waited on.
      for (const groupBuyId of new Set(orders.filter(paidOnLink).map(sourceIdOf))) await settleFunding(deps, groupBuyId);
      // Paid on a link: its DMs' Pay buttons go, and each says it is paid (again, the same, on a redelivery).
      for (const order of orders.filter(paidOnLink)) await markPayLinkDmsPaid(deps, sourceIdOf(order), order);
    },
    channelOf: (order) => groupBuyChannelOf(deps, order),
    lapsed: (order) => payLinkExpired(deps, order),
    tellPaid: async (order, stripePaidAt) => {
      const groupBuy = await deps.store.get(groupBuyPath(sourceIdOf(order)));
      if (groupBuy) await tellReceipt(deps, groupBuy, order, stripePaidAt);
    },
  };
}

/** The channel a group buy's order was pledged in (its group buy's post): where a buyer whose DMs are closed is told instead. */
export async function groupBuyChannelOf(
  deps: { store: DocumentStore },
  order: Pick<Order, 'orderId' | 'source' | 'sourceId' | 'dropId'>,
): Promise<string | undefined> {
  return order.source === 'groupbuy' ? (await deps.store.get(groupBuyPath(sourceIdOf(order))))?.channelId : undefined;
}

async function cancelRefusedIntent(deps: GroupBuyMoneyDeps, order: Order): Promise<void> {
  const pledge = await deps.store.get(pledgePath(sourceIdOf(order), order.buyerId));
  if (pledge?.orderId === order.orderId && pledge.paymentIntentId) await deps.payments.cancelPaymentIntent(pledge.paymentIntentId);
}

/** Paid by its buyer (a Checkout pay link, or its refused intent confirmed on session), not off session: only those end a wait the charging does not. */
const paidOnLink = (order: Order): boolean => order.status === 'paid' && (order.checkoutSessionId !== undefined || paidOnSession(order));

/** Paid on a Checkout pay link: its own PaymentIntent, so the refused one is left to cancel. */
const paidOnCheckout = (order: Order): boolean => order.status === 'paid' && order.checkoutSessionId !== undefined;
