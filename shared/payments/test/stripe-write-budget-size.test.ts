/**
 * The one Stripe write budget's size (shared/stripe-limits.ts), from Stripe's published limits
 * (docs.stripe.com/rate-limits: 100 writes a second live, 25 in a sandbox), written out by hand.
 */
import { stripeArrivalJitterMs, stripeModeOfKey, stripeWriteBudgetSize, stripeWriteLimits } from '../../stripe-limits';

describe("Stripe's write limits", () => {
  it('are 100 a second in live mode and 25 in a sandbox', () => {
    expect(stripeWriteLimits).toEqual({ live: 100, test: 25 });
  });
});

describe('the write budget of an account', () => {
  it('refills 18 a second and holds 2 in a sandbox, the last one kept for a person', () => {
    expect(stripeWriteBudgetSize('test')).toEqual({ perSecond: 18, capacity: 2, personReserve: 1 });
  });

  it('refills 72 a second and holds 10 in live mode, the last 4 kept for people', () => {
    expect(stripeWriteBudgetSize('live')).toEqual({ perSecond: 72, capacity: 10, personReserve: 4 });
  });

  it.each(['test', 'live'] as const)(
    "in %s mode never lets a second of Stripe's hold more than it takes, even from a full bucket with writes arriving late",
    (mode) => {
      const size = stripeWriteBudgetSize(mode);
      expect(size.capacity + (size.perSecond * (1000 + stripeArrivalJitterMs)) / 1000).toBeLessThanOrEqual(stripeWriteLimits[mode]);
      expect(size.personReserve).toBeGreaterThan(0);
      expect(size.personReserve).toBeLessThan(size.capacity);
    },
  );
});

describe("a secret key's mode", () => {
  it.each([
    ['sk_live_51Habc', 'live'],
    ['rk_live_51Habc', 'live'],
    ['sk_test_51Habc', 'test'],
    ['rk_test_51Habc', 'test'],
    ['sk_local_c500', 'test'],
    ['pk_live_51Habc', 'test'],
    ['xsk_live_51Habc', 'test'],
    ['sk_live', 'test'],
    ['', 'test'],
  ] as const)('%p is %s', (key, mode) => {
    expect(stripeModeOfKey(key)).toBe(mode);
  });
});
