import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { minorUnitsOf, type JsonObject } from '../../common';
import { shopifyEventOf } from '../rules/shopify-sale';
import { shopifyOrder, shopifyRefund } from '../../../test/support/shops';

const guildId = '910000000000000001';
const webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
const refundTx = (overrides: Record<string, unknown> = {}) => ({
  id: 700_000_002,
  amount: '5.00',
  kind: 'refund',
  status: 'success',
  currency: 'USD',
  ...overrides,
});

describe('a Shopify orders/paid delivery', () => {
  it('is a sale of the order total, named by the order, paid when it was last updated', () => {
    expect(shopifyEventOf('orders/paid', shopifyOrder(), webhookId, guildId)).toEqual({
      kind: 'sale',
      shop: 'shopify',
      guildId,
      saleId: '5000000001',
      eventId: webhookId,
      amountCents: 4200,
      currency: 'usd',
      paidAt: '2026-11-22T13:04:30.000Z',
      description: 'Shopify order #1001',
    });
  });

  it('takes the processed time, then the created time, when the order has no update time', () => {
    const processed = shopifyOrder({ updated_at: undefined, processed_at: '2026-11-22T08:01:00-05:00' });
    expect(shopifyEventOf('orders/paid', processed, webhookId, guildId)).toMatchObject({ paidAt: '2026-11-22T13:01:00.000Z' });
    const createdOnly = shopifyOrder({ updated_at: undefined, processed_at: undefined, created_at: '2026-11-22T12:00:00Z' });
    expect(shopifyEventOf('orders/paid', createdOnly, webhookId, guildId)).toMatchObject({ paidAt: '2026-11-22T12:00:00.000Z' });
  });

  it('is a sale when the order carries no financial status', () => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ financial_status: undefined }), webhookId, guildId)).toMatchObject({ kind: 'sale' });
  });

  it.each(['pending', 'authorized', 'partially_paid', 'refunded', 'voided'])('is not a sale when the financial status is %s', (status) => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ financial_status: status }), webhookId, guildId)).toBeUndefined();
  });

  it.each(['12.345', '-1', '0.00', '', 'free', null])('is not a sale when the total is %p', (total) => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ total_price: total }), webhookId, guildId)).toBeUndefined();
  });

  it.each([
    ['id', undefined],
    ['id', -1],
    ['id', 1.5],
    ['currency', undefined],
    ['currency', 'dollars'],
    ['updated_at', 'Sunday'],
  ])('is not a sale when %s is %p and nothing else stands in', (field, value) => {
    const order = shopifyOrder({ [field]: value, ...(field === 'updated_at' ? { processed_at: undefined, created_at: undefined } : {}) });
    expect(shopifyEventOf('orders/paid', order, webhookId, guildId)).toBeUndefined();
  });
});

describe('a Shopify refunds/create delivery', () => {
  it('is a refund of the order, by the refund id, for its successful refund transactions', () => {
    expect(shopifyEventOf('refunds/create', shopifyRefund(), webhookId, guildId)).toEqual({
      kind: 'refund',
      shop: 'shopify',
      guildId,
      saleId: '5000000001',
      refundId: '900000001',
      eventId: webhookId,
      currency: 'usd',
      refundedAt: '2026-11-22T14:00:00.000Z',
      amountCents: 500,
    });
  });

  it('adds up several successful refund transactions and skips failed ones and other kinds', () => {
    const transactions = [
      refundTx({ amount: '5.00' }),
      refundTx({ amount: '2.50' }),
      refundTx({ amount: '9.00', status: 'failure' }),
      refundTx({ amount: '1.00', kind: 'sale' }),
    ];
    expect(shopifyEventOf('refunds/create', shopifyRefund({ transactions }), webhookId, guildId)).toMatchObject({ amountCents: 750 });
  });

  it('is not a refund when no money went back', () => {
    expect(shopifyEventOf('refunds/create', shopifyRefund({ transactions: [] }), webhookId, guildId)).toBeUndefined();
    expect(shopifyEventOf('refunds/create', shopifyRefund({ transactions: [refundTx({ status: 'pending' })] }), webhookId, guildId)).toBeUndefined();
  });

  it('is not a refund when a counted amount is malformed', () => {
    for (const amount of ['12.345', '-1', 'five']) {
      expect(shopifyEventOf('refunds/create', shopifyRefund({ transactions: [refundTx(), refundTx({ amount })] }), webhookId, guildId)).toBeUndefined();
    }
  });

  it('is not a refund when its transactions name different currencies', () => {
    expect(shopifyEventOf('refunds/create', shopifyRefund({ transactions: [refundTx(), refundTx({ currency: 'CAD' })] }), webhookId, guildId)).toBeUndefined();
  });

  it.each(['id', 'order_id', 'created_at', 'transactions'])('is not a refund without %s', (field) => {
    expect(shopifyEventOf('refunds/create', shopifyRefund({ [field]: undefined }), webhookId, guildId)).toBeUndefined();
  });
});

