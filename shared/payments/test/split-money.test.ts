/**
 * split-money.ts by hand-computed cases: which rates fit, the guards on negative or
 * fractional amounts, lots of no price, and a refund spread the same whatever order the
 * orders are read in.
 */
import { partOfRefund, ratesFit, splitLot, spreadOverOrders, spreadRefund, spreadShipping } from '../../orders';

/** Every ordering of a list (small lists only). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('which fee and host cut fit together', () => {
  it('takes whole rates that together are at most 100 %', () => {
    expect(ratesFit(0, 0)).toBe(true);
    expect(ratesFit(5_000, 5_000)).toBe(true);
    expect(ratesFit(10_000, 0)).toBe(true);
    expect(ratesFit(0, 10_000)).toBe(true);
    expect(ratesFit(5_000, 5_001)).toBe(false);
  });

  it('refuses a negative rate, even when the other leaves room for it', () => {
    expect(ratesFit(-1, 0)).toBe(false);
    expect(ratesFit(0, -1)).toBe(false);
    expect(ratesFit(-1, 5_000)).toBe(false);
    expect(ratesFit(5_000, -1)).toBe(false);
  });

  it('refuses a rate that is not a whole number of basis points', () => {
    expect(ratesFit(12.5, 0)).toBe(false);
    expect(ratesFit(0, 12.5)).toBe(false);
    expect(ratesFit(Number.NaN, 0)).toBe(false);
  });

  it('says which rates it refused to split a lot with', () => {
    expect(() => splitLot(1_000, { platformFeeBps: 6_000, hostCutBps: 4_001 })).toThrow(
      'the platform fee (6000 bps) and the host’s cut (4001 bps) must be whole and at most 10,000 bps together',
    );
  });
});

describe('a part of a refund', () => {
  it('is the part in proportion to the refund, rounded half up', () => {
    expect(partOfRefund(9_000, 10_000, 5_000)).toBe(4_500);
    expect(partOfRefund(1, 2, 1)).toBe(1); // 0.5 rounds up
    expect(partOfRefund(1, 3, 1)).toBe(0); // 0.33 rounds down
  });

  it('is nothing of an amount of nothing, or of a negative amount', () => {
    expect(partOfRefund(100, 0, 50)).toBe(0);
    expect(partOfRefund(100, -100, 50)).toBe(0);
  });

  it('is nothing when the part is nothing or negative', () => {
    expect(partOfRefund(0, 100, 100)).toBe(0);
    expect(partOfRefund(-50, 100, 100)).toBe(0);
  });

  it('holds the refund to between nothing and the whole amount', () => {
    expect(partOfRefund(900, 1_000, 5_000)).toBe(900);
    expect(partOfRefund(900, 1_000, -5_000)).toBe(0);
  });
});

describe('the guards of a refund’s spread', () => {
  it('refuses a negative or fractional lot amount', () => {
    expect(() => spreadRefund(0, [-1, 1])).toThrow('lot amounts must be whole non-negative cents');
    expect(() => spreadRefund(0, [0.5, 1])).toThrow(RangeError);
  });

  it('refuses a negative or fractional refund, or one above the lots, naming it', () => {
    expect(() => spreadRefund(-1, [5])).toThrow('a refund of -1 cannot be spread over lots worth 5');
    expect(() => spreadRefund(1.5, [5])).toThrow(RangeError);
    expect(() => spreadRefund(6, [5])).toThrow(RangeError);
  });

  it('spreads nothing over lots of no price as nothing each', () => {
    expect(spreadRefund(0, [0, 0])).toEqual([0, 0]);
    expect(spreadRefund(0, [])).toEqual([]);
  });

  it('gives the cents left to the earlier lots when their remainders tie', () => {
    expect(spreadRefund(2, [1, 1, 1, 1, 1])).toEqual([1, 1, 0, 0, 0]);
    expect(spreadRefund(3, [1, 1, 1, 1, 1])).toEqual([1, 1, 1, 0, 0]);
    expect(spreadRefund(7, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2])).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('gives the cents left to the largest remainders before the earlier lots', () => {
    // Quotas 0.2, 0.4, 0.6, 0.8 (of 2 cents over weights 1..4): floors 0, the two cents go to the 0.8 and the 0.6.
    expect(spreadRefund(2, [1, 2, 3, 4])).toEqual([0, 0, 1, 1]);
  });
});

describe('the guards of a shipping’s spread', () => {
  it('refuses a negative or fractional lot price', () => {
    expect(() => spreadShipping(100, [-1, 5])).toThrow('lot prices must be whole non-negative cents');
    expect(() => spreadShipping(100, [5, -1])).toThrow(RangeError);
    expect(() => spreadShipping(100, [2.5])).toThrow(RangeError);
  });

  it('refuses a negative or fractional shipping, naming it', () => {
    expect(() => spreadShipping(-1, [5])).toThrow('shipping of -1 is not whole cents');
    expect(() => spreadShipping(1.5, [5])).toThrow(RangeError);
  });

  it('spreads free shipping as nothing on each lot', () => {
    expect(spreadShipping(0, [500, 300])).toEqual([0, 0]);
  });

  it('puts shipping on the lots with a price when some have none', () => {
    expect(spreadShipping(100, [0, 10])).toEqual([0, 100]);
  });

  it('shares shipping evenly over lots when none has a price', () => {
    expect(spreadShipping(100, [0, 0, 0])).toEqual([34, 33, 33]);
  });
});

describe('a refund of one charge spread over its orders', () => {
  const ids = ['o1', 'o2', 'o3', 'o4'];

  it('gives the odd cents to the lowest order ids, whatever order the orders are read in', () => {
    for (const listed of permutations(ids)) {
      const orders = listed.map((orderId) => ({ orderId, amountCents: 100 }));
      const spread = spreadOverOrders(2, orders);
      expect(spread.map((s) => [s.order.orderId, s.refundedCents])).toEqual([
        ['o1', 1],
        ['o2', 1],
        ['o3', 0],
        ['o4', 0],
      ]);
    }
  });

  it('lets the lowest order ids take their given refunds first when the total holds less than all of them', () => {
    // Each lot had 100 given on it; the total so far holds only 150 of them.
    for (const listed of permutations(ids)) {
      const orders = listed.map((orderId) => ({ orderId, amountCents: 1_000 }));
      const spread = spreadOverOrders(150, orders, () => 100);
      expect(Object.fromEntries(spread.map((s) => [s.order.orderId, s.refundedCents]))).toEqual({ o1: 100, o2: 50, o3: 0, o4: 0 });
    }
  });

  it('counts shipping in what each order was paid', () => {
    const spread = spreadOverOrders(1_000, [
      { orderId: 'b', amountCents: 1_000, shippingCents: 1_000 },
      { orderId: 'a', amountCents: 2_000 },
    ]);
    expect(spread.map((s) => [s.order.orderId, s.refundedCents])).toEqual([
      ['a', 500],
      ['b', 500],
    ]);
  });

  it('holds a refund to between nothing and all the orders were paid', () => {
    const orders = [
      { orderId: 'a', amountCents: 300 },
      { orderId: 'b', amountCents: 700 },
    ];
    expect(spreadOverOrders(5_000, orders).map((s) => s.refundedCents)).toEqual([300, 700]);
    expect(spreadOverOrders(-5, orders).map((s) => s.refundedCents)).toEqual([0, 0]);
    expect(spreadOverOrders(500, orders, () => -100).map((s) => s.refundedCents)).toEqual([150, 350]);
  });
});

describe('orders listed by id', () => {
  it('keeps two entries of one order id in the order they came, after the lower ids', () => {
    const spread = spreadOverOrders(0, [
      { orderId: 'b', amountCents: 100, tag: 'first b' },
      { orderId: 'a', amountCents: 100, tag: 'a' },
      { orderId: 'b', amountCents: 100, tag: 'second b' },
    ]);
    expect(spread.map((s) => s.order.tag)).toEqual(['a', 'first b', 'second b']);
  });
});
