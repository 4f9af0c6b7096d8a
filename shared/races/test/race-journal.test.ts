import { unbalanced } from '../../journal';
import { payoutSentEntry, racerEntry, refundedOfSale, reversedOfSale, saleEntry, saleRefundEntry } from '../rules/race-journal';

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

describe('a sale’s refunds read back from the journal', () => {
  const other = { ...sale, saleKey: 'stripe-cs_10' };
  const ledger = (entryId: string, racerId: string, amountCents: number) =>
    racerEntry({ entryId, guildId: 'g', racerId, kind: amountCents < 0 ? 'reversal' : 'credit', amountCents, currency: 'usd', at: sale.paidAt });
  const entries = [
    saleEntry(sale),
    saleRefundEntry(sale, 0, 1_250, sale.paidAt),
    saleRefundEntry(sale, 1_250, 2_000, sale.paidAt),
    // Another sale whose key starts like this one's: not this sale's refund.
    saleRefundEntry(other, 0, 700, sale.paidAt),
    ledger('stripe-cs_1-credit-r', racer, 500),
    ledger('stripe-re_1-reversal-830000000000000001', racer, -125),
    ledger('stripe-re_2-reversal-830000000000000002', '830000000000000002', -75),
    ledger('stripe-re_9-reversal-830000000000000001', racer, -40),
  ].flatMap((e) => (e ? [e] : []));

  it('adds what went back to the buyer over every step of the sale’s refunded total, and nothing of another sale', () => {
    expect(refundedOfSale(entries, 'stripe-cs_1')).toBe(2_000);
    expect(refundedOfSale(entries, 'stripe-cs_10')).toBe(700);
    expect(refundedOfSale(entries, 'stripe-cs_2')).toBe(0);
  });

  it('adds what the sale’s own refunds took back from its racers, whoever they are, and no credit or other refund', () => {
    expect(reversedOfSale(entries, ['stripe-re_1', 'stripe-re_2'])).toBe(200);
    expect(reversedOfSale(entries, ['stripe-re_9'])).toBe(40);
    expect(reversedOfSale(entries, [])).toBe(0);
  });
});