describe('a Shopify refund as the shop counts it', () => {
  const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'shopify', name), 'utf8')) as JsonObject;

  it('reads Shopify’s own sample refund from its line items in the shop’s currency', () => {
    expect(shopifyEventOf('refunds/create', fixture('refunds-create.json'), 'w-sample', 'g1')).toMatchObject({
      kind: 'refund',
      saleId: expect.stringMatching(/^82098291194615\d{4}$/),
      amountCents: 19_900,
      currency: 'usd',
    });
  });

  it('reads a Shopify Markets refund in the shop’s currency, shipping included, not the buyer’s CAD transactions', () => {
    // $36.00 + $4.68 tax + $5.00 shipping refunded, as USD: the CAD transaction (62.82) is the same money in the buyer's currency.
    expect(shopifyEventOf('refunds/create', fixture('refunds-create.markets.json'), 'w-markets', 'g1')).toMatchObject({
      kind: 'refund',
      amountCents: 4_568,
      currency: 'usd',
    });
  });

  it('takes a refund for less than its lines, by a positive adjustment, at what was refunded', () => {
    const refund = fixture('refunds-create.json');
    refund.order_adjustments = [
      {
        kind: 'refund_discrepancy',
        amount: '49.00',
        amount_set: { shop_money: { amount: '49.00', currency_code: 'USD' }, presentment_money: { amount: '49.00', currency_code: 'USD' } },
      },
    ];
    expect(shopifyEventOf('refunds/create', refund, 'w-less', 'g1')).toMatchObject({ amountCents: 15_000, currency: 'usd' });
  });

  it('falls back to the transactions when the refund lists no lines or adjustments', () => {
    expect(shopifyEventOf('refunds/create', shopifyRefund(), 'w-tx', 'g1')).toMatchObject({ amountCents: 500, currency: 'usd' });
  });
});

describe('other Shopify topics', () => {
  it.each(['orders/create', 'orders/updated', 'orders/cancelled', 'app/uninstalled', '', undefined])('reads %p as no event', (topic) => {
    expect(shopifyEventOf(topic, shopifyOrder(), webhookId, guildId)).toBeUndefined();
  });
});

describe('reading shop amounts as minor units', () => {
  it('reads back every whole number of cents written with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (cents) => minorUnitsOf((cents / 100).toFixed(2), 'usd') === cents),
      { numRuns: 2000 },
    );
  });

  it('reads yen as whole units, with or without the zeros a shop may add, and refuses a fraction of one', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), (yen) => minorUnitsOf(String(yen), 'jpy') === yen && minorUnitsOf(`${yen}.00`, 'jpy') === yen));
    expect(minorUnitsOf('2400.50', 'jpy')).toBeUndefined();
    expect(minorUnitsOf('1.250', 'kwd')).toBe(1_250);
  });
});
