/**
 * @module refund-late-payment
 * A PaymentIntent its buyer confirmed for an order that had expired meanwhile (a group buy's
 * pledge that lapsed while its buyer paid): the place is gone, so the money goes back, in full,
 * without a person. Recorded once, however often `payment_intent.succeeded` comes:
 * - the charge journaled as money held for the buyer (no fee: nothing was sold), then
 * - the refund asked of Stripe under a key from the intent, so a redelivery gets the same one, then
 * - the refund journaled out of that held money: with the charge, it nets to zero.
 * The order stays `expired`. Stripe's `charge.refunded` that follows finds it expired and counts
 * nothing again (record-refund). The buyer is told once, in plain words.
 */
import { chargedCents, chargeEntry, refundEntry, orderPath, type Order } from '../../orders';
import { JournalRead, withJournal, writeEntry } from '../../journal';
import { tellOnce } from '../../discord';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';
import { moneyNeedsHuman } from '../../money-needs-human';
import { buyerPaidLateRefunded } from '../rules/order-messages';
import { closedDmNotices } from '../rules/closed-dm-messages';
import type { PaymentDeps } from './apply-payment';

/** The key Stripe dedupes the refund by: one refund per intent, whoever asks again. */
export const lateRefundKey = (paymentIntentId: string): string => `paid-after-expiry:${paymentIntentId}`;

/** What Stripe says was paid: the intent and its charge. */
export interface LatePayment {
  paymentIntentId: string;
  chargeId: string;
}

export async function refundLatePayment(deps: PaymentDeps, order: Order, payment: LatePayment, stripePaidAt: string): Promise<void> {
  const amountCents = chargedCents(order);
  // Held for the buyer, never earned: the charge's entry with no fee in it.
  const held = { ...order, chargeId: payment.chargeId, platformFeeCents: 0 };
  await journal(deps, order, () => chargeEntry(held, stripePaidAt));
  let refundId: string;
  try {
    const made = await deps.payments.refund({
      idempotencyKey: lateRefundKey(payment.paymentIntentId),
      chargeId: payment.chargeId,
      amountCents,
      metadata: { order_id: order.orderId, reason: 'paid-after-expiry' },
    });
    refundId = made.refundId;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // Refused (the charge disputed, say): the money stays held for the buyer, journaled, and a person gives it back.
    moneyNeedsHuman('paid-after-expiry', { orderIds: [order.orderId], paymentIntentId: payment.paymentIntentId, chargeId: payment.chargeId, error });
    return;
  }
  const at = deps.clock.now().toISOString();
  // Out of what the journal says is still held: a redelivery finds it refunded already and writes nothing.
  await journal(deps, order, (refundedCents) => refundEntry({ ...held, refundedCents }, amountCents, refundId, at));
  log.info('a payment after its order expired was refunded', { event: 'late-payment.refunded', orderId: order.orderId, refundId });
  await tellOnce(deps, `paid-after-expiry:${payment.paymentIntentId}`, order.buyerId, buyerPaidLateRefunded(order, amountCents), async () => ({
    channelId: await deps.modules.orders[order.source].channelOf(order),
    notice: closedDmNotices.refunded(order.buyerId, order.orderId),
  }));
}

/** One entry, written in a transaction of its own against the order's journal read there. */
async function journal(deps: PaymentDeps, order: Order, entryOf: (refundedCents: number) => ReturnType<typeof chargeEntry>): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    if (current?.status !== 'expired') return;
    const { order: read, entries } = await withJournal(tx, current);
    writeEntry(tx, JournalRead.ofOrders([order.orderId], entries), entryOf(read.refundedCents));
  });
}
