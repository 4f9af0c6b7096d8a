/**
 * The charge's refunded total less the refunds known to have failed: a look at the charge
 * (`charge.refunded`) counts a refund made before it and failed after it, nothing else.
 */
import {
  failedBefore,
  failuresOnCharge,
  knownSnapshot,
  laterSnapshot,
  snapshotCounts,
  stillRefundedCents,
  withKnowledge,
  type FailedRefund,
  type GivenOnCharge,
} from '../../orders';

const failure = (fields: Partial<FailedRefund> = {}): FailedRefund => ({
  refundId: 're_1',
  amountCents: 1_000,
  reason: 'unknown',
  at: '2026-11-26T12:00:00Z',
  refundCreated: 100,
  failedAt: 200,
  ...fields,
});

describe('whether a look at the charge counted a failed refund', () => {
  it('counts it when taken between the refund and its failure, both ends included', () => {
    expect([99, 100, 150, 200, 201].map((created) => snapshotCounts({ amountRefundedCents: 0, created }, failure()))).toEqual([false, true, true, true, false]);
  });

  it('never counts one it is known to reflect, even in the very second it failed', () => {
    expect(snapshotCounts({ amountRefundedCents: 0, created: 200, reflects: ['re_1'] }, failure())).toBe(false);
    expect(snapshotCounts({ amountRefundedCents: 0, created: 200, reflects: ['re_2'] }, failure())).toBe(true);
  });

  it('counts an older record, which kept neither time, whenever the look was taken', () => {
    const untimed = failure({ refundCreated: undefined, failedAt: undefined });
    expect([0, 1e12].map((created) => snapshotCounts({ amountRefundedCents: 0, created }, untimed))).toEqual([true, true]);
  });
});

describe('what a look at the charge still counts as refunded', () => {
  it('is its total less each failed refund it counted', () => {
    const failures = [
      failure(),
      failure({ refundId: 're_2', amountCents: 300, refundCreated: 50, failedAt: 120 }),
      failure({ refundId: 're_3', refundCreated: 160 }),
    ];
    expect(stillRefundedCents({ amountRefundedCents: 5_000, created: 150 }, failures)).toBe(4_000);
    expect(stillRefundedCents({ amountRefundedCents: 5_000, created: 170 }, failures)).toBe(3_000);
    expect(stillRefundedCents({ amountRefundedCents: 5_000, created: 110 }, failures)).toBe(3_700);
    expect(stillRefundedCents({ amountRefundedCents: 5_000, created: 300 }, failures)).toBe(5_000);
  });

  it('is never below zero', () => {
    expect(stillRefundedCents({ amountRefundedCents: 500, created: 150 }, [failure()])).toBe(0);
    expect(stillRefundedCents({ amountRefundedCents: 1_000, created: 150 }, [failure()])).toBe(0);
  });

  it('is the whole total with no failure known', () => {
    expect(stillRefundedCents({ amountRefundedCents: 2_500, created: 150 }, [])).toBe(2_500);
  });
});

describe('which look at the charge is later', () => {
  it('is the one made later, whatever its total', () => {
    expect(laterSnapshot({ amountRefundedCents: 0, created: 101 }, { amountRefundedCents: 9_000, created: 100 })).toBe(true);
    expect(laterSnapshot({ amountRefundedCents: 9_000, created: 99 }, { amountRefundedCents: 0, created: 100 })).toBe(false);
  });

  it('is, in the same second, the one with more refunded', () => {
    expect(laterSnapshot({ amountRefundedCents: 2_000, created: 100 }, { amountRefundedCents: 1_000, created: 100 })).toBe(true);
    expect(laterSnapshot({ amountRefundedCents: 1_000, created: 100 }, { amountRefundedCents: 1_000, created: 100 })).toBe(false);
    expect(laterSnapshot({ amountRefundedCents: 999, created: 100 }, { amountRefundedCents: 1_000, created: 100 })).toBe(false);
  });
});

describe('which of two looks in the same second with the same total is later', () => {
  const look = { amountRefundedCents: 1_000, created: 100 };

  it('is the one known to reflect more failures', () => {
    expect(laterSnapshot({ ...look, reflects: ['re_1'] }, look)).toBe(true);
    expect(laterSnapshot({ ...look, reflects: ['re_1', 're_2'] }, { ...look, reflects: ['re_1'] })).toBe(true);
  });

  it('is not the one that reflects as many or fewer', () => {
    expect(laterSnapshot(look, { ...look, reflects: ['re_1'] })).toBe(false);
    expect(laterSnapshot({ ...look, reflects: ['re_2'] }, { ...look, reflects: ['re_1'] })).toBe(false);
  });

  it('is decided by the total first when the totals differ, whatever they reflect', () => {
    expect(laterSnapshot({ amountRefundedCents: 999, created: 100, reflects: ['re_1', 're_2'] }, look)).toBe(false);
    expect(laterSnapshot({ amountRefundedCents: 1_001, created: 100 }, { ...look, reflects: ['re_1'] })).toBe(true);
  });
});

