import { cancelButtonId, cancelRefundCents, cancelRefusal, lateTaskName, orderIdFromCancel, orderIdFromWait, waitButtonId } from '../rules/late';
import { queuePrivacyPath } from '../rules/queue-privacy';
import { placed } from './queue-fixtures';
import { reversalEntry, transferEntry } from '../../orders';

const now = new Date('2026-12-20T00:00:00Z');
const late = ({ refundedCents = 0, ...over }: Parameters<typeof placed>[1] & { refundedCents?: number } = {}, c = {}) => ({
  ...placed(1, over, { promisedAt: '2026-12-13T12:00:00.000Z', ...c }),
  refundedCents,
});

describe('a late commission’s buttons', () => {
  it('names the order in each button, and reads back exactly ours', () => {
    expect(cancelButtonId('k3v9m2qa')).toBe('qcancel:k3v9m2qa');
    expect(waitButtonId('k3v9m2qa')).toBe('qwait:k3v9m2qa');
    expect(orderIdFromCancel('qcancel:k3v9m2qa')).toBe('k3v9m2qa');
    expect(orderIdFromWait('qwait:k3v9m2qa')).toBe('k3v9m2qa');
  });

  it.each(['qwait:k3v9m2qa', 'xqcancel:k3v9m2qa', 'qcancel:', 'qcancel:NOT AN ID', 'qcancel:k3v9m2qa/../x', 'k3v9m2qa'])(
    'takes %p for no cancel button',
    (id) => {
      expect(orderIdFromCancel(id)).toBeUndefined();
    },
  );

  it('does not take a cancel button for a wait button', () => {
    expect(orderIdFromWait('qcancel:k3v9m2qa')).toBeUndefined();
    expect(orderIdFromWait('qwait:')).toBeUndefined();
  });

  it('names the late check by the order and the date, so a moved date is another task', () => {
    expect(lateTaskName('k3v9m2qa', '2026-12-13T12:00:00.000Z')).toBe('commission-late-k3v9m2qa-1797163200000');
  });

  it('keeps who hid their name at queuePrivacy/<user id>', () => {
    expect(String(queuePrivacyPath('821000000000000031'))).toBe('queuePrivacy/821000000000000031');
  });
});

