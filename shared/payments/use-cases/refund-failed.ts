/**
 * @module refund-failed
 * `charge.refund.updated` with `status: failed` (Stripe's Refund: `failure_reason` is
 * `lost_or_stolen_card`, `expired_or_canceled_card` or `unknown`): the card's bank did not take
 * a refund that had succeeded, and Stripe put its amount back on the platform's balance (the
 * refund's `failure_balance_transaction`). The buyer does not have the money back, so the
 * order's refunded total goes back down and a fully refunded order is sold again, its unit off
 * sale once more, and a commission's place in its builder's line is its again (the one it had,
 * or the next one if it never had one). Once per refund, whatever redelivers it. A show checkout's charge that paid
 * several lots takes the failure off the charge's total, spread over the lots as its refunds
 * were; a failure that comes before its order's payment waits for the payment, which counts none
 * of it.
 *
 * The builder's (and a host's) share of it: Stripe undoes the refund on the platform's balance
 * only; the transfer reversals the refund caused stay made (reversals are final). Stripe's
 * advice for a failed refund is to pay the customer back another way, so the reversed share
 * stays on the platform for that refund: the parts' `refundCoveredCents` keep their mark, and
 * a refund given again up to it takes nothing more from anyone. An admin who decides the buyer
 * is not owed it after all pays that share by hand. Everyone who acts on it is told. On a charge
 * whose chargeback was lost, Stripe refunds nothing again: the failed money is owed to the buyer
 * (owed-to-buyer), whichever of the failure and the loss came last.
 *
 * What the charge has refunded once the failure is known is read from Stripe's charge as it
 * stands now, not worked out from the last `charge.refunded`: a refund that failed in the same
 * second as that event may or may not be in its total, and only Stripe's current total says
 * which. That read is a look at the charge later than every event so far, known to count none
 * of the failures recorded (they all happened before it).
 */
import { chargedCents, type Order, type Refunds, applyOrderFact } from '../../orders';
import { orderPath, ordersCollection } from '../../orders';
import { idOf, text, type StripeEvent } from '../rules/stripe-event';
import { buyerBackInLineDm, refundFailedDm } from '../rules/refund-messages';
import { failuresOnCharge, laterSnapshot, stillRefundedCents, type FailedRefund, type RefundSnapshot } from '../../orders';
import { spreadOverOrders } from '../../orders';
import { givenRefundsHeld } from '../rules/given-refunds';
import { refundWaitKey } from '../rules/refunds';
import { failureBeforePayment } from './waiting-refunds';
import { tellOnce } from '../../discord';
import { log } from '../../log';
import { moneyNeedsHuman } from '../../money-needs-human';
import type { PaymentDeps } from './apply-payment';
import { JournalRead, withJournal, type JournalEntry } from '../../journal';
import { refundEntry } from '../../orders';
import { owedToBuyerEntry } from '../rules/owed-to-buyer';
import { givenBackFailed, givenBackReasons } from './given-back-failed';
import { givenBackAgainReason, paidLate } from '../rules/given-back-again';

