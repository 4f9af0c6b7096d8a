/**
 * The rules of an early fraud warning on an order: what C500 does on first seeing it, how
 * later views merge, and how it holds releases. Warnings are shaped as stripe-node's
 * `Radar.EarlyFraudWarning`.
 */
import {
  autoRefundsFraud,
  clearFraudHold,
  fraudOutcomeFor,
  heldByFraudWarning,
  parseFraudWarning,
  recordFraudWarning,
  type SeenFraudWarning,
} from '../rules/fraud-warning';
import { releaseHold } from '../rules/dispute-rules';
import type { OrderFraudWarning } from '../../orders';
import { anOrder } from '../../../test/support/orders';

const paid = { ...anOrder({ status: 'paid', chargeId: 'ch_1', amountCents: 10_000, shippingCents: 800 }), refundedCents: 0 };
const released = {
  ...anOrder({
    ...paid,
    status: 'building',
    payouts: { builder: { transferId: 'tr_1', releasedAt: '2026-11-22T12:00:00Z' } },
  }),
  refundedCents: 0,
};
const stripeWarning = (fields: Record<string, unknown> = {}) => ({
  id: 'issfr_1',
  object: 'radar.early_fraud_warning',
  actionable: true,
  charge: 'ch_1',
  created: 1_764_000_000,
  fraud_type: 'made_with_stolen_card',
  livemode: false,
  payment_intent: 'pi_1',
  ...fields,
});
const seen = (fields: Partial<SeenFraudWarning> = {}): SeenFraudWarning => ({
  warningId: 'issfr_1',
  chargeId: 'ch_1',
  actionable: true,
  fraudType: 'made_with_stolen_card',
  seenAt: 100,
  ...fields,
});
const kept = (fields: Partial<OrderFraudWarning> = {}): OrderFraudWarning => ({
  warningId: 'issfr_1',
  fraudType: 'made_with_stolen_card',
  actionable: true,
  outcome: 'held-for-review',
  seenAt: 100,
  recordedAt: '2026-11-22T12:00:00Z',
  ...fields,
});

