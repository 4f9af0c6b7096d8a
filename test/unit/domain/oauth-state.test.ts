import { readOAuthState, signOAuthState, twitchAuthorizeLink } from '../../../shared/domain/oauth-state';

const key = 'twitch-client-secret-for-tests';
const now = new Date('2026-11-21T12:00:00.000Z');
const inTenMinutes = new Date(now.getTime() + 10 * 60_000);

describe('the signed OAuth state', () => {
  it('reads back the Discord user and guild it was signed for', () => {
    const state = signOAuthState({ discordUserId: '810000000000000001', guildId: '700000000000000001', expiresAt: inTenMinutes }, key);
    expect(readOAuthState(state, key, now)).toEqual({ ok: true, discordUserId: '810000000000000001', guildId: '700000000000000001' });
  });

  it('reads back a state signed without a guild', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    expect(readOAuthState(state, key, now)).toEqual({ ok: true, discordUserId: '42' });
  });

  it('is URL-safe and differs each time thanks to its nonce', () => {
    const a = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    const b = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    expect(a).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(a).not.toBe(b);
  });

  it('refuses a state whose payload was edited to name someone else', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    const [body, mac] = state.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...payload, u: '43' })).toString('base64url');
    expect(readOAuthState(`${edited}.${mac}`, key, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a state with a changed or missing signature, or none at all', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    const last = state.at(-1) === 'A' ? 'B' : 'A';
    expect(readOAuthState(`${state.slice(0, -1)}${last}`, key, now)).toEqual({ ok: false, reason: 'forged' });
    expect(readOAuthState(`${state}x`, key, now)).toEqual({ ok: false, reason: 'forged' });
    expect(readOAuthState(state.split('.')[0] as string, key, now)).toEqual({ ok: false, reason: 'forged' });
    expect(readOAuthState('', key, now)).toEqual({ ok: false, reason: 'forged' });
    expect(readOAuthState('not.a.state', key, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a state signed with another key', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, 'someone-elses-key');
    expect(readOAuthState(state, key, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a state once it has expired, and only then', () => {
    const state = signOAuthState({ discordUserId: '42', expiresAt: inTenMinutes }, key);
    expect(readOAuthState(state, key, new Date(inTenMinutes.getTime() - 1)).ok).toBe(true);
    expect(readOAuthState(state, key, inTenMinutes)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('the Twitch authorize link', () => {
  it('asks for a code with no scope, names the callback and state, and forces Twitch to ask', () => {
    const link = new URL(twitchAuthorizeLink({ authorizeUrl: 'https://id.twitch.tv/oauth2/authorize', clientId: 'abc123', redirectUri: 'https://c500.example/oauth/twitch/callback', state: 's.t' }));
    expect(link.origin + link.pathname).toBe('https://id.twitch.tv/oauth2/authorize');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc123',
      redirect_uri: 'https://c500.example/oauth/twitch/callback',
      scope: '',
      state: 's.t',
      force_verify: 'true',
    });
  });
});
