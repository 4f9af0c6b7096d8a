import { clearCookieHeader, cookieOf, csrfTokenFor, mac, readCookieValue, sealCookieValue } from '../rules/session-cookie';

const key = 'dashboard-session-key-for-tests-0123456789';
const nowMs = Date.parse('2026-11-21T12:00:00.000Z');
const id = 'abcdefghijklmnopqrstuvwx';
const expiresAtMs = nowMs + 3_600_000;

describe('the cookie’s format, which a deploy must not change', () => {
  it('seals a session as its kind, id, expiry and a MAC for the dashboard cookie', () => {
    const body = `s.${id}.${expiresAtMs}`;
    expect(sealCookieValue({ kind: 'session', id, expiresAtMs }, key)).toBe(`${body}.${mac('c500:dashboard-cookie:v1:', body, key)}`);
  });

  it('binds the CSRF token to the session under its own purpose', () => {
    expect(csrfTokenFor(id, key)).toBe(mac('c500:dashboard-csrf:v1:', id, key));
  });

  it('refuses a sealed value with anything before or after it', () => {
    const value = sealCookieValue({ kind: 'session', id, expiresAtMs }, key);
    expect(readCookieValue(value, key, nowMs)).toMatchObject({ ok: true });
    expect(readCookieValue(`x${value}`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue(`${value}x`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('the cookie in a request and in a sign-out', () => {
  it('reads the value without the spaces around it', () => {
    expect(cookieOf('theme=dark; __session= v1 ')).toBe('v1');
  });

  it('forgets the cookie without Secure when cookies are not secure', () => {
    expect(clearCookieHeader({ secure: false }).split('; ')).toEqual(['__session=', 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax']);
  });
});
