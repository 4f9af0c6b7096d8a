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