export async function refundFailed(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const refund = event.data.object;
  const amountCents = typeof refund.amount === 'number' && Number.isSafeInteger(refund.amount) ? refund.amount : 0;
  if (refund.status !== 'failed' || amountCents <= 0) return;
  const paymentIntentId = idOf(refund.payment_intent);
  const reason = text(refund.failure_reason) ?? 'unknown';
  const refundCreated = typeof refund.created === 'number' ? { refundCreated: refund.created } : {};
  const failure = { refundId: refund.id, amountCents, reason, ...refundCreated, failedAt: event.created };
  const found = paymentIntentId ? await ordersPaidBy(deps, paymentIntentId, failure) : [];
  if (found === 'waiting') return void log.info('a failed refund waits for the payment of its order', { event: 'refund.failed.waiting', eventId: event.id });
  // A Payment Link's merch sale: nothing of ours to sell again, and the racers' reversals stand (the buyer is paid back another way).
  if (found === 'merch-sale')
    return void moneyNeedsHuman('merch-refund-failed', { eventId: event.id, refundId: refund.id, paymentIntentId, amountCents, stripeReason: reason });
  const chargeId = idOf(refund.charge) ?? found[0]?.data.chargeId;
  // Lots whose payment came after they were gone: C500 gave it back by itself, and only that refund is theirs.
  const lots = found.filter((f) => paidLate(f.data));
  const reasonGiven = text(refund.metadata?.reason);
  // A refund an admin gave again (given-back-again) is the one lot's it named, not every lot of the charge.
  const givenAgain = reasonGiven === givenBackAgainReason;
  const theirs = givenAgain ? lots.filter((f) => f.id === text(refund.metadata?.order_id)) : lots;
  if (theirs.length > 0 && (lots.length === found.length || givenAgain || givenBackReasons.some((r) => r === reasonGiven))) {
    const changed = await givenBackFailed(
      deps,
      theirs.map((f) => f.id),
      failure,
      givenAgain,
    );
    if (changed.length > 0)
      moneyNeedsHuman('refund-failed', { orderIds: changed.map((lot) => lot.orderId), refundId: refund.id, chargeId, amountCents, stripeReason: reason });
    return;
  }
  // Another refund of a charge that also paid such lots (one the lots kept were given): theirs alone, as charge.refunded counts it.
  const sold = found.filter((f) => !paidLate(f.data));
  const givenBackCents = lots.reduce((sum, f) => sum + chargedCents(f.data), 0);
  const [single] = sold;
  // Stripe's own total now, after the failure (see above).
  const chargeNow = chargeId ? { amountRefundedCents: await deps.payments.refundedOfCharge(chargeId), created: event.created } : undefined;
  if (sold.length > 1 || single?.data.showCheckoutId !== undefined) {
    // A show checkout of several lots: the failure comes off the charge's total, spread over its lots as its refunds were.
    const changedLots = await recordChargeFailure(
      deps,
      sold.map((f) => f.id),
      failure,
      chargeNow,
      givenBackCents,
    );
    if (changedLots.length > 0)
      moneyNeedsHuman('refund-failed', { orderIds: changedLots.map((lot) => lot.orderId), refundId: refund.id, chargeId, amountCents, stripeReason: reason });
    for (const lot of changedLots) await tellFailed(deps, lot, refund.id, amountCents, failure.reason);
    return;
  }
  if (!single)
    return void moneyNeedsHuman('refund-failed-unmatched', {
      eventId: event.id,
      refundId: refund.id,
      paymentIntentId,
      chargeId,
      amountCents,
      stripeReason: reason,
    });
  const recorded = await recordFailure(deps, single.id, failure, chargeNow);
  if (!recorded) return;
  const { order, fresh } = recorded;
  // What people see of it, as after a payment: a commission back in its builder's line is checked at its promised date
  // (a named task, so a redelivery, which finds the failure known, arms it again safely should a crash have come first).
  await deps.modules.orders[order.source].changed([order]);
  // Told only by the delivery that recorded it: a failure the payment counted (it came first) is nothing to tell.
  if (!fresh) return;
  moneyNeedsHuman('refund-failed', { orderId: order.orderId, refundId: refund.id, amountCents, currency: order.currency, stripeReason: reason });
  await tellFailed(deps, order, refund.id, amountCents, failure.reason);
  if (inLine(order)) await tellOnce(deps, `refund-failed-place:${refund.id}:${order.buyerId}`, order.buyerId, buyerBackInLineDm(order, amountCents));
}

async function tellFailed(deps: PaymentDeps, changed: Order, refundId: string, amountCents: number, reason: string): Promise<void> {
  const givers = new Set((changed.givenRefunds ?? []).map((g) => g.byUserId).filter((id) => id !== changed.buyerId));
  for (const userId of new Set([changed.builderId, ...givers]))
    await tellOnce(deps, `refund-failed:${refundId}:${userId}`, userId, refundFailedDm(changed, amountCents, reason, inLine(changed)));
}

/** A commission sold again with its place in the builder's line (the queue module's `isPlaced`, which payments may not import). */
function inLine(order: Order): boolean {
  const c = order.commission;
  return c?.ticket !== undefined && c.promisedAt !== undefined && c.ended === undefined && ['paid', 'building', 'shipped'].includes(order.status);
}

/**
 * Every lot one charge paid, in one transaction: each records the failure, the charge's
 * refunded total is the latest look any lot holds less every failed refund it counted (a lot
 * with no look: the charge's total it last knew, less this refund), and that total is spread
 * over the lots exactly as `charge.refunded` spreads it, so each lot's refunded total is what
 * it was before the failed refund. A lot fully refunded no longer is: it is sold again. Once per
 * refund: a redelivery finds every lot knows it.
 */
