/**
 * The charge's refunded total less the refunds known to have failed: a look at the charge
 * (`charge.refunded`) counts a refund made before it and failed after it, nothing else.
 */
import { failuresOnCharge, laterSnapshot, snapshotCounts, stillRefundedCents, type FailedRefund } from '../rules/failed-refunds';

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

describe('the failed refunds of one charge', () => {
  it('are those of every order it paid, each once', () => {
    const shared = failure();
    const other = failure({ refundId: 're_2' });
    expect(failuresOnCharge([{ failedRefunds: [shared] }, { failedRefunds: [shared, other] }, {}])).toEqual([shared, other]);
    expect(failuresOnCharge([])).toEqual([]);
  });
});
