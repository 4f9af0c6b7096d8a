/**
 * @module order-journal
 * An order's money as journal entries (issue 60), each built from the change its transaction
 * writes and keyed by the Stripe object or the cause it comes from. The orders module owns an
 * order's facts, and so the entries they imply; the modules that move its money (payments,
 * disputes, live) build them here:
 * - paid: Stripe holds the charge; C500 earns its fee; the rest is held for the builder and host.
 * - refunded (or a refund failed): money leaves (or comes back to) the order's held money.
 * - released, reversed: a transfer takes held money to a builder's or host's account, a
 *   reversal brings it back.
 * - disputed: the bank takes the disputed amount from the held money and Stripe its fee;
 *   a win gives the amount back.
 * - a host's cut paid by an admin by hand: what was owed to the host leaves outside Stripe.
 * What a person owes (a refused reversal, netting, forgiveness) is the debts module's.
 */
import { entryOf, post, type JournalEntry, type LedgerScope, type OrderToClear } from '../../journal';
import { spreadByWeight } from '../../common';
import { chargedCents, type Order, type Party, type Refunds } from './order';

type OrderMoney = Pick<Order, 'orderId' | 'guildId' | 'currency'>;

const head = (order: OrderMoney, entryId: string, kind: JournalEntry['kind'], at: string, stripeId?: string) => ({
  entryId,
  kind,
  at,
  guildId: order.guildId,
  currency: order.currency,
  orderId: order.orderId,
  ...(stripeId ? { stripeId } : {}),
});

/** The payment: the charge (price and shipping) into Stripe's balance, the fee earned, the rest held. */
export function chargeEntry(
  order: OrderMoney & Pick<Order, 'amountCents' | 'shippingCents' | 'platformFeeCents' | 'chargeId'>,
  at: string,
): JournalEntry | undefined {
  const charged = chargedCents(order);
  return entryOf(head(order, `charge:${order.orderId}`, 'charge', at, order.chargeId), [
    post.stripe(charged),
    post.fees(-order.platformFeeCents),
    post.held(order.orderId, order.platformFeeCents - charged),
  ]);
}

/**
 * The order's refunded total moving from what it was to `nextCents`: up is a refund out of the
 * held money, down a refund that failed (Stripe put it back on the balance: held for the buyer,
 * to refund again). `cause` names what moved it (an event, a refund), so a step back and forth
 * between the same totals is two entries.
 */
export function refundEntry(order: OrderMoney & Pick<Order, 'chargeId'> & Refunds, nextCents: number, cause: string, at: string): JournalEntry | undefined {
  const before = order.refundedCents;
  const moved = nextCents - before;
  if (moved === 0) return undefined;
  return entryOf(head(order, `refund:${order.orderId}:${cause}:${before}-${nextCents}`, moved > 0 ? 'refund' : 'refund-failed', at, order.chargeId), [
    post.held(order.orderId, moved),
    post.stripe(-moved),
  ]);
}

/** A transfer of held money to a builder's or host's connected account (a release, a tranche, a won dispute's return). */
export function transferEntry(order: OrderMoney, transferId: string, amountCents: number, at: string, party: Party): JournalEntry | undefined {
  return entryOf(head(order, `transfer:${transferId}`, 'release', at, transferId), [post.held(order.orderId, amountCents, party), post.stripe(-amountCents)]);
}

/**
 * A transfer reversal Stripe made: the money comes back to the order's held money. `key` is the
 * reversal's idempotency key; a dispute's reversal names its dispute (what a win gives back).
 */
export function reversalEntry(
  order: OrderMoney,
  transferId: string,
  key: string,
  amountCents: number,
  at: string,
  party: Party,
  disputeId?: string,
): JournalEntry | undefined {
  return entryOf({ ...head(order, `reversal:${key}`, 'reversal', at, transferId), ...(disputeId ? { disputeId } : {}) }, [
    post.stripe(amountCents),
    post.held(order.orderId, -amountCents, party),
  ]);
}

