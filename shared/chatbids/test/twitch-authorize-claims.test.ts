import { sealToken, type TokenFields } from '../rules/signed-token';
import { readConsentState, readSignInState, safeNextPath } from '../rules/twitch-authorize';

const key = 'a-state-key-of-at-least-32-characters-0123';
const nowMs = Date.parse('2026-11-21T20:00:00.000Z');
const soon = nowMs + 600_000;
const consent = (fields: TokenFields, purpose = 'c500:twitch-chat-consent-state:v1:') => sealToken(purpose, fields, key);
const signIn = (fields: TokenFields, purpose = 'c500:twitch-chatter-sign-in-state:v1:') => sealToken(purpose, fields, key);
const forged = { ok: false, reason: 'forged' };

describe('what a consent state must carry', () => {
  it('reads a state carrying the member, the server and the expiry', () => {
    expect(readConsentState(consent({ u: '81', g: '90', e: soon }), key, new Date(nowMs))).toEqual({ ok: true, discordUserId: '81', guildId: '90' });
  });

  it.each<[string, TokenFields]>([
    ['no member', { g: '90', e: soon }],
    ['no server', { u: '81', e: soon }],
    ['a member that is a number', { u: 81, g: '90', e: soon }],
    ['an expiry that is text', { u: '81', g: '90', e: 'soon' }],
  ])('refuses a signed state with %s as forged', (_what, fields) => {
    expect(readConsentState(consent(fields), key, new Date(nowMs))).toEqual(forged);
  });

  it('refuses a state signed for no purpose of its own', () => {
    expect(readConsentState(consent({ u: '81', g: '90', e: soon }, ''), key, new Date(nowMs))).toEqual(forged);
  });
});

describe('what a chatter’s sign-in state must carry', () => {
  it('reads a state without a next page', () => {
    expect(readSignInState(signIn({ b: 'binding', e: soon }), key, nowMs)).toStrictEqual({ ok: true, browser: 'binding' });
  });

  it('reads a state with a pay page to go to next', () => {
    expect(readSignInState(signIn({ b: 'binding', x: '/pay/ord-1', e: soon }), key, nowMs)).toEqual({ ok: true, browser: 'binding', next: '/pay/ord-1' });
  });

  it.each<[string, TokenFields]>([
    ['no browser', { e: soon }],
    ['an expiry that is text', { b: 'binding', e: 'soon' }],
    ['a next page that is a number', { b: 'binding', x: 5, e: soon }],
  ])('refuses a signed state with %s as forged', (_what, fields) => {
    expect(readSignInState(signIn(fields), key, nowMs)).toEqual(forged);
  });

  it('refuses a state signed for no purpose of its own', () => {
    expect(readSignInState(signIn({ b: 'binding', e: soon }, ''), key, nowMs)).toEqual(forged);
  });

  it('sends nowhere but a pay page named as text', () => {
    expect(safeNextPath(['/pay/ord-1'])).toBeUndefined();
    expect(safeNextPath('/pay/ord-1')).toBe('/pay/ord-1');
  });
});
