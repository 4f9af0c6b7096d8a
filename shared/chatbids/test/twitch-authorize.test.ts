import { readOAuthState } from '../../onboarding/rules/oauth-state';
import {
  chatPayPath,
  chatterSignInLink,
  chatterSignInUrl,
  consentLink,
  consentRedirectUri,
  readConsentState,
  readSignInState,
  safeNextPath,
  signConsentState,
  signSignInState,
} from '../rules/twitch-authorize';

const key = 'a-state-key-of-at-least-32-characters-0123';
const now = new Date('2026-11-21T20:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('the consent state of /c500 chat-bidding on', () => {
  const state = signConsentState({ discordUserId: '812000000000000001', guildId: '900000000000000001', expiresAt: later(10) }, key);

  it('names the member and the server it was made for, until it expires', () => {
    expect(readConsentState(state, key, now)).toEqual({ ok: true, discordUserId: '812000000000000001', guildId: '900000000000000001' });
    expect(readConsentState(state, key, later(10))).toEqual({ ok: false, reason: 'expired' });
  });

  it('reads as forged when edited, signed with another key, missing or cut short', () => {
    const [body, mac] = state.split('.') as [string, string];
    const otherMember = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: '1' })).toString('base64url');
    for (const forged of [
      `${otherMember}.${mac}`,
      signConsentState({ discordUserId: '1', guildId: '2', expiresAt: later(10) }, `${key}x`),
      undefined,
      body,
      `${state}.x`,
    ]) {
      expect(readConsentState(forged, key, now)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('is never taken for another purpose’s token signed with the same key, nor the other way round', () => {
    const signIn = signSignInState({ browser: 'b', expiresAtMs: later(10).getTime() }, key);
    expect(readConsentState(signIn, key, now)).toEqual({ ok: false, reason: 'forged' });
    expect(readSignInState(state, key, now.getTime())).toEqual({ ok: false, reason: 'forged' });
    expect(readOAuthState(state, key, now)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('the chatter sign-in state', () => {
  it('carries the browser’s binding and a pay page to go back to', () => {
    const state = signSignInState({ browser: 'hash-of-nonce', next: '/pay/ord-1234', expiresAtMs: later(10).getTime() }, key);
    expect(readSignInState(state, key, now.getTime())).toEqual({ ok: true, browser: 'hash-of-nonce', next: '/pay/ord-1234' });
    expect(readSignInState(state, key, later(10).getTime())).toEqual({ ok: false, reason: 'expired' });
  });

  it('leaves out a next page it would not send anyone to, even signed', () => {
    const state = signSignInState({ browser: 'b', next: 'https://evil.example/pay/x', expiresAtMs: later(10).getTime() }, key);
    expect(readSignInState(state, key, now.getTime())).toEqual({ ok: true, browser: 'b' });
  });
});

describe('where a chatter may be sent after signing in', () => {
  it.each(['/pay/ord-1234', '/pay/a1b2c3d4-e5f6'])('takes our own pay page %s', (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    '//evil.example/pay/ord-1234',
    'https://evil.example/pay/ord-1234',
    '/pay/ord-1234/../../dashboard',
    '/pay/ORD-1234',
    '/pay/',
    '/dashboard',
    'javascript:alert(1)',
    '/pay/ord-1234?x=1',
    '/pay/ord%2F1234',
    42,
    undefined,
  ])('refuses %p', (path) => {
    expect(safeNextPath(path)).toBeUndefined();
  });

  it('agrees with the pay page’s route in the registry', () => {
    expect(chatPayPath('ord-1234')).toBe('/pay/ord-1234');
    expect(safeNextPath(chatPayPath('ord-1234'))).toBe('/pay/ord-1234');
  });
});

describe('the authorize links', () => {
  const request = { authorizeUrl: 'https://id.twitch.tv/oauth2/authorize', clientId: 'client-id', state: 's.t' };

  it('asks a broadcaster for channel:bot only, coming back to the consent callback', () => {
    const url = new URL(consentLink({ ...request, redirectUri: consentRedirectUri('https://c500.example') }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: 'https://c500.example/twitch/chat/callback',
      scope: 'channel:bot',
      state: 's.t',
      force_verify: 'true',
    });
  });

  it('offers Twitch’s page the login the Discord answer named, when the state carries it', () => {
    const state = signConsentState({ discordUserId: '812000000000000001', guildId: '900000000000000001', expiresAt: later(10), login: 'cleobuilds' }, key);
    const read = readConsentState(state, key, now);
    expect(read).toEqual({ ok: true, discordUserId: '812000000000000001', guildId: '900000000000000001', login: 'cleobuilds' });
    const url = new URL(
      consentLink({ ...request, redirectUri: consentRedirectUri('https://c500.example'), ...(read.ok && read.login ? { loginHint: read.login } : {}) }),
    );
    expect(url.searchParams.get('login_hint')).toBe('cleobuilds');
  });

  it('asks a chatter for no scope at all, coming back to the sign-in page itself', () => {
    const url = new URL(chatterSignInLink({ ...request, redirectUri: chatterSignInUrl('https://c500.example') }));
    expect(url.searchParams.get('scope')).toBe('');
    expect(url.searchParams.get('redirect_uri')).toBe('https://c500.example/twitch/bidder');
  });
});
