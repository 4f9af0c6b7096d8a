import { readOAuthState, readUnlinkToken, signOAuthState, signUnlinkToken, twitchAuthorizeLink } from '../rules/oauth-state';

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

  it.each([
    ['emoji', '🦊'.repeat(50)],
    ['CJK', '鍵'.repeat(100)],
    ['quote and control', '"\u0001'.repeat(50)],
  ])('stays within 300 characters whatever a 100-character %s display name holds, and still names its start', (_, name) => {
    const state = signOAuthState({ discordUserId: '18446744073709551615', discordName: name, guildId: '18446744073709551615', expiresAt: inTenMinutes }, key);
    expect(state.length).toBeLessThanOrEqual(300);
    const read = readOAuthState(state, key, now);
    expect(read.ok && read.discordName && name.startsWith(read.discordName.replace(/…$/, ''))).toBe(true);
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
    const link = new URL(
      twitchAuthorizeLink({
        authorizeUrl: 'https://id.twitch.tv/oauth2/authorize',
        clientId: 'abc123',
        redirectUri: 'https://c500.example/oauth/twitch/callback',
        state: 's.t',
      }),
    );
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

describe('the undo token of the Twitch callback page', () => {
  const claims = { twitchUserId: '123', builderId: '456', expiresAt: new Date('2026-11-23T00:00:00Z') };
  const before = new Date('2026-11-22T00:00:00Z');

  it('reads back the channel and builder it was made for', () => {
    expect(readUnlinkToken(signUnlinkToken(claims, 'key'), 'key', before)).toEqual({ ok: true, twitchUserId: '123', builderId: '456' });
  });

  it('refuses an edited token, one made with another key, and an OAuth state passed off as one', () => {
    const token = signUnlinkToken(claims, 'key');
    const [body, mac] = token.split('.') as [string, string];
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString().replace('456', '789')).toString('base64url');
    expect(readUnlinkToken(`${edited}.${mac}`, 'key', before)).toEqual({ ok: false, reason: 'forged' });
    expect(readUnlinkToken(signUnlinkToken(claims, 'other'), 'key', before)).toEqual({ ok: false, reason: 'forged' });
    const state = signOAuthState({ discordUserId: '456', expiresAt: claims.expiresAt }, 'key');
    expect(readUnlinkToken(state, 'key', before)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an expired token', () => {
    expect(readUnlinkToken(signUnlinkToken(claims, 'key'), 'key', new Date('2026-11-23T00:00:01Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('carries the Discord name in the OAuth state, so the page can say whose profile it linked', () => {
    const state = signOAuthState({ discordUserId: '456', discordName: 'Cleo', expiresAt: claims.expiresAt }, 'key');
    expect(readOAuthState(state, 'key', before)).toEqual({ ok: true, discordUserId: '456', discordName: 'Cleo' });
  });
});
