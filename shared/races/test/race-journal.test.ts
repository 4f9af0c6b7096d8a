import { unbalanced } from '../../journal';
import { payoutSentEntry, racerEntry, saleEntry, saleRefundEntry } from '../rules/race-journal';

const sale = {
  saleKey: 'stripe-cs_1',
  shop: 'stripe' as const,
  guildId: 'g',
  amountCents: 5_000,
  currency: 'usd',
  paidAt: '2026-11-27T12:00:00.000Z',
  chargeId: 'ch_1',
};
const racer = '830000000000000001';
const accounts = (entry: ReturnType<typeof saleEntry>) =>
  Object.fromEntries((entry?.postings ?? []).map((p) => [p.personId ? `${p.account}:${p.personId}` : p.account, p.amountCents]));

describe('race money in the journal', () => {
  it('brings a Payment Link’s sale into Stripe’s balance under its charge, and a shop’s into the shop’s balance', () => {
    expect(saleEntry(sale)).toMatchObject({ entryId: 'merch-sale:stripe-cs_1', kind: 'merch-sale', stripeId: 'ch_1' });
    expect(accounts(saleEntry(sale))).toEqual({ 'stripe-balance': 5_000, 'merch-revenue': -5_000 });
    const kofi = { ...sale, saleKey: 'kofi-1', shop: 'kofi' as const, chargeId: undefined };
    expect(accounts(saleEntry(kofi))).toEqual({ 'shop-balance': 5_000, 'merch-revenue': -5_000 });
    expect(saleEntry(kofi)?.stripeId).toBeUndefined();
  });

  it('takes a refund back out by what the refunded total moved, once per step, and nothing when it did not move', () => {
    expect(accounts(saleRefundEntry(sale, 0, 1_250, sale.paidAt))).toEqual({ 'stripe-balance': -1_250, 'merch-revenue': 1_250 });
    expect(saleRefundEntry(sale, 1_250, 5_000, sale.paidAt)?.entryId).toBe('merch-refund:stripe-cs_1:1250-5000');
    expect(saleRefundEntry(sale, 1_250, 1_250, sale.paidAt)).toBeUndefined();
    expect(saleRefundEntry(sale, 1_250, 1_000, sale.paidAt)).toBeUndefined();
  });

  it('moves a racer’s credit from the merch revenue to what is payable to them, and a payout from there to the payout being sent', () => {
    const ledger = { entryId: 'stripe-cs_1-credit-r', guildId: 'g', racerId: racer, currency: 'usd', at: sale.paidAt };
    expect(accounts(racerEntry({ ...ledger, kind: 'credit', amountCents: 500 }))).toEqual({ [`racer-payable:${racer}`]: -500, 'merch-revenue': 500 });
    expect(accounts(racerEntry({ ...ledger, kind: 'reversal', amountCents: -125 }))).toEqual({ [`racer-payable:${racer}`]: 125, 'merch-revenue': -125 });
    expect(accounts(racerEntry({ ...ledger, kind: 'payout', amountCents: -300 }))).toEqual({ [`racer-payable:${racer}`]: 300, 'payout-clearing': -300 });
    expect(accounts(racerEntry({ ...ledger, kind: 'payout-reversal', amountCents: 300 }))).toEqual({
      [`racer-payable:${racer}`]: -300,
      'payout-clearing': 300,
    });
  });

  it('sends a payout out of Stripe’s balance under its transfer, or out by hand, and every entry balances', () => {
    const payout = { payoutId: 'p1', guildId: 'g', amountCents: 300, currency: 'usd', at: sale.paidAt };
    expect(payoutSentEntry(payout, 'tr_1')).toMatchObject({ stripeId: 'tr_1' });
    expect(accounts(payoutSentEntry(payout, 'tr_1'))).toEqual({ 'payout-clearing': 300, 'stripe-balance': -300 });
    expect(accounts(payoutSentEntry(payout))).toEqual({ 'payout-clearing': 300, 'paid-by-hand': -300 });
    const all = [saleEntry(sale), saleRefundEntry(sale, 0, 10, sale.paidAt), payoutSentEntry(payout), payoutSentEntry(payout, 'tr_1')];
    expect(unbalanced(all.flatMap((e) => (e ? [e] : [])))).toEqual([]);
  });
});
