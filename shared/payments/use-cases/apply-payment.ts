/**
 * @module apply-payment
 * `checkout.session.completed` (or `async_payment_succeeded`): what the session pays for is
 * paid, once, whatever redelivers it. One path for a single order (a Buy Now, an auction
 * offer) and for a checkout of several (a show winner's lots from one builder): every order
 * in it is marked paid with the one payment and its charge (each builder, and a show's
 * host, is paid from that charge at release), and the module that sold each order updates
 * its own side in the same transaction. A refund Stripe delivered before this payment is
 * spread over the orders in that transaction too, as later refunds will be. Then the buyer
 * and the builder are each told once, and the buyer counts as one who has paid on C500. Lots of
 * a show checkout that had moved on (expired, passed to the next bidder) when the payment came
 * are not paid: their part of the charge goes back to the buyer by itself (refund-moved-on-lots).
 */
import type { Transaction } from '../../ports';
import type { PaymentDeps } from './payment-deps';
import { refundLatePayment } from './refund-late-payment';
import { refundMovedOnLots } from './refund-moved-on-lots';
import { splitPaidLots } from '../rules/moved-on-lots';
import { chargedCents, type Order, type PaidFields, applyOrderFact } from '../../orders';
import { orderPath } from '../../orders';
import { refundWaitKey, type RefundEvent } from '../rules/refunds';
import { stillRefundedCents, type RefundSnapshot } from '../../orders';
import { spreadOverOrders } from '../../orders';
import { sessionShipping, type SessionShipping } from '../rules/session-shipping';
import { shippingCheck } from '../../shipping';
import { idOf, text, type StripeEvent, type StripeObject } from '../rules/stripe-event';
import { log } from '../../log';
import { moneyNeedsHuman } from '../../money-needs-human';
import { amountStep } from '../../common';
import { takeWaitingRefunds } from './waiting-refunds';
import { tellRefunded } from './tell-refunded';
import type { BundleView, PaymentMark, StagedWrite } from './payment-modules';
import { JournalRead, readEntries, type JournalEntry } from '../../journal';
import { chargeEntry, refundEntry } from '../../orders';

export type { PaymentDeps } from './payment-deps';

/** What one session pays for, as payments reads it: an order is a checkout of itself. */
export interface Bill {
  /** For logs: `order k3v9m2qa`, `checkout ab12cd34`. */
  label: string;
  read(reader: Pick<Transaction, 'get'>): Promise<BundleView | undefined>;
  /** Staged after every read: the checkout's own mark (an order's is its own update). */
  markPaid(tx: Transaction, mark: PaymentMark): void;
  /** Each side told once, for the orders kept; `stripePaidAt` is when Stripe made the event that paid them (the receipt SLO's clock starts there). */
  tellPaid(view: BundleView, kept: Order[], stripePaidAt: string): Promise<void>;
  /** Several orders in one charge: each keeps the charge's refunded total its part was spread from. */
  bundled: boolean;
}

export async function applyPayment(deps: PaymentDeps, event: StripeEvent, bill: Bill): Promise<void> {
  const session = event.data.object;
  const paymentIntentId = idOf(session.payment_intent);
  // Delayed methods (bank debits) complete unpaid; their `async_payment_succeeded` comes later.
  if (session.payment_status !== 'paid') return;
  if (!paymentIntentId) throw new Error(`paid session ${session.id} has no payment intent`);
  // A second event for a session already paid needs no Stripe call; the transaction decides.
  const before = await bill.read(deps.store);
  if (!before || (before.status !== 'open' && before.status !== 'expired' && before.paidByEvent !== event.id)) return;
  const shipping = sessionShipping(session);
  if (!paysFor(before, session, shipping)) {
    moneyNeedsHuman('paid-for-another-bill', { sessionId: session.id, eventId: event.id, paymentIntentId, orderIds: before.orderIds });
    return;
  }
  // Stripe completed a session its expiry raced: what it paid for is gone, so the money goes back (refund-late-payment).
  if (before.status === 'expired') return refundExpiredBill(deps, event, before, { paymentIntentId, paidCents: before.amountCents + shipping.cents });
  const { chargeId } = before.chargeId ? { chargeId: before.chargeId } : await deps.payments.chargeOfPayment(paymentIntentId);
  const mark: PaymentMark = { paidAt: deps.clock.now().toISOString(), paidByEvent: event.id, paymentIntentId, chargeId, checkoutSessionId: session.id };
  // Stripe's `created` (seconds) is the payment as the buyer saw it; our own Stripe call and the queue come after it.
  await recordPayment(deps, bill, mark, shipping, new Date(event.created * 1000).toISOString());
}

