/**
 * @module race-journal
 * Race money as the journal's entries (issue 60), each written in the transaction of the
 * change it records:
 * - a merch sale brings its money in, to the platform's Stripe balance (a Payment Link's
 *   charge) or to the server's own shop (Ko-fi, Shopify), as the server's merch revenue; a
 *   refund takes it back out the same way;
 * - each racer's entry (`race-ledger:<move>`) moves a racer's earnings: a credit from the merch revenue to what
 *   is payable to the racer (a reversal back), a payout from it to the payout being sent (an
 *   undone payout back);
 * - a payout sent by Stripe transfer, or recorded as paid by hand, empties what was being sent.
 */
import { entryOf, post, type JournalEntry, type Posting } from '../../journal';
import type { SaleRecord } from './sale';
import type { LedgerKind, Payout, RacerLine } from './wallet';

/** Where a sale's money is: the platform's Stripe balance, or the server's shop. */
const inflow = (sale: Pick<SaleRecord, 'shop'>, amountCents: number): Posting =>
  sale.shop === 'stripe' ? post.stripe(amountCents) : post.to('shop-balance', amountCents);

const head = (entryId: string, kind: JournalEntry['kind'], at: string, guildId: string, currency: string, stripeId?: string) => ({
  entryId,
  kind,
  at,
  guildId,
  currency,
  ...(stripeId ? { stripeId } : {}),
});

/** The sale's money coming in. A Stripe sale names its charge, the line it is on Stripe's balance. */
export function saleEntry(
  sale: Pick<SaleRecord, 'saleKey' | 'shop' | 'guildId' | 'amountCents' | 'currency' | 'paidAt' | 'chargeId'>,
): JournalEntry | undefined {
  return entryOf(head(`merch-sale:${sale.saleKey}`, 'merch-sale', sale.paidAt, sale.guildId, sale.currency, sale.chargeId), [
    inflow(sale, sale.amountCents),
    post.to('merch-revenue', -sale.amountCents),
  ]);
}

/** The sale's refunded total moving from `fromCents` to `toCents`: that much goes back to the buyer. */
export function saleRefundEntry(
  sale: Pick<SaleRecord, 'saleKey' | 'shop' | 'guildId' | 'currency' | 'chargeId'>,
  fromCents: number,
  toCents: number,
  at: string,
): JournalEntry | undefined {
  const moved = toCents - fromCents;
  // Stryker disable next-line EqualityOperator: at zero, `< 0` is equivalent: entryOf leaves out postings of zero and returns undefined for an entry that moves nothing (its flip `> 0`, which the tests kill, goes with it)
  if (moved <= 0) return undefined;
  return entryOf(head(`merch-refund:${sale.saleKey}:${fromCents}-${toCents}`, 'merch-refund', at, sale.guildId, sale.currency, sale.chargeId), [
    inflow(sale, -moved),
    post.to('merch-revenue', moved),
  ]);
}

/** Every racer's entry has its id under this prefix, then the move's id in the race's words. */
const racerPrefix = 'race-ledger:';

/**
 * A move of a racer's earnings (its amount is what it does to their pending balance). An earning
 * names its race and sale, so what each race earned is a fold of the journal (`racerEarningsByRace`).
 */
export function racerEntry(
  entry: Pick<RacerLine, 'entryId' | 'guildId' | 'racerId' | 'kind' | 'amountCents' | 'currency' | 'at' | 'lobbyId' | 'saleKey'>,
): JournalEntry | undefined {
  const earning = entry.kind === 'credit' || entry.kind === 'reversal';
  return entryOf(
    {
      ...head(`${racerPrefix}${entry.entryId}`, earning ? 'racer-earning' : 'racer-payout', entry.at, entry.guildId, entry.currency),
      personId: entry.racerId,
      ...(earning && entry.lobbyId ? { lobbyId: entry.lobbyId } : {}),
      ...(earning && entry.saleKey ? { saleKey: entry.saleKey } : {}),
    },
    [post.racer(entry.racerId, -entry.amountCents), post.to(earning ? 'merch-revenue' : 'payout-clearing', entry.amountCents)],
  );
}

