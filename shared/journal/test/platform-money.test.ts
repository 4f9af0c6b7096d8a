/**
 * The platform's own money at Stripe as entries (issue 75): its payouts, a payout its bank
 * sends back, and what Stripe bills it, each matched with the lines Stripe writes for them.
 */
import type { BalanceTransactionLine } from '../../ports';
import { platformGuildId } from '../rules/entry';
import { connectFeeEntries, platformMoneyOf, platformPayoutEntries } from '../rules/platform-money';
import { matchLedger } from '../rules/reconcile';

const line = (id: string, type: string, category: string, amountCents: number, sourceId?: string): BalanceTransactionLine => ({
  id,
  type,
  reportingCategory: category,
  amountCents,
  feeCents: 0,
  netCents: amountCents,
  currency: 'usd',
  created: 1_795_000_000,
  ...(sourceId ? { sourceId } : {}),
});
const payout = (failed: boolean) => ({ payoutId: 'po_1', amountCents: 12_000, currency: 'usd', created: 1_795_000_000, failed });

describe('the platform’s payout', () => {
  it('moves its amount from Stripe’s balance to the platform’s bank, in no server, keyed by the payout', () => {
    expect(platformPayoutEntries(payout(false))).toEqual([
      expect.objectContaining({
        entryId: 'payout:po_1',
        kind: 'platform-payout',
        guildId: platformGuildId,
        stripeId: 'po_1',
        postings: [
          { account: 'platform-bank', amountCents: 12_000 },
          { account: 'stripe-balance', amountCents: -12_000 },
        ],
      }),
    ]);
  });

  it('that failed returns its money to Stripe’s balance: out and back, the platform’s bank left as it was', () => {
    const entries = platformPayoutEntries(payout(true));
    expect(entries.map((e) => e.entryId)).toEqual(['payout:po_1', 'payout-returned:po_1']);
    expect(platformMoneyOf(entries, 'usd')).toEqual({ paidOutCents: 0, stripeBilledCents: 0 });
  });

  it('matches Stripe’s payout line, and its payout_failure line with the money back', () => {
    const out = line('txn_p', 'payout', 'payout', -12_000, 'po_1');
    const back = line('txn_f', 'payout_failure', 'payout_reversal', 12_000, 'po_1');
    expect(matchLedger([out], platformPayoutEntries(payout(false)), 'all')).toMatchObject({ matched: 1, unexplained: [] });
    expect(matchLedger([out, back], platformPayoutEntries(payout(true)), 'all')).toMatchObject({ matched: 2, unexplained: [] });
    expect(matchLedger([out, back], platformPayoutEntries(payout(false)), 'all').unexplained).toEqual([
      expect.objectContaining({ group: 'payout:po_1', stripeCents: 0, journalCents: -12_000, types: ['payout', 'payout_failure'] }),
    ]);
  });
});

describe('what Stripe bills the platform', () => {
  const bill = line('txn_c', 'stripe_fee', 'fee', -200);

  it('is one connect-fee entry per stripe_fee line, a cost out of Stripe’s balance, recorded once', () => {
    const [entry] = connectFeeEntries([bill, line('txn_x', 'charge', 'charge', 5_000, 'ch_1')], new Set());
    expect(entry).toMatchObject({ entryId: 'connect-fee:txn_c', kind: 'connect-fee', guildId: platformGuildId, stripeId: 'txn_c' });
    expect(platformMoneyOf(entry ? [entry] : [], 'usd')).toEqual({ paidOutCents: 0, stripeBilledCents: 200 });
    expect(connectFeeEntries([bill], new Set(['connect-fee:txn_c']))).toEqual([]);
  });

  it('matches its line; without its entry the line is unexplained with its type', () => {
    expect(matchLedger([bill], connectFeeEntries([bill], new Set()), 'all')).toMatchObject({ matched: 1, unexplained: [] });
    expect(matchLedger([bill], [], 'all').unexplained).toEqual([expect.objectContaining({ side: 'stripe', group: 'line:txn_c', types: ['stripe_fee'] })]);
  });
});

describe('a line of a type C500 never causes', () => {
  it('is reported unexplained with its type and why C500 has no entry for it', () => {
    const held = line('txn_r', 'reserve_hold', 'risk_reserved_funds', -5_000);
    expect(matchLedger([held], [], 'all').unexplained).toEqual([
      expect.objectContaining({
        side: 'stripe',
        stripeCents: -5_000,
        types: ['reserve_hold'],
        why: expect.stringContaining('reserve_hold: funds Stripe put in reserve'),
      }),
    ]);
  });
});
