import { merchView, stripeMerchRefundOf, stripeMerchSaleOf } from '../rules/stripe-merch';
import type { SaleRecord } from '../rules/sale';
import type { StripeEvent } from '../../payments';

const guildId = '910000000000000001';
// 2026-11-22T13:04:30Z in Unix seconds, as Stripe writes `created`.
const created = 1_795_352_670;

/** A `checkout.session.completed` from a guild's Payment Link, as Stripe sends it. */
function sessionEvent(session: Record<string, unknown> = {}): StripeEvent {
  return {
    id: 'evt_1QmerchSALE',
    object: 'event',
    type: 'checkout.session.completed',
    created,
    livemode: false,
    data: {
      object: {
        id: 'cs_test_a1merch',
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        payment_link: 'plink_1Qmerch',
        payment_intent: 'pi_3Qmerch',
        amount_subtotal: 4200,
        amount_total: 4200,
        currency: 'usd',
        customer_details: { email: 'jo@example.com' },
        metadata: { guild_id: guildId },
        ...session,
      } as StripeEvent['data']['object'],
    },
  };
}

/** A `charge.refunded` for the payment of that session. */
function chargeRefunded(charge: Record<string, unknown> = {}): StripeEvent {
  return {
    id: 'evt_3Qrefund',
    object: 'event',
    type: 'charge.refunded',
    created: created + 3600,
    data: {
      object: {
        id: 'ch_3Qmerch',
        object: 'charge',
        amount: 4200,
        amount_captured: 4200,
        amount_refunded: 1500,
        currency: 'usd',
        payment_intent: 'pi_3Qmerch',
        refunded: false,
        metadata: {},
        ...charge,
      } as StripeEvent['data']['object'],
    },
  };
}

describe('a paid Checkout Session from a guild’s Payment Link', () => {
  it('is a Stripe sale of the session total, by the session id, paid when Stripe made the event', () => {
    expect(stripeMerchSaleOf(sessionEvent())).toEqual({
      kind: 'sale',
      shop: 'stripe',
      guildId,
      saleId: 'cs_test_a1merch',
      eventId: 'evt_1QmerchSALE',
      amountCents: 4200,
      currency: 'usd',
      paidAt: '2026-11-22T13:04:30.000Z',
      description: 'Stripe merch sale',
      paymentIntentId: 'pi_3Qmerch',
    });
  });

  it('reads the payment intent when Stripe expands it to an object', () => {
    expect(stripeMerchSaleOf(sessionEvent({ payment_intent: { id: 'pi_3Qexpanded', object: 'payment_intent' } }))?.paymentIntentId).toBe('pi_3Qexpanded');
  });

  it('leaves the payment intent out when the session names none', () => {
    expect(stripeMerchSaleOf(sessionEvent({ payment_intent: null }))).not.toHaveProperty('paymentIntentId');
  });

  it('keeps yen in whole units and lower-cases the currency', () => {
    expect(stripeMerchSaleOf(sessionEvent({ amount_total: 2400, currency: 'JPY' }))).toMatchObject({ amountCents: 2400, currency: 'jpy' });
  });

  it('keeps a three-decimal dinar amount as Stripe sends it', () => {
    expect(stripeMerchSaleOf(sessionEvent({ amount_total: 12_340, currency: 'kwd' }))).toMatchObject({ amountCents: 12_340, currency: 'kwd' });
  });

  it('takes a sale of one cent', () => {
    expect(stripeMerchSaleOf(sessionEvent({ amount_total: 1 }))).toMatchObject({ amountCents: 1 });
  });

  it.each(['91000000000000001', '91000000000000000012'])('takes a guild id of 17 to 20 digits such as %s', (id) => {
    expect(stripeMerchSaleOf(sessionEvent({ metadata: { guild_id: id } }))).toMatchObject({ guildId: id });
  });

  it.each([
    ['no metadata', undefined],
    ['no guild id', {}],
    ['an empty guild id', { guild_id: '' }],
    ['a guild id of 16 digits', { guild_id: '9100000000000001' }],
    ['a guild id of 21 digits', { guild_id: '910000000000000000123' }],
    ['a guild id with a prefix', { guild_id: `g${guildId}` }],
    ['a guild id with a suffix', { guild_id: `${guildId}x` }],
    ['a guild id of letters', { guild_id: 'abcdefghijklmnopqr' }],
  ])('is no sale with %s', (_, metadata) => {
    expect(stripeMerchSaleOf(sessionEvent({ metadata }))).toBeUndefined();
  });

  it.each([
    ['one of our orders', { guild_id: guildId, order_id: 'ord00001' }],
    ['one of our checkouts of any kind', { guild_id: guildId, kind: 'show-checkout' }],
  ])('is no sale when the session is %s', (_, metadata) => {
    expect(stripeMerchSaleOf(sessionEvent({ metadata }))).toBeUndefined();
  });

  it('is a sale when our own metadata keys are there but empty', () => {
    expect(stripeMerchSaleOf(sessionEvent({ metadata: { guild_id: guildId, order_id: '', kind: '' } }))).toMatchObject({ kind: 'sale' });
  });

  it.each(['unpaid', 'no_payment_required', undefined])('is no sale while the payment status is %p', (payment_status) => {
    expect(stripeMerchSaleOf(sessionEvent({ payment_status }))).toBeUndefined();
  });

  it.each([
    ['nothing paid', { amount_total: 0 }],
    ['a negative total', { amount_total: -4200 }],
    ['a fraction of a cent', { amount_total: 4200.5 }],
    ['a total as text', { amount_total: '4200' }],
    ['a total past what is exact', { amount_total: 2 ** 53 }],
    ['no total', { amount_total: null }],
    ['no currency', { currency: null }],
    ['an empty currency', { currency: '' }],
  ])('is no sale with %s', (_, session) => {
    expect(stripeMerchSaleOf(sessionEvent(session))).toBeUndefined();
  });
});