describe('who may cancel, and when', () => {
  it('lets the buyer cancel once the promised date has passed', () => {
    expect(cancelRefusal(late(), 'buyer1', undefined, now)).toBeUndefined();
    expect(cancelRefusal(late(), 'buyer1', 'g1', now)).toBeUndefined();
  });

  it('refuses before the promised date, up to the very millisecond', () => {
    expect(cancelRefusal(late(), 'buyer1', undefined, new Date('2026-12-13T12:00:00.000Z'))).toBe('not-late');
    expect(cancelRefusal(late(), 'buyer1', undefined, new Date('2026-12-13T12:00:00.001Z'))).toBeUndefined();
  });

  it('lets the buyer cancel a date the builder moved, even before it', () => {
    const moved = late({}, { promisedAt: '2027-01-13T12:00:00.000Z', delay: { weeks: 4, reason: 'r', at: 'x', fromPromisedAt: '2026-12-13T12:00:00.000Z' } });
    expect(cancelRefusal(moved, 'buyer1', undefined, now)).toBeUndefined();
    expect(cancelRefusal(late({}, { promisedAt: '2027-01-13T12:00:00.000Z' }), 'buyer1', undefined, now)).toBe('not-late');
  });

  it('answers anyone else, and an order of another server, as if there were no such order', () => {
    expect(cancelRefusal(undefined, 'buyer1', undefined, now)).toBe('not-found');
    expect(cancelRefusal(late(), 'someone', undefined, now)).toBe('not-found');
    expect(cancelRefusal(late(), 'buyer1', 'g2', now)).toBe('not-found');
  });

  it('refuses an order no longer in the line', () => {
    expect(cancelRefusal(late({}, { ended: 'done' }), 'buyer1', undefined, now)).toBe('ended');
    expect(cancelRefusal(late({ status: 'refunded' }), 'buyer1', undefined, now)).toBe('ended');
  });

  it('keeps a group buy’s refund right after `done` until its parcel is delivered or its buyer presses Received', () => {
    const done = (over: Parameters<typeof placed>[1] = {}) =>
      late({ source: 'groupbuy', lastPayoutAt: 'delivery', status: 'building', ...over }, { ended: 'done', endedAt: '2026-12-01T00:00:00.000Z' });
    expect(cancelRefusal(done(), 'buyer1', undefined, now)).toBeUndefined();
    expect(cancelRefusal(done({ status: 'shipped', parcel: { status: 'in-transit', at: 'x' } }), 'buyer1', undefined, now)).toBeUndefined();
    expect(cancelRefusal(done({ status: 'shipped', parcel: { status: 'lost', at: 'x' } }), 'buyer1', undefined, now)).toBeUndefined();
    expect(cancelRefusal(done({ status: 'shipped', parcel: { status: 'delivered', at: 'x', deliveredAt: 'x' } }), 'buyer1', undefined, now)).toBe('ended');
    expect(cancelRefusal(done({ status: 'shipped', receivedBy: 'buyer' }), 'buyer1', undefined, now)).toBe('ended');
    expect(cancelRefusal(done({ payouts: { builder: { transferId: 'tr_1' } } }), 'buyer1', undefined, now)).toBe('ended');
  });

  it('ends the refund right at `done` for a group buy sold before the delivery gate, and for a queue’s commission', () => {
    expect(cancelRefusal(late({ source: 'groupbuy', status: 'building' }, { ended: 'done' }), 'buyer1', undefined, now)).toBe('ended');
    expect(cancelRefusal(late({ source: 'drop', lastPayoutAt: 'delivery', status: 'building' }, { ended: 'done' }), 'buyer1', undefined, now)).toBe('ended');
  });

  it('leaves an order its buyer disputed to the bank while the dispute is open, not once it closed', () => {
    const dispute = { disputeId: 'dp', state: 'open' as const, amountCents: 10_000, reason: 'fraudulent', openedAt: 'x' };
    expect(cancelRefusal(late({ dispute }), 'buyer1', undefined, now)).toBe('disputed');
    expect(cancelRefusal(late({ dispute: { ...dispute, state: 'won' } }), 'buyer1', undefined, now)).toBeUndefined();
  });
});

describe('what a cancel refunds', () => {
  it('refunds the whole payment when nothing was sent to the builder', () => {
    expect(cancelRefundCents(late(), [])).toBe(10_000);
  });

  it('refunds all but what the tranches sent, and all but what was refunded before', () => {
    const advances = [{ milestone: 'parts-in' as const, idempotencyKey: 'k', amountCents: 2_700, transferId: 'tr' }];
    const sent = [transferEntry(late(), 'tr', 2_700, '2026-11-20T00:00:00Z', 'builder')].filter((e) => e !== undefined);
    expect(cancelRefundCents(late({}, { advances }), sent)).toBe(7_300);
    expect(cancelRefundCents(late({ refundedCents: 1_000 }, { advances }), sent)).toBe(6_300);
    // A reversal took 700 of the tranche back: that much is the buyer's to be refunded again.
    const back = reversalEntry(late(), 'tr', 'reverse:o:1', 700, '2026-11-21T00:00:00Z', 'builder');
    expect(cancelRefundCents(late({ refundedCents: 1_000 }, { advances }), [...sent, ...(back ? [back] : [])])).toBe(7_000);
  });

  it('never refunds less than nothing', () => {
    const advances = [{ milestone: 'parts-in' as const, idempotencyKey: 'k', amountCents: 9_000, transferId: 'tr' }];
    const sent = [transferEntry(late(), 'tr', 9_000, '2026-11-20T00:00:00Z', 'builder')].filter((e) => e !== undefined);
    expect(cancelRefundCents(late({ refundedCents: 9_500 }, { advances }), sent)).toBe(0);
  });
});