/**
 * A racer's entry read back as the line of their ledger (a page row, a CSV line); undefined for
 * an entry that moves no racer's account, or one that lost its racer's name (an erasure's).
 */
export function racerLineOf(entry: JournalEntry): RacerLine | undefined {
  if ((entry.kind !== 'racer-earning' && entry.kind !== 'racer-payout') || !entry.personId || !entry.entryId.startsWith(racerPrefix)) return undefined;
  const racerId = entry.personId;
  const amountCents = entry.postings.reduce((sum, p) => (p.account === 'racer-payable' && p.personId === racerId ? sum - p.amountCents : sum), 0);
  if (amountCents === 0) return undefined;
  // Stryker disable next-line EqualityOperator: amountCents is never 0 here (the line above returned), so `>` as `>=` and `<` as `<=` are equivalent (their flips, which the tests kill, go with them)
  const kind: LedgerKind = entry.kind === 'racer-earning' ? (amountCents > 0 ? 'credit' : 'reversal') : amountCents < 0 ? 'payout' : 'payout-reversal';
  const entryId = entry.entryId.slice(racerPrefix.length);
  // A payout's entries are `payout-<payout id>` and, undone, `payout-<payout id>-undone` (pay-racer).
  const payoutId = entry.kind === 'racer-payout' ? /^payout-(.+?)(?:-undone)?$/.exec(entryId)?.[1] : undefined;
  return {
    entryId,
    guildId: entry.guildId,
    racerId,
    kind,
    amountCents,
    currency: entry.currency,
    at: entry.at,
    ...(entry.lobbyId ? { lobbyId: entry.lobbyId } : {}),
    ...(entry.saleKey ? { saleKey: entry.saleKey } : {}),
    ...(payoutId ? { payoutId } : {}),
  };
}

/** A payout gone out: by Stripe transfer (its line on Stripe's balance), or paid by an admin by hand. */
export function payoutSentEntry(
  payout: Pick<Payout, 'payoutId' | 'guildId' | 'amountCents' | 'currency' | 'at'>,
  transferId?: string,
): JournalEntry | undefined {
  return entryOf(head(`racer-payout:${payout.payoutId}`, 'racer-payout', payout.at, payout.guildId, payout.currency, transferId), [
    post.to('payout-clearing', payout.amountCents),
    transferId ? post.stripe(-payout.amountCents) : post.to('paid-by-hand', -payout.amountCents),
  ]);
}

/**
 * What the journal says went back to a sale's buyer: its merch refunds' postings back to
 * the server's merch revenue. The sale record's `refundedCents` is a cached figure kept in
 * the same transaction (a refund's delta is read from it): equal to this fold for every refund
 * in the sale's currency, which the race ledger's property test holds.
 */
export function refundedOfSale(entries: readonly JournalEntry[], saleKey: string): number {
  const prefix = `merch-refund:${saleKey}:`;
  let sum = 0;
  for (const entry of entries) if (entry.entryId.startsWith(prefix)) for (const p of entry.postings) if (p.account === 'merch-revenue') sum += p.amountCents;
  return sum;
}

/**
 * What the journal says a sale's refunds took back from its racers: the reversals written
 * under each of its refunds' keys (`race-ledger:<refund key>-reversal-<seat>`), as a
 * positive amount. The sale record's `reversedCents` caches it, held equal by the same test.
 */
export function reversedOfSale(entries: readonly JournalEntry[], refundKeys: readonly string[]): number {
  const prefixes = refundKeys.map((key) => `race-ledger:${key}-reversal-`);
  let sum = 0;
  for (const entry of entries)
    if (prefixes.some((prefix) => entry.entryId.startsWith(prefix))) for (const p of entry.postings) if (p.account === 'racer-payable') sum += p.amountCents;
  return sum;
}
