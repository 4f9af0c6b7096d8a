/** The order's own rules: what the buyer paid, what the builder is due and gives back, and what its checkout carries. */
import {
  builderDueCents,
  builderPartOfRefund,
  carrierNames,
  carriers,
  chargedCents,
  checkoutKinds,
  checkoutMetadata,
  checkoutSourceOf,
  releasableCents,
  sourceIdOf,
} from '../../orders';
import { anOrder } from '../../../test/support/orders';

describe('what an order was paid and what its builder is due', () => {
  it('charges the buyer the price and the shipping, and only the price when the builder does not ship', () => {
    expect(chargedCents({ amountCents: 10_000, shippingCents: 1_500 })).toBe(11_500);
    expect(chargedCents({ amountCents: 10_000 })).toBe(10_000);
  });

  it('owes the builder their share of the price and the whole shipping, and only the share when nothing ships', () => {
    expect(builderDueCents({ builderShareCents: 9_000, shippingCents: 1_500 })).toBe(10_500);
    expect(builderDueCents({ builderShareCents: 9_000 })).toBe(9_000);
  });
});

describe('the builder’s part of a refund', () => {
  const shipped = { amountCents: 10_000, builderShareCents: 9_000, shippingCents: 1_500 };

  it('takes back what the builder is due in the proportion refunded of what was paid, all of it on a full refund', () => {
    expect(builderPartOfRefund(shipped, 5_750)).toBe(5_250);
    expect(builderPartOfRefund(shipped, 11_500)).toBe(10_500);
  });

  it('takes back nothing for a refunded total below zero, and no more than all for one above what was paid', () => {
    expect(builderPartOfRefund(shipped, -500)).toBe(0);
    expect(builderPartOfRefund(shipped, 20_000)).toBe(10_500);
  });

  it('rounds to the currency’s step in a three-decimal currency, and to the minor unit when the order names no currency', () => {
    const order = { amountCents: 10_000, builderShareCents: 9_000 };
    // 9,000 × 3,337 / 10,000 = 3,003.3
    expect(builderPartOfRefund({ ...order, currency: 'kwd' }, 3_337)).toBe(3_000);
    expect(builderPartOfRefund(order, 3_337)).toBe(3_003);
  });

  it('gives way by the cent to the host’s part when the two rounded parts would take back more than was refunded', () => {
    // Half a cent each rounds up for both: the host keeps their cent, the builder's part is what is left.
    const lot = { amountCents: 2, builderShareCents: 1, hostCutCents: 1 };
    expect(builderPartOfRefund(lot, 1)).toBe(0);
  });

  it('releases what the builder is due less their part of the refunds already made', () => {
    expect(releasableCents({ ...shipped, refundedCents: 0 })).toBe(10_500);
    expect(releasableCents({ ...shipped, refundedCents: 5_750 })).toBe(5_250);
    expect(releasableCents({ ...shipped, refundedCents: 11_500 })).toBe(0);
  });
});

describe('where an order came from', () => {
  it('reads the source under its present name before the one orders were stored with when only drops sold', () => {
    expect(sourceIdOf({ orderId: 'o1', sourceId: 'auct0001', dropId: 'drop0001' })).toBe('auct0001');
    expect(sourceIdOf({ orderId: 'o1', sourceId: 'auct0001' })).toBe('auct0001');
    expect(sourceIdOf({ orderId: 'o1', dropId: 'drop0001' })).toBe('drop0001');
  });

  it('is an error naming the order when it names neither', () => {
    expect(() => sourceIdOf({ orderId: 'k3v9m2qa' })).toThrow(/order k3v9m2qa names neither/);
  });
});

describe('the checkout an order is paid through', () => {
  it('is opened for a drop’s, an auction’s and a group buy’s order, each under its own kind', () => {
    expect(checkoutSourceOf({ orderId: 'o1', source: 'drop' })).toBe('drop');
    expect(checkoutSourceOf({ orderId: 'o1', source: 'auction' })).toBe('auction');
    expect(checkoutSourceOf({ orderId: 'o1', source: 'groupbuy' })).toBe('groupbuy');
    expect(checkoutKinds).toEqual({ drop: 'drop-order', auction: 'auction-order', groupbuy: 'groupbuy-order' });
  });

  it('is never opened for a giveaway’s prize: asking for one is an error naming the order', () => {
    expect(() => checkoutSourceOf({ orderId: 'k3v9m2qa', source: 'giveaway' })).toThrow(/order k3v9m2qa is a giveaway’s prize/);
    expect(() => checkoutMetadata(anOrder({ orderId: 'k3v9m2qa', source: 'giveaway', sourceId: 'give0001' }), (id) => `p-${id}`)).toThrow(/k3v9m2qa/);
  });

  it('carries a group buy’s id and kind for a pledge’s order, and neither a drop’s nor an auction’s', () => {
    const metadata = checkoutMetadata(anOrder({ orderId: 'k3v9m2qa', source: 'groupbuy', sourceId: 'gb0001' }), (id) => `p-${id}`);
    expect(metadata).toMatchObject({ kind: 'groupbuy-order', order_id: 'k3v9m2qa', group_buy_id: 'gb0001' });
    expect(metadata).not.toHaveProperty('drop_id');
    expect(metadata).not.toHaveProperty('auction_id');
  });
});

describe('the carriers an order ships with', () => {
  it('are each named as people and Stripe’s dispute evidence know them', () => {
    expect(carriers.map((carrier) => [carrier, carrierNames[carrier]])).toEqual([
      ['usps', 'USPS'],
      ['ups', 'UPS'],
      ['fedex', 'FedEx'],
      ['dhl', 'DHL'],
      ['royal-mail', 'Royal Mail'],
      ['canada-post', 'Canada Post'],
      ['australia-post', 'Australia Post'],
      ['other', 'Other'],
    ]);
  });
});
