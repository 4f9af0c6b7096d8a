import { builderRecord } from '../rules/builder-record';
import { placed } from './queue-fixtures';

const done = (ticket: number, paidAt: string, endedAt: string, promisedAt: string, fromPromisedAt?: string) =>
  placed(
    ticket,
    {},
    {
      paidAt,
      promisedAt,
      ended: 'done',
      endedAt,
      ...(fromPromisedAt ? { delay: { weeks: 1, reason: 'r', at: paidAt, fromPromisedAt } } : {}),
    },
  );

describe('a builder’s record', () => {
  it('has no rate and no median before the first build is done', () => {
    expect(builderRecord([placed(1)])).toEqual({ completed: 0, onTime: 0, onTimePercent: undefined, medianLeadDays: undefined });
  });

  it('counts a build done by its promised date as on time, and one done after it as late', () => {
    const record = builderRecord([
      done(1, '2026-01-01T00:00:00Z', '2026-01-10T00:00:00Z', '2026-01-10T00:00:00Z'),
      done(2, '2026-01-01T00:00:00Z', '2026-01-20T00:00:00Z', '2026-01-10T00:00:00Z'),
      done(3, '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-10T00:00:00Z'),
    ]);
    expect(record).toMatchObject({ completed: 3, onTime: 2, onTimePercent: 67 });
  });

  it('holds a delayed build to the date first promised', () => {
    const record = builderRecord([done(1, '2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-10T00:00:00Z')]);
    expect(record.onTime).toBe(0);
  });

  it('takes the median days from payment to done, the mean of the middle two for an even count', () => {
    const paid = '2026-01-01T00:00:00Z';
    const record = builderRecord([
      done(1, paid, '2026-01-11T00:00:00Z', '2027-01-01T00:00:00Z'),
      done(2, paid, '2026-01-21T00:00:00Z', '2027-01-01T00:00:00Z'),
      done(3, paid, '2026-02-20T00:00:00Z', '2027-01-01T00:00:00Z'),
      done(4, paid, '2026-01-02T12:00:00Z', '2027-01-01T00:00:00Z'),
    ]);
    expect(record.medianLeadDays).toBe(15);
    expect(builderRecord([done(1, paid, '2026-01-11T00:00:00Z', '2027-01-01T00:00:00Z')]).medianLeadDays).toBe(10);
  });

  it('leaves out cancelled places and places still in line', () => {
    expect(builderRecord([placed(1), placed(2, {}, { ended: 'cancelled', endedAt: '2026-01-01T00:00:00Z' })]).completed).toBe(0);
  });
});
