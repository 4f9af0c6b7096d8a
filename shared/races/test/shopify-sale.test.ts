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

describe('a Shopify order, read field by field', () => {
  it.each([
    ['no name', undefined],
    ['an empty name', ''],
    ['a numeric name', 1001],
  ])('is named by its id when it has %s', (_, name) => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ name }), webhookId, guildId)).toMatchObject({ description: 'Shopify order #5000000001' });
  });

  it('keeps a shop’s own order name', () => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ name: 'EU-2042' }), webhookId, guildId)).toMatchObject({ description: 'Shopify order EU-2042' });
  });

  it('reads a yen total in whole units and refuses a fraction of a yen', () => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ currency: 'JPY', total_price: '2400' }), webhookId, guildId)).toMatchObject({
      amountCents: 2400,
      currency: 'jpy',
    });
    expect(shopifyEventOf('orders/paid', shopifyOrder({ currency: 'JPY', total_price: '2400.50' }), webhookId, guildId)).toBeUndefined();
  });

  it('reads a dinar total to the fils', () => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ currency: 'KWD', total_price: '12.345' }), webhookId, guildId)).toMatchObject({
      amountCents: 12_345,
      currency: 'kwd',
    });
  });

  it.each([
    ['a string of digits', '5000000001', '5000000001'],
    ['twenty digits as text', '99999999999999999999', '99999999999999999999'],
    ['a number past 2^53, as JSON.parse rounded it', JSON.parse('820982911946154508') as number, '820982911946154496'],
    ['the largest number below 10^20', 1e20 - 16_384, '99999999999999983616'],
  ])('takes an order id written as %s', (_, id, saleId) => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ id }), webhookId, guildId)).toMatchObject({ saleId });
  });

  it.each([
    ['zero', 0],
    ['10^20', 1e20],
    ['an empty string', ''],
    ['21 digits as text', '100000000000000000000'],
    ['digits after a letter', 'x5000000001'],
    ['digits before a letter', '5000000001x'],
    ['a negative number as text', '-5000000001'],
    ['a gid', 'gid://shopify/Order/5000000001'],
    ['a list of digits', [5000000001]],
    ['true', true],
  ])('refuses an order id that is %s', (_, id) => {
    expect(shopifyEventOf('orders/paid', shopifyOrder({ id }), webhookId, guildId)).toBeUndefined();
  });

  it.each(['orders/create', 'orders/updated', 'refunds/updated'])('reads a refund body delivered as %s as no event', (topic) => {
    expect(shopifyEventOf(topic, shopifyRefund(), webhookId, guildId)).toBeUndefined();
  });
});

/** `{ shop_money, presentment_money }` as Shopify writes it: amounts as decimal strings. */
function moneySet(amount: unknown, currency = 'USD', presentment: { amount: string; currency: string } = { amount: String(amount), currency }) {
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount: presentment.amount, currency_code: presentment.currency } };
}
const refundLine = (subtotal: unknown, tax: unknown = '0.00', currency = 'USD') => ({
  id: 104_689_539,
  quantity: 1,
  line_item_id: 703_073_504,
  restock_type: 'return',
  subtotal: Number(subtotal),
  total_tax: Number(tax),
  subtotal_set: moneySet(subtotal, currency),
  total_tax_set: moneySet(tax, currency),
});
const adjustment = (kind: string, amount: unknown, tax: unknown = '0.00', currency = 'USD') => ({
  id: 1_030_976_842,
  kind,
  reason: kind === 'shipping_refund' ? 'Shipping refund' : 'Refund discrepancy',
  amount: String(amount),
  tax_amount: String(tax),
  amount_set: moneySet(amount, currency),
  tax_amount_set: moneySet(tax, currency),
});
/** A refund of `shopifyOrder()` with line items and adjustments; its one transaction is $7.77, so a fallback to it shows. */
const shopRefund = (refund_line_items: unknown[], order_adjustments: unknown[] = [], transactions: unknown[] = [refundTx({ amount: '7.77' })]) =>
  shopifyRefund({ refund_line_items, order_adjustments, transactions });
const refunded = (body: Record<string, unknown>) => shopifyEventOf('refunds/create', body, webhookId, guildId);

