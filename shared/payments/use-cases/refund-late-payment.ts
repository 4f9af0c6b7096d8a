/**
 * @module refund-late-payment
 * A payment that came for orders that had expired meanwhile: a group buy's pledge that lapsed
 * while its buyer confirmed its PaymentIntent, or a Checkout Session Stripe completed as paid
 * although its expiry had raced it (a Buy Now, an auction offer, a show winner's lots). The
 * place is gone, so the money goes back, in full, without a person. Recorded once, however
 * often `payment_intent.succeeded` or `checkout.session.completed` comes:
 * - each order's part of the charge journaled as money held for the buyer (no fee: nothing was
 *   sold), the intent and charge named on the order (its `paid-late` fact), then
 * - the refund asked of Stripe under a key from the intent, so a retry gets the same one (a
 *   delivery that finds the refund journaled already asks Stripe nothing), then
 * - each part refunded out of that held money: with the charge, it nets to zero.
 * The orders stay `expired`. Stripe's `charge.refunded` that follows finds them expired and counts
 * nothing again (record-refund). The buyer is told once, in plain words. Only a refund Stripe
 * refuses (the charge disputed, say) is a person's: the money stays journaled as held for the buyer.
 */
import { chargedCents, chargeEntry, refundEntry, orderPath, applyOrderFact, spreadShipping, type Order } from '../../orders';
import { JournalRead, withJournal, writeEntry, type JournalEntry } from '../../journal';
import { tellOnce } from '../../discord';
import { amountStep } from '../../common';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';
import { moneyNeedsHuman } from '../../money-needs-human';
import { buyerPaidLateRefunded } from '../rules/order-messages';
import { closedDmNotices } from '../rules/closed-dm-messages';
import type { PaymentDeps } from './payment-deps';

/** The key Stripe dedupes the refund by: one refund per intent, whoever asks again. */
export const lateRefundKey = (paymentIntentId: string): string => `paid-after-expiry:${paymentIntentId}`;

/** What Stripe says was paid: the intent and its charge. */
export interface LatePayment {
  paymentIntentId: string;
  chargeId: string;
}

/**
 * `orders`: every order the payment was for, each expired (one, or a show checkout's lots);
 * `paidCents`: what Stripe took for them (their prices, and shipping chosen on top).
 */
export async function refundLatePayment(
  deps: PaymentDeps,
  orders: readonly Order[],
  paidCents: number,
  payment: LatePayment,
  stripePaidAt: string,
): Promise<void> {
  const [first] = orders;
  if (!first) return;
  const held = heldParts(orders, paidCents, payment.chargeId);
  const refunded: Array<number | undefined> = [];
  for (const part of held) refunded.push(await journal(deps, part, payment, () => chargeEntry(part, stripePaidAt)));
  // Refunded and journaled by an earlier delivery: Stripe is not asked again (its key may be gone after a day); only the telling may be left.
  if (held.every((part, i) => (refunded[i] ?? 0) >= chargedCents(part))) return tellRefunded(deps, orders, paidCents, payment);
  let refundId: string;
  try {
    const made = await deps.payments.refund({
      idempotencyKey: lateRefundKey(payment.paymentIntentId),
      chargeId: payment.chargeId,
      amountCents: paidCents,
      metadata: { order_id: first.orderId, reason: 'paid-after-expiry' },
    });
    refundId = made.refundId;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // Refused (the charge disputed, say): the money stays held for the buyer, journaled, and a person gives it back.
    const ids = { orderIds: orders.map((o) => o.orderId), paymentIntentId: payment.paymentIntentId, chargeId: payment.chargeId };
    moneyNeedsHuman('paid-after-expiry', { ...ids, amountCents: paidCents, currency: first.currency, error });
    return;
  }
  const at = deps.clock.now().toISOString();
  // Out of what the journal says is still held: a redelivery finds it refunded already and writes nothing.
  for (const part of held) await journal(deps, part, payment, (refundedCents) => refundEntry({ ...part, refundedCents }, chargedCents(part), refundId, at));
  log.info('a payment after its order expired was refunded', { event: 'late-payment.refunded', orderId: first.orderId, orders: orders.length, refundId });
  await tellRefunded(deps, orders, paidCents, payment);
}

/** The buyer told once, in words, that all of it went back. */
async function tellRefunded(deps: PaymentDeps, orders: readonly Order[], paidCents: number, payment: LatePayment): Promise<void> {
  const [first] = orders;
  if (!first) return;
  await tellOnce(deps, `paid-after-expiry:${payment.paymentIntentId}`, first.buyerId, buyerPaidLateRefunded(orders, paidCents), async () => ({
    channelId: await deps.modules.orders[first.source].channelOf(first),
    notice: closedDmNotices.refunded(first.buyerId, first.orderId),
  }));
}

/**
 * Each order as the money held for its buyer: its price and what shipping it had, the rest of
 * the charge (shipping chosen at checkout) spread over them by price, to the cent; no fee.
 */
function heldParts(orders: readonly Order[], paidCents: number, chargeId: string): Order[] {
  const extra = paidCents - orders.reduce((sum, o) => sum + chargedCents(o), 0);
  if (extra < 0) throw new Error(`a late payment of ${paidCents} is less than its orders' ${paidCents - extra}: ${orders.map((o) => o.orderId).join(', ')}`);
  const parts = spreadShipping(
    extra,
    orders.map((o) => o.amountCents),
    amountStep(orders[0]?.currency ?? 'usd'),
  );
  return orders.map((order, i) => {
    const part = parts[i] ?? 0;
    return { ...order, chargeId, platformFeeCents: 0, ...(part > 0 ? { shippingCents: (order.shippingCents ?? 0) + part } : {}) };
  });
}

/**
 * One entry of an order, in a transaction of its own against the order's journal read there;
 * the first names the intent and charge on the order, so the refund's event finds it. Answers
 * what the journal had refunded of the order before it (none when the order is no longer expired).
 */
async function journal(
  deps: PaymentDeps,
  part: Order,
  payment: LatePayment,
  entryOf: (refundedCents: number) => JournalEntry | undefined,
): Promise<number | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(part.orderId));
    if (current?.status !== 'expired') return undefined;
    const { order: read, entries } = await withJournal(tx, current);
    const journalRead = JournalRead.ofOrders([part.orderId], entries);
    const entry = entryOf(read.refundedCents);
    if (current.paymentIntentId === payment.paymentIntentId && current.chargeId === payment.chargeId) writeEntry(tx, journalRead, entry);
    else applyOrderFact(tx, current, { kind: 'paid-late', ...payment }, { read: journalRead, entries: [entry] });
    // What the journal said was refunded of it before this entry.
    return read.refundedCents;
  });
}
