/**
 * @module ledger
 * The arithmetic of a debt account, as values: what an entry does to what is owed, what a
 * release nets, and whether a payment recorded outside C500 may be. Never below zero.
 */
import { amountStep } from '../../common';
import { raisingKinds, type DebtEntryKind } from './debt';

/** What is owed after an entry: raised, or lowered no further than zero. */
export function owedAfter(owedCents: number, kind: DebtEntryKind, amountCents: number): number {
  return raisingKinds.has(kind) ? owedCents + amountCents : Math.max(0, owedCents - amountCents);
}

/** The account's balance from its entries, in the order they were written. */
export function owedFrom(entries: ReadonlyArray<{ kind: DebtEntryKind; amountCents: number }>): number {
  return entries.reduce((owed, e) => owedAfter(owed, e.kind, e.amountCents), 0);
}

/**
 * What a release of `dueCents` sends and what it nets: as much of the debt as the release
 * holds, in the account's own currency only, always leaving one step of the currency to send.
 * A release is a transfer the order's later refunds and disputes reverse from, and Stripe
 * makes no transfer of nothing, so the last step goes out and the rest of the debt waits for
 * the next release. Netted in whole steps: Stripe takes a three-decimal currency (KWD, BHD…)
 * only in tens of its minor unit, so a 1-fils transfer would be refused.
 */
export function netRelease(
  owed: { owedCents: number; currency: string } | undefined,
  dueCents: number,
  currency: string,
): { sendCents: number; nettedCents: number } {
  const due = Math.max(0, dueCents);
  const step = amountStep(currency);
  const most = owed && owed.currency === currency.toLowerCase() ? Math.max(0, Math.min(owed.owedCents, due - step)) : 0;
  const netted = most - (most % step);
  return { sendCents: due - netted, nettedCents: netted };
}

export type PaidOutsideRefusal = 'not-positive' | 'above-debt' | 'no-debt';

/** A payment an admin records outside C500: more than nothing, and no more than what is owed. */
export function checkPaidOutside(owedCents: number | undefined, amountCents: number): PaidOutsideRefusal | undefined {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return 'not-positive';
  if (!owedCents || owedCents <= 0) return 'no-debt';
  return amountCents > owedCents ? 'above-debt' : undefined;
}

/** How each kind reads to the person and the admins. */
export const entryLabels: Readonly<Record<DebtEntryKind, string>> = {
  'refused-reversal': 'refund or dispute Stripe could not take back',
  'loss-after-payout': 'refunded after it was paid out',
  netted: 'taken from a release',
  'netting-undone': 'release refused: given back',
  'paid-outside': 'paid outside C500',
  forgiven: 'dispute won: forgiven',
};
