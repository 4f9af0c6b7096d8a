/**
 * The platform's result read from its Stripe ledger: lines shaped as stripe-node's
 * `BalanceTransaction` (through the adapter's `ledgerLine`), matched to orders by the ids the
 * orders record, summed per order, show and month, to the cent.
 */
import fc from 'fast-check';
import type Stripe from 'stripe';
import { ledgerLine } from '../../adapters/stripe/stripe-payments';
import { platformResults, spreadByWeight, type LedgerOrder } from '../rules/platform-result';
import { anOrder } from '../../../test/support/orders';

const nov = Date.parse('2026-11-22T12:00:00Z') / 1000;
const dec = Date.parse('2026-12-02T12:00:00Z') / 1000;

/** A balance transaction as Stripe lists it (`GET /v1/balance_transactions`). */
function txn(
  id: string,
  fields: Partial<Stripe.BalanceTransaction> & Pick<Stripe.BalanceTransaction, 'amount' | 'type' | 'reporting_category'>,
): Stripe.BalanceTransaction {
  const fee = fields.fee ?? 0;
  return {
    id,
    object: 'balance_transaction',
    available_on: nov,
    balance_type: 'payments',
    created: nov,
    currency: 'usd',
    description: null,
    exchange_rate: null,
    fee,
    fee_details: fee ? [{ amount: fee, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: fields.amount - fee,
    source: null,
    status: 'available',
    ...fields,
  };
}

/** A $100 item with $8 shipping, 10 % fee: the builder is sent 9,000 + 800. */
const order = (fields: Partial<LedgerOrder> = {}): LedgerOrder =>
  anOrder({
    orderId: 'o1',
    amountCents: 10_000,
    shippingCents: 800,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    chargeId: 'ch_1',
    paymentIntentId: 'pi_1',
    paidAt: '2026-11-22T12:00:00Z',
    payouts: { builder: { transferId: 'tr_1', releasedCents: 9_800 } },
    ...fields,
  });
// Stripe's 2.9 % + 30¢ on the 10,800 charged: 343.
const charge = txn('txn_c', { amount: 10_800, fee: 343, type: 'charge', reporting_category: 'charge', source: 'ch_1' });
const transfer = txn('txn_t', { amount: -9_800, type: 'transfer', reporting_category: 'transfer', source: 'tr_1' });

describe('the platform’s result from its Stripe ledger', () => {
  it('leaves the platform its fee less Stripe’s on a released order with shipping: 1,000 − 343 = 657', () => {
    const results = platformResults([charge, transfer].map(ledgerLine), [order()], 'usd');
    expect(results.orders).toEqual([
      {
        orderId: 'o1',
        month: '2026-11',
        result: expect.objectContaining({ applicationFeeCents: 1_000, processingFeeCents: 343, refundFeeKeptCents: 0, disputeFeeCents: 0, netCents: 657 }),
      },
    ]);
    expect(results.total.netCents).toBe(657);
    expect(results.unmatchedLines).toBe(0);
  });

  it('counts a full refund after release, its reversal found by the transfer its expanded source names: the platform is out Stripe’s kept fee', () => {
    const refund = txn('txn_r', {
      amount: -10_800,
      type: 'refund',
      reporting_category: 'refund',
      source: { id: 're_1', object: 'refund', charge: 'ch_1' } as unknown as Stripe.Refund,
    });
    const reversal = txn('txn_v', {
      amount: 9_800,
      type: 'transfer_refund',
      reporting_category: 'transfer_reversal',
      source: { id: 'trr_1', object: 'transfer_reversal', transfer: 'tr_1' } as unknown as Stripe.TransferReversal,
    });
    const { orders } = platformResults([charge, transfer, refund, reversal].map(ledgerLine), [order()], 'usd');
    expect(orders[0]?.result).toMatchObject({ applicationFeeCents: 0, processingFeeCents: 343, refundFeeKeptCents: 343, netCents: -343 });
  });

  it('counts a lost dispute’s amount and Stripe’s 1,500 fee, and the debt the order records, per show and per month', () => {
    const dispute = txn('txn_d', { amount: -10_800, fee: 1_500, type: 'adjustment', reporting_category: 'dispute', source: 'dp_1', created: dec });
    const lot = order({
      showId: 'show0001',
      dispute: {
        disputeId: 'dp_1',
        state: 'lost',
        amountCents: 10_800,
        reason: 'fraudulent',
        openedAt: 'x',
        parts: { builder: { reversedCents: 0, debtCents: 9_800 } },
      },
    });
    const results = platformResults([charge, transfer, dispute].map(ledgerLine), [lot], 'usd');
    expect(results.orders[0]?.result).toMatchObject({ disputeFeeCents: 1_500, disputeLossCents: 10_800, debtOutstandingCents: 9_800, netCents: 657 - 12_300 });
    expect(results.shows).toEqual([{ showId: 'show0001', result: results.orders[0]?.result }]);
    expect(results.months.map((m) => [m.month, m.result.netCents])).toEqual([
      ['2026-11', 657],
      ['2026-12', -12_300],
    ]);
  });

  it('spreads a show checkout’s one charge over its lots by what each was charged, to the cent', () => {
    const a = order({ orderId: 'lotaaaaa', amountCents: 20_000, shippingCents: 0, payouts: { builder: {} } });
    const b = order({ orderId: 'lotbbbbb', amountCents: 10_000, shippingCents: 0, payouts: { builder: {} } });
    const both = txn('txn_c', { amount: 30_000, fee: 900, type: 'charge', reporting_category: 'charge', source: 'ch_1' });
    const results = platformResults([ledgerLine(both)], [a, b], 'usd');
    expect(results.orders.map((o) => [o.orderId, o.result.processingFeeCents, o.result.netCents])).toEqual([
      ['lotaaaaa', 600, 19_400],
      ['lotbbbbb', 300, 9_700],
    ]);
  });

  it('leaves out lines of no order and of another currency', () => {
    const payout = txn('txn_p', { amount: -50_000, type: 'payout', reporting_category: 'payout', source: 'po_1' });
    const euro = txn('txn_e', { ...charge, id: 'txn_e', currency: 'eur' });
    const results = platformResults([charge, payout, euro].map(ledgerLine), [order({ payouts: { builder: {} } })], 'usd');
    expect(results.unmatchedLines).toBe(2);
    expect(results.total.netCents).toBe(10_457);
  });

  it('spreads any amount over any weights to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        (amount, weights) => {
          const parts = spreadByWeight(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          const total = weights.reduce((s, w) => s + w, 0);
          if (total > 0) parts.forEach((p, i) => expect(Math.abs(p - (amount * (weights[i] ?? 0)) / total)).toBeLessThan(1));
        },
      ),
    );
  });
});
