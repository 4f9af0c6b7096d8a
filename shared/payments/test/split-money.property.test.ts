import fc from 'fast-check';
import { maxAmountCents } from '../../common';
import { builderPartOfRefund, releasableCents } from '../../orders';
import { hostCutThatFits, hostPartOfRefund, hostReleasableCents, splitLot, spreadOverOrders, spreadRefund } from '../../orders';

const amount = fc.integer({ min: 0, max: maxAmountCents });
/** A fee and a host's cut that fit together in 10,000 basis points. */
const rates = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([fee, host]) => ({ platformFeeBps: fee, hostCutBps: Math.min(host, 10_000 - fee) }));
/** A lot as its order holds it: price and the three parts. */
const lot = fc.tuple(fc.integer({ min: 1, max: maxAmountCents }), rates).map(([cents, r]) => ({ amountCents: cents, ...splitLot(cents, r) }));
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

describe('splitting a show lot’s price', () => {
  it('takes the fee and the host’s cut, each rounded half up, and leaves the builder the rest', () => {
    expect(splitLot(25_000, { platformFeeBps: 1_000, hostCutBps: 1_500 })).toEqual({ platformFeeCents: 2_500, hostCutCents: 3_750, builderShareCents: 18_750 });
    expect(splitLot(12_345, { platformFeeBps: 1_000, hostCutBps: 1_500 })).toEqual({ platformFeeCents: 1_235, hostCutCents: 1_852, builderShareCents: 9_258 });
    // Both round up on a cent: the host’s cut gives way rather than the builder going negative.
    expect(splitLot(1, { platformFeeBps: 5_000, hostCutBps: 5_000 })).toEqual({ platformFeeCents: 1, hostCutCents: 0, builderShareCents: 0 });
  });

  it('refuses rates that are not whole or together pass 100 %', () => {
    expect(() => splitLot(1_000, { platformFeeBps: 6_000, hostCutBps: 4_001 })).toThrow(RangeError);
    expect(() => splitLot(1_000, { platformFeeBps: 1_000, hostCutBps: 12.5 })).toThrow(RangeError);
    expect(() => splitLot(1_000, { platformFeeBps: -1, hostCutBps: 0 })).toThrow(RangeError);
  });

  it('keeps a show’s cut to what fits beside the fee', () => {
    expect(hostCutThatFits(1_000, 1_500)).toBe(1_500);
    expect(hostCutThatFits(9_000, 5_000)).toBe(1_000);
    expect(hostCutThatFits(10_000, 5_000)).toBe(0);
  });

  it('gives parts that with the fee add up to the price to the cent, none negative, for any price and rates (property)', () => {
    fc.assert(
      fc.property(amount, rates, (cents, r) => {
        const split = splitLot(cents, r);
        expect(split.platformFeeCents + split.hostCutCents + split.builderShareCents).toBe(cents);
        expect(Math.min(split.platformFeeCents, split.hostCutCents, split.builderShareCents)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 5_000 },
    );
  });

  it('splits a lot with no host exactly as every other order is split (property)', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (cents, fee) => {
        // The fee stated plainly (not with shareOf, which splitLot uses): the rate of the price, half a cent up.
        const fees = Math.round((cents * fee) / 10_000);
        expect(splitLot(cents, { platformFeeBps: fee, hostCutBps: 0 })).toEqual({ platformFeeCents: fees, hostCutCents: 0, builderShareCents: cents - fees });
      }),
      { numRuns: 2_000 },
    );
  });

  it('releases the builder’s and the host’s transfers and keeps the fee, adding up to the charge to the cent (property)', () => {
    fc.assert(
      fc.property(lot, (o) => {
        expect(releasableCents({ ...o, refundedCents: 0 }) + hostReleasableCents({ ...o, refundedCents: 0 }) + o.platformFeeCents).toBe(o.amountCents);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a refund of a show lot (property)', () => {
  const refunded = lot.chain((o) => fc.tuple(fc.constant(o), fc.integer({ min: 0, max: o.amountCents })));

  it('takes back a builder’s and a host’s part that together never pass the refund, and all of both when it is all refunded', () => {
    fc.assert(
      fc.property(refunded, ([o, r]) => {
        expect(builderPartOfRefund(o, r) + hostPartOfRefund(o, r)).toBeLessThanOrEqual(r);
        expect(builderPartOfRefund(o, o.amountCents)).toBe(o.builderShareCents);
        expect(hostPartOfRefund(o, o.amountCents)).toBe(o.hostCutCents);
      }),
      { numRuns: 5_000 },
    );
  });

  it('never releases more than the refund left of the lot, and never takes back less as the refund grows', () => {
    fc.assert(
      fc.property(refunded, ([o, r]) => {
        const after = { ...o, refundedCents: r };
        expect(releasableCents(after) + hostReleasableCents(after)).toBeLessThanOrEqual(o.amountCents - r);
        if (r < o.amountCents) {
          expect(builderPartOfRefund(o, r + 1)).toBeGreaterThanOrEqual(builderPartOfRefund(o, r));
          expect(hostPartOfRefund(o, r + 1)).toBeGreaterThanOrEqual(hostPartOfRefund(o, r));
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('takes back the share in proportion, rounded half up, as for any order', () => {
    const o = { amountCents: 25_000, ...splitLot(25_000, { platformFeeBps: 1_000, hostCutBps: 1_500 }) };
    expect([builderPartOfRefund(o, 6_694), hostPartOfRefund(o, 6_694)]).toEqual([5_021, 1_004]);
    // Without a host, exactly as before shows existed.
    expect(builderPartOfRefund({ amountCents: 25_000, builderShareCents: 22_500 }, 10_000)).toBe(9_000);
  });
});

describe('spreading a refund of one charge over the lots it paid', () => {
  const lots = fc.array(fc.integer({ min: 0, max: maxAmountCents }), { minLength: 1, maxLength: 20 });
  const spread = lots.chain((amounts) => fc.tuple(fc.constant(amounts), fc.integer({ min: 0, max: sum(amounts) })));

  it('hands out the cents left over to the largest remainders', () => {
    expect(spreadRefund(1_000, [2_000, 1_000])).toEqual([667, 333]);
    expect(spreadRefund(1, [1, 1])).toEqual([1, 0]);
    expect(spreadRefund(37_345, [25_000, 12_345])).toEqual([25_000, 12_345]);
    expect(() => spreadRefund(3, [1, 1])).toThrow(RangeError);
  });

  it('gives parts that sum to the refund exactly, none over its lot’s price and each within a cent of its share (property)', () => {
    fc.assert(
      fc.property(spread, ([amounts, refund]) => {
        const parts = spreadRefund(refund, amounts);
        expect(sum(parts)).toBe(refund);
        const total = sum(amounts);
        parts.forEach((part, i) => {
          const lotCents = amounts[i] as number;
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(lotCents);
          if (total > 0) expect(Math.abs(part - (refund * lotCents) / total)).toBeLessThan(1);
        });
      }),
      { numRuns: 3_000 },
    );
  });

  it('spreads the same way however the orders were listed (property)', () => {
    fc.assert(
      fc.property(spread, fc.integer(), ([amounts, refund], seed) => {
        const orders = amounts.map((amountCents, i) => ({ orderId: `o${String(i).padStart(2, '0')}`, amountCents }));
        const shuffled = [...orders].sort((a, b) => ((a.amountCents ^ seed) % 7) - ((b.amountCents ^ seed) % 7));
        const byId = (list: typeof orders) => Object.fromEntries(spreadOverOrders(refund, list).map((s) => [s.order.orderId, s.refundedCents]));
        expect(byId(shuffled)).toEqual(byId(orders));
      }),
      { numRuns: 1_000 },
    );
  });
});