/**
 * A session paid for a checkout that had expired (Stripe's expiry and the buyer's payment
 * raced): every order it paid for, all expired, is given back in full, once. An order that
 * moved on otherwise is a person's to settle.
 */
async function refundExpiredBill(deps: PaymentDeps, event: StripeEvent, view: BundleView, paid: { paymentIntentId: string; paidCents: number }): Promise<void> {
  const { paymentIntentId, paidCents } = paid;
  const session = event.data.object;
  const orders = (await Promise.all(view.orderIds.map((id) => deps.store.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
  if (orders.length === 0 || orders.length < view.orderIds.length || orders.some((o) => o.status !== 'expired')) {
    moneyNeedsHuman('paid-after-expiry', { eventId: event.id, sessionId: session.id, paymentIntentId, orderIds: view.orderIds });
    return;
  }
  const { chargeId } = await deps.payments.chargeOfPayment(paymentIntentId);
  await refundLatePayment(deps, orders, paidCents, { paymentIntentId, chargeId }, new Date(event.created * 1000).toISOString());
}

/**
 * A payment of a bill, recorded once (the orders paid, their journal entries, what each
 * module gains), and what follows: disputes that came first, the modules' views, the
 * receipts and the buyers' trust. One path for a session's payment and for a saved card
 * charged off session (pay-off-session). Answers the orders this payment paid, also when a
 * redelivery finds them paid by it already; none when it paid nothing.
 */
export async function recordPayment(deps: PaymentDeps, bill: Bill, mark: PaymentMark, shipping: SessionShipping, stripePaidAt: string): Promise<Order[]> {
  const paid = await deps.store.runTransaction((tx) => payInTransaction(deps, tx, bill, mark, shipping));
  if (!paid) return [];
  if (paid.orders.length > 0) await afterPayment(deps, bill, mark, paid, stripePaidAt);
  // Lots that had moved on when the payment came: their part goes back, once, after the lots kept are told theirs.
  if (paid.movedOn.length > 0) {
    const { paymentIntentId, chargeId, paidByEvent: eventId } = mark;
    const payment = { paymentIntentId, chargeId, eventId, sessionId: mark.checkoutSessionId ?? paymentIntentId };
    await refundMovedOnLots(deps, paid.movedOn, payment, paid.orders.length, stripePaidAt);
  }
  return paid.orders;
}

/** What a payment that paid orders sets going: disputes that came first, the modules' views, the receipts, the buyers' trust. */
async function afterPayment(deps: PaymentDeps, bill: Bill, mark: PaymentMark, paid: Paid, stripePaidAt: string): Promise<void> {
  // A dispute whose events overtook this payment reaches its orders before the builder hears they are paid (and can prove them).
  for (const disputeId of paid.disputesBefore) await deps.modules.disputeArrivedFirst(disputeId);
  for (const source of new Set(paid.orders.map((o) => o.source))) await deps.modules.orders[source].changed(paid.orders.filter((o) => o.source === source));
  // Refunded before we heard of the payment: the buyer hears of the refund, and the builder of nothing to build.
  for (const refunded of paid.orders.filter((o) => o.status === 'refunded')) await tellRefunded(deps, refunded);
  const kept = paid.orders.filter((o) => o.status === 'paid');
  // One receipt owed per payment, logged by the delivery that marked it paid (a redelivery finds the mark and owes none):
  // the receipt SLO's total, so a receipt that never goes counts as bad (terraform/metrics.tf `receipts_owed`).
  if (kept.length > 0 && paid.fresh) log.info('receipt owed', { event: 'receipt.owed', eventId: mark.paidByEvent, bundled: bill.bundled });
  if (kept.length > 0) await bill.tellPaid(paid.view, kept, stripePaidAt);
  // After the messages: should this fail, the redelivery tells no one twice and tries it again.
  if (kept.length > 0) await deps.modules.buyersPaid(kept);
}

/** What one payment's transaction did: the orders it paid, the lots that had moved on (to give back), what came first. */
interface Paid {
  view: BundleView;
  orders: Order[];
  movedOn: Order[];
  disputesBefore: string[];
  fresh: boolean;
}

async function payInTransaction(deps: PaymentDeps, tx: Transaction, bill: Bill, mark: PaymentMark, shipping: SessionShipping): Promise<Paid | undefined> {
  const view = await bill.read(tx);
  if (!view) return undefined;
  const orders = (await Promise.all(view.orderIds.map((id) => tx.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
  const disputesBefore = await deps.modules.disputesBefore(tx, mark.chargeId);
  // An expired lot stays expired: a redelivery finds the same lots moved on as the delivery that paid the rest.
  const movedOn = movedOnLots(view, orders, shipping);
  // A redelivery after a crash finds its own mark and still sends the messages, and gives back what moved on.
  if (view.paidByEvent === mark.paidByEvent)
    return { view, orders: orders.filter((o) => o.paidByEvent === mark.paidByEvent), movedOn, disputesBefore, fresh: false };
  if (view.status !== 'open') return undefined;
  const payable = withShipping(view, orders, shipping, mark.paidByEvent).filter((o) => o.status === 'awaiting-payment');
  // Neither waiting nor expired (another payment's, or gone): not C500's to give back by itself.
  const strays = view.orderIds.filter((id) => !payable.some((o) => o.orderId === id) && !movedOn.some((o) => o.orderId === id));
  if (strays.length > 0)
    moneyNeedsHuman('paid-orders-not-waiting', { eventId: mark.paidByEvent, sessionId: mark.checkoutSessionId, chargeId: mark.chargeId, orderIds: strays });
  const waiting = await takeWaitingRefunds(tx, refundWaitKey('stripe', '', mark.paymentIntentId));
  // A refund that failed before the payment arrived is counted by none of the looks at the charge that waited.
  const chargeRefunded = Math.max(0, ...waiting.refunds.map((r) => stillRefundedCents(waitedSnapshot(r), waiting.failures)));
  const failed = waiting.failures.length > 0 ? { failedRefunds: waiting.failures } : {};
  const refunded = waiting.refunds.length > 0;
  const spread = refunded ? spreadOverOrders(chargeRefunded, payable) : payable.map((order) => ({ order, refundedCents: 0 }));
  const updated: Order[] = [];
  const writes: StagedWrite[] = [];
  const entries: JournalEntry[] = [];
  // Filled once every entry is known, before the staged writes run.
  const journal = { read: JournalRead.ofIds([], []) };
  for (const { order, refundedCents } of spread) {
    const fully = refunded && refundedCents >= chargedCents(order);
    const source = deps.modules.orders[order.source];
    // Paid even when refunded before we heard: the drop's hold on the buyer goes, the auction is paid.
    writes.push(await source.paid(tx, order));
    const givesBack = fully ? await source.refunded(tx, order) : undefined;
    if (givesBack) writes.push(givesBack.write);
    const place = fully ? undefined : await source.placed?.(tx, order, new Date(mark.paidAt));
    if (place) writes.push(place.write);
    const update: PaidFields = {
      status: fully ? 'refunded' : 'paid',
      ...place?.fields,
      ...markFields(mark),
      ...shippingFields(order),
      ...failed,
      ...(refunded && bill.bundled ? { chargeRefundedCents: chargeRefunded } : {}),
      ...(fully ? { refundedAt: mark.paidAt, refundedByEvent: waiting.refunds.at(-1)?.eventId, ...(givesBack ? { stockReturned: true } : {}) } : {}),
    };
    // The journal's side, written with the fact: the charge held and its fee earned, and a refund that came first taken out of it.
    const charged = { ...order, ...update, refundedCents: 0 };
    const own = [chargeEntry(charged, mark.paidAt), refunded ? refundEntry(charged, refundedCents, mark.paidByEvent, mark.paidAt) : undefined];
    for (const entry of own) if (entry) entries.push(entry);
    writes.push((w) => applyOrderFact(w, order, { kind: 'paid', fields: update }, { read: journal.read, entries: own }));
    updated.push({ ...order, ...update });
  }
  // Read by id, the last read before the writes: a payment written before is found, never written over.
  journal.read = await readEntries(
    tx,
    entries.map((e) => e.entryId),
  );
  for (const write of writes) write(tx);
  waiting.settle(tx, () => ({ appliedToOrder: payable[0]?.orderId }));
  bill.markPaid(tx, mark);
  return { view, orders: updated, movedOn, disputesBefore, fresh: true };
}

/**
 * The lots of a bill of several that had expired when its payment came, each with its share of
 * the shipping chosen (spread over every lot, as the lots kept have theirs): what goes back.
 */
function movedOnLots(view: BundleView, orders: Order[], shipping: SessionShipping): Order[] {
  const split = splitPaidLots(lotsOf(orders), view.shippingQuote ? shipping.cents : 0, amountStep(view.currency));
  return split.movedOn.flatMap(({ orderId, shippingCents }) => {
    const order = orders.find((o) => o.orderId === orderId);
    return order?.status === 'expired' ? [{ ...order, ...(view.shippingQuote ? { shippingCents } : {}) }] : [];
  });
}

/** Each order as a lot paid for: still waiting for this payment, or not. */
const lotsOf = (orders: readonly Order[]) => orders.map((o) => ({ orderId: o.orderId, amountCents: o.amountCents, waiting: o.status === 'awaiting-payment' }));

/** The session must be the checkout's own, for its amount (and the shipping chosen on top) in its currency. */
function paysFor(view: BundleView, session: StripeObject, shipping: SessionShipping): boolean {
  if (view.checkoutSessionId && view.checkoutSessionId !== session.id) return false;
  if (shipping.cents > 0 && !view.shippingQuote) return false;
  return session.amount_total === view.amountCents + shipping.cents && text(session.currency)?.toLowerCase() === view.currency.toLowerCase();
}

/**
 * Each order with its part of the shipping paid (a checkout of several spreads it over them
 * in proportion to their prices, to the cent), the address, and any mismatch between the
 * option chosen and the address's country, which Stripe cannot prevent (see shipping's
 * rates): recorded so the builder and the buyer settle it, never passed over in silence.
 */
function withShipping(view: BundleView, orders: Order[], shipping: SessionShipping, eventId: string): Order[] {
  if (!view.shippingQuote) return orders;
  // Over every lot by price, those that moved on too: a kept lot's share does not grow because another went (moved-on-lots).
  const split = splitPaidLots(lotsOf(orders), shipping.cents, amountStep(view.currency));
  const parts = orders.map((o) => [...split.kept, ...split.movedOn].find((lot) => lot.orderId === o.orderId)?.shippingCents ?? 0);
  const { address } = shipping;
  // Never the address itself in a log line: only that it is missing.
  if (!address) log.error('a shipped checkout was paid without an address; ask the buyer for it', { eventId, checkoutId: view.checkoutId });
  const check = address ? shippingCheck(view.shippingQuote, address.country, shipping.cents) : { ok: true as const };
  if (!check.ok)
    log.warn('the shipping chosen is not the one for the address’s country', {
      eventId,
      checkoutId: view.checkoutId,
      paidCents: check.paidCents,
      dueCents: check.dueCents,
    });
  return orders.map((order, i) => ({
    ...order,
    shippingCents: parts[i] ?? 0,
    ...(address ? { shippingAddress: address } : {}),
    ...(check.ok ? {} : { shippingMismatch: { paidCents: check.paidCents, dueCents: check.dueCents, country: check.country } }),
  }));
}

/** What a paid order keeps of its shipping. */
/** The mark's own fields, named: a caller's object may carry more (Stripe's answer), and only these are the order's. */
function markFields(mark: PaymentMark): Pick<PaidFields, 'paidAt' | 'paidByEvent' | 'paymentIntentId' | 'chargeId' | 'checkoutSessionId'> {
  const { paidAt, paidByEvent, paymentIntentId, chargeId, checkoutSessionId } = mark;
  return { paidAt, paidByEvent, paymentIntentId, chargeId, ...(checkoutSessionId !== undefined ? { checkoutSessionId } : {}) };
}

function shippingFields(order: Order): Pick<PaidFields, 'shippingCents' | 'shippingAddress' | 'shippingMismatch'> {
  if (order.shippingCents === undefined) return {};
  return {
    shippingCents: order.shippingCents,
    ...(order.shippingAddress ? { shippingAddress: order.shippingAddress } : {}),
    ...(order.shippingMismatch ? { shippingMismatch: order.shippingMismatch } : {}),
  };
}

/** A `charge.refunded` that waited for its payment, as the look at the charge it was (Stripe's seconds). */
const waitedSnapshot = (refund: RefundEvent): RefundSnapshot => ({
  amountRefundedCents: refund.totalRefundedCents ?? refund.amountCents ?? 0,
  created: Math.floor(Date.parse(refund.refundedAt) / 1000),
});
