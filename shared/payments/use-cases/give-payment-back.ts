/**
 * @module give-payment-back
 * Money Stripe took for orders whose place was gone when it came (each `expired`), given back
 * without a person, once, however often the payment's event comes (one path for a payment that
 * came after its checkout expired, refund-late-payment, and for a show checkout's lots that moved
 * on while the rest were paid, refund-moved-on-lots):
 * - each order's part of the charge journaled as money held for its buyer (no fee: nothing was
 *   sold), the intent, charge and its part of the shipping named on the order (its `paid-late`
 *   fact), so Stripe's `charge.refunded` of that charge knows the part is the buyer's (record-refund), then
 * - one refund of the parts together asked of Stripe under a key the caller derives (a retry gets
 *   the same refund; a delivery that finds every part refunded in the journal asks Stripe nothing:
 *   its key may be gone after a day), then
 * - each part refunded out of that held money: with its charge entry, it nets to zero.
 * The buyer is told once. Only a refund Stripe refuses (the charge disputed, say) is a person's:
 * the money stays journaled as held for the buyer.
 */
import { chargedCents, chargeEntry, refundEntry, orderPath, applyOrderFact, type Order } from '../../orders';
import { JournalRead, withJournal, writeEntry, type JournalEntry } from '../../journal';
import { tellOnce } from '../../discord';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';
import { moneyNeedsHuman, type MoneyNeedsHumanReason, type MoneyToMove } from '../../money-needs-human';
import type { DiscordMessage } from '../../ports';
import { closedDmNotices } from '../rules/closed-dm-messages';
import type { PaymentDeps } from './payment-deps';

/** What Stripe says was paid: the intent and its charge. */
export interface LatePayment {
  paymentIntentId: string;
  chargeId: string;
}

/** How this giving back is asked, paged and told. */
export interface GiveBack {
  /** Stripe's idempotency key of the one refund. */
  idempotencyKey: string;
  /** Stripe's `metadata.reason` of the refund, and the page's reason should Stripe refuse it. */
  reason: Extract<MoneyNeedsHumanReason, 'paid-after-expiry' | 'paid-orders-not-waiting'>;
  /** The ids the page carries besides the orders, intent, charge and amount. */
  pageIds?: MoneyToMove;
  /** The buyer's one message (`fact` for tellOnce), once the refund is made; absent when the caller tells them itself (tellGivenBack). */
  tell?: GivenBackTold;
}

/** The buyer's one message of what was given back, and the fact it is told once under. */
export interface GivenBackTold {
  fact: string;
  message: DiscordMessage;
}

/**
 * `held`: each order as money held for its buyer, `chargedCents` its part (price and shipping share), no fee, the charge named.
 * Answers whether the parts are given back (now, or by an earlier delivery); false when Stripe refused and a person was paged.
 */
export async function givePaymentBack(deps: PaymentDeps, held: readonly Order[], payment: LatePayment, stripePaidAt: string, how: GiveBack): Promise<boolean> {
  const disputedFirst = new Set<string>();
  const given = await giveBack(deps, held, payment, stripePaidAt, how, disputedFirst);
  // A dispute whose events overtook the payment (they found no lot then) reaches the lots now, whatever Stripe answered.
  for (const disputeId of [...disputedFirst].sort()) await deps.modules.disputeArrivedFirst(disputeId);
  return given;
}

async function giveBack(
  deps: PaymentDeps,
  held: readonly Order[],
  payment: LatePayment,
  stripePaidAt: string,
  how: GiveBack,
  disputedFirst: Set<string>,
): Promise<boolean> {
  const [first] = held;
  if (!first) return false;
  const amountCents = held.reduce((sum, part) => sum + chargedCents(part), 0);
  const refunded: Array<number | undefined> = [];
  for (const part of held) refunded.push(await journal(deps, part, payment, () => chargeEntry(part, stripePaidAt), disputedFirst));
  // Refunded and journaled by an earlier delivery: Stripe is not asked again; only the telling may be left.
  if (held.every((part, i) => (refunded[i] ?? 0) >= chargedCents(part))) return (how.tell && (await tellGivenBack(deps, first, how.tell)), true);
  let refundId: string;
  try {
    const made = await deps.payments.refund({
      idempotencyKey: how.idempotencyKey,
      chargeId: payment.chargeId,
      amountCents,
      metadata: { order_id: first.orderId, reason: how.reason },
    });
    refundId = made.refundId;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // Refused (the charge disputed, say): the money stays held for the buyer, journaled, and a person gives it back.
    const ids = { orderIds: held.map((o) => o.orderId), paymentIntentId: payment.paymentIntentId, chargeId: payment.chargeId };
    moneyNeedsHuman(how.reason, { ...how.pageIds, ...ids, amountCents, currency: first.currency, error });
    return false;
  }
  const at = deps.clock.now().toISOString();
  // Out of what the journal says is still held: a redelivery finds it refunded already and writes nothing.
  for (const part of held) await journal(deps, part, payment, (refundedCents) => refundEntry({ ...part, refundedCents }, chargedCents(part), refundId, at));
  log.info('a payment for orders whose place was gone was refunded', {
    event: 'late-payment.refunded',
    orderId: first.orderId,
    orders: held.length,
    refundId,
    reason: how.reason,
  });
  if (how.tell) await tellGivenBack(deps, first, how.tell);
  return true;
}

/** The buyer of `first` told once, in its channel should their DMs be closed. */
export async function tellGivenBack(deps: PaymentDeps, first: Order, told: GivenBackTold): Promise<void> {
  await tellOnce(deps, told.fact, first.buyerId, told.message, async () => ({
    channelId: await deps.modules.orders[first.source].channelOf(first),
    notice: closedDmNotices.refunded(first.buyerId, first.orderId),
  }));
}

/**
 * One entry of an order, in a transaction of its own against the order's journal read there;
 * the first names the intent, charge and part on the order, so the refund's event finds it.
 * Answers what the journal had refunded of the order before it (none when the order is no longer expired).
 */
async function journal(
  deps: PaymentDeps,
  part: Order,
  payment: LatePayment,
  entryOf: (refundedCents: number) => JournalEntry | undefined,
  disputedFirst?: Set<string>,
): Promise<number | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(part.orderId));
    if (current?.status !== 'expired') return undefined;
    // Read in the transaction that names the charge on the lot, as a payment reads them: the dispute and the lot never miss each other.
    if (disputedFirst) for (const disputeId of await deps.modules.disputesBefore(tx, payment.chargeId)) disputedFirst.add(disputeId);
    // Its refund failed at the bank already (given-back-failed, delivered first): the part is owed to the buyer, a person's now; never refunded here.
    if ((current.failedRefunds ?? []).length > 0) return chargedCents(part);
    const { order: read, entries } = await withJournal(tx, current);
    const journalRead = JournalRead.ofOrders([part.orderId], entries);
    const entry = entryOf(read.refundedCents);
    if (current.paymentIntentId === payment.paymentIntentId && current.chargeId === payment.chargeId) writeEntry(tx, journalRead, entry);
    else applyOrderFact(tx, current, { kind: 'paid-late', ...payment, ...shippingOf(part) }, { read: journalRead, entries: [entry] });
    // What the journal said was refunded of it before this entry.
    return read.refundedCents;
  });
}

const shippingOf = (part: Order) => (part.shippingCents !== undefined && part.shippingCents > 0 ? { shippingCents: part.shippingCents } : {});
