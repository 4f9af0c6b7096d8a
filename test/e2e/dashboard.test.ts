/**
 * The web dashboard end to end against the local runtime: signing in through the local
 * Discord (redirects only), each page and CSV with data made through really signed
 * interactions, Stripe's and Ko-fi's stand-ins, and the hostile cases: another user's order,
 * another guild, a forged or expired cookie, a replayed OAuth state, a POST without its
 * CSRF token or from another site, a cut marked paid by hand twice, a form too large.
 */
import { dashboardSessionPath, sealCookieValue } from '../../shared/dashboard';
import { hostPayoutPath } from '../../shared/payments';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { blockBidder, csrfOf, dashboardWorld, get, GUILD, OTHER_GUILD, parseCsv, post, signIn, type DashboardWorld } from '../support/dashboard';

let rt: TestRuntime;
let w: DashboardWorld;

beforeAll(async () => {
  rt = await startTestRuntime();
  w = await dashboardWorld(rt);
}, 120_000);
afterAll(() => rt.close());

const admin = { userId: '800000000000000001', username: 'ana_admin', adminGuilds: [GUILD] };
const page = async (path: string, cookie: string) => {
  const res = await get(rt, path, cookie);
  return { status: res.status, html: await res.text(), res };
};

describe('signing in', () => {
  it('GIVEN a signed-out browser THEN /dashboard redirects to the local Discord authorize page, with a sign-in cookie that is HttpOnly and SameSite', async () => {
    const res = await get(rt, '/dashboard');
    expect([302, 303]).toContain(res.status);
    const location = new URL(res.headers.get('location') as string, rt.url);
    expect(location.pathname).toBe('/_local/discord/oauth2/authorize');
    expect(location.searchParams.get('scope')).toBe('identify guilds');
    expect(location.searchParams.get('redirect_uri')).toBe(`${rt.url}/oauth/discord/callback`);
    expect(res.headers.get('set-cookie')).toMatch(/^__session=p\.[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  it('GIVEN the authorize page with user_id, username and admin_guilds THEN the browser comes back signed in, by redirects only, on the page it asked for', async () => {
    const signed = await signIn(rt, { userId: w.builder, username: 'dash_builder' }, '/dashboard/builder?state=released');
    expect(signed.landedOn).toBe('/dashboard/builder?state=released');
    expect(signed.setCookies[1]).toMatch(/^__session=s\.[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const { status, html } = await page('/dashboard', signed.cookie);
    expect(status).toBe(200);
    expect(html).toContain('Signed in with Discord as <strong>dash_builder</strong>');
  });

  it('GIVEN the authorize page without a user THEN it shows a form to say who, as the local Twitch does', async () => {
    const res = await get(rt, '/dashboard');
    const form = await get(rt, res.headers.get('location') as string);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="admin_guilds"');
  });

  it('signs out for good: the old cookie is worth nothing after', async () => {
    const signed = await signIn(rt, { userId: w.buyer });
    const { html } = await page('/dashboard', signed.cookie);
    const out = await post(rt, '/dashboard/sign-out', signed.cookie, { csrf: csrfOf(html) });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/dashboard/signed-out');
    expect(out.headers.get('set-cookie')).toMatch(/^__session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    expect((await get(rt, '/dashboard', signed.cookie)).status).toBe(303);
  });
});

describe('the builder’s page and CSV', () => {
  it('shows orders by state with price, fee and share, the proof link and dates, the chart drawn, and the auction and show results', async () => {
    const { cookie } = await signIn(rt, { userId: w.builder });
    const { status, html } = await page('/dashboard/builder', cookie);
    expect(status).toBe(200);
    expect(html).toContain(w.orders.released.orderId);
    expect(html).toContain('$240.00');
    expect(html).toContain('$24.00');
    expect(html).toContain('$216.00');
    // The proof is a clip of the stream, and the page says so.
    expect(html).toMatch(/href="https:\/\/clips\.twitch\.tv\/[^"]+"[^>]*>Clip of the proof</);
    expect(html).toMatch(/<svg class="earnings-chart wide"[^>]*role="img"/);
    // Drawn twice, for wide screens and for phones: twelve weeks each.
    expect(html.match(/<g class="week"/g)).toHaveLength(24);
    expect(html).toContain('Friday night keebs');
    expect(html).toContain('Sold for $120.00');
    const released = await page('/dashboard/builder?state=released', cookie);
    expect(released.html).toContain(w.orders.released.orderId);
    expect(released.html).not.toContain('Brass TKL');
    const waiting = await page('/dashboard/builder?state=waiting-for-proof', cookie);
    expect(waiting.html).toContain('Brass TKL');
    expect((await page('/dashboard/builder?state=awaiting-payment', cookie)).html).toContain(w.orders.awaiting);
  });

  it('GIVEN /dashboard/builder/orders.csv THEN a header row and one row per order of theirs, with its id, state and amount', async () => {
    const { cookie } = await signIn(rt, { userId: w.builder });
    const res = await get(rt, '/dashboard/builder/orders.csv', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="c500-builder-orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(expect.arrayContaining(['id', 'state', 'amount']));
    const id = (header as string[]).indexOf('id');
    const amount = (header as string[]).indexOf('amount');
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r[id] === w.orders.released.orderId)?.[amount]).toBe('240.00');
    expect(rows.map((r) => r[id])).not.toContain(w.orders.old.orderId);
  });

  it('opens a fresh Stripe Express login link for their own account', async () => {
    const { cookie } = await signIn(rt, { userId: w.builder });
    const { html } = await page('/dashboard/builder', cookie);
    const res = await post(rt, '/dashboard/builder/stripe-login', cookie, { csrf: csrfOf(html) });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') as string;
    expect(location).toMatch(/\/_local\/stripe\/express\/acct_/);
    expect((await get(rt, location)).status).toBe(200);
  });
});

describe('the host’s and the racer’s pages', () => {
  it('shows the host their shows, lots, and the cut owed by hand', async () => {
    const { cookie } = await signIn(rt, { userId: w.host });
    const { status, html } = await page('/dashboard/host', cookie);
    expect(status).toBe(200);
    expect(html).toContain('Friday night keebs');
    expect(html).toContain('Unsold deskmat');
    expect(html).toContain('$18.00');
    expect(html).toContain('owed by hand');
    const cuts = parseCsv(await (await get(rt, '/dashboard/host/cuts.csv', cookie)).text());
    expect(cuts[1]).toEqual(expect.arrayContaining([w.orders.lot.orderId, '18.00', 'owed by hand']));
    expect(parseCsv(await (await get(rt, '/dashboard/host/lots.csv', cookie)).text())).toHaveLength(3);
  });

  it('shows a racer each race’s commissions and their wallet', async () => {
    const { cookie } = await signIn(rt, { userId: w.racers[0] as string });
    const { status, html } = await page('/dashboard/racer', cookie);
    expect(status).toBe(200);
    expect(html).toContain('Dashboard Cup');
    expect(html).toContain('Commission');
    const ledger = parseCsv(await (await get(rt, '/dashboard/racer/ledger.csv', cookie)).text());
    expect(ledger[0]).toEqual(expect.arrayContaining(['entry_id', 'kind', 'amount']));
    expect(ledger.length).toBe(3);
  });
});

describe('the guild admin’s page', () => {
  it('shows the race sales ledger, racers’ balances, cuts owed by hand, orders waiting for proof over a week, strikes and bans, and each one’s CSV', async () => {
    const { cookie } = await signIn(rt, admin);
    const { status, html } = await page(`/dashboard/guild/${GUILD}`, cookie);
    expect(status).toBe(200);
    expect(html).toContain('Race: Dashboard Cup');
    expect(html).toContain('Mark paid by hand');
    expect(html).toContain('Overdue Alice 40%');
    expect(html).not.toContain('Brass TKL'); // paid days ago, not a week
    expect(html).toContain('Sly Striker');
    expect(html).toContain('Banned');
    for (const csv of ['sales', 'balances', 'host-payouts', 'waiting-proof', 'strikes', 'blocked']) {
      const res = await get(rt, `/dashboard/guild/${GUILD}/${csv}.csv`, cookie);
      expect(res.status).toBe(200);
      expect(parseCsv(await res.text()).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists the bidders /c500 block blocked, a member by id and a Twitch login, with who blocked them and when, on the page and in blocked.csv', async () => {
    const { cookie } = await signIn(rt, admin);
    const blocked = (html: string) => html.slice(html.indexOf('id="blocked"'));
    const { status, html } = await page(`/dashboard/guild/${GUILD}`, cookie);
    expect(status).toBe(200);
    expect(blocked(html)).toContain(w.striker);
    expect(blocked(html)).toContain('Sly Striker');
    expect(blocked(html)).toContain(`twitch.tv/${w.blockedLogin}`);
    expect(blocked(html)).toContain(admin.userId);
    expect(blocked(html)).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);
    const res = await get(rt, `/dashboard/guild/${GUILD}/blocked.csv`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="c500-blocked-${GUILD}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(['kind', 'member_id', 'twitch_login', 'blocked_by_id', 'blocked_at']);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['discord-member', w.striker, '', admin.userId, expect.stringMatching(/^\d{4}-/)],
        ['twitch', '', w.blockedLogin, admin.userId, expect.stringMatching(/^\d{4}-/)],
      ]),
    );

    // The list is the one the bot keeps: what /c500 unblock lifts leaves the page.
    await blockBidder(rt, 'block', { twitch: 'flipper_bot' });
    expect(blocked((await page(`/dashboard/guild/${GUILD}`, cookie)).html)).toContain('twitch.tv/flipper_bot');
    await blockBidder(rt, 'unblock', { twitch: 'flipper_bot' });
    expect(blocked((await page(`/dashboard/guild/${GUILD}`, cookie)).html)).not.toContain('flipper_bot');
  });

  it('records a cut paid by hand once, with who, when and the note; the second time is refused', async () => {
    const { cookie } = await signIn(rt, admin);
    const csrf = csrfOf((await page(`/dashboard/guild/${GUILD}`, cookie)).html);
    const path = `/dashboard/guild/${GUILD}/host-payouts/${w.orders.lot.orderId}/paid`;
    const first = await post(rt, path, cookie, { csrf, note: 'PayPal, ref 42' });
    expect(first.status).toBe(303);
    expect(await rt.store.get(hostPayoutPath(w.orders.lot.orderId))).toMatchObject({
      status: 'paid-by-hand',
      paidByHand: { byUserId: admin.userId, byName: 'ana_admin', note: 'PayPal, ref 42' },
    });
    const again = await post(rt, path, cookie, { csrf, note: 'again' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('ana_admin marked this cut paid by hand');
    expect((await rt.store.get(hostPayoutPath(w.orders.lot.orderId)))?.paidByHand?.note).toBe('PayPal, ref 42');
    expect((await page(`/dashboard/guild/${GUILD}`, cookie)).html).toContain('PayPal, ref 42');
  });
});

describe('admin rights over time', () => {
  it('GIVEN Discord stops listing them as admin THEN once the recheck window has passed the guild page answers 403', async () => {
    const who = { userId: '800000000000000555', username: 'fading_admin', adminGuilds: [GUILD] };
    const { cookie } = await signIn(rt, who);
    expect((await get(rt, `/dashboard/guild/${GUILD}`, cookie)).status).toBe(200);
    const changed = await fetch(`${rt.url}/_local/discord/users/${who.userId}/guilds?member_guilds=${GUILD}`, { method: 'POST' });
    expect(changed.status).toBe(200);
    // Within the window the rights Discord gave at sign-in hold; pretend the window has passed.
    expect((await get(rt, `/dashboard/guild/${GUILD}`, cookie)).status).toBe(200);
    const sessionId = cookie.split('.')[1] as string;
    await rt.store.update(dashboardSessionPath(sessionId), { guildsCheckedAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect((await get(rt, `/dashboard/guild/${GUILD}`, cookie)).status).toBe(403);
    expect((await rt.store.get(dashboardSessionPath(sessionId)))?.adminGuilds).toEqual([]);
  });
});

describe('hostile requests', () => {
  it('GIVEN another user’s order id THEN it is not found, while its own builder sees it', async () => {
    const stranger = await signIn(rt, { userId: '810000000000000999' });
    expect((await get(rt, `/dashboard/orders/${w.orders.released.orderId}`, stranger.cookie)).status).toBe(404);
    const other = await signIn(rt, { userId: w.otherBuilder });
    expect((await get(rt, `/dashboard/orders/${w.orders.released.orderId}`, other.cookie)).status).toBe(404);
    const mine = await signIn(rt, { userId: w.builder });
    expect((await get(rt, `/dashboard/orders/${w.orders.released.orderId}`, mine.cookie)).status).toBe(200);
  });

  it('GIVEN another guild’s id, or a member who is no admin there THEN 403 on its page, its CSVs and its actions', async () => {
    const elsewhere = await signIn(rt, { userId: '800000000000000777', adminGuilds: [OTHER_GUILD], memberGuilds: [GUILD] });
    expect((await get(rt, `/dashboard/guild/${GUILD}`, elsewhere.cookie)).status).toBe(403);
    expect((await get(rt, `/dashboard/guild/${GUILD}/sales.csv`, elsewhere.cookie)).status).toBe(403);
    expect((await get(rt, `/dashboard/guild/${GUILD}/blocked.csv`, elsewhere.cookie)).status).toBe(403);
    expect((await get(rt, `/dashboard/guild/${OTHER_GUILD}`, elsewhere.cookie)).status).toBe(200);
    const csrf = csrfOf((await page('/dashboard', elsewhere.cookie)).html);
    expect((await post(rt, `/dashboard/guild/${GUILD}/host-payouts/${w.orders.lot.orderId}/paid`, elsewhere.cookie, { csrf })).status).toBe(403);
    const member = await signIn(rt, { userId: w.buyer, memberGuilds: [GUILD] });
    expect((await get(rt, `/dashboard/guild/${GUILD}`, member.cookie)).status).toBe(403);
    const refused = await get(rt, `/dashboard/guild/${GUILD}/blocked.csv`, member.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(w.blockedLogin);
  });

  it('GIVEN a forged cookie THEN the browser is sent to sign in, and sees nothing', async () => {
    for (const forged of ['__session=s.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '__session=garbage']) {
      const res = await get(rt, '/dashboard/builder/orders.csv', forged);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('/_local/discord/oauth2/authorize');
    }
  });

  it('GIVEN an expired cookie, signed with the real key THEN the browser is sent to sign in again', async () => {
    const { cookie } = await signIn(rt, { userId: w.builder });
    const id = cookie.split('.')[1] as string;
    const expired = sealCookieValue({ kind: 'session', id, expiresAtMs: Date.now() - 1_000 }, rt.secrets.DASHBOARD_SESSION_KEY as string);
    const res = await get(rt, '/dashboard/builder', `__session=${expired}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/_local/discord/oauth2/authorize');
  });

  it('GIVEN the OAuth callback replayed with the sign-in cookie it was made for THEN it is refused and signs nobody in', async () => {
    const signed = await signIn(rt, { userId: w.builder });
    const replay = await get(rt, signed.callbackUrl, signed.signInCookie);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('set-cookie')).toBeNull();
    expect(await replay.text()).toContain('already used');
  });

  it('GIVEN the callback link opened in another browser THEN it is refused', async () => {
    const first = await get(rt, '/dashboard');
    const authorize = new URL(first.headers.get('location') as string);
    authorize.searchParams.set('user_id', w.builder);
    const back = (await get(rt, authorize.toString())).headers.get('location') as string;
    const victim = await get(rt, back);
    expect(victim.status).toBe(403);
    expect(victim.headers.get('set-cookie')).toBeNull();
  });

  it('GIVEN a POST without its CSRF token, with another session’s, or from another site THEN 403 and nothing changes', async () => {
    const { cookie } = await signIn(rt, admin);
    const other = await signIn(rt, { userId: w.buyer });
    const otherCsrf = csrfOf((await page('/dashboard', other.cookie)).html);
    const csrf = csrfOf((await page('/dashboard', cookie)).html);
    expect((await post(rt, '/dashboard/sign-out', cookie, {})).status).toBe(403);
    expect((await post(rt, '/dashboard/sign-out', cookie, { csrf: otherCsrf })).status).toBe(403);
    expect((await post(rt, '/dashboard/sign-out', cookie, { csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    const paidByHand = `/dashboard/guild/${GUILD}/host-payouts/${w.orders.lot.orderId}/paid`;
    expect((await post(rt, paidByHand, cookie, { note: 'no token' })).status).toBe(403);
    expect((await post(rt, paidByHand, cookie, { note: 'their token', csrf: otherCsrf })).status).toBe(403);
    expect((await rt.store.get(hostPayoutPath(w.orders.lot.orderId)))?.paidByHand?.note).not.toMatch(/token/);
    expect((await page('/dashboard', cookie)).status).toBe(200);
  });

  it('GIVEN a form over 64 KB THEN 413 with a page saying it was too much, and nothing changes', async () => {
    const { cookie } = await signIn(rt, admin);
    const csrf = csrfOf((await page('/dashboard', cookie)).html);
    const res = await post(rt, `/dashboard/guild/${GUILD}/host-payouts/${w.orders.lot.orderId}/paid`, cookie, { csrf, note: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Too much to send');
    expect((await rt.store.get(hostPayoutPath(w.orders.lot.orderId)))?.paidByHand?.note ?? '').not.toContain('xxxx');
  });

  it('never shows a buyer’s e-mail or a bidder’s max, on any page or CSV', async () => {
    const views = [
      [w.builder, ['/dashboard/builder', '/dashboard/builder/orders.csv', '/dashboard/builder/auctions.csv']],
      [w.host, ['/dashboard/host', '/dashboard/host/cuts.csv', '/dashboard/host/lots.csv']],
      [
        admin.userId,
        [
          `/dashboard/guild/${GUILD}`,
          `/dashboard/guild/${GUILD}/waiting-proof.csv`,
          `/dashboard/guild/${GUILD}/strikes.csv`,
          `/dashboard/orders/${w.orders.old.orderId}`,
        ],
      ],
    ] as const;
    for (const [userId, paths] of views) {
      const { cookie } = await signIn(rt, { userId, adminGuilds: userId === admin.userId ? [GUILD] : [] });
      for (const path of paths) {
        const text = await (await get(rt, path, cookie)).text();
        expect(text).not.toContain(w.secrets.email);
        expect(text).not.toContain(w.secrets.maxAmount);
        expect(text).not.toContain('7777.77');
      }
    }
  });
});
