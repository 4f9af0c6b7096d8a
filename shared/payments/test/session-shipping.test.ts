import { sessionShipping } from '../rules/session-shipping';

const address = { line1: '12 Switch Lane', line2: null, city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };
const read = { name: 'Ada Buyer', line1: '12 Switch Lane', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' };

describe('the shipping of a completed Checkout Session', () => {
  it('reads the address under collected_information and the shipping paid under shipping_cost, as the pinned API version sends them', () => {
    const session = {
      id: 'cs_1',
      collected_information: { business_name: null, individual_name: null, shipping_details: { name: 'Ada Buyer', address } },
      shipping_cost: { amount_subtotal: 800, amount_tax: 0, amount_total: 800, shipping_rate: 'shr_1' },
    };
    expect(sessionShipping(session)).toEqual({ cents: 800, address: read });
  });

  it('still finds the address where older API versions put it', () => {
    expect(sessionShipping({ id: 'cs_2', shipping_details: { name: 'Ada Buyer', address } }).address).toEqual(read);
    expect(sessionShipping({ id: 'cs_3', shipping: { name: 'Ada Buyer', address } }).address).toEqual(read);
  });

  it('has no address and no shipping for a session that asked for none, and ignores an address without a real country', () => {
    expect(sessionShipping({ id: 'cs_4', collected_information: null, shipping_cost: null })).toEqual({ cents: 0 });
    expect(sessionShipping({ id: 'cs_5', collected_information: { shipping_details: { name: 'X', address: { ...address, country: 'USA' } } } })).toEqual({
      cents: 0,
    });
    expect(sessionShipping({ id: 'cs_6', shipping_cost: { amount_total: -5 } })).toEqual({ cents: 0 });
  });

  it('cuts an absurdly long line the buyer typed', () => {
    const long = sessionShipping({ id: 'cs_7', collected_information: { shipping_details: { name: 'N'.repeat(5_000), address } } });
    expect(long.address?.name).toHaveLength(200);
  });
});

describe('what a Checkout Session’s shipping fields may hold', () => {
  const at = (shipping_details: unknown) => sessionShipping({ id: 'cs_8', collected_information: { shipping_details } });

  it('looks further when the pinned place holds something that is not an object', () => {
    expect(
      sessionShipping({ id: 'cs_9', collected_information: { shipping_details: 'none' }, shipping_details: { name: 'Ada Buyer', address } }).address,
    ).toEqual(read);
    expect(sessionShipping({ id: 'cs_10', collected_information: { shipping_details: null }, shipping: { name: 'Ada Buyer', address } }).address).toEqual(read);
  });

  it('charges no shipping when the amount is not a whole number of cents', () => {
    expect(sessionShipping({ id: 'cs_11', shipping_cost: { amount_total: 8.5 } }).cents).toBe(0);
    expect(sessionShipping({ id: 'cs_12', shipping_cost: { amount_total: '800' } }).cents).toBe(0);
    expect(sessionShipping({ id: 'cs_13', shipping_cost: { amount_total: 'free' } }).cents).toBe(0);
    expect(sessionShipping({ id: 'cs_14', shipping_cost: { amount_total: 0 } }).cents).toBe(0);
  });

  it('trims the spaces the buyer typed around each line and writes the country in capitals', () => {
    const padded = { line1: ' 12 Switch Lane ', line2: '  Unit 4 ', city: ' Portland', state: 'OR ', postal_code: ' 97201 ', country: ' us ' };
    expect(at({ name: '  Ada Buyer ', address: padded }).address).toStrictEqual({ ...read, line2: 'Unit 4' });
  });

  it('cuts a long line after trimming the spaces before it', () => {
    expect(at({ name: `   ${'N'.repeat(300)}`, address }).address?.name).toBe('N'.repeat(200));
  });

  it('leaves empty what the buyer left blank or the session gave as something other than text', () => {
    const sparse = at({ name: '   ', address: { line1: 12, line2: '  ', city: null, state: '', country: 'US' } });
    expect(sparse.address).toStrictEqual({ name: '', line1: '', city: '', postalCode: '', country: 'US' });
    expect(at({ address: { country: 'US' } }).address).toStrictEqual({ name: '', line1: '', city: '', postalCode: '', country: 'US' });
  });

  it('has no address when the details hold none, or one without a country', () => {
    expect(at({ name: 'Ada Buyer' })).toEqual({ cents: 0 });
    expect(at({ name: 'Ada Buyer', address: null })).toEqual({ cents: 0 });
    expect(at({ name: 'Ada Buyer', address: { ...address, country: undefined } })).toEqual({ cents: 0 });
    expect(at({ name: 'Ada Buyer', address: { ...address, country: ' ' } })).toEqual({ cents: 0 });
    expect(at({ name: 'Ada Buyer', address: { ...address, country: 'U1' } })).toEqual({ cents: 0 });
  });
});
