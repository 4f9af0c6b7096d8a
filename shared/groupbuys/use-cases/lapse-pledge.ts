/**
 * @module lapse-pledge
 * A pay link's session expired (Stripe's `checkout.session.expired`, which payments hands to
 * the group buy's `lapsed` hook once the session is the order's own). Before `payBy` it was
 * only Stripe's one-day limit: the next link is made and sent. At `payBy` the pledge lapses:
 * nothing is charged, its off-session PaymentIntent is cancelled at Stripe first (a buyer who paid
 * meanwhile keeps their payment: Stripe refuses the cancel, and the pledge does not lapse), its order expires, and the units it held go to the waitlist, first
 * come, while they fit under the cap; those moved up are `pledged` again and charged by a
 * chain of batches of their own (`lapse-<the lapsed order's id>`). A redelivery finds the pledge lapsed and
 * finishes what follows (the DMs, each once; the chain, one task by its name).
 */
import { tellOnce } from '../../discord';
import { log } from '../../log';
import { applyOrderFact, orderPath, sourceIdOf, type Order } from '../../orders';
import { increment } from '../../ports';
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { groupBuyOrderId, waitlistToPromote } from '../rules/close-rules';
import { closeDms } from '../rules/close-messages';
import { inItsChannel } from '../rules/closed-dms';
import { scheduleChargeBatch, type GroupBuyMoneyDeps } from './close-deps';
import { openPayLink } from './pay-link';
import { settleFunding } from './settle-funding';
import { releaseSavedCard } from './release-saved-card';

export async function payLinkExpired(deps: GroupBuyMoneyDeps, order: Order): Promise<void> {
  const groupBuyId = sourceIdOf(order);
  const [groupBuy, pledge] = await Promise.all([deps.store.get(groupBuyPath(groupBuyId)), deps.store.get(pledgePath(groupBuyId, order.buyerId))]);
  if (!groupBuy || !pledge?.payBy || pledge.orderId !== order.orderId) return;
  if (pledge.status === 'needs-buyer' && deps.clock.now().getTime() < Date.parse(pledge.payBy)) return openPayLink(deps, groupBuy, pledge.buyerId);
  if (pledge.status === 'needs-buyer' || pledge.status === 'lapsed') await lapsePledge(deps, groupBuy, pledge.buyerId);
}

/** The pledge lapsed, its order expired, the waitlist moved up where units allow; then each told, and the moved-up charged. */
export async function lapsePledge(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string): Promise<void> {
  const id = groupBuy.groupBuyId;
  // Stripe first: a lapse cancels the pledge's PaymentIntent before its order expires. Stripe refuses when the buyer
  // paid at the last moment (its event perhaps still held back): the payment wins, and nothing here lapses.
  const before = await deps.store.get(pledgePath(id, buyerId));
  if (before?.status === 'needs-buyer' && before.paymentIntentId) {
    const atStripe = await deps.payments.cancelPaymentIntent(before.paymentIntentId);
    if (atStripe.status !== 'canceled') {
      log.warn('group buy: a pledge paid as it lapsed; the payment wins', { groupBuyId: id, paymentIntentId: before.paymentIntentId, status: atStripe.status });
      return;
    }
  }
  const at = deps.clock.now().toISOString();
  const promoted = await deps.store.runTransaction(async (tx): Promise<Pledge[] | undefined> => {
    const pledge = await tx.get(pledgePath(id, buyerId));
    if (pledge?.status !== 'needs-buyer' && pledge?.status !== 'lapsed') return undefined;
    const current = await tx.get(groupBuyPath(id));
    const order = pledge.orderId ? await tx.get(orderPath(pledge.orderId)) : undefined;
    const pledges = (await tx.query(pledgesCollection(id))).map((d) => d.data);
    // Lapsed already: a redelivery, told again (once each) of whom the first one moved up.
    if (pledge.status === 'lapsed') return pledges.filter((p) => p.status === 'pledged' && p.promotedAt === pledge.releasedAt);
    const after = pledges.map((p): Pledge => (p.buyerId === buyerId ? { ...p, status: 'lapsed' } : p));
    const moved = current?.status === 'charging' ? waitlistToPromote(current, after) : [];
    tx.update(pledgePath(id, buyerId), { status: 'lapsed', releasedAt: at });
    if (order?.status === 'awaiting-payment') applyOrderFact(tx, order, { kind: 'expired', at });
    tx.update(groupBuyPath(id), { lapsedUnits: increment(pledge.quantity) });
    for (const p of moved) tx.update(pledgePath(id, p.buyerId), { status: 'pledged', promotedAt: at });
    return moved;
  });
  if (!promoted) return;
  // Nor is the card it was saved with kept: the pledge will never be charged.
  await releaseSavedCard(deps, id, buyerId);
  // No mention for closed DMs: the first pay link's said the deadline and that the place goes to the waitlist after it.
  await tellOnce(deps, `groupbuy-lapsed:${id}`, buyerId, closeDms.lapsed(groupBuy));
  for (const p of promoted) await tellOnce(deps, `groupbuy-promoted:${id}`, p.buyerId, closeDms.promoted(groupBuy), inItsChannel(groupBuy, p.buyerId));
  const chain = `lapse-${groupBuyOrderId(id, buyerId)}`;
  if (promoted.length > 0) await scheduleChargeBatch(deps.tasks, { groupBuyId: id, chain, batch: 1 }, deps.clock.now().getTime());
  else await settleFunding(deps, id);
}
