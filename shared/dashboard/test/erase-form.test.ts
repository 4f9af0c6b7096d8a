/**
 * The Your data page's erase form: good for 15 minutes from when its page was made, for its own
 * session alone, and its time cannot be moved without the key.
 */
import { createHmac } from 'node:crypto';
import { eraseFormFresh, eraseFormLifetimeMs, eraseFormToken } from '../rules/erase-form';

const key = 'k'.repeat(40);
const madeAtMs = Date.parse('2026-11-28T12:00:00Z');

describe('the dashboard’s erase form', () => {
  it('erases within 15 minutes of its page, and not from the first millisecond after', () => {
    const token = eraseFormToken('s1', madeAtMs, key);
    expect(eraseFormFresh(token, 's1', key, madeAtMs)).toBe(true);
    expect(eraseFormFresh(token, 's1', key, madeAtMs + eraseFormLifetimeMs - 1)).toBe(true);
    expect(eraseFormFresh(token, 's1', key, madeAtMs + eraseFormLifetimeMs)).toBe(false);
  });

  it('refuses another session’s form, an edited time, another key’s signature, and nothing at all', () => {
    const token = eraseFormToken('s1', madeAtMs, key);
    expect(eraseFormFresh(token, 's2', key, madeAtMs)).toBe(false);
    expect(eraseFormFresh(token.replace(String(madeAtMs), String(madeAtMs + 60_000)), 's1', key, madeAtMs + eraseFormLifetimeMs)).toBe(false);
    expect(eraseFormFresh(eraseFormToken('s1', madeAtMs, 'x'.repeat(40)), 's1', key, madeAtMs)).toBe(false);
    expect(eraseFormFresh(undefined, 's1', key, madeAtMs)).toBe(false);
    expect(eraseFormFresh('', 's1', key, madeAtMs)).toBe(false);
  });

  it('refuses a form whose page was made later than now (a clock that ran ahead): it would outlive its 15 minutes', () => {
    expect(eraseFormFresh(eraseFormToken('s1', madeAtMs + 60_000, key), 's1', key, madeAtMs)).toBe(false);
  });

  it('is signed for its purpose alone: a MAC of the same session and time made for anything else is no form', () => {
    const token = eraseFormToken('s1', madeAtMs, key);
    const expected = createHmac('sha256', key).update('c500:dashboard-erase-form:v1:').update(`s1:${madeAtMs}`).digest('base64url');
    expect(token).toBe(`${madeAtMs}.${expected}`);
    const other = createHmac('sha256', key).update('c500:dashboard-csrf:v1:').update(`s1:${madeAtMs}`).digest('base64url');
    expect(eraseFormFresh(`${madeAtMs}.${other}`, 's1', key, madeAtMs)).toBe(false);
  });
});
