import fc from 'fast-check';
import { maxAmountCents } from '../../common';
import { builderPartOfRefund, chargedCents, releasableCents } from '../rules/order';
import { hostPartOfRefund, splitLot, spreadOverOrders, spreadShipping } from '../rules/split-money';

const rates = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([fee, host]) => ({ platformFeeBps: fee, hostCutBps: Math.min(host, 10_000 - fee) }));
/** A paid order: its price split three ways, and the shipping paid on top. */
const shippedOrder = fc
  .tuple(fc.integer({ min: 1, max: maxAmountCents }), rates, fc.integer({ min: 0, max: 1_000_000 }))
  .map(([cents, r, shipping]) => ({ amountCents: cents, shippingCents: shipping, ...splitLot(cents, r) }));
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

describe('shipping in the money of an order', () => {
  it('releases the builder’s share and the whole shipping: the platform’s fee is on the item only', () => {
    const order = { amountCents: 10_000, shippingCents: 1_300, ...splitLot(10_000, { platformFeeBps: 1_000, hostCutBps: 0 }) };
    expect(releasableCents(order)).toBe(9_000 + 1_300);
    expect(chargedCents(order)).toBe(11_300);
  });

  it('takes back the builder’s part of a partial refund in proportion to what was paid, shipping included', () => {
    const order = { amountCents: 10_000, shippingCents: 1_000, ...splitLot(10_000, { platformFeeBps: 1_000, hostCutBps: 0 }) };
    // Half of 11,000 paid: half of the 10,000 the builder is due.
    expect(builderPartOfRefund(order, 5_500)).toBe(5_000);
    expect(releasableCents({ ...order, amountRefundedCents: 5_500 })).toBe(5_000);
  });

  it('splits any refund of item and shipping into builder, host and platform parts that add up to it, and a full refund takes back all the builder and host got (property)', () => {
    fc.assert(
      fc.property(shippedOrder, fc.integer({ min: 0, max: 2 * maxAmountCents }), (order, refund) => {
        const refunded = Math.min(refund, chargedCents(order));
        const builder = builderPartOfRefund(order, refunded);
        const host = hostPartOfRefund(order, refunded);
        const platform = refunded - builder - host;
        expect(builder).toBeGreaterThanOrEqual(0);
        expect(host).toBeGreaterThanOrEqual(0);
        // The platform gives back no more than its fee, and the three add up to the refund.
        expect(platform).toBeGreaterThanOrEqual(0);
        expect(platform).toBeLessThanOrEqual(order.platformFeeCents);
        expect(builder + host + platform).toBe(refunded);
        expect(builderPartOfRefund(order, chargedCents(order))).toBe(order.builderShareCents + order.shippingCents);
        expect(hostPartOfRefund(order, chargedCents(order))).toBe(order.hostCutCents);
        expect(releasableCents({ ...order, amountRefundedCents: refunded })).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('spreads a checkout’s shipping over its lots in proportion to their prices, parts adding up to the shipping exactly (property)', () => {
    expect(spreadShipping(1_300, [5_000, 3_000, 2_000])).toEqual([650, 390, 260]);
    expect(spreadShipping(1_000, [1, 1, 1])).toEqual([334, 333, 333]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxAmountCents }),
        fc.array(fc.integer({ min: 0, max: maxAmountCents }), { minLength: 1, maxLength: 20 }),
        (shipping, prices) => {
          const parts = spreadShipping(shipping, prices);
          expect(sum(parts)).toBe(shipping);
          expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('spreads a refund of a shipped checkout over its lots by what each was paid, the parts adding up and none past its lot (property)', () => {
    fc.assert(
      fc.property(fc.array(shippedOrder, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 10 * maxAmountCents }), (orders, refund) => {
        const lots = orders.map((o, i) => ({ ...o, orderId: `lot${String(i).padStart(3, '0')}` }));
        const total = sum(lots.map(chargedCents));
        const spread = spreadOverOrders(refund, lots);
        expect(sum(spread.map((s) => s.refundedCents))).toBe(Math.min(refund, total));
        for (const { order, refundedCents } of spread) expect(refundedCents).toBeLessThanOrEqual(chargedCents(order));
      }),
    );
  });
});