async function recordChargeFailure(
  deps: PaymentDeps,
  orderIds: string[],
  failure: Omit<FailedRefund, 'at'>,
  chargeNow: ChargeNow | undefined,
  givenBackCents: number,
): Promise<Order[]> {
  return deps.store.runTransaction(async (tx) => {
    const orders = (await Promise.all(orderIds.map((id) => tx.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
    const knows = (order: Order) => (order.failedRefunds ?? []).some((f) => f.refundId === failure.refundId);
    if (orders.length === 0 || orders.every(knows)) return [];
    const before = new Map<string, number>();
    const read: JournalEntry[] = [];
    const journals = new Map<string, JournalEntry[]>();
    for (const order of orders) {
      const journal = await withJournal(tx, order);
      before.set(order.orderId, journal.order.refundedCents);
      journals.set(order.orderId, journal.entries);
      read.push(...journal.entries);
    }
    const journalRead = JournalRead.ofOrders(
      orders.map((o) => o.orderId),
      read,
    );
    const recorded: FailedRefund = { ...failure, at: deps.clock.now().toISOString() };
    const withFailure = orders.map((o) => ({ ...o, failedRefunds: knows(o) ? (o.failedRefunds ?? []) : [...(o.failedRefunds ?? []), recorded] }));
    const snapshot = withFailure.reduce<RefundSnapshot | undefined>(
      (kept, o) => (o.refundSnapshot && (!kept || laterSnapshot(o.refundSnapshot, kept)) ? o.refundSnapshot : kept),
      undefined,
    );
    const chargeTotal =
      chargeNow && sameSecond(snapshot, failure)
        ? chargeNow.amountRefundedCents
        : snapshot
          ? stillRefundedCents(snapshot, failuresOnCharge(withFailure))
          : Math.max(0, Math.max(0, ...orders.map((o) => o.chargeRefundedCents ?? 0)) - failure.amountCents);
    // What was given back to lots gone when the payment came is theirs, not the lots sold (record-refund spreads it so too).
    const parts = spreadOverOrders(Math.max(0, chargeTotal - givenBackCents), withFailure, (order) => givenRefundsHeld(order, chargeTotal));
    const plans: Array<{ order: Order; refundedCents: number; soldAgain: boolean; unit?: { stockShard?: number } }> = [];
    for (const { order, refundedCents } of parts) {
      const soldAgain = order.status === 'refunded' && refundedCents < chargedCents(order);
      const unit = soldAgain && order.stockReturned ? await deps.modules.orders[order.source].refundFailed?.(tx, order) : undefined;
      plans.push({ order, refundedCents, soldAgain, ...(unit ? { unit } : {}) });
    }
    for (const { order, refundedCents, soldAgain, unit } of plans) {
      const entry = refundEntry({ ...order, refundedCents: before.get(order.orderId) ?? 0 }, refundedCents, failure.refundId, recorded.at);
      // A lot whose chargeback was already lost: what failed is owed to its buyer outside Stripe.
      const lost = order.dispute?.state === 'lost' ? order.dispute : undefined;
      const owed = lost ? owedToBuyerEntry({ ...order, refundedCents }, journals.get(order.orderId) ?? [], lost.amountCents, recorded.at) : undefined;
      applyOrderFact(
        tx,
        order,
        {
          kind: 'refund-failed',
          fields: {
            chargeRefundedCents: chargeTotal,
            failedRefunds: order.failedRefunds,
            ...(soldAgain ? { status: soldStatus(order) } : {}),
            ...(unit ? { stockReturned: false, ...unit } : {}),
          },
        },
        { read: journalRead, entries: [entry, owed] },
      );
    }
    return plans.map(({ order }) => order);
  });
}

/**
 * The orders the refunded payment paid; none yet (its checkout's completion still on its way, as
 * `charge.refunded` can be): the failure waits for the payment, which counts none of it, in a
 * transaction that sees a payment landing meanwhile (then the orders are read again). A payment
 * that paid a Payment Link's merch sale instead has no order to wait for: nothing is kept.
 */
async function ordersPaidBy(deps: PaymentDeps, paymentIntentId: string, failure: Omit<FailedRefund, 'at'>) {
  for (let look = 1; look <= 3; look++) {
    const found = await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]] });
    if (found.length > 0) return found;
    const waited = await deps.store.runTransaction(async (tx) => {
      if ((await tx.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 })).length > 0) return false;
      // A merch sale's payment is no order's: kept, the failure would wait for a payment that never comes.
      if (await deps.modules.others.salePaid(tx, paymentIntentId)) return 'merch-sale';
      failureBeforePayment(tx, refundWaitKey('stripe', '', paymentIntentId), { ...failure, at: deps.clock.now().toISOString() });
      return 'waiting';
    });
    if (waited) return waited;
  }
  throw new Error(`payment ${paymentIntentId}: its orders kept changing while a failed refund looked for them; deliver it again`);
}

/**
 * One order's failure, once: its refunded total goes back down, and a fully refunded order is
 * sold again. A commission sold again is in its builder's line again. One that had a place (paid,
 * then refunded in full) has that place back as it was: its ticket was never given to anyone
 * else, a one-at-a-time line's later promises were made after its promise, and the buyer did
 * not get the money that would have ended it, so it keeps its turn and its date. One that never
 * had a place (refunded in full before its payment was heard of) takes the next one now, as a
 * payment would, its promised date counted from now: the builder learns only now that it is
 * theirs to build. A redelivery finds the failure known and the order as it stands.
 */
