/**
 * @module intent-pay-link
 * A pledge whose off-session charge the bank refused for want of its buyer (authentication) is
 * paid on that very PaymentIntent, confirmed on session on the pledge's pay page
 * (pledge-pay-page): no second PaymentIntent, no Checkout Session. Its order waits on that
 * intent until `payBy` (the `awaiting-buyer` fact), whose expiry task lapses the pledge then
 * (lapse-pledge, which cancels the intent at Stripe). The link is sent once, as a first pay
 * link is (a buyer whose DMs are closed is mentioned in the group buy's channel instead); it
 * lasts the whole 72 hours, so none is renewed.
 */
import { tellOnce } from '../../discord';
import { applyOrderFact, orderPath } from '../../orders';
import { closedDmNotices, scheduleCheckoutExpiry } from '../../payments';
import { pledgePath, type GroupBuy } from '../rules/group-buy';
import { closeDms } from '../rules/close-messages';
import { pledgePayLink } from '../rules/pledge-pay-page';
import type { GroupBuyMoneyDeps } from './close-deps';
import { keepPayLinkDm } from './pay-link-dms';

export async function openIntentPayLink(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string): Promise<void> {
  const path = pledgePath(groupBuy.groupBuyId, buyerId);
  const claim = await deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(path);
    if (pledge?.status !== 'needs-buyer' || !pledge.orderId || !pledge.payBy || !pledge.paymentIntentId || !pledge.payKey) return undefined;
    const order = await tx.get(orderPath(pledge.orderId));
    if (order?.status !== 'awaiting-payment') return undefined;
    // The order names the intent it waits on: Stripe's payment_intent.succeeded for it pays the order, and no other.
    if (order.paymentIntentId !== pledge.paymentIntentId)
      applyOrderFact(tx, order, { kind: 'awaiting-buyer', paymentIntentId: pledge.paymentIntentId, payBy: pledge.payBy });
    return { order, payBy: pledge.payBy, payKey: pledge.payKey, refusal: pledge.refusal ?? 'your bank asked for you' };
  });
  if (!claim) return;
  await scheduleCheckoutExpiry(deps.tasks, { orderId: claim.order.orderId }, claim.payBy);
  const link = pledgePayLink(deps.publicBaseUrl, groupBuy.groupBuyId, claim.order.orderId, claim.payKey);
  const fallback = { channelId: groupBuy.channelId, notice: closedDmNotices.groupBuyPayLink(buyerId, groupBuy.title, claim.payBy) };
  await tellOnce(
    deps,
    `groupbuy-pay-link:${groupBuy.groupBuyId}:1`,
    buyerId,
    closeDms.payLink(claim.order, link, claim.payBy, claim.refusal, false),
    fallback,
    {
      onSent: (sent) => keepPayLinkDm(deps, groupBuy.groupBuyId, buyerId, sent),
      mustArrive: true,
    },
  );
}