describe('what a look takes over from another', () => {
  const look = { amountRefundedCents: 1_000, created: 100 };

  it('is all the other reflects, once each, when both are the same second and the same total', () => {
    expect(withKnowledge({ ...look, reflects: ['re_1'] }, { ...look, reflects: ['re_1', 're_2'] })).toEqual({ ...look, reflects: ['re_1', 're_2'] });
    expect(withKnowledge(look, { ...look, reflects: ['re_2'] })).toEqual({ ...look, reflects: ['re_2'] });
  });

  it('is nothing from a look of another second or another total', () => {
    expect(withKnowledge(look, { ...look, created: 101, reflects: ['re_1'] })).toBe(look);
    expect(withKnowledge(look, { ...look, amountRefundedCents: 1_001, reflects: ['re_1'] })).toBe(look);
  });

  it('is the look as it was when neither reflects anything', () => {
    expect(withKnowledge(look, { ...look })).toBe(look);
    expect(withKnowledge(look, { ...look, reflects: [] })).toEqual(look);
  });
});

describe('the failures recorded before a refund was written down', () => {
  it('are those recorded at or before it was written down, not after', () => {
    const failures = [
      failure({ at: '2026-11-26T11:59:59Z' }),
      failure({ refundId: 're_2', at: '2026-11-26T12:00:00Z' }),
      failure({ refundId: 're_3', at: '2026-11-26T12:00:01Z' }),
    ];
    expect(failedBefore(given({ askedAt: '2026-11-26T12:00:00Z' }), failures)).toEqual(['re_1', 're_2']);
  });
});

/** A refund C500 gave, written down just after `failure()` was recorded. */
const given = (fields: Partial<GivenOnCharge> = {}): GivenOnCharge => ({ amountCents: 2_000, askedAt: '2026-11-26T12:00:01Z', ...fields });

describe('what the orders of a charge know of a look at it', () => {
  // re_1 (1,000) failed in second 200; a look in that second counts it by the seconds alone.
  const tie = { amountRefundedCents: 3_000, created: 200 };
  const failedRefunds = [failure()];

  it('is nothing more with nothing known', () => {
    expect(knownSnapshot(tie, [{ failedRefunds }])).toBe(tie);
    expect(knownSnapshot(tie, [])).toBe(tie);
  });

  it('takes over what a kept look of the same state reflects, on any order of the charge', () => {
    const kept = { ...tie, reflects: ['re_1'] };
    expect(knownSnapshot(tie, [{ failedRefunds }, { refundSnapshot: kept }])).toEqual(kept);
    expect(knownSnapshot(tie, [{ refundSnapshot: { ...kept, created: 199 } }])).toEqual(tie);
  });

  it("reflects, through Stripe's answer to a refund given in the same state, the failures recorded before that refund was written down", () => {
    const answered = given({ chargeRefundedCents: 3_000, chargeRefundedAt: 200 });
    expect(knownSnapshot(tie, [{ failedRefunds, givenRefunds: [answered] }])).toEqual({ ...tie, reflects: ['re_1'] });
    expect(stillRefundedCents(knownSnapshot(tie, [{ failedRefunds, givenRefunds: [answered] }]), failedRefunds)).toBe(3_000);
  });

  it('learns nothing from an answer of another state, one without its second, one refused, or one written down before the failure', () => {
    const unknown = [
      given({ chargeRefundedCents: 2_000, chargeRefundedAt: 200 }),
      given({ chargeRefundedCents: 3_000 }),
      given({ chargeRefundedCents: 3_000, chargeRefundedAt: 200, refusal: 'No such charge' }),
      given({ chargeRefundedCents: 3_000, chargeRefundedAt: 200, askedAt: '2026-11-26T11:59:59Z' }),
    ];
    for (const refund of unknown) expect(knownSnapshot(tie, [{ failedRefunds, givenRefunds: [refund] }])).toEqual(tie);
  });

  it('reflects the failures recorded before a refund that would not have fitted in the charge had the look come before it', () => {
    // Counting re_1 the look stands at 2,000: a refund of 3,001 after it passes a charge of 5,000, so the look came after the refund.
    const passes = [{ failedRefunds, givenRefunds: [given({ amountCents: 3_001 })] }];
    expect(knownSnapshot(tie, passes, 5_000)).toEqual({ ...tie, reflects: ['re_1'] });
    expect(knownSnapshot(tie, passes, 5_001)).toEqual(tie);
    expect(knownSnapshot(tie, passes)).toEqual(tie);
  });

  it('learns nothing from a refund that would have fitted, or that Stripe refused', () => {
    expect(knownSnapshot(tie, [{ failedRefunds, givenRefunds: [given({ amountCents: 3_000 })] }], 5_000)).toEqual(tie);
    expect(knownSnapshot(tie, [{ failedRefunds, givenRefunds: [given({ amountCents: 4_000, refusal: 'refused' })] }], 5_000)).toEqual(tie);
  });
});

describe('the failed refunds of one charge', () => {
  it('are those of every order it paid, each once', () => {
    const shared = failure();
    const other = failure({ refundId: 're_2' });
    expect(failuresOnCharge([{ failedRefunds: [shared] }, { failedRefunds: [shared, other] }, {}])).toEqual([shared, other]);
    expect(failuresOnCharge([])).toEqual([]);
  });
});
