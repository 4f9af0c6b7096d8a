/**
 * @module stripe/connect-fees
 * What Stripe bills a platform each month for the connected accounts whose fees it pays
 * (`controller.fees.payer` other than `account`, as C500 creates them), by Stripe's Connect
 * pricing (stripe.com/connect/pricing, "you handle pricing for your users"): $2 for each
 * account active in the month, where active means it received a payout that month; 0.25 % of
 * the volume paid out; 25¢ per payout. Stripe takes them from the platform's balance as
 * balance transactions of type `stripe_fee` (reporting category `fee`), one per fee and
 * currency, each described with the Connect fee and the period it is for. The local Stripe
 * bills every currency at those figures in its minor units (200 and 25 of them).
 */
import { balanceTransaction } from './ledger';
import type { LocalBalanceTransaction, LocalPayout } from './objects';

/** Stripe's Connect prices, in minor units and basis points. */
export const connectPricing = { activeAccountCents: 200, perPayoutCents: 25, volumeBasisPoints: 25 } as const;

/** A calendar month, `YYYY-MM`, as Stripe bills it (UTC). */
export type BillingMonth = { month: string; from: number; to: number; lastDay: string };

/** The month `YYYY-MM` as a range of Unix seconds `[from, to)`, or undefined when it is no such month. */
export function billingMonth(month: string): BillingMonth | undefined {
  const found = /^(\d{4})-(\d{2})$/.exec(month);
  if (!found) return undefined;
  const [year, index] = [Number(found[1]), Number(found[2]) - 1];
  if (index < 0 || index > 11 || year < 2000) return undefined;
  const from = Date.UTC(year, index, 1) / 1000;
  const to = Date.UTC(year, index + 1, 1) / 1000;
  return { month, from, to, lastDay: new Date((to - 1) * 1000).toISOString().slice(0, 10) };
}

/** The payouts of the accounts whose fees the platform pays, each with its account. */
export type BilledPayout = { account: string; payout: LocalPayout };

/** One fee of the month in one currency, before it becomes a line. */
export type ConnectFee = { kind: 'Active Account Billing' | 'Account Volume Billing' | 'Payouts Count Billing'; currency: string; amount: number };

/**
 * The month's Connect fees: the payouts that reached a bank in it (a failed one did not), per
 * currency, counted by account, by payout and by volume. An account paid out in two currencies
 * is active once, in the currency of its first payout.
 */
export function connectFeesOf(payouts: readonly BilledPayout[], month: BillingMonth): ConnectFee[] {
  const sent = payouts
    .filter(({ payout }) => payout.status === 'paid' && payout.created >= month.from && payout.created < month.to)
    .sort((a, b) => a.payout.created - b.payout.created);
  const currencies = [...new Set(sent.map(({ payout }) => payout.currency))].sort();
  const activeIn = new Map<string, string>();
  for (const { account, payout } of sent) if (!activeIn.has(account)) activeIn.set(account, payout.currency);
  return currencies.flatMap((currency): ConnectFee[] => {
    const inCurrency = sent.filter(({ payout }) => payout.currency === currency);
    const volume = inCurrency.reduce((sum, { payout }) => sum + payout.amount, 0);
    const active = [...activeIn.values()].filter((c) => c === currency).length;
    const fees: ConnectFee[] = [
      { kind: 'Active Account Billing', currency, amount: active * connectPricing.activeAccountCents },
      { kind: 'Account Volume Billing', currency, amount: Math.floor((volume * connectPricing.volumeBasisPoints + 5_000) / 10_000) },
      { kind: 'Payouts Count Billing', currency, amount: inCurrency.length * connectPricing.perPayoutCents },
    ];
    return fees.filter((fee) => fee.amount > 0);
  });
}

/** A fee as the platform's balance shows it: out, with no source object, named after the fee and its period. */
export function connectFeeLine(fee: ConnectFee, month: BillingMonth, now: number): LocalBalanceTransaction {
  return balanceTransaction({
    type: 'stripe_fee',
    category: 'fee',
    amount: -fee.amount,
    currency: fee.currency,
    source: null,
    description: `Connect (${month.month}-01 - ${month.lastDay}): ${fee.kind}`,
    now,
  });
}
