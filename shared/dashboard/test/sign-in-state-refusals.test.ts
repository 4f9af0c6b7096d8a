import { mac } from '../rules/session-cookie';
import { discordAuthorizeLink, readSignInState, safeReturnTo } from '../rules/sign-in-state';

const key = 'dashboard-session-key-for-tests-0123456789';
const nowMs = Date.parse('2026-11-21T12:00:00.000Z');
const payload = { i: 'state-1', b: 'hash-of-the-nonce', r: '/dashboard/host', e: nowMs + 600_000 };

/** A state signed as the dashboard signs it (its purpose is part of the format), whatever it holds. */
const signedBody = (body: string) => `${body}.${mac('c500:dashboard-sign-in-state:v1:', body, key)}`;
const signed = (content: unknown) => signedBody(Buffer.from(JSON.stringify(content), 'utf8').toString('base64url'));

describe('reading a sign-in state signed with our key', () => {
  it('accepts a state signed for the sign-in, as every earlier release signed it', () => {
    expect(readSignInState(signed(payload), key, nowMs)).toEqual({
      ok: true,
      state: { stateId: 'state-1', browser: 'hash-of-the-nonce', returnTo: '/dashboard/host', expiresAtMs: nowMs + 600_000 },
    });
  });

  it('refuses a state with a part after its signature', () => {
    expect(readSignInState(`${signed(payload)}.more`, key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a state longer than 2,000 characters even when signed, and reads one of exactly 2,000', () => {
    // 1,500 bytes of JSON are 2,000 characters of base64url.
    const sized = (length: number) => {
      const bare = JSON.stringify({ ...payload, r: '' }).length;
      return { ...payload, r: `/dashboard/${'a'.repeat(length - bare - '/dashboard/'.length)}` };
    };
    const atLimit = signed(sized(1_500));
    expect(atLimit.split('.')[0]).toHaveLength(2_000);
    expect(readSignInState(atLimit, key, nowMs)).toMatchObject({ ok: true, state: { stateId: 'state-1' } });
    expect(readSignInState(signed(sized(1_503)), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a signed state that is not JSON', () => {
    expect(readSignInState(signedBody(Buffer.from('not json', 'utf8').toString('base64url')), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a signed state missing any of its id, browser, return path or expiry, or holding the wrong kind of value', () => {
    for (const broken of [
      { ...payload, i: 1 },
      { ...payload, b: null },
      { ...payload, r: ['/dashboard'] },
      { ...payload, e: String(payload.e) },
    ]) {
      expect(readSignInState(signed(broken), key, nowMs)).toEqual({ ok: false, reason: 'forged' });
    }
  });
});

describe('where a person goes after signing in', () => {
  it('keeps a dashboard path of up to 500 characters, and sends a longer one to the front page', () => {
    const exactly500 = `/dashboard/${'a'.repeat(489)}`;
    expect(exactly500).toHaveLength(500);
    expect(safeReturnTo(exactly500)).toBe(exactly500);
    expect(safeReturnTo(`${exactly500}b`)).toBe('/dashboard');
  });

  it('never goes to a path that merely ends in /dashboard, on this site or another', () => {
    expect(safeReturnTo('https://evil.example/dashboard')).toBe('/dashboard');
    expect(safeReturnTo('/evil/dashboard')).toBe('/dashboard');
  });

  it('never ends on a dot segment that a browser would resolve out of the dashboard', () => {
    expect(safeReturnTo('/dashboard/..')).toBe('/dashboard');
    expect(safeReturnTo('/dashboard/.')).toBe('/dashboard');
  });
});

describe("Discord's authorize link for the local stand-in", () => {
  it('passes who to sign in as through to the stand-in', () => {
    const link = new URL(
      discordAuthorizeLink({
        authorizeUrl: 'http://localhost:8080/local/discord/authorize',
        clientId: '1100000000000000001',
        redirectUri: 'http://localhost:8080/dashboard/callback',
        state: 's',
        hints: { user_id: '810000000000000001', username: 'cleo' },
      }),
    );
    expect(link.searchParams.get('user_id')).toBe('810000000000000001');
    expect(link.searchParams.get('username')).toBe('cleo');
    expect(link.searchParams.get('prompt')).toBe('none');
  });
});
