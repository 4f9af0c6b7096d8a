import { kofiSaleOf, readKofiDelivery } from '../rules/kofi-sale';
import { KOFI_TOKEN, kofiForm, kofiPayload } from '../../../test/support/shops';

const guildId = '910000000000000001';

describe('reading a Ko-fi delivery', () => {
  it('reads the token and the payment from the urlencoded data field', () => {
    const data = kofiPayload();
    expect(readKofiDelivery(Buffer.from(kofiForm(data)))).toEqual({ token: KOFI_TOKEN, data });
  });

  it('reads a delivery without a token as one with an undefined token', () => {
    expect(readKofiDelivery(Buffer.from(kofiForm(kofiPayload({ verification_token: undefined }))))?.token).toBeUndefined();
  });

  it.each([
    ['an empty body', ''],
    ['a form without data', 'other=1'],
    ['data that is not JSON', 'data=%7Bnope'],
    ['data that is a JSON array', `data=${encodeURIComponent('[1]')}`],
    ['data that is JSON null', 'data=null'],
    ['a JSON body instead of a form', JSON.stringify(kofiPayload())],
  ])('answers undefined for %s', (_, body) => {
    expect(readKofiDelivery(Buffer.from(body))).toBeUndefined();
  });
});

describe('a Ko-fi payment as a sale', () => {
  it('is a sale with the transaction id, message id, cents, lower-case currency and ISO time', () => {
    expect(kofiSaleOf(kofiPayload(), guildId)).toEqual({
      kind: 'sale',
      shop: 'kofi',
      guildId,
      saleId: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      eventId: '3a1f6c2e-0d1b-4a8e-9f00-1c2d3e4f5a6b',
      amountCents: 2500,
      currency: 'usd',
      paidAt: '2026-11-22T13:04:30.000Z',
      description: 'Ko-fi shop order',
      kofiType: 'Shop Order',
    });
  });

  it.each([
    ['Donation', 'Ko-fi donation'],
    ['Subscription', 'Ko-fi subscription'],
    ['Commission', 'Ko-fi commission'],
  ])('describes a %s as %p and keeps its type', (type, description) => {
    expect(kofiSaleOf(kofiPayload({ type }), guildId)).toMatchObject({ description, kofiType: type });
  });

  it('normalises a timestamp with an offset or fractional seconds to ISO in UTC', () => {
    expect(kofiSaleOf(kofiPayload({ timestamp: '2026-11-22T14:04:30.7296166+01:00' }), guildId)?.paidAt).toBe('2026-11-22T13:04:30.729Z');
  });

  it('reads amounts without cents, with one decimal, or as a JSON number', () => {
    expect(kofiSaleOf(kofiPayload({ amount: '3' }), guildId)?.amountCents).toBe(300);
    expect(kofiSaleOf(kofiPayload({ amount: '3.5' }), guildId)?.amountCents).toBe(350);
    expect(kofiSaleOf(kofiPayload({ amount: 12.5 }), guildId)?.amountCents).toBe(1250);
  });

  it.each(['12.345', '-1', '0', '0.00', '', 'ten', '1e3', '1,000.00', null])('is not a sale when the amount is %p', (amount) => {
    expect(kofiSaleOf(kofiPayload({ amount }), guildId)).toBeUndefined();
  });

  it.each(['kofi_transaction_id', 'message_id', 'type', 'amount', 'currency', 'timestamp'])('is not a sale without %s', (field) => {
    expect(kofiSaleOf(kofiPayload({ [field]: undefined }), guildId)).toBeUndefined();
    expect(kofiSaleOf(kofiPayload({ [field]: '' }), guildId)).toBeUndefined();
  });

  it.each(['US', 'USDT', 'U$D', 42])('is not a sale when the currency is %p', (currency) => {
    expect(kofiSaleOf(kofiPayload({ currency }), guildId)).toBeUndefined();
  });

  it.each(['yesterday', '11/22/2026', '2026-11-22', '2026-11-22T13:04:30', '2026-13-40T25:61:00Z', 1795352670])(
    'is not a sale when the timestamp is %p',
    (timestamp) => {
      expect(kofiSaleOf(kofiPayload({ timestamp }), guildId)).toBeUndefined();
    },
  );
});

describe('a Ko-fi delivery, read field by field', () => {
  it('reads a token that is not text as no token, keeping the payment', () => {
    const data = kofiPayload({ verification_token: 12345 });
    expect(readKofiDelivery(Buffer.from(kofiForm(data)))).toEqual({ token: undefined, data });
  });

  it('answers undefined for data that is a JSON string', () => {
    expect(readKofiDelivery(Buffer.from(`data=${encodeURIComponent('"Shop Order"')}`))).toBeUndefined();
  });

  it('reads non-ASCII text in the data field', () => {
    const data = kofiPayload({ from_name: 'Zoë 🏁' });
    expect(readKofiDelivery(Buffer.from(kofiForm(data)))?.data.from_name).toBe('Zoë 🏁');
  });

  it('trims spaces around the ids and the type', () => {
    expect(kofiSaleOf(kofiPayload({ kofi_transaction_id: ' 0a1b2c3d ', message_id: '\t3a1f6c2e\n', type: ' Shop Order ' }), guildId)).toMatchObject({
      saleId: '0a1b2c3d',
      eventId: '3a1f6c2e',
      kofiType: 'Shop Order',
      description: 'Ko-fi shop order',
    });
  });

  it.each(['kofi_transaction_id', 'message_id', 'type'])('is not a sale when %s is only spaces', (field) => {
    expect(kofiSaleOf(kofiPayload({ [field]: '   ' }), guildId)).toBeUndefined();
  });

  it.each(['kofi_transaction_id', 'message_id', 'type'])('is not a sale when %s is not text', (field) => {
    expect(kofiSaleOf(kofiPayload({ [field]: 42 }), guildId)).toBeUndefined();
  });

  it('reads yen in whole units and dinars to the fils', () => {
    expect(kofiSaleOf(kofiPayload({ amount: '2400', currency: 'JPY' }), guildId)).toMatchObject({ amountCents: 2400, currency: 'jpy' });
    expect(kofiSaleOf(kofiPayload({ amount: '2400.50', currency: 'JPY' }), guildId)).toBeUndefined();
    expect(kofiSaleOf(kofiPayload({ amount: '1.250', currency: 'KWD' }), guildId)).toMatchObject({ amountCents: 1250, currency: 'kwd' });
  });
});
