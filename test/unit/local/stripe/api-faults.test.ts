/**
 * The served local Stripe's faults: half are one request's (stripe-node's retry gets
 * through), half last a spell that holds every attempt of the same request, so the use
 * case sees the error and must retry with the same key itself.
 */
import type { FaultKind } from '../../../../shared/local/faults/fault-plan';
import { StripeApiFaults } from '../../../../shared/local/stripe/api-faults';

/** Rolls each planned kind once, spelled (`between` answering 1) or not. */
function draws(planned: Array<{ kind: FaultKind; spell: boolean }>) {
  const rolled: FaultKind[] = [];
  let spell = false;
  return {
    rolled,
    roll(kind: FaultKind) {
      const at = planned.findIndex((p) => p.kind === kind);
      if (at < 0) return false;
      spell = (planned[at] as { spell: boolean }).spell;
      planned.splice(at, 1);
      rolled.push(kind);
      return true;
    },
    between: () => (spell ? 1 : 0),
  };
}

describe('the served local Stripe’s faults', () => {
  it('fails only the attempt that rolled a fault of one request: its retry gets through', () => {
    const faults = new StripeApiFaults(draws([{ kind: 'stripe.500', spell: false }]), () => 0);
    expect(faults.failsBefore('key checkout:o1')).toBe(true);
    expect(faults.failsBefore('key checkout:o1')).toBe(false);
    expect(faults.losesAnswer('key checkout:o1')).toBe(false);
  });

  it('fails every attempt of the same request during a spell, without rolling again, and none after it', () => {
    let now = 0;
    const planned = draws([{ kind: 'stripe.500', spell: true }]);
    const faults = new StripeApiFaults(planned, () => now, 5_000);
    expect(faults.failsBefore('key checkout:o1')).toBe(true);
    now = 1_500;
    expect(faults.failsBefore('key checkout:o1')).toBe(true);
    expect(faults.failsBefore('key checkout:o2')).toBe(false);
    now = 5_000;
    expect(faults.failsBefore('key checkout:o1')).toBe(false);
    expect(planned.rolled).toEqual(['stripe.500']);
  });

  it('loses every answer to the same request during a lost answer’s spell, and lets none fail before', () => {
    let now = 0;
    const faults = new StripeApiFaults(draws([{ kind: 'stripe.timeout-after-success', spell: true }]), () => now, 5_000);
    expect(faults.failsBefore('GET /v1/accounts/acct_1')).toBe(false);
    expect(faults.losesAnswer('GET /v1/accounts/acct_1')).toBe(true);
    now = 1_000;
    expect(faults.failsBefore('GET /v1/accounts/acct_1')).toBe(false);
    expect(faults.losesAnswer('GET /v1/accounts/acct_1')).toBe(true);
    now = 6_000;
    expect(faults.losesAnswer('GET /v1/accounts/acct_1')).toBe(false);
  });

  it('injects nothing without a fault plan', () => {
    const faults = new StripeApiFaults(undefined);
    expect(faults.failsBefore('key k')).toBe(false);
    expect(faults.losesAnswer('key k')).toBe(false);
  });
});