async function recordFailure(
  deps: PaymentDeps,
  orderId: string,
  failure: Omit<FailedRefund, 'at'>,
  chargeNow?: ChargeNow,
): Promise<{ order: Order; fresh: boolean } | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return undefined;
    if ((order.failedRefunds ?? []).some((f) => f.refundId === failure.refundId)) return { order, fresh: false };
    const failedRefunds = [...(order.failedRefunds ?? []), { ...failure, at: deps.clock.now().toISOString() }];
    const { order: before, entries } = await withJournal(tx, order);
    const read = JournalRead.ofOrders([orderId], entries);
    const look = chargeNow && sameSecond(order.refundSnapshot, failure) ? lookNow(chargeNow, order.refundSnapshot, failedRefunds) : undefined;
    const refundedCents = look ? stillRefundedCents(look, failedRefunds) : stillRefunded(before, failedRefunds, failure.amountCents);
    const soldAgain = order.status === 'refunded' && refundedCents < chargedCents(order);
    const source = deps.modules.orders[order.source];
    // Read before the unit's writes (a transaction reads all before it writes); none for an order that already holds a place.
    const place = soldAgain ? await source.placed?.(tx, order, deps.clock.now()) : undefined;
    // The unit the full refund put back on sale is sold again (undefined: it was sold to someone else meanwhile; the admin is told).
    const unit = soldAgain && order.stockReturned ? await source.refundFailed?.(tx, order) : undefined;
    place?.write(tx);
    const update = {
      // A lot alone in its show checkout: the charge's total is its own.
      ...(order.chargeRefundedCents !== undefined ? { chargeRefundedCents: refundedCents } : {}),
      failedRefunds,
      ...(look ? { refundSnapshot: look } : {}),
      ...(soldAgain ? { status: soldStatus(order) } : {}),
      ...(unit ? { stockReturned: false, ...unit } : {}),
      ...place?.fields,
    };
    // A chargeback already lost: Stripe will refund nothing more of the charge, so the failed money is owed to the buyer outside it.
    const lost = order.dispute?.state === 'lost' ? order.dispute : undefined;
    const owed = lost ? owedToBuyerEntry({ ...order, failedRefunds, refundedCents }, entries, lost.amountCents, deps.clock.now().toISOString()) : undefined;
    applyOrderFact(
      tx,
      order,
      { kind: 'refund-failed', fields: update },
      { read, entries: [refundEntry(before, refundedCents, failure.refundId, deps.clock.now().toISOString()), owed] },
    );
    return { order: { ...order, ...update }, fresh: true };
  });
}

/**
 * The order's refunded total with this failure known: the latest look at the charge less what
 * it counted of the failed refunds (a look taken after the failure no longer counts it, and a
 * refund made after the look is not in it yet). An order with no look kept (recorded before
 * looks were kept) loses the failed amount from its total.
 */
function stillRefunded(order: Order & Refunds, failedRefunds: FailedRefund[], amountCents: number): number {
  if (order.refundSnapshot) return stillRefundedCents(order.refundSnapshot, failedRefunds);
  return Math.max(0, order.refundedCents - amountCents);
}

/**
 * Whether the look the order holds was taken in the second the refund was made or failed: only
 * then can it not say whether it counts the failure (see failed-refunds), and Stripe's current
 * total decides.
 */
const sameSecond = (kept: RefundSnapshot | undefined, failure: Omit<FailedRefund, 'at'>): boolean =>
  kept !== undefined && (kept.created === failure.refundCreated || kept.created === failure.failedAt);

/** Stripe's charge read after a failure: its refunded total, and the second of the failure's event. */
type ChargeNow = { amountRefundedCents: number; created: number };

/**
 * Stripe's current total as a look at the charge: no earlier than the failure's event nor the
 * look the order holds, and counting none of the failures recorded (each happened before it).
 */
function lookNow(chargeNow: ChargeNow, kept: RefundSnapshot | undefined, failures: readonly FailedRefund[]): RefundSnapshot {
  return {
    amountRefundedCents: chargeNow.amountRefundedCents,
    created: Math.max(chargeNow.created, kept?.created ?? 0),
    reflects: failures.map((f) => f.refundId),
  };
}

/** The state a sold order was in before its refund: shipped, released (building), or paid. */
function soldStatus(order: Order): 'paid' | 'building' | 'shipped' {
  if (order.shippedAt) return 'shipped';
  return order.payouts.builder.transferId || order.proof ? 'building' : 'paid';
}