/** A host's cut an admin paid by hand: what was owed to the host leaves outside Stripe. */
export function handPaymentEntry(order: OrderMoney & { hostId: string }, key: string, amountCents: number, at: string): JournalEntry | undefined {
  return entryOf(head(order, `hand-payment:${key}`, 'hand-payment', at), [
    post.hostOwed(order.orderId, order.hostId, amountCents),
    post.to('paid-by-hand', -amountCents),
  ]);
}

/**
 * One of a dispute's balance transactions, spread over the orders its charge paid by each
 * one's part of the dispute: a withdrawal takes the disputed amount from the orders' held
 * money and Stripe's fee from the platform (counted on the first order); a reinstatement (a
 * win) gives the amount back. Keyed by Stripe's balance transaction and the order.
 */
export function disputeEntries(
  parts: ReadonlyArray<{ order: OrderMoney; part: number }>,
  line: { id: string; amountCents: number; feeCents: number },
  disputeId: string,
  at: string,
): JournalEntry[] {
  const amounts = spreadByWeight(
    line.amountCents,
    parts.map((p) => p.part),
  );
  const kind = line.amountCents < 0 ? 'dispute-withdrawal' : 'dispute-reinstatement';
  return parts.flatMap(({ order }, i) => {
    const amount = amounts[i] ?? 0;
    const fee = i === 0 ? line.feeCents : 0;
    const entry = entryOf(head(order, `dispute:${line.id}:${order.orderId}`, kind, at, disputeId), [
      post.held(order.orderId, -amount),
      post.to('dispute-fees', fee),
      post.stripe(amount - fee),
    ]);
    return entry ? [entry] : [];
  });
}

/**
 * Whether nothing of the order's money is still moving: paid, and refunded in full or closed,
 * or its builder's share and its host's cut gone out (no cut owed by hand), with no reversal,
 * release or won dispute's return still under way, no dispute open and no refund that failed
 * waiting to be given again. Its held money must then be empty (reconciliation checks it).
 */
export function moneyDoneWith(order: Order): boolean {
  if (!order.chargeId || order.status === 'awaiting-payment' || order.status === 'expired') return false;
  if ((order.pendingReversals ?? []).length > 0 || order.payouts.builder.releasing || order.payouts.host?.releasing) return false;
  const dispute = order.dispute;
  if (dispute && (dispute.state === 'open' || (dispute.state === 'won' && dispute.returning && !dispute.returnedAt))) return false;
  if (order.status === 'refunded') return true;
  if ((order.failedRefunds ?? []).length > 0) return false;
  if (order.status === 'closed') return true;
  const builderOut = order.payouts.builder.transferId !== undefined;
  const hostOut = !order.hostCutCents || order.payouts.host?.via === 'transfer' || order.payouts.host?.via === 'none';
  return builderOut && hostOut;
}

/**
 * The orders as reconciliation checks their held money: whether each is done with, the fee it
 * earned, and whether only a refund that failed keeps it from being done with (its buyer's
 * money is then held until the refund is given again or settled).
 */
export const ordersToClear = (orders: readonly Order[]): OrderToClear[] =>
  orders.map((o) => {
    const doneWith = moneyDoneWith(o);
    const holdsFailedRefund = !doneWith && (o.failedRefunds ?? []).length > 0 && moneyDoneWith({ ...o, failedRefunds: [] });
    return {
      orderId: o.orderId,
      currency: o.currency.toLowerCase(),
      platformFeeCents: o.platformFeeCents,
      doneWith,
      ...(holdsFailedRefund ? { holdsFailedRefund } : {}),
      ...(o.status === 'expired' && o.chargeId !== undefined ? { paidLate: true } : {}),
      ...(o.dispute && o.dispute.state !== 'won' ? { chargeback: { disputeId: o.dispute.disputeId, state: o.dispute.state } } : {}),
    };
  });

/** The part of Stripe's ledger these orders own: their ids (a transfer's group) and their charges. */
export const ledgerScopeOf = (orders: ReadonlyArray<Pick<Order, 'orderId' | 'chargeId'>>): LedgerScope => ({
  orderIds: new Set(orders.map((o) => o.orderId)),
  chargeIds: new Set(orders.flatMap((o) => (o.chargeId ? [o.chargeId] : []))),
});
