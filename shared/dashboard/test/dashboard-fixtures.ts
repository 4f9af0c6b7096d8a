/**
 * A dashboard world for the module's tests: the store, a clock that moves when told, a
 * Discord whose answers change on demand (guilds, outages, a revoked token), Stripe left to
 * each test, and a browser signed in through the real sign-in use cases.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOAuthRefused, type DiscordOAuth, type DiscordOAuthGuild, type Payments } from '../../ports';
import { finishSignIn, startSignIn } from '../use-cases/sign-in';
import type { DashboardSession } from '../rules/session';
import type { DashboardDeps } from '../use-cases/dashboard-deps';
import { orderPath, type Order } from '../../orders';
import { anOrder as orderFixture } from '../../../test/support/orders';
import { readSealKeys } from '../../common';

/** The token seal's keys in these tests: `k2` seals, `k1` is an older key still held. */
export const testSealKeys = `k2=${'2'.repeat(64)},k1=${'1'.repeat(64)}`;

export const guild = '900000000000000001';
export const otherGuild = '900000000000000002';
/** Who signs in: the fake Discord's user. */
export const signedInUser = '810000000000000001';

/** Discord as the dashboard's adapter sees it: one code good once, the user's guilds changeable, outages on demand. */
function fakeDiscord() {
  const state = {
    guilds: [{ id: guild, name: 'Keebs', owner: false, permissions: '8' }] as DiscordOAuthGuild[],
    codes: new Set(['code-1']),
    down: false,
    revoked: false,
  };
  const discord: DiscordOAuth = {
    exchangeCode: async (code) => {
      if (!state.codes.delete(code)) throw new DiscordOAuthRefused(400, 'invalid_grant');
      return { accessToken: 'token-1', expiresInSeconds: 604_800, scope: 'identify guilds' };
    },
    currentUser: async () => ({ id: signedInUser, username: 'cleo', globalName: 'Cleo Builds' }),
    currentUserGuilds: async () => {
      if (state.down) throw new Error('Discord answered 503');
      if (state.revoked) throw new DiscordOAuthRefused(401, 'unauthorized');
      return state.guilds;
    },
  };
  return { discord, state };
}

export function world() {
  const store = new LocalDocumentStore();
  const clock = { ms: Date.parse('2026-11-21T12:00:00.000Z'), now: () => new Date(clock.ms) };
  const { discord, state } = fakeDiscord();
  const stripe: { payments: () => Payments } = {
    payments: () => {
      throw new Error('not used');
    },
  };
  const deps: DashboardDeps = {
    store,
    discord,
    payments: () => stripe.payments(),
    clock,
    settings: {
      publicBaseUrl: 'https://c500.example',
      discordAuthorizeUrl: 'https://discord.com/oauth2/authorize',
      clientId: '1100000000000000001',
      sessionKey: 'dashboard-session-key-for-tests-0123456789',
      sealKeys: readSealKeys(testSealKeys),
      sessionMinutes: 120,
      recheckMinutes: 5,
      secureCookies: true,
      localSignIn: false,
      currency: 'usd',
    },
  };
  return { store, clock, deps, discord: state, stripe };
}

export type World = ReturnType<typeof world>;

export const cookieValue = (setCookie: string) => setCookie.split(';')[0] as string;

/** Signs the fake Discord's user in through the real use cases, as a browser would. */
export async function signedIn(w: World) {
  const start = startSignIn(w.deps, '/dashboard/builder');
  const state = new URL(start.location).searchParams.get('state') as string;
  const outcome = await finishSignIn(w.deps, { code: 'code-1', state }, cookieValue(start.setCookie));
  if (!outcome.ok) throw new Error(outcome.reason);
  return { start, state, outcome, cookie: cookieValue(outcome.setCookie) };
}

/** A session as the store keeps it, administering `adminGuilds`. */
export function sessionOf(adminGuilds: string[], userId = '810000000000000009'): DashboardSession {
  return {
    sessionId: 's',
    userId,
    username: 'ana',
    displayName: 'Ana',
    adminGuilds: adminGuilds.map((id) => ({ id, name: id })),
    guildsCheckedAt: '2026-11-21T12:00:00.000Z',
    createdAt: '2026-11-21T12:00:00.000Z',
    expiresAt: '2026-11-21T14:00:00.000Z',
    sealedToken: 'x',
  };
}

/** An order as payments stores it: paid, in `guild`, another builder's; `over` changes what a test needs. */
export const anOrder = (over: Partial<Order> & Pick<Order, 'orderId'>): Order =>
  orderFixture({
    dropKind: 'commission',
    guildId: guild,
    title: 'Lavender 65%',
    buyerId: '820000000000000001',
    buyerName: 'Bo',
    builderId: '810000000000000002',
    builderName: 'Dee',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'paid',
    createdAt: '2026-11-20T10:00:00.000Z',
    paidAt: '2026-11-20T10:05:00.000Z',
    ...over,
  });

/** Another member than the one signed in. */
export const otherBuyer = '810000000000000999';

/** A world with one order of the signed-in member's and one of another member's, with their address. */
export async function twoMembers() {
  const w = world();
  const { cookie } = await signedIn(w);
  await w.store.set(
    orderPath('o-mine'),
    anOrder({
      orderId: 'o-mine',
      buyerId: signedInUser,
      buyerName: 'Me Myself',
      shippingAddress: { name: 'M. Myself', line1: '1 Mine St', city: 'Oslo', postalCode: '0150', country: 'NO' },
    }),
  );
  await w.store.set(
    orderPath('o-theirs'),
    anOrder({
      orderId: 'o-theirs',
      buyerId: otherBuyer,
      buyerName: 'Someone Else',
      shippingAddress: { name: 'S. Else', line1: '9 Their Rd', city: 'Bergen', postalCode: '5003', country: 'NO' },
    }),
  );
  return { w, cookie };
}
