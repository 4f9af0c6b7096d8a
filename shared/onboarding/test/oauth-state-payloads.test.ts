import { createHmac } from 'node:crypto';
import { readOAuthState, readUnlinkToken, signOAuthState, twitchStartLink } from '../rules/oauth-state';

const key = 'twitch-client-secret-for-tests';
const now = new Date('2026-11-21T12:00:00.000Z');
const later = now.getTime() + 10 * 60_000;

/** A token whose payload is ours to choose, signed with our key for a purpose (none: the body alone). */
function signed(payload: unknown, purpose: string, raw = false): string {
  const body = Buffer.from(raw ? String(payload) : JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(purpose).update(body).digest('base64url')}`;
}
const stateFor = (payload: unknown) => signed(payload, 'c500:twitch-oauth-state:v1:');
const unlinkFor = (payload: unknown) => signed(payload, 'c500:twitch-unlink:v1:');

const forged = { ok: false, reason: 'forged' };

describe('the Discord name carried in the OAuth state', () => {
  const nameRead = (discordName: string) => {
    const reading = readOAuthState(signOAuthState({ discordUserId: '42', discordName, expiresAt: new Date(later) }, key), key, now);
    return reading.ok ? reading.discordName : undefined;
  };

  it('keeps a name whose JSON fills its 64 bytes exactly', () => {
    expect(nameRead('a'.repeat(62))).toBe('a'.repeat(62));
  });

  it('cuts a longer name to as much of its start as fits with an ellipsis', () => {
    expect(nameRead('a'.repeat(63))).toBe(`${'a'.repeat(59)}…`);
    expect(nameRead('🦊'.repeat(50))).toBe(`${'🦊'.repeat(14)}…`);
  });
});

describe('a state signed with our key but not by us', () => {
  it('is refused when its signature covers the body without the OAuth state’s purpose', () => {
    expect(readOAuthState(signed({ u: '42', e: later, n: 'nonce' }, ''), key, now)).toEqual(forged);
    expect(readOAuthState(stateFor({ u: '42', e: later, n: 'nonce' }), key, now)).toEqual({ ok: true, discordUserId: '42' });
  });

  it.each([
    ['a user id that is not text', { u: 42, e: later, n: 'nonce' }],
    ['an empty user id', { u: '', e: later, n: 'nonce' }],
    ['no user id', { e: later, n: 'nonce' }],
    ['an expiry that is not a number', { u: '42', e: String(later), n: 'nonce' }],
    ['no nonce', { u: '42', e: later }],
    ['a guild that is not text', { u: '42', e: later, n: 'nonce', g: 7 }],
    ['a name that is not text', { u: '42', e: later, n: 'nonce', d: 7 }],
  ])('is refused like a forgery when it holds %s', (_, payload) => {
    expect(readOAuthState(stateFor(payload), key, now)).toEqual(forged);
  });

  it('is refused like a forgery when its body is not JSON', () => {
    expect(readOAuthState(signed('not json', 'c500:twitch-oauth-state:v1:', true), key, now)).toEqual(forged);
  });

  it('is refused when a third part follows its signature', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: new Date(later) }, key);
    expect(readOAuthState(`${state}.extra`, key, now)).toEqual(forged);
  });
});

describe('an undo token signed with our key but not by us', () => {
  const expiry = later;

  it('is read when it carries a channel, a builder and an expiry', () => {
    expect(readUnlinkToken(unlinkFor({ t: '123', u: '456', e: expiry }), key, now)).toEqual({ ok: true, twitchUserId: '123', builderId: '456' });
  });

  it('is refused when its signature covers the body without the undo token’s purpose', () => {
    expect(readUnlinkToken(signed({ t: '123', u: '456', e: expiry }, ''), key, now)).toEqual(forged);
  });

  it.each([
    ['a channel id that is not text', { t: 123, u: '456', e: expiry }],
    ['a builder id that is not text', { t: '123', u: 456, e: expiry }],
    ['an expiry that is not a number', { t: '123', u: '456', e: String(expiry) }],
  ])('is refused like a forgery when it holds %s', (_, payload) => {
    expect(readUnlinkToken(unlinkFor(payload), key, now)).toEqual(forged);
  });

  it('is refused like a forgery when its body is not JSON', () => {
    expect(readUnlinkToken(signed('not json', 'c500:twitch-unlink:v1:', true), key, now)).toEqual(forged);
  });

  it('has expired at the very millisecond of its expiry', () => {
    expect(readUnlinkToken(unlinkFor({ t: '123', u: '456', e: now.getTime() }), key, now)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('the link our link-twitch button carries', () => {
  it('is our callback with the state as its start parameter, encoded', () => {
    const link = twitchStartLink('https://c500.example/oauth/twitch/callback', 'a+b/c=.d');
    expect(link).toBe('https://c500.example/oauth/twitch/callback?start=a%2Bb%2Fc%3D.d');
    expect(new URL(link).searchParams.get('start')).toBe('a+b/c=.d');
  });
});
