import fc from 'fast-check';
import { movedOnRefundKey, splitPaidLots, type PaidLot } from '../rules/moved-on-lots';

const lot = (orderId: string, amountCents: number, waiting: boolean): PaidLot => ({ orderId, amountCents, waiting });

describe('splitting a paid show checkout between the lots still waiting and those that moved on', () => {
  it('refunds exactly the moved-on lots’ prices when no shipping was chosen', () => {
    expect(splitPaidLots([lot('a', 25_000, true), lot('b', 12_345, false), lot('c', 999, false)], 0)).toEqual({
      kept: [{ orderId: 'a', shippingCents: 0 }],
      movedOn: [
        { orderId: 'b', shippingCents: 0, refundCents: 12_345 },
        { orderId: 'c', shippingCents: 0, refundCents: 999 },
      ],
      refundCents: 13_344,
    });
  });

  it('gives each moved-on lot back its share of the shipping, spread over every lot by price as if none had moved on', () => {
    // 1,500 over 30,000 and 10,000: 1,125 and 375. The kept lot's share does not grow because the other went.
    const split = splitPaidLots([lot('a', 30_000, true), lot('b', 10_000, false)], 1_500);
    expect(split.kept).toEqual([{ orderId: 'a', shippingCents: 1_125 }]);
    expect(split.movedOn).toEqual([{ orderId: 'b', shippingCents: 375, refundCents: 10_375 }]);
    expect(split.refundCents).toBe(10_375);
  });

  it('refunds nothing when every lot still waited, and everything when none did', () => {
    expect(splitPaidLots([lot('a', 100, true), lot('b', 200, true)], 30)).toMatchObject({ movedOn: [], refundCents: 0 });
    expect(splitPaidLots([lot('a', 100, false), lot('b', 200, false)], 30).refundCents).toBe(330);
  });

  it('keeps a three-decimal currency’s shares in its step of 10 (Stripe takes KWD in tens of fils)', () => {
    const split = splitPaidLots([lot('a', 1_000, true), lot('b', 1_000, false), lot('c', 1_000, false)], 1_000, 10);
    expect(split.movedOn.map((m) => m.shippingCents)).toEqual([330, 330]);
    expect(split.kept).toEqual([{ orderId: 'a', shippingCents: 340 }]);
    expect(split.refundCents).toBe(2_660);
  });

  it('adds what is kept and what is refunded up to what was paid, to the cent, for any lots and shipping (property)', () => {
    const lots = fc.array(
      fc.record({ orderId: fc.string({ minLength: 1, maxLength: 8 }), amountCents: fc.integer({ min: 0, max: 99_999_999 }), waiting: fc.boolean() }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(lots, fc.integer({ min: 0, max: 1_000_000 }), (paid, shipping) => {
        const split = splitPaidLots(paid, shipping);
        const total = paid.reduce((sum, l) => sum + l.amountCents, 0) + shipping;
        const keptCents = split.kept.reduce((sum, k, i) => sum + k.shippingCents + (paid.filter((l) => l.waiting)[i]?.amountCents ?? 0), 0);
        expect(keptCents + split.refundCents).toBe(total);
        expect(split.movedOn.every((m) => Number.isSafeInteger(m.refundCents) && m.refundCents >= 0)).toBe(true);
        expect(split.movedOn.map((m) => m.orderId)).toEqual(paid.filter((l) => !l.waiting).map((l) => l.orderId));
      }),
    );
  });
});

describe('the key of a moved-on lot’s refund', () => {
  it('is one for the session and the lot, whatever other lots moved on with it, and differs for another lot or another session', () => {
    const key = movedOnRefundKey('cs_test_a1', 'lota');
    expect(movedOnRefundKey('cs_test_a1', 'lota')).toBe(key);
    expect(movedOnRefundKey('cs_test_a1', 'lotb')).not.toBe(key);
    expect(movedOnRefundKey('cs_test_a2', 'lota')).not.toBe(key);
    expect(key).toBe('paid-orders-not-waiting:cs_test_a1:lota');
  });

  it('stays within Stripe’s 255 characters for a live session’s id and the longest order id', () => {
    expect(movedOnRefundKey(`cs_live_${'a'.repeat(58)}`, 'o'.repeat(40)).length).toBeLessThanOrEqual(255);
  });
});
