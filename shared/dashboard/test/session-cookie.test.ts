import {
  browserBinding,
  clearCookieHeader,
  cookieOf,
  csrfTokenFor,
  isCsrfToken,
  newId,
  readCookieValue,
  sealCookieValue,
  setCookieHeader,
} from '../rules/session-cookie';

const key = 'dashboard-session-key-for-tests-0123456789';
const nowMs = Date.parse('2026-11-21T12:00:00.000Z');
const session = { kind: 'session', id: newId(), expiresAtMs: nowMs + 3_600_000 } as const;

describe('the dashboard cookie', () => {
  it('reads back the session it was sealed for', () => {
    expect(readCookieValue(sealCookieValue(session, key), key, nowMs)).toEqual({ ok: true, claim: session });
  });

  it('reads back a sign-in under way as such, never as a session', () => {
    const signIn = { kind: 'sign-in', id: newId(), expiresAtMs: nowMs + 600_000 } as const;
    expect(readCookieValue(sealCookieValue(signIn, key), key, nowMs)).toEqual({ ok: true, claim: signIn });
  });

  it('GIVEN the id, the kind or the expiry edited THEN it is forged', () => {
    const value = sealCookieValue(session, key);
    const [kind, id, expiry, mac] = value.split('.') as [string, string, string, string];
    const otherId = newId();
    expect(readCookieValue(`${kind}.${otherId}.${expiry}.${mac}`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue(`p.${id}.${expiry}.${mac}`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue(`${kind}.${id}.${Number(expiry) + 86_400_000}.${mac}`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('GIVEN another key, a cut signature or garbage THEN it is forged', () => {
    const value = sealCookieValue(session, key);
    expect(readCookieValue(sealCookieValue(session, 'another-key-entirely-0123456789abcdef'), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue(value.slice(0, -1), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue('s.abc.1.def', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readCookieValue('<script>', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('GIVEN no cookie THEN it is absent', () => {
    expect(readCookieValue(undefined, key, nowMs)).toEqual({ ok: false, reason: 'absent' });
    expect(readCookieValue('', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
  });

  it('expires at its expiry and not a millisecond before', () => {
    const value = sealCookieValue(session, key);
    expect(readCookieValue(value, key, session.expiresAtMs - 1).ok).toBe(true);
    expect(readCookieValue(value, key, session.expiresAtMs)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is found by its name among other cookies', () => {
    expect(cookieOf('a=1; __session=s.x.1.y; b=2')).toBe('s.x.1.y');
    expect(cookieOf('__sessionx=1')).toBeUndefined();
    expect(cookieOf(undefined)).toBeUndefined();
  });

  it('is set HttpOnly, SameSite=Lax, for the whole site, for as long as it lasts; Secure only when asked', () => {
    const header = setCookieHeader('v', session, nowMs, { secure: false });
    expect(header.split('; ')).toEqual(['__session=v', 'Path=/', 'Max-Age=3600', 'HttpOnly', 'SameSite=Lax']);
    expect(setCookieHeader('v', session, nowMs, { secure: true })).toMatch(/; Secure$/);
    expect(clearCookieHeader({ secure: true })).toBe('__session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
  });
});

describe('the CSRF token', () => {
  it('is the session’s own: another session’s, another key’s or none is refused', () => {
    const token = csrfTokenFor('session-a', key);
    expect(isCsrfToken(token, 'session-a', key)).toBe(true);
    expect(isCsrfToken(token, 'session-b', key)).toBe(false);
    expect(isCsrfToken(csrfTokenFor('session-a', 'other-key-0123456789abcdef0123456789'), 'session-a', key)).toBe(false);
    expect(isCsrfToken(undefined, 'session-a', key)).toBe(false);
    expect(isCsrfToken('', 'session-a', key)).toBe(false);
  });
});

describe('the browser binding', () => {
  it('hides the nonce and differs for every nonce', () => {
    const nonce = newId();
    expect(browserBinding(nonce)).not.toContain(nonce);
    expect(browserBinding(nonce)).toBe(browserBinding(nonce));
    expect(browserBinding(newId())).not.toBe(browserBinding(nonce));
  });
});
