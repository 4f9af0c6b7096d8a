/**
 * @module platform-money
 * The platform's own money at Stripe, beside its servers' orders (issue 75): its payouts to its
 * bank, and what Stripe bills it. A payout is recorded from Stripe's events about it, a bill
 * from the `stripe_fee` lines the daily reconciliation reads; both belong to no server
 * (`platformGuildId`). Paying out moves money, it earns or loses none; a bill is a cost, and
 * counts in the platform's net.
 */
import type { BalanceTransactionLine } from '../../ports';
import { entryOf, platformGuildId, post, type JournalEntry } from './entry';
import { sumOf } from './fold';

/** A platform payout as its event carries it (Stripe's Payout). */
export interface PlatformPayout {
  payoutId: string;
  amountCents: number;
  currency: string;
  /** Unix seconds. */
  created: number;
  /** Stripe's status on the event: `failed` when the bank sent it back (or Stripe could not send it). */
  failed: boolean;
}

/**
 * A payout's entries: the money out of Stripe's balance to the platform's bank, and, when the
 * payout failed, the same money back (`payout-returned`). Keyed by the payout, so the payout's
 * created, paid and failed events, in any order and again, write each once.
 */
export function platformPayoutEntries(payout: PlatformPayout): JournalEntry[] {
  const at = new Date(payout.created * 1000).toISOString();
  const head = { guildId: platformGuildId, currency: payout.currency, stripeId: payout.payoutId, at };
  const out = entryOf({ ...head, entryId: `payout:${payout.payoutId}`, kind: 'platform-payout' }, [
    post.to('platform-bank', payout.amountCents),
    post.stripe(-payout.amountCents),
  ]);
  const back = payout.failed
    ? entryOf({ ...head, entryId: `payout-returned:${payout.payoutId}`, kind: 'payout-returned' }, [
        post.stripe(payout.amountCents),
        post.to('platform-bank', -payout.amountCents),
      ])
    : undefined;
  return [out, back].filter((e): e is JournalEntry => e !== undefined);
}

/** What Stripe billed the platform (`stripe_fee` lines: Connect's monthly fees), one entry per line not recorded yet. */
export function connectFeeEntries(lines: readonly BalanceTransactionLine[], recorded: ReadonlySet<string>): JournalEntry[] {
  return lines.flatMap((line) => {
    if (line.type !== 'stripe_fee' || recorded.has(`connect-fee:${line.id}`)) return [];
    const entry = entryOf(
      {
        entryId: `connect-fee:${line.id}`,
        kind: 'connect-fee',
        at: new Date(line.created * 1000).toISOString(),
        guildId: platformGuildId,
        currency: line.currency,
        stripeId: line.id,
      },
      // A bill takes money from the balance (amount below zero); a credit of one gives it back.
      [post.to('connect-fees', -line.amountCents), post.stripe(line.amountCents)],
    );
    return entry ? [entry] : [];
  });
}

/** The platform's own figures in one currency: what it paid out to its bank (less what came back), and what Stripe billed it. */
export function platformMoneyOf(entries: readonly JournalEntry[], currency: string): { paidOutCents: number; stripeBilledCents: number } {
  return {
    paidOutCents: sumOf(entries, currency, (p) => p.account === 'platform-bank'),
    stripeBilledCents: sumOf(entries, currency, (p) => p.account === 'connect-fees'),
  };
}
