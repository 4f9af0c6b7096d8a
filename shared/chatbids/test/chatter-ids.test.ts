import { isTwitchLogin, isTwitchUserId, twitchUserIdOf } from '../rules/chat-bidding';
import { cookieValues, readChatterCookie, sealChatterCookie } from '../rules/chatter-cookie';
import { mac } from '../rules/signed-token';

describe('how a chatter is named in the book', () => {
  it('reads the Twitch user id of a Twitch bidder only', () => {
    expect(twitchUserIdOf('twitch:141981764')).toBe('141981764');
    expect(twitchUserIdOf('1234567890')).toBeUndefined();
  });

  it.each(['twitch:x123', 'twitch:123x'])('reads no Twitch user id from %s', (bidderId) => {
    expect(twitchUserIdOf(bidderId)).toBeUndefined();
  });

  it('takes digits, and nothing around them, as a Twitch user id', () => {
    expect(isTwitchUserId('141981764')).toBe(true);
    for (const id of [['141981764'], 'x123', '123x']) expect(isTwitchUserId(id)).toBe(false);
  });

  it('takes letters, digits and underscores, and nothing around them, as a Twitch login', () => {
    expect(isTwitchLogin('Ana_Keys')).toBe(true);
    for (const login of [['ana'], 'ana!', '!ana']) expect(isTwitchLogin(login)).toBe(false);
  });
});

describe('which cookie values a chatter’s browser sent', () => {
  it('picks the trimmed values of the named cookie alone', () => {
    expect(cookieValues('other=1; __session= abc ; b=2; __session=def', '__session')).toEqual(['abc', 'def']);
  });

  it('finds nothing in no header, or in a part that has no value', () => {
    expect(cookieValues(undefined, '__session')).toEqual([]);
    expect(cookieValues('__sessionX', '__session')).toEqual([]);
  });

  it('takes a part with nothing before its = for no cookie at all', () => {
    expect(cookieValues('=abc', '')).toEqual([]);
  });
});

describe('which chatter cookies read as signed by us', () => {
  const key = 'a-state-key-of-at-least-32-characters-0123';
  const nowMs = Date.parse('2026-11-21T20:00:00.000Z');
  const session = { kind: 'session' as const, id: '141981764', expiresAtMs: nowMs + 3_600_000 };

  it('refuses a value signed for no purpose of its own as forged', () => {
    const body = `t.141981764.${session.expiresAtMs}`;
    expect(readChatterCookie(`__session=${body}.${mac('', body, key)}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('ignores a value with anything before or after a signed cookie', () => {
    const sealed = sealChatterCookie(session, key);
    expect(readChatterCookie(`__session=x${sealed}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
    expect(readChatterCookie(`__session=${sealed}x`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'absent' });
  });

  it('says a session expired rather than forged when an expired one came before a forged one', () => {
    const expired = sealChatterCookie({ ...session, expiresAtMs: nowMs - 1 }, key);
    const forged = sealChatterCookie(session, `${key}x`);
    expect(readChatterCookie(`__session=${expired}; __session=${forged}`, 'session', key, nowMs)).toEqual({ ok: false, reason: 'expired' });
  });
});
