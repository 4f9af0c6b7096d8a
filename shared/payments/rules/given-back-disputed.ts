/**
 * @module given-back-disputed
 * A chargeback on a charge whose lots C500 gave back by itself, or tried to (a payment that came
 * after its lots were gone: give-payment-back). Stripe lets a buyer's bank dispute a charge
 * whatever was refunded of it, and withdraws the disputed amount and its fee from the platform's
 * balance (dispute-entries journal that, out of the lot's held money). What the bank returns to
 * the buyer then pays, first, what the lot still held for them (the give-back Stripe refused:
 * the withdrawal empties it by itself), then what they were owed because the give-back failed
 * at their bank (this module's entry moves it out of `owed-to-buyer`); beyond both, the buyer is
 * paid twice until the bank decides (the refund is the evidence). A won dispute gives the money
 * back to the platform, and so makes the buyer owed again what the chargeback had paid them.
 */
import { entryOf, heldFor, post, sumOf, type JournalEntry } from '../../journal';
import type { Order } from '../../orders';
import { owedToBuyerOf } from './owed-to-buyer';

/** What the lot's buyer had of its money when the bank disputed it: held for them, owed to them, or given back already. */
export type GivenBackMoney = 'held' | 'owed' | 'given-back';

/** Where the lot's money stood for its buyer, as the journal has it before any dispute's entry. */
export function givenBackMoney(order: Pick<Order, 'orderId' | 'currency'>, entries: readonly JournalEntry[]): GivenBackMoney {
  const mine = entries.filter((e) => e.kind !== 'dispute-withdrawal' && e.kind !== 'dispute-reinstatement' && e.kind !== 'buyer-paid-by-chargeback');
  if (owedToBuyerOf(mine, order.currency, order.orderId) > 0) return 'owed';
  return heldFor(mine, order.currency, order.orderId) > 0 ? 'held' : 'given-back';
}

/** What this dispute's chargeback paid of what the buyer was owed, net of what a win took back. */
const paidByChargeback = (entries: readonly JournalEntry[], currency: string, orderId: string, disputeId: string): number =>
  sumOf(
    entries,
    currency,
    (p, e) => e.kind === 'buyer-paid-by-chargeback' && e.disputeId === disputeId && p.account === 'owed-to-buyer' && p.orderId === orderId,
  );

/**
 * The entry that follows one of the dispute's own (`line`, the lot's part of a balance
 * transaction, already in `entries`): a withdrawal that took more than the lot held pays the
 * buyer what they were owed, up to that; a reinstatement makes them owed again what the
 * chargeback had paid, up to what came back. Keyed by the line: a redelivery writes nothing new.
 */
export function chargebackPaysOwedEntry(
  order: Pick<Order, 'orderId' | 'guildId' | 'currency'>,
  entries: readonly JournalEntry[],
  line: JournalEntry,
  disputeId: string,
): JournalEntry | undefined {
  const moved = sumOf([line], order.currency, (p) => p.account === 'held' && p.orderId === order.orderId);
  const head = {
    entryId: `buyer-paid-by-chargeback:${order.orderId}:${line.entryId}`,
    kind: 'buyer-paid-by-chargeback' as const,
    at: line.at,
    guildId: order.guildId,
    currency: order.currency,
    orderId: order.orderId,
    disputeId,
  };
  // Stryker disable next-line EqualityOperator: a line that moved none of the lot's held money gives cents of zero on either branch: no entry
  if (moved > 0) {
    const overdrawn = Math.max(0, -heldFor(entries, order.currency, order.orderId));
    const cents = Math.min(moved, overdrawn, owedToBuyerOf(entries, order.currency, order.orderId));
    // Stryker disable next-line EqualityOperator: at zero every posting is zero, and entryOf makes no entry of zero postings: the same undefined either way
    return cents > 0 ? entryOf(head, [post.buyer(order.orderId, cents), post.held(order.orderId, -cents)]) : undefined;
  }
  const cents = Math.min(-moved, paidByChargeback(entries, order.currency, order.orderId, disputeId));
  // Stryker disable next-line EqualityOperator: at zero every posting is zero, and entryOf makes no entry of zero postings: the same undefined either way
  return cents > 0 ? entryOf(head, [post.held(order.orderId, cents), post.buyer(order.orderId, -cents)]) : undefined;
}

/** Each of the dispute's new lines of the lot in turn, with what it implies for what the buyer is owed. */
export function chargebackPaysOwedEntries(
  order: Pick<Order, 'orderId' | 'guildId' | 'currency'>,
  before: readonly JournalEntry[],
  lines: readonly JournalEntry[],
  disputeId: string,
): JournalEntry[] {
  const seen = [...before];
  const out: JournalEntry[] = [];
  for (const line of lines) {
    if (!seen.some((e) => e.entryId === line.entryId)) seen.push(line);
    const entry = chargebackPaysOwedEntry(order, seen, line, disputeId);
    if (entry && !seen.some((e) => e.entryId === entry.entryId)) {
      seen.push(entry);
      out.push(entry);
    }
  }
  return out;
}
