import { hostPayoutPath, type HostPayout } from '../../payments';
import { orderPath } from '../../orders';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { dashboardRequestOf } from '../routes';
import { builderPath } from '../../onboarding';
import { dashboardSessionsCollection } from '../rules/session';
import { PaymentRefused } from '../../errors';
import type { Payments } from '../../ports';
import { anOrder, guild, signedIn, signedInUser, world, type World } from './dashboard-fixtures';

/** One request as the dashboard function hands it over. */
function ask(w: World, method: string, path: string, cookie: string | undefined, form: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
}

const order = anOrder;

describe('an order’s page while Discord cannot be asked about admin rights', () => {
  it('GIVEN the rights are past their window and Discord does not answer THEN an order seen only as its server’s admin is not shown, while their own order still is', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-admin-only'), order({ orderId: 'o-admin-only', title: 'Someone else’s board' }));
    await w.store.set(orderPath('o-mine'), order({ orderId: 'o-mine', title: 'My own board', buyerId: signedInUser }));
    expect((await ask(w, 'GET', '/dashboard/orders/o-admin-only', cookie)).status).toBe(200);

    w.discord.down = true;
    w.clock.ms += 6 * 60_000;
    const refused = await ask(w, 'GET', '/dashboard/orders/o-admin-only', cookie);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body).toContain('Discord did not answer');
    expect(refused.body).not.toContain('Someone else’s board');
    const mine = await ask(w, 'GET', '/dashboard/orders/o-mine', cookie);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('My own board');
  });
});

describe('a host cut that refunds brought to nothing', () => {
  const payout: HostPayout = {
    orderId: 'lot-order-1',
    showId: 'show1',
    guildId: guild,
    hostId: '810000000000000005',
    hostName: 'Hana',
    amountCents: 0,
    currency: 'usd',
    status: 'owed',
    reason: 'no-account',
    releasedCents: 1_500,
    createdAt: '2026-11-20T12:00:00.000Z',
  };

  it('GIVEN its record still says owed THEN the guild page shows nothing owed and no form, and marking it paid by hand is refused with 409', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(hostPayoutPath(payout.orderId), payout);
    const page = await ask(w, 'GET', `/dashboard/guild/${guild}`, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nothing owed');
    expect(page.body).not.toContain('Mark paid by hand');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const marked = await ask(w, 'POST', `/dashboard/guild/${guild}/host-payouts/${payout.orderId}/paid`, cookie, { csrf, note: 'paid anyway' });
    expect(marked.status).toBe(409);
    expect(marked.body).toContain('Nothing is owed');
    expect((await w.store.get(hostPayoutPath(payout.orderId)))?.paidByHand).toBeUndefined();
  });
});

describe('a form over the size any dashboard form takes', () => {
  const raw = (body: Buffer) => ({
    method: 'POST',
    path: `/dashboard/guild/${guild}/host-payouts/lot-order-1/paid`,
    query: {},
    cookie: undefined,
    origin: undefined,
    contentType: 'application/x-www-form-urlencoded',
    body,
  });

  it('GIVEN a form body over 64 KB THEN it answers 413 with a page saying so, not a stale form', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    const big = dashboardRequestOf({ ...raw(Buffer.from(`csrf=x&note=${'a'.repeat(70 * 1024)}`)), cookie });
    expect(big.formTooLarge).toBe(true);
    const answer = await answerDashboard(w.deps, big);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Too much to send');
    expect(answer.body).not.toContain('out of date');
  });

  it('GIVEN a form body within 64 KB THEN it is read as a form', () => {
    const small = dashboardRequestOf(raw(Buffer.from('csrf=x&note=PayPal')));
    expect(small.formTooLarge).toBe(false);
    expect(small.form).toEqual({ csrf: 'x', note: 'PayPal' });
  });
});

describe('the builder’s Stripe Express login link', () => {
  /** A signed-in builder with a Stripe account, and Stripe answering `createLoginLink` as told. */
  async function builderAsking(createLoginLink: Payments['createLoginLink']) {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(builderPath(signedInUser), { discordUserId: signedInUser, displayName: 'Cleo', stripeAccountId: 'acct_1' });
    w.stripe.payments = () => ({ createLoginLink }) as Partial<Payments> as Payments;
    const csrf = /name="csrf" value="([^"]+)"/.exec((await ask(w, 'GET', '/dashboard', cookie)).body)?.[1] as string;
    return ask(w, 'POST', '/dashboard/builder/stripe-login', cookie, { csrf });
  }

  it('GIVEN Stripe answers THEN the browser goes to the fresh link', async () => {
    const answer = await builderAsking(async () => ({ url: 'https://connect.stripe.com/express/login/abc' }));
    expect(answer).toMatchObject({ status: 303, headers: { location: 'https://connect.stripe.com/express/login/abc' } });
  });

  it('GIVEN Stripe cannot be reached THEN 502 with a page saying so and to try again, not a crash', async () => {
    const answer = await builderAsking(async () => {
      throw new Error('connect ETIMEDOUT api.stripe.com');
    });
    expect(answer.status).toBe(502);
    expect(answer.body).toContain('Stripe could not be reached');
    expect(answer.body).toContain('Try again');
  });

  it('GIVEN Stripe refuses the link (an account whose onboarding is unfinished) THEN 409 with the way to finish it', async () => {
    const answer = await builderAsking(async () => {
      throw new PaymentRefused('Cannot create a login link for an account that has not completed onboarding.');
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('/c500 onboard');
  });
});