describe('a charge.refunded on a merch payment', () => {
  const sale = { guildId, saleId: 'cs_test_a1merch' };

  it('is a refund of the sale for everything refunded on the charge so far, by the event id', () => {
    expect(stripeMerchRefundOf(chargeRefunded(), sale)).toEqual({
      kind: 'refund',
      shop: 'stripe',
      guildId,
      saleId: 'cs_test_a1merch',
      refundId: 'evt_3Qrefund',
      eventId: 'evt_3Qrefund',
      currency: 'usd',
      refundedAt: '2026-11-22T14:04:30.000Z',
      totalRefundedCents: 1500,
    });
  });

  it('lower-cases the currency', () => {
    expect(stripeMerchRefundOf(chargeRefunded({ amount_refunded: 2400, currency: 'JPY' }), sale)).toMatchObject({ currency: 'jpy', totalRefundedCents: 2400 });
  });

  it('reads a charge with nothing refunded yet as a running total of zero', () => {
    expect(stripeMerchRefundOf(chargeRefunded({ amount_refunded: 0 }), sale)).toMatchObject({ totalRefundedCents: 0 });
  });

  it('names no sale when none was found for the payment yet, so the refund waits for it', () => {
    expect(stripeMerchRefundOf(chargeRefunded(), { guildId: '', saleId: '' })).toMatchObject({ guildId: '', saleId: '', totalRefundedCents: 1500 });
  });

  it.each([
    ['a negative total', { amount_refunded: -1 }],
    ['a fraction of a cent', { amount_refunded: 0.5 }],
    ['a total as text', { amount_refunded: '1500' }],
    ['no total', { amount_refunded: undefined }],
    ['no currency', { currency: undefined }],
    ['an empty currency', { currency: '' }],
  ])('is no refund with %s', (_, charge) => {
    expect(stripeMerchRefundOf(chargeRefunded(charge), sale)).toBeUndefined();
  });
});

describe('the checkout page for a merch purchase', () => {
  const record = (overrides: Partial<SaleRecord> = {}): SaleRecord => ({
    saleKey: 'stripe-cs_test_a1merch',
    shop: 'stripe',
    saleId: 'cs_test_a1merch',
    guildId,
    amountCents: 4200,
    currency: 'usd',
    paidAt: '2026-11-22T13:04:30.000Z',
    description: 'Stripe merch sale',
    eventId: 'evt_1QmerchSALE',
    recordedAt: '2026-11-22T13:04:31.000Z',
    attributedTo: 'race',
    poolCents: 420,
    credits: [],
    refundedCents: 0,
    reversedCents: 0,
    ...overrides,
  });
  const paid = 'Stripe emails your receipt. If a race was on when you paid, a share of this sale went into its pot for the racers.';

  it('shows a paid purchase and its amount', () => {
    expect(merchView(record())).toEqual({
      kind: 'merch',
      title: 'Merch from the race shop',
      status: 'paid',
      statusSentence: paid,
      amountLabel: '$42.00',
    });
  });

  it('says how much of a partly refunded purchase is on its way back', () => {
    expect(merchView(record({ refundedCents: 1500 }))).toMatchObject({
      status: 'paid',
      statusSentence: `${paid} $15.00 of it was refunded and is on its way back to you.`,
    });
  });

  it('says a refund of one cent short of the whole is partial', () => {
    expect(merchView(record({ refundedCents: 4199 }))).toMatchObject({
      status: 'paid',
      statusSentence: `${paid} $41.99 of it was refunded and is on its way back to you.`,
    });
  });

  it('begins no status line with the word the success page’s pill already shows (no “Paid Paid.”)', () => {
    for (const refundedCents of [0, 1500, 4200]) {
      const view = merchView(record({ refundedCents }));
      expect(view.statusSentence.toLowerCase()).not.toMatch(new RegExp(`^${view.status}\\b`));
    }
  });

  it('shows a wholly refunded purchase as refunded', () => {
    for (const refundedCents of [4200, 5000]) {
      expect(merchView(record({ refundedCents }))).toMatchObject({
        status: 'refunded',
        statusSentence: 'The money is on its way back to you.',
        amountLabel: '$42.00',
      });
    }
  });

  it('writes yen and dinars with their own decimals', () => {
    expect(merchView(record({ amountCents: 2400, currency: 'jpy', refundedCents: 400 }))).toMatchObject({
      amountLabel: '2,400 JPY',
      statusSentence: `${paid} 400 JPY of it was refunded and is on its way back to you.`,
    });
    expect(merchView(record({ amountCents: 12_345, currency: 'kwd' })).amountLabel).toBe('12.345 KWD');
  });
});
