import { discordAuthorizeLink, discordRedirectUri, readSignInState, safeReturnTo, signSignInState } from '../rules/sign-in-state';

const key = 'dashboard-session-key-for-tests-0123456789';
const nowMs = Date.parse('2026-11-21T12:00:00.000Z');
const state = { stateId: 'state-1', browser: 'hash-of-the-nonce', returnTo: '/dashboard/guild/900000000000000001', expiresAtMs: nowMs + 600_000 };

describe('the sign-in state', () => {
  it('reads back its id, the browser it is bound to and where to go back', () => {
    expect(readSignInState(signSignInState(state, key), key, nowMs)).toEqual({ ok: true, state });
  });

  it('GIVEN its payload edited to another browser THEN it is forged', () => {
    const [body, mac] = signSignInState(state, key).split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...payload, b: 'my-own-nonce-hash' })).toString('base64url');
    expect(readSignInState(`${edited}.${mac}`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('GIVEN another key, no state or a malformed one THEN it is forged', () => {
    expect(readSignInState(signSignInState(state, 'another-key-0123456789abcdef0123'), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readSignInState(undefined, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(readSignInState('a.b.c', key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('expires with the sign-in', () => {
    expect(readSignInState(signSignInState(state, key), key, state.expiresAtMs)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('where a person goes back after signing in', () => {
  it.each(['/dashboard', '/dashboard/builder', '/dashboard/builder?state=refunded', '/dashboard/guild/900000000000000001'])('keeps %s', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });

  it.each(['https://evil.example/', '//evil.example', '/dashboard/../admin', 'javascript:alert(1)', '/other', '/dashboardx', '/dashboard//evil.example'])(
    'replaces %s with the front page',
    (path) => {
      expect(safeReturnTo(path)).toBe('/dashboard');
    },
  );
});

describe('Discord’s authorize link', () => {
  it('asks for a code with identify and guilds, sends the browser back to our callback and carries the state', () => {
    const url = new URL(
      discordAuthorizeLink({
        authorizeUrl: 'https://discord.com/oauth2/authorize',
        clientId: '1100000000000000001',
        redirectUri: discordRedirectUri('https://c500.example'),
        state: 'the-state',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1100000000000000001',
      scope: 'identify guilds',
      redirect_uri: 'https://c500.example/oauth/discord/callback',
      state: 'the-state',
      prompt: 'none',
    });
  });
});
