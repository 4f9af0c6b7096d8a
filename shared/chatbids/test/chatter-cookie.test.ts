import { clearChatterCookie, readChatterCookie, sealChatterCookie, setChatterCookie } from '../rules/chatter-cookie';

const key = 'a-state-key-of-at-least-32-characters-0123';
const nowMs = Date.parse('2026-11-21T20:00:00.000Z');
const session = { kind: 'session' as const, id: '141981764', expiresAtMs: nowMs + 3_600_000 };
const signIn = { kind: 'sign-in' as const, id: 'AbCdEfGhIjKlMnOpQrStUvWx', expiresAtMs: nowMs + 600_000 };

describe('a chatter’s cookie', () => {
  it('reads back the Twitch user a session was made for, until it expires', () => {
    const header = `__session=${sealChatterCookie(session, key)}`;
    expect(readChatterCookie(header, 'session', key, nowMs)).toEqual({ ok: true, cookie: session });
    expect(readChatterCookie(header, 'session', key, session.expiresAtMs)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reads a session whose user id or expiry was edited, or that another key signed, as forged', () => {
    const value = sealChatterCookie(session, key);
    const [, , expiry, mac] = value.split('.') as [string, string, string, string];
    for (const forged of [`t.141981765.${expiry}.${mac}`, `t.141981764.${Number(expiry) + 1}.${mac}`, sealChatterCookie(session, `${key}x`)]) {
      expect(readChatterCookie(`__session=${forged}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('never takes a sign-in’s nonce for a session, nor the other way round', () => {
    expect(readChatterCookie(`__session=${sealChatterCookie(signIn, key)}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
    expect(readChatterCookie(`__session=${sealChatterCookie(session, key)}`, 'sign-in', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
    // Tag swapped by hand: the MAC covers the kind.
    const swapped = sealChatterCookie(signIn, key).replace(/^n\./, 't.');
    expect(readChatterCookie(`__session=${swapped}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('finds its own among every __session the browser sends, another page’s included', () => {
    const header = [
      'theme=dark',
      `__session=${sealChatterCookie(signIn, key)}`,
      '__session=s.someoneelsesdashboardsession.999.xyz',
      `__session=${sealChatterCookie(session, key)}`,
    ].join('; ');
    expect(readChatterCookie(header, 'session', key, nowMs)).toEqual({ ok: true, cookie: session });
    expect(readChatterCookie(header, 'sign-in', key, nowMs)).toEqual({ ok: true, cookie: signIn });
    expect(readChatterCookie(undefined, 'session', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
  });

  it('is set HttpOnly, SameSite=Lax, for its own path and lifetime, and Secure where the site is https', () => {
    expect(setChatterCookie(session, key, nowMs, { secure: true })).toBe(
      `__session=${sealChatterCookie(session, key)}; Path=/pay; Max-Age=3600; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(setChatterCookie(signIn, key, nowMs, { secure: false })).toBe(
      `__session=${sealChatterCookie(signIn, key)}; Path=/twitch/bidder; Max-Age=600; HttpOnly; SameSite=Lax`,
    );
    expect(clearChatterCookie('sign-in', { secure: true })).toBe('__session=; Path=/twitch/bidder; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
  });
});