describe('an early fraud warning’s rules', () => {
  it('reads Stripe’s warning, with its charge as an id or expanded, and refuses what is not one', () => {
    expect(parseFraudWarning(stripeWarning(), 200)).toEqual(seen({ paymentIntentId: 'pi_1', seenAt: 200 }));
    expect(parseFraudWarning(stripeWarning({ charge: { id: 'ch_1', object: 'charge' }, payment_intent: null }), 200)).toEqual(seen({ seenAt: 200 }));
    expect(parseFraudWarning(stripeWarning({ id: 'dp_1' }), 200)).toBeUndefined();
    expect(parseFraudWarning(stripeWarning({ charge: null }), 200)).toBeUndefined();
    expect(parseFraudWarning(stripeWarning({ actionable: 'yes' }), 200)).toBeUndefined();
  });

  it('refunds an order whose money is all held, by default, and holds it for review when the server says so', () => {
    expect(fraudOutcomeFor(paid, true)).toBe('refunded');
    expect(fraudOutcomeFor(paid, false)).toBe('held-for-review');
    expect(fraudOutcomeFor({ ...paid, status: 'building' }, true)).toBe('refunded');
    expect(autoRefundsFraud(undefined)).toBe(true);
    expect(autoRefundsFraud({ payments: {} })).toBe(true);
    expect(autoRefundsFraud({ payments: { fraudAutoRefund: false } })).toBe(false);
  });

  it('leaves an order whose money went out, or that shipped, to the admin: no refund', () => {
    expect(fraudOutcomeFor(released, true)).toBe('after-release');
    expect(fraudOutcomeFor({ ...paid, payouts: { builder: { releasing: { idempotencyKey: 'release:o1', amountCents: 9_800, coveredCents: 0 } } } }, true)).toBe(
      'after-release',
    );
    expect(fraudOutcomeFor({ ...paid, status: 'shipped', shippedAt: '2026-11-23T00:00:00Z' }, true)).toBe('after-release');
    expect(fraudOutcomeFor({ ...paid, payouts: { builder: {}, host: { via: 'manual' } } }, true)).toBe('after-release');
    const tranche = { milestone: 'parts-in', idempotencyKey: 'advance:o1:parts-in:0', amountCents: 2_000, transferId: 'tr_a' };
    expect(fraudOutcomeFor({ ...paid, commission: { advances: [tranche] } as unknown as typeof paid.commission }, true)).toBe('after-release');
  });

  it('does nothing more for an order already refunded in full', () => {
    expect(fraudOutcomeFor({ ...paid, status: 'refunded', refundedCents: 10_800 }, true)).toBe('after-refund');
    expect(fraudOutcomeFor({ ...paid, refundedCents: 10_800 }, true)).toBe('after-refund');
    expect(fraudOutcomeFor({ ...paid, refundedCents: 10_000 }, true)).toBe('refunded');
  });

  it('keeps the outcome first decided, and takes `actionable` from the newest view only', () => {
    const first = recordFraudWarning(undefined, seen(), 'refunded', 'now');
    expect(first).toEqual({ warningId: 'issfr_1', fraudType: 'made_with_stolen_card', actionable: true, outcome: 'refunded', seenAt: 100, recordedAt: 'now' });
    const newer = recordFraudWarning(first, seen({ actionable: false, seenAt: 150 }), 'after-refund', 'later');
    expect(newer).toMatchObject({ actionable: false, outcome: 'refunded', seenAt: 150, recordedAt: 'now' });
    expect(recordFraudWarning(newer, seen({ actionable: true, seenAt: 120 }), 'refunded', 'later')).toBe(newer);
  });

  it('holds every release while C500 refunds the order or an admin reviews it, and not after Stripe says nothing is left to act on', () => {
    expect(heldByFraudWarning(paid)).toBe(false);
    expect(releaseHold({ ...paid, fraudWarning: kept() })).toBe('fraud-warning');
    expect(releaseHold({ ...paid, fraudWarning: kept({ outcome: 'refunded' }) })).toBe('fraud-warning');
    expect(releaseHold({ ...paid, fraudWarning: kept({ actionable: false }) })).toBeUndefined();
    expect(releaseHold({ ...paid, fraudWarning: kept({ outcome: 'after-release' }) })).toBeUndefined();
    expect(releaseHold({ ...paid, fraudWarning: kept({ outcome: 'after-refund' }) })).toBeUndefined();
  });

  it('lets an admin clear a warning held for their review, once, recorded with who and when; never one C500 is refunding or whose money went out', () => {
    const by = { byUserId: 'u1', byName: 'Ada' };
    const cleared = clearFraudHold(kept(), by, 'at');
    expect(cleared).toMatchObject({ outcome: 'held-for-review', clearedBy: { byUserId: 'u1', byName: 'Ada', at: 'at' } });
    expect(releaseHold({ ...paid, fraudWarning: cleared })).toBeUndefined();
    expect(clearFraudHold(cleared, by, 'later')).toBeUndefined();
    expect(clearFraudHold(kept({ outcome: 'refunded' }), by, 'at')).toBeUndefined();
    expect(clearFraudHold(kept({ outcome: 'after-release' }), by, 'at')).toBeUndefined();
    expect(clearFraudHold(undefined, by, 'at')).toBeUndefined();
  });

  it('lets an open dispute speak first, and a won dispute leave the hold to the warning', () => {
    const dispute = { disputeId: 'dp_1', state: 'open' as const, amountCents: 10_800, reason: 'fraudulent', openedAt: 'then' };
    expect(releaseHold({ ...paid, dispute, fraudWarning: kept() })).toBe('disputed');
    expect(releaseHold({ ...paid, dispute: { ...dispute, state: 'won' }, fraudWarning: kept() })).toBe('fraud-warning');
  });
});
