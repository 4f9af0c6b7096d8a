import { maxDelayReasonLength, maxDelayWeeks, readDelayForm } from '../rules/delay-form';

describe('/c500 queue delay as typed', () => {
  it('takes whole weeks from 1 to 26 and a reason', () => {
    expect(readDelayForm({ weeks: 1, reason: 'waiting on switches' })).toEqual({ ok: true, weeks: 1, reason: 'waiting on switches' });
    expect(readDelayForm({ weeks: maxDelayWeeks, reason: 'r' })).toEqual({ ok: true, weeks: 26, reason: 'r' });
  });

  it.each([0, 27, 1.5, -1, '2', undefined])('refuses weeks of %p, saying what to type', (weeks) => {
    expect(readDelayForm({ ...(weeks === undefined ? {} : { weeks }), reason: 'r' })).toEqual({
      ok: false,
      problem: 'Move the date by whole weeks, from 1 to 26: `weeks:2`.',
    });
  });

  it('asks for a reason a buyer can read: none, blank or only invisible characters', () => {
    for (const reason of [undefined, '', '   ', '\u200b\u200b']) {
      const read = readDelayForm({ weeks: 2, ...(reason === undefined ? {} : { reason }) });
      expect(read).toEqual({ ok: false, problem: 'Say why, in words your buyer can read: `reason:waiting on switches from the vendor`.' });
    }
  });

  it('keeps the reason to 200 characters, saying how long it was', () => {
    expect(readDelayForm({ weeks: 2, reason: 'r'.repeat(maxDelayReasonLength) })).toMatchObject({ ok: true });
    expect(readDelayForm({ weeks: 2, reason: 'r'.repeat(201) })).toEqual({ ok: false, problem: 'Keep the reason to 200 characters; yours has 201.' });
  });
});