describe('a Shopify refund’s lines and adjustments in the shop’s money', () => {
  it('adds each line’s subtotal and tax', () => {
    expect(refunded(shopRefund([refundLine('36.00', '4.68'), refundLine('10.00', '1.30')]))).toMatchObject({ amountCents: 5_198, currency: 'usd' });
  });

  it('adds a refunded shipping charge, its tax included, written as a negative adjustment', () => {
    expect(refunded(shopRefund([refundLine('36.00', '4.68')], [adjustment('shipping_refund', '-5.00', '-0.65')]))).toMatchObject({ amountCents: 4_633 });
  });

  it('takes off a positive adjustment and its tax when less was refunded than the lines', () => {
    expect(refunded(shopRefund([refundLine('36.00', '4.68')], [adjustment('refund_discrepancy', '10.00', '1.30')]))).toMatchObject({ amountCents: 2_938 });
  });

  it('reads the shop’s money, not the buyer’s, on a Markets refund', () => {
    const line = { ...refundLine('36.00', '4.68'), subtotal_set: moneySet('36.00', 'USD', { amount: '49.50', currency: 'CAD' }) };
    expect(refunded(shopRefund([line], [], [refundTx({ amount: '62.82', currency: 'CAD' })]))).toMatchObject({ amountCents: 4_068, currency: 'usd' });
  });

  it('reads yen lines in whole units', () => {
    expect(refunded(shopRefund([refundLine('2400', '240', 'JPY')]))).toMatchObject({ amountCents: 2_640, currency: 'jpy' });
  });

  it('reads dinar lines to the fils', () => {
    expect(refunded(shopRefund([refundLine('12.345', '0.617', 'KWD')]))).toMatchObject({ amountCents: 12_962, currency: 'kwd' });
  });

  it('reads amounts written as JSON numbers, a negative one included', () => {
    expect(refunded(shopRefund([refundLine(36, 4.68)], [adjustment('shipping_refund', -5)]))).toMatchObject({ amountCents: 4_568 });
  });

  it('reads a negative amount with spaces around it', () => {
    expect(refunded(shopRefund([refundLine('36.00')], [adjustment('shipping_refund', ' -5.00 ')]))).toMatchObject({ amountCents: 4_100 });
  });

  it('counts a line whose tax set is null or missing as untaxed', () => {
    expect(refunded(shopRefund([{ ...refundLine('36.00'), total_tax_set: null }]))).toMatchObject({ amountCents: 3_600 });
    expect(refunded(shopRefund([{ ...refundLine('36.00'), total_tax_set: undefined }]))).toMatchObject({ amountCents: 3_600 });
  });

  it('skips entries of the lists that are not objects', () => {
    expect(refunded(shopRefund([null, 'line', refundLine('36.00')], [null, 7]))).toMatchObject({ amountCents: 3_600 });
  });

  it('reads lists that are not arrays as empty, falling back to the transactions', () => {
    expect(
      refunded(shopifyRefund({ refund_line_items: { 0: refundLine('36.00') }, order_adjustments: 'none', transactions: [refundTx({ amount: '7.77' })] })),
    ).toMatchObject({
      amountCents: 777,
    });
  });

  it.each([
    ['a set with only the buyer’s money', { presentment_money: { amount: '0.50', currency_code: 'CAD' } }],
    ['a set whose shop money is not an object', { shop_money: '0.50' }],
    ['an unreadable currency', moneySet('0.50', 'dollars')],
    ['no currency', { shop_money: { amount: '0.50' } }],
    ['no amount', { shop_money: { currency_code: 'USD' } }],
    ['an amount in words', moneySet('fifty cents')],
    ['an amount in a list', moneySet(['0.50'])],
    ['a fraction of a cent', moneySet('0.505')],
    ['a set that is text', '0.50'],
  ])('falls back to the transactions when a tax set is %s, rather than count what it can read', (_, total_tax_set) => {
    expect(refunded(shopRefund([refundLine('36.00'), { ...refundLine('10.00'), total_tax_set }]))).toMatchObject({ amountCents: 777, currency: 'usd' });
  });

  it('falls back to the transactions when the lines and adjustments come to nothing', () => {
    expect(refunded(shopRefund([refundLine('0.00')]))).toMatchObject({ amountCents: 777 });
    expect(refunded(shopRefund([refundLine('5.00')], [adjustment('refund_discrepancy', '5.00')]))).toMatchObject({ amountCents: 777 });
  });

  it('falls back to the transactions when the adjustments take off more than the lines', () => {
    expect(refunded(shopRefund([], [adjustment('refund_discrepancy', '5.00')]))).toMatchObject({ amountCents: 777 });
  });

  it('falls back to the transactions when the lines name two shop currencies', () => {
    expect(refunded(shopRefund([refundLine('36.00'), refundLine('10.00', '0.00', 'CAD')]))).toMatchObject({ amountCents: 777, currency: 'usd' });
  });

  it('is no refund when neither the lines nor the transactions say what went back', () => {
    expect(refunded(shopRefund([refundLine('0.00')], [], []))).toBeUndefined();
  });

  it('adds up random lines, taxes and a shipping refund the way a shop’s books would', () => {
    const decimal = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    const line = fc.record({ subtotal: fc.integer({ min: 0, max: 1_000_000 }), tax: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5_000 }), (lines, shipping) => {
        const body = shopRefund(
          lines.map((l) => refundLine(decimal(l.subtotal), decimal(l.tax))),
          shipping > 0 ? [adjustment('shipping_refund', decimal(-shipping))] : [],
        );
        let expected = shipping;
        for (const l of lines) expected += l.subtotal + l.tax;
        const event = refunded(body);
        return expected > 0 ? event?.kind === 'refund' && event.amountCents === expected && event.currency === 'usd' : event?.amountCents === 777;
      }),
      { numRuns: 300 },
    );
  });
});

describe('a Shopify refund’s transactions', () => {
  it('is no refund when the successful refund transactions come to nothing', () => {
    expect(refunded(shopifyRefund({ transactions: [refundTx({ amount: '0.00' })] }))).toBeUndefined();
  });

  it.each([undefined, 'dollars', 'US'])('is no refund when a successful refund transaction’s currency is %p', (currency) => {
    expect(refunded(shopifyRefund({ transactions: [refundTx(), refundTx({ currency })] }))).toBeUndefined();
  });

  it('ignores a failed transaction whatever its currency says', () => {
    expect(refunded(shopifyRefund({ transactions: [refundTx(), refundTx({ currency: 'dollars', status: 'failure' })] }))).toMatchObject({ amountCents: 500 });
  });

  it('reads a yen refund in whole units', () => {
    expect(refunded(shopifyRefund({ transactions: [refundTx({ amount: '2400', currency: 'JPY' })] }))).toMatchObject({ amountCents: 2400, currency: 'jpy' });
  });

  it('takes a refund id or order id written as digits', () => {
    expect(refunded(shopifyRefund({ id: '900000001', order_id: '5000000001' }))).toMatchObject({ saleId: '5000000001', refundId: '900000001' });
  });
});
