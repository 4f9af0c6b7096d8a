/**
 * @module owed-to-buyer
 * A buyer's money C500 can no longer give back through Stripe (issue 75): a refund that failed
 * (the card's bank sent it back) on a charge that is then charged back and lost. Stripe refuses
 * any new refund of a charged-back charge ("has been charged back"), and the bank gave the buyer
 * only what it disputed, so what was refunded, failed and not given again is the buyer's, held
 * on the platform's balance. It moves from the order's held money to the order's `owed-to-buyer`
 * account, so it is never counted as the platform's fee, and stays there, listed to the server's
 * admins, until one records how the buyer was paid back outside Stripe.
 */
import { entryOf, heldFor, post, sumOf, type JournalEntry } from '../../journal';
import { chargedCents, type Order } from '../../orders';

/** What the order's buyer is owed outside Stripe, as the journal has it (positive: owed). */
export const owedToBuyerOf = (entries: readonly JournalEntry[], currency: string, orderId: string): number =>
  0 - sumOf(entries, currency, (p) => p.account === 'owed-to-buyer' && p.orderId === orderId);

/** What became owed to the buyer in all (before any settlement): the `owed-to-buyer` entries' credits. */
const madeOwed = (entries: readonly JournalEntry[], currency: string, orderId: string): number =>
  0 - sumOf(entries, currency, (p, e) => e.kind === 'owed-to-buyer' && p.account === 'owed-to-buyer' && p.orderId === orderId);

type OwingOrder = Pick<Order, 'orderId' | 'guildId' | 'currency' | 'amountCents' | 'shippingCents' | 'failedRefunds'> & {
  /** What was refunded of it, net of the refunds that failed (the journal's fold). */
  refundedCents: number;
};

/**
 * What a lost chargeback of `disputedCents` (the order's share) leaves owed to its buyer: of the
 * refunds that failed, what neither a refund given again nor the bank's chargeback paid them.
 * Zero where no refund failed, or the failure was given again.
 */
export function owedAfterLoss(order: OwingOrder, disputedCents: number): number {
  const failed = (order.failedRefunds ?? []).reduce((sum, f) => sum + f.amountCents, 0);
  const unpaid = chargedCents(order) - order.refundedCents - disputedCents;
  return Math.max(0, Math.min(failed, unpaid));
}

/**
 * The entry that moves what became owed to the buyer since the last such entry out of the
 * order's held money (none when nothing more is owed). Written in the transaction of the fact
 * that completed the case, the loss or the failure, whichever came last; a redelivery finds it
 * owed already and writes nothing.
 */
export function owedToBuyerEntry(order: OwingOrder, entries: readonly JournalEntry[], disputedCents: number, at: string): JournalEntry | undefined {
  const already = madeOwed(entries, order.currency, order.orderId);
  const more = owedAfterLoss(order, disputedCents) - already;
  // Stryker disable next-line EqualityOperator: more is zero only when nothing more is owed: at zero every posting is zero, and entryOf makes no entry of zero postings: the same undefined either way
  if (more <= 0) return undefined;
  return entryOf(
    {
      entryId: `owed-to-buyer:${order.orderId}:${already}`,
      kind: 'owed-to-buyer',
      at,
      guildId: order.guildId,
      currency: order.currency,
      orderId: order.orderId,
    },
    [post.held(order.orderId, more), post.buyer(order.orderId, -more)],
  );
}

/** How an admin says the buyer was paid back outside Stripe. */
export type BuyerSettlement = NonNullable<JournalEntry['settledHow']>;
export const buyerSettlements = ['bank-transfer', 'paypal', 'store-credit', 'other'] as const satisfies readonly BuyerSettlement[];

/**
 * The entry that clears the order's `owed-to-buyer` account: the buyer paid back outside Stripe,
 * as an admin recorded. With `held`, on a lot paid after it was gone, what the lot still holds
 * for its buyer is settled too (held -> paid by hand): Stripe refuses any refund of a charge
 * charged back and lost, so the rest of a partial chargeback is only ever paid back by hand.
 */
export function buyerPaidOutsideEntry(
  order: Pick<Order, 'orderId' | 'guildId' | 'currency'>,
  entries: readonly JournalEntry[],
  how: BuyerSettlement,
  at: string,
  options: { held?: boolean } = {},
): JournalEntry | undefined {
  const owed = Math.max(0, owedToBuyerOf(entries, order.currency, order.orderId));
  const held = options.held ? Math.max(0, heldFor(entries, order.currency, order.orderId)) : 0;
  // Stryker disable next-line EqualityOperator: owed and held are each at least zero, so their sum is zero only when both are: at zero every posting is zero, and entryOf makes no entry of zero postings: the same undefined either way
  if (owed + held <= 0) return undefined;
  const settled = madeOwed(entries, order.currency, order.orderId) - owed;
  const earlier = entries.filter((e) => e.kind === 'buyer-paid-outside' && e.orderId === order.orderId).length;
  return entryOf(
    {
      entryId: held > 0 ? `buyer-paid-outside:${order.orderId}:held:${earlier}` : `buyer-paid-outside:${order.orderId}:${settled}`,
      kind: 'buyer-paid-outside',
      at,
      guildId: order.guildId,
      currency: order.currency,
      orderId: order.orderId,
      settledHow: how,
    },
    // Stryker disable next-line EqualityOperator: a posting of zero is left out by entryOf, so one of owed (or held) zero is the same as none
    [...(owed > 0 ? [post.buyer(order.orderId, owed)] : []), ...(held > 0 ? [post.held(order.orderId, held)] : []), post.to('paid-by-hand', -(owed + held))],
  );
}

/**
 * The entry that makes a lot's part of a failed give-back refund (a payment that came after its
 * lot was gone, refunded by C500 itself) owed to its buyer: nothing was sold, so the money back in
 * the lot's held account is theirs, listed until given again or settled. One per refund and lot.
 */
export function givenBackOwedEntry(
  order: Pick<Order, 'orderId' | 'guildId' | 'currency'>,
  refundId: string,
  cents: number,
  at: string,
): JournalEntry | undefined {
  // Stryker disable next-line EqualityOperator: at zero every posting is zero, and entryOf makes no entry of zero postings: the same undefined either way
  if (cents <= 0) return undefined;
  return entryOf(
    {
      entryId: `owed-to-buyer:${order.orderId}:${refundId}`,
      kind: 'owed-to-buyer',
      at,
      guildId: order.guildId,
      currency: order.currency,
      orderId: order.orderId,
    },
    [post.held(order.orderId, cents), post.buyer(order.orderId, -cents)],
  );
}
