import { hostPayoutPath, type HostPayout } from '../../payments';
import { orderPath } from '../../orders';
import { finishSignIn, startSignIn } from '../use-cases/sign-in';
import { checkSession } from '../use-cases/session-check';
import { dashboardAuditCollection, markHostPayoutPaid, orderFor } from '../use-cases/dashboard-actions';
import { dashboardSessionPath, dashboardSessionsCollection, openSessionToken, sealToken, type DashboardSession } from '../rules/session';
import { readSealKeys, sealSecret } from '../../common';
import { cookieValue, guild, otherGuild, sessionOf as session, signedIn, world } from './dashboard-fixtures';

describe('signing in with Discord', () => {
  it('GIVEN the browser that started it THEN it makes a session with the guilds Discord says they administer, and goes back where it was going', async () => {
    const w = world();
    const { outcome, cookie } = await signedIn(w);
    expect(outcome.location).toBe('/dashboard/builder');
    expect(outcome.setCookie).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    const check = await checkSession(w.deps, cookie);
    expect(check).toMatchObject({
      signedIn: true,
      rightsKnown: true,
      session: { userId: '810000000000000001', displayName: 'Cleo Builds', adminGuilds: [{ id: guild }] },
    });
    // The token is kept sealed, never as it is.
    const stored = (await w.store.query(dashboardSessionsCollection))[0]?.data as DashboardSession;
    expect(JSON.stringify(stored)).not.toContain('token-1');
  });

  it('GIVEN the callback replayed, even from the same browser THEN it signs nobody in', async () => {
    const w = world();
    const { start, state } = await signedIn(w);
    expect(await finishSignIn(w.deps, { code: 'code-1', state }, cookieValue(start.setCookie))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('GIVEN the callback opened in another browser (no cookie, or another sign-in’s) THEN it is refused before Discord is asked', async () => {
    const w = world();
    const mine = startSignIn(w.deps, '/dashboard');
    const theirs = startSignIn(w.deps, '/dashboard');
    const state = new URL(mine.location).searchParams.get('state') as string;
    expect(await finishSignIn(w.deps, { code: 'code-1', state }, undefined)).toEqual({ ok: false, reason: 'other-browser' });
    expect(await finishSignIn(w.deps, { code: 'code-1', state }, cookieValue(theirs.setCookie))).toEqual({ ok: false, reason: 'other-browser' });
    expect(w.discord.codes.has('code-1')).toBe(true);
  });

  it('GIVEN a forged or expired state, or a refusal at Discord THEN it says so', async () => {
    const w = world();
    const start = startSignIn(w.deps, '/dashboard');
    const state = new URL(start.location).searchParams.get('state') as string;
    expect(await finishSignIn(w.deps, { code: 'code-1', state: `${state}x` }, cookieValue(start.setCookie))).toEqual({ ok: false, reason: 'forged' });
    expect(await finishSignIn(w.deps, { error: 'access_denied', state }, cookieValue(start.setCookie))).toEqual({ ok: false, reason: 'denied' });
    expect(await finishSignIn(w.deps, { code: 'no-such-code', state }, cookieValue(start.setCookie))).toEqual({ ok: false, reason: 'code-refused' });
    w.clock.ms += 11 * 60_000;
    const late = startSignIn({ ...w.deps, clock: { now: () => new Date(w.clock.ms - 11 * 60_000) } }, '/dashboard');
    const lateState = new URL(late.location).searchParams.get('state') as string;
    expect(await finishSignIn(w.deps, { code: 'code-1', state: lateState }, cookieValue(late.setCookie))).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('a session over time', () => {
  it('GIVEN Discord no longer lists them as admin THEN the next check after the window drops the guild', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    w.discord.guilds = [{ id: guild, name: 'Keebs', owner: false, permissions: '1024' }];
    w.clock.ms += 4 * 60_000;
    expect(await checkSession(w.deps, cookie)).toMatchObject({ signedIn: true, session: { adminGuilds: [{ id: guild }] } });
    w.clock.ms += 2 * 60_000;
    expect(await checkSession(w.deps, cookie)).toMatchObject({ signedIn: true, rightsKnown: true, session: { adminGuilds: [] } });
  });

  it('GIVEN Discord unreachable at the recheck THEN the rights are unknown, not kept', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    w.discord.down = true;
    w.clock.ms += 6 * 60_000;
    expect(await checkSession(w.deps, cookie)).toMatchObject({ signedIn: true, rightsKnown: false });
  });

  it('GIVEN the token revoked at Discord THEN the session ends', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    w.discord.revoked = true;
    w.clock.ms += 6 * 60_000;
    expect(await checkSession(w.deps, cookie)).toEqual({ signedIn: false, reason: 'ended' });
  });

  it('GIVEN the session’s time is up THEN the cookie is expired', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    w.clock.ms += 121 * 60_000;
    expect(await checkSession(w.deps, cookie)).toEqual({ signedIn: false, reason: 'expired' });
  });
});

describe('what a session may touch', () => {
  const payout: HostPayout = {
    orderId: 'lot-order-1',
    showId: 'show1',
    guildId: guild,
    hostId: '810000000000000005',
    hostName: 'Hana',
    amountCents: 1_500,
    currency: 'usd',
    status: 'owed',
    reason: 'no-account',
    releasedCents: 1_500,
    createdAt: '2026-11-20T12:00:00.000Z',
  };

  it('marks a cut paid by hand once, with who, when and the note; a second time says who did it', async () => {
    const w = world();
    await w.store.set(hostPayoutPath(payout.orderId), payout);
    const first = await markHostPayoutPaid(w.deps, session([guild]), guild, payout.orderId, 'Paid by PayPal, ref 123');
    expect(first).toMatchObject({
      ok: true,
      payout: { status: 'paid-by-hand', paidByHand: { byName: 'Ana', note: 'Paid by PayPal, ref 123', amountCents: 1_500 } },
    });
    const again = await markHostPayoutPaid(w.deps, session([guild]), guild, payout.orderId, 'twice');
    expect(again).toMatchObject({ ok: false, reason: 'already-paid', paidByHand: { byName: 'Ana', note: 'Paid by PayPal, ref 123' } });
    expect((await w.store.query(dashboardAuditCollection)).map((d) => d.data)).toEqual([
      expect.objectContaining({ orderId: payout.orderId, byName: 'Ana', note: 'Paid by PayPal, ref 123' }),
    ]);
  });

  it('GIVEN a cut that refunds brought to nothing THEN it is not marked paid by hand, and no audit record is made', async () => {
    const w = world();
    await w.store.set(hostPayoutPath(payout.orderId), { ...payout, amountCents: 0 });
    expect(await markHostPayoutPaid(w.deps, session([guild]), guild, payout.orderId, 'paid anyway')).toEqual({ ok: false, reason: 'nothing-owed' });
    expect(await w.store.get(hostPayoutPath(payout.orderId))).toMatchObject({ status: 'owed', amountCents: 0 });
    expect(await w.store.query(dashboardAuditCollection)).toEqual([]);
  });

  it('GIVEN an admin of another guild, or the cut asked for under another guild THEN nothing is found and nothing changes', async () => {
    const w = world();
    await w.store.set(hostPayoutPath(payout.orderId), payout);
    expect(await markHostPayoutPaid(w.deps, session([otherGuild]), guild, payout.orderId, '')).toEqual({ ok: false, reason: 'not-found' });
    expect(await markHostPayoutPaid(w.deps, session([otherGuild]), otherGuild, payout.orderId, '')).toEqual({ ok: false, reason: 'not-found' });
    expect((await w.store.get(hostPayoutPath(payout.orderId)))?.status).toBe('owed');
  });

  it('shows an order to its builder, buyer, host and its guild’s admins, and to nobody else', async () => {
    const w = world();
    const order = { orderId: 'o-0001', guildId: guild, builderId: 'b', buyerId: 'u', hostId: 'h', title: 't' };
    await w.store.set(orderPath('o-0001'), order as never);
    const as = (userId: string, admin: string[] = []) => orderFor(w.store, { ...session(admin), userId }, 'o-0001', true);
    expect((await as('b'))?.access).toBe('builder');
    expect((await as('u'))?.access).toBe('buyer');
    expect((await as('h'))?.access).toBe('host');
    expect((await as('x', [guild]))?.access).toBe('admin');
    expect(await as('x', [otherGuild])).toBeUndefined();
    expect(await as('x')).toBeUndefined();
  });

  it('GIVEN admin rights Discord could not confirm THEN the order is not shown as an admin’s, and still to its builder, buyer and host', async () => {
    const w = world();
    const order = { orderId: 'o-0001', guildId: guild, builderId: 'b', buyerId: 'u', hostId: 'h', title: 't' };
    await w.store.set(orderPath('o-0001'), order as never);
    const as = (userId: string) => orderFor(w.store, { ...session([guild]), userId }, 'o-0001', false);
    expect(await as('x')).toBeUndefined();
    expect((await as('b'))?.access).toBe('builder');
    expect((await as('u'))?.access).toBe('buyer');
    expect((await as('h'))?.access).toBe('host');
  });
});

describe('Discord’s token at rest', () => {
  it('GIVEN a copy of the stored sessions alone THEN no token can be read from it, and it names the key that sealed it', async () => {
    const w = world();
    await signedIn(w);
    const copy = JSON.stringify(await w.store.query(dashboardSessionsCollection));
    expect(copy).not.toContain('token-1');
    expect(copy).toContain('sealed:v1:k2:');
  });

  it('GIVEN a session sealed before TOKEN_SEAL_KEYS (or by an older key) THEN it still works, and its next write seals it with the current key', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    const [stored] = await w.store.query(dashboardSessionsCollection);
    const path = dashboardSessionPath(stored?.id as string);
    await w.store.update(path, { sealedToken: sealToken('token-1', w.deps.settings.sessionKey) });
    w.clock.ms += 6 * 60_000;
    expect(await checkSession(w.deps, cookie)).toMatchObject({ signedIn: true, rightsKnown: true });
    const resealed = (await w.store.get(path))?.sealedToken as string;
    expect(resealed).toMatch(/^sealed:v1:k2:/);
    expect(openSessionToken(resealed, w.deps.settings.sealKeys, w.deps.settings.sessionKey)).toEqual({ ok: true, secret: 'token-1', stale: false });
  });

  it('GIVEN a session whose token is sealed by a foreign key or tampered with THEN the session ends, and nothing is sent to Discord', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    const [stored] = await w.store.query(dashboardSessionsCollection);
    const path = dashboardSessionPath(stored?.id as string);
    await w.store.update(path, { sealedToken: sealSecret('token-1', 'dashboard-session:discord-token', readSealKeys(`k9=${'9'.repeat(64)}`)) });
    let asked = 0;
    const deps = { ...w.deps, discord: { ...w.deps.discord, currentUserGuilds: async () => (asked++, []) } };
    w.clock.ms += 6 * 60_000;
    expect(await checkSession(deps, cookie)).toEqual({ signedIn: false, reason: 'ended' });
    expect(asked).toBe(0);
    expect(await w.store.get(path)).toBeUndefined();
  });
});
