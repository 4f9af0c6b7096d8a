import { closeTaskOf, parseGroupBuyTask } from '../rules/charge-tasks';
import { groupBuyCloseTaskName } from '../rules/close-task';
import { closeOutcome, groupBuyOrderId, payByOf, payLinkDeadline, waitlistToPromote } from '../rules/close-rules';
import type { Pledge } from '../rules/group-buy';
import { isOrderIdShaped } from '../../orders';

const hour = 3_600_000;
const pledge = (buyerId: string, status: Pledge['status'], quantity = 1, minute = 0): Pledge => ({
  groupBuyId: 'gb',
  buyerId,
  buyerName: buyerId,
  quantity,
  status,
  joinedAt: new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString(),
  pledgedAt: new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString(),
});

describe('the close’s rules', () => {
  it('names the close by the group buy and its close time, so an extension arms a task of another name, due a settle window after the close', () => {
    expect(closeTaskOf({ groupBuyId: 'gb1', closesAt: '2026-12-10T18:00:00.000Z' })).toEqual({
      name: 'groupbuy-close-gb1-1796925600000',
      payload: { groupBuyId: 'gb1', closesAtMs: 1796925600000 },
      atMs: 1796925660000,
    });
    expect(groupBuyCloseTaskName({ groupBuyId: 'gb1', closesAtMs: 1796925600000 })).not.toBe(
      groupBuyCloseTaskName({ groupBuyId: 'gb1', closesAtMs: 1797012000000 }),
    );
  });

  it('reads only the tasks it schedules', () => {
    expect(parseGroupBuyTask({ groupBuyId: 'gb1', closesAtMs: 5 })).toEqual({ groupBuyId: 'gb1', closesAtMs: 5 });
    expect(parseGroupBuyTask({ groupBuyId: 'gb1', chain: 'lapse-k3v9m2qa', batch: 2 })).toEqual({ groupBuyId: 'gb1', chain: 'lapse-k3v9m2qa', batch: 2 });
    for (const bad of [
      undefined,
      {},
      { groupBuyId: 'gb/1', closesAtMs: 5 },
      { groupBuyId: 'gb1', closesAtMs: 5, batch: 1 },
      { groupBuyId: 'gb1', chain: 'x', batch: 1 },
    ])
      expect(parseGroupBuyTask(bad)).toBeUndefined();
    expect(parseGroupBuyTask({ groupBuyId: 'gb1', chain: 'close', batch: 0 })).toBeUndefined();
  });

  it('counts only pledges with a saved card toward the MOQ, by their units', () => {
    const pledges = [pledge('a', 'pledged', 2), pledge('b', 'waitlisted', 5), pledge('c', 'saving-card', 5), pledge('d', 'pledged')];
    expect(closeOutcome({ moq: 3 }, pledges)).toEqual({ units: 3, met: true });
    expect(closeOutcome({ moq: 4 }, pledges)).toEqual({ units: 3, met: false });
  });

  it('names one order per member and group buy, in the shape people type', () => {
    expect(groupBuyOrderId('gb1', '811')).toBe(groupBuyOrderId('gb1', '811'));
    expect(groupBuyOrderId('gb1', '811')).not.toBe(groupBuyOrderId('gb2', '811'));
    expect(isOrderIdShaped(groupBuyOrderId('gb1', '811'))).toBe(true);
  });

  it('moves the waitlist up first come while each fits under the cap, never passing over one that does not', () => {
    const pledges = [
      pledge('sold', 'charged', 3),
      pledge('gone', 'lapsed', 2),
      pledge('w2', 'waitlisted', 1, 2),
      pledge('w1', 'waitlisted', 1, 1),
      pledge('big', 'waitlisted', 3, 3),
      pledge('w4', 'waitlisted', 1, 4),
    ];
    expect(waitlistToPromote({ cap: 5 }, pledges).map((p) => p.buyerId)).toEqual(['w1', 'w2']);
    expect(waitlistToPromote({}, pledges)).toEqual([]);
  });

  it('chains pay links Stripe takes (30 minutes to a day each) that end at the deadline exactly', () => {
    const start = new Date('2026-12-10T18:00:00.400Z');
    const payBy = payByOf(start);
    expect(payBy).toBe('2026-12-13T18:00:00.000Z');
    let now = start;
    const deadlines: string[] = [];
    while (deadlines.at(-1) !== payBy) {
      const deadline = payLinkDeadline(payBy, now);
      const ahead = deadline.getTime() - now.getTime();
      expect(ahead).toBeGreaterThanOrEqual(0.5 * hour + 2 * 60_000);
      expect(ahead).toBeLessThanOrEqual(24 * hour - 2 * 60_000);
      deadlines.push(deadline.toISOString());
      now = deadline;
      if (deadlines.length > 6) throw new Error(`no end: ${deadlines.join(', ')}`);
    }
    expect(deadlines.length).toBeLessThanOrEqual(4);
  });
});
