import { delayedDate, isPlaced, lineOf, promisedDate } from '../rules/queue-line';
import { placed } from './queue-fixtures';

const paidAt = new Date('2026-11-01T12:00:00Z');

describe('a promised date', () => {
  it('is the lead time after payment', () => {
    expect(promisedDate({ leadWeeks: 6, oneAtATime: false }, paidAt, undefined).toISOString()).toBe('2026-12-13T12:00:00.000Z');
  });

  it('ignores the place before when the builder builds several at once', () => {
    expect(promisedDate({ leadWeeks: 6, oneAtATime: false }, paidAt, '2027-03-01T00:00:00.000Z').toISOString()).toBe('2026-12-13T12:00:00.000Z');
  });

  it('starts from the place before’s promise when the builder works one at a time and that promise is later', () => {
    expect(promisedDate({ leadWeeks: 2, oneAtATime: true }, paidAt, '2026-12-01T00:00:00.000Z').toISOString()).toBe('2026-12-15T00:00:00.000Z');
  });

  it('starts from the payment when a one-at-a-time builder’s last promise has passed', () => {
    expect(promisedDate({ leadWeeks: 2, oneAtATime: true }, paidAt, '2026-10-01T00:00:00.000Z').toISOString()).toBe('2026-11-15T12:00:00.000Z');
  });

  it('moves by whole weeks when delayed', () => {
    expect(delayedDate('2026-12-13T12:00:00.000Z', 2).toISOString()).toBe('2026-12-27T12:00:00.000Z');
  });
});

describe('the line', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('numbers the open places 1, 2, 3 in ticket order, with no gap where a place left', () => {
    const orders = [placed(4), placed(1), placed(2, {}, { ended: 'done' }), placed(3, { status: 'refunded' }), placed(5)];
    expect(lineOf(orders, now).map((p) => [p.position, p.orderId])).toEqual([
      [1, 'order1'],
      [2, 'order4'],
      [3, 'order5'],
    ]);
  });

  it('leaves out commissions not paid or never placed', () => {
    expect(isPlaced(placed(1, { status: 'awaiting-payment' }))).toBe(false);
    expect(isPlaced(placed(1, {}, { ticket: undefined }))).toBe(false);
    expect(isPlaced(placed(1, { status: 'building' }))).toBe(true);
    expect(isPlaced(placed(1, { status: 'shipped' }))).toBe(true);
  });

  it('marks late a place whose promised date has passed, and not one promised later', () => {
    const [late, onTime] = lineOf([placed(1, {}, { promisedAt: '2026-11-30T23:59:59.000Z' }), placed(2, {}, { promisedAt: '2026-12-01T00:00:00.000Z' })], now);
    expect(late?.late).toBe(true);
    expect(onTime?.late).toBe(false);
  });

  it('shows the milestone reached and whether the date was moved', () => {
    const [place] = lineOf(
      [placed(1, {}, { milestone: 'assembly', delay: { weeks: 1, reason: 'parts', at: '2026-11-20T00:00:00Z', fromPromisedAt: '2026-12-06T12:00:00Z' } })],
      now,
    );
    expect(place).toMatchObject({ milestone: 'assembly', delayed: true });
  });
});
