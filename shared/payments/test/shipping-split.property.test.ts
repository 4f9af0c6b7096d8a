import fc from 'fast-check';
import { maxAmountCents } from '../../common';
import { builderPartOfRefund, chargedCents, releasableCents } from '../../orders';
import { hostPartOfRefund, splitLot, spreadOverOrders, spreadShipping } from '../../orders';

const rates = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([fee, host]) => ({ platformFeeBps: fee, hostCutBps: Math.min(host, 10_000 - fee) }));
/** A paid order: its price split three ways, and the shipping paid on top. */
const shippedOrder = fc
  .tuple(fc.integer({ min: 1, max: maxAmountCents }), rates, fc.integer({ min: 0, max: 1_000_000 }))
  .map(([cents, r, shipping]) => ({ amountCents: cents, shippingCents: shipping, ...splitLot(cents, r) }));
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** `part × refunded / paid`, rounded half up, in exact integers: the refund rule as docs/architecture.md states it. */
function proportion(partCents: number, refundedCents: number, paidCents: number): number {
  if (paidCents === 0) return 0;
  return Number((2n * BigInt(partCents) * BigInt(refundedCents) + BigInt(paidCents)) / (2n * BigInt(paidCents)));
}

/**
 * Whether `parts` divide `amount` by largest remainder over `weights`: each part is the floor of
 * its quota (`amount × weight / total`) or one more, and a lot got the extra cent only if no
 * lot that did not had a larger remainder, or an equal one earlier in the list.
 */
function isLargestRemainderSplit(parts: readonly number[], amount: number, weights: readonly number[]): boolean {
  const total = BigInt(sum([...weights]));
  const quotas = weights.map((w) => ({ floor: (BigInt(amount) * BigInt(w)) / total, remainder: (BigInt(amount) * BigInt(w)) % total }));
  const extra = parts.map((part, i) => BigInt(part) - (quotas[i] as { floor: bigint }).floor);
  if (extra.some((e) => e !== 0n && e !== 1n)) return false;
  return quotas.every((got, i) =>
    quotas.every((missed, j) => extra[i] === 0n || extra[j] === 1n || got.remainder > missed.remainder || (got.remainder === missed.remainder && i < j)),
  );
}

describe('shipping in the money of an order', () => {
  it('releases the builder’s share and the whole shipping: the platform’s fee is on the item only', () => {
    const order = { amountCents: 10_000, shippingCents: 1_300, refundedCents: 0, ...splitLot(10_000, { platformFeeBps: 1_000, hostCutBps: 0 }) };
    expect(releasableCents(order)).toBe(9_000 + 1_300);
    expect(chargedCents(order)).toBe(11_300);
  });

  it('takes back the builder’s part of a partial refund in proportion to what was paid, shipping included', () => {
    const order = { amountCents: 10_000, shippingCents: 1_000, ...splitLot(10_000, { platformFeeBps: 1_000, hostCutBps: 0 }) };
    // Half of 11,000 paid: half of the 10,000 the builder is due.
    expect(builderPartOfRefund(order, 5_500)).toBe(5_000);
    expect(releasableCents({ ...order, refundedCents: 5_500 })).toBe(5_000);
  });

  it('splits any refund of item and shipping into builder, host and platform parts that add up to it, and a full refund takes back all the builder and host got (property)', () => {
    fc.assert(
      fc.property(shippedOrder, fc.integer({ min: 0, max: 2 * maxAmountCents }), (order, refund) => {
        const refunded = Math.min(refund, chargedCents(order));
        const builder = builderPartOfRefund(order, refunded);
        const host = hostPartOfRefund(order, refunded);
        const paid = order.amountCents + order.shippingCents;
        // The host gives back their cut's proportion of the refund; the builder the proportion
        // of what they are due (share and shipping), one cent less only where the two rounded
        // parts would pass the refund; the platform the rest, within a cent or two of its fee's proportion.
        const hostExpected = proportion(order.hostCutCents ?? 0, refunded, paid);
        const builderExpected = proportion(order.builderShareCents + order.shippingCents, refunded, paid);
        expect(host).toBe(hostExpected);
        expect(builder).toBe(Math.min(builderExpected, refunded - hostExpected));
        expect(builder).toBeGreaterThanOrEqual(builderExpected - 1);
        const platform = refunded - builder - host;
        expect(platform).toBeGreaterThanOrEqual(0);
        expect(platform).toBeLessThanOrEqual(order.platformFeeCents);
        expect(Math.abs(platform - proportion(order.platformFeeCents, refunded, paid))).toBeLessThanOrEqual(2);
        expect(builderPartOfRefund(order, chargedCents(order))).toBe(order.builderShareCents + order.shippingCents);
        expect(hostPartOfRefund(order, chargedCents(order))).toBe(order.hostCutCents);
        expect(releasableCents({ ...order, refundedCents: refunded })).toBeGreaterThanOrEqual(0);
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
          // Each lot's part is its price's quota of the shipping, rounded down or up (lots of no price share it evenly).
          const weights = sum(prices) === 0 ? prices.map(() => 1) : prices;
          expect(isLargestRemainderSplit(parts, shipping, weights)).toBe(true);
        },
      ),
    );
  });

  it('spreads a refund of a shipped checkout over its lots by what each was paid, the parts adding up and none past its lot (property)', () => {
    fc.assert(
      fc.property(fc.array(shippedOrder, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 10 * maxAmountCents }), (orders, refund) => {
        const lots = orders.map((o, i) => ({ ...o, orderId: `lot${String(i).padStart(3, '0')}` }));
        const total = sum(lots.map((o) => o.amountCents + o.shippingCents));
        const spread = spreadOverOrders(refund, lots);
        const spent = Math.min(refund, total);
        expect(sum(spread.map((s) => s.refundedCents))).toBe(spent);
        for (const { order, refundedCents } of spread) expect(refundedCents).toBeLessThanOrEqual(order.amountCents + order.shippingCents);
        // In proportion to what each lot was paid (price and shipping), lots taken in the order of their ids.
        const byId = [...lots].sort((a, b) => a.orderId.localeCompare(b.orderId));
        expect(spread.map((s) => s.order.orderId)).toEqual(byId.map((o) => o.orderId));
        expect(
          isLargestRemainderSplit(
            spread.map((s) => s.refundedCents),
            spent,
            byId.map((o) => o.amountCents + o.shippingCents),
          ),
        ).toBe(true);
      }),
    );
  });
});