describe('“release anyway” on an order a fraud warning holds for review', () => {
  const held = {
    warningId: 'issfr_1',
    fraudType: 'made_with_stolen_card',
    actionable: true,
    outcome: 'held-for-review' as const,
    seenAt: 100,
    recordedAt: '2026-11-20T12:00:00.000Z',
  };

  async function heldOrder() {
    const w = world();
    const released: string[] = [];
    w.deps.releaseWaiting = async (orderId) => void released.push(orderId);
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-held'), order({ orderId: 'o-held', title: 'Flagged board', fraudWarning: held }));
    const page = await ask(w, 'GET', '/dashboard/orders/o-held', cookie);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const press = (token: string) => ask(w, 'POST', `/dashboard/guild/${guild}/orders/o-held/release-anyway`, cookie, { csrf: token });
    return { w, page, csrf, press, released, stored: () => w.store.get(orderPath('o-held')) };
  }

  it('GIVEN an admin of its server THEN the order page offers it, and pressing it clears the warning with who and when and asks for the release (keyed, so a second press sends nothing twice)', async () => {
    const { page, csrf, press, released, stored } = await heldOrder();
    expect(page.body).toContain('Held for your review');
    expect(page.body).toContain(`action="/dashboard/guild/${guild}/orders/o-held/release-anyway"`);
    expect(await press(csrf)).toMatchObject({ status: 303, headers: { location: '/dashboard/orders/o-held?done=released-anyway' } });
    expect((await stored())?.fraudWarning?.clearedBy).toMatchObject({ byUserId: signedInUser });
    const again = await press(csrf);
    expect(again.status).toBe(409);
    expect(again.body).toContain('Already released');
    expect(released).toEqual(['o-held', 'o-held']);
  });

  it('GIVEN a form without this session’s CSRF token THEN it is refused with 403 and nothing changes', async () => {
    const { press, released, stored } = await heldOrder();
    expect((await press('forged')).status).toBe(403);
    expect((await stored())?.fraudWarning?.clearedBy).toBeUndefined();
    expect(released).toEqual([]);
  });
});

describe('a dashboard link naming who to sign in as (the local sign-in’s user_id)', () => {
  const ask = (w: World, cookie: string, query: Record<string, string>) =>
    answerDashboard(w.deps, { method: 'GET', path: '/dashboard', query, cookie, form: {}, origin: undefined });

  it('GIVEN the local sign-in, a session of one person and a link naming another THEN it starts a sign-in as the one named, so switching person in the playground switches the session', async () => {
    const w = world();
    w.deps.settings = { ...w.deps.settings, localSignIn: true };
    const { cookie } = await signedIn(w);
    const other = '810000000000000099';
    const answer = await ask(w, cookie, { user_id: other, username: 'someone_else' });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.location as string);
    expect(location.searchParams.get('user_id')).toBe(other);
    expect(location.searchParams.get('state')).toBeTruthy();
  });

  it('GIVEN the local sign-in and a session of one person THEN a link naming another ends that session, so switching person ten times leaves no pile of sessions', async () => {
    const w = world();
    w.deps.settings = { ...w.deps.settings, localSignIn: true };
    const { cookie } = await signedIn(w);
    expect(await w.store.query(dashboardSessionsCollection)).toHaveLength(1);
    await ask(w, cookie, { user_id: '810000000000000099', username: 'someone_else' });
    expect(await w.store.query(dashboardSessionsCollection)).toHaveLength(0);
  });

  it('GIVEN the local sign-in and a session of the person the link names THEN the page shows at once, with no new sign-in', async () => {
    const w = world();
    w.deps.settings = { ...w.deps.settings, localSignIn: true };
    const { cookie } = await signedIn(w);
    expect((await ask(w, cookie, { user_id: signedInUser, username: 'me' })).status).toBe(200);
  });

  it('GIVEN Discord itself (no local sign-in) THEN a user_id in the link changes nothing: the session’s page shows', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    expect((await ask(w, cookie, { user_id: '810000000000000099' })).status).toBe(200);
  });
});
