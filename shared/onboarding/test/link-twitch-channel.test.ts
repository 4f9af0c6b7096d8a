import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalTwitch, localTwitchUser, localTwitchSubscriptions } from '../../local/twitch/twitch';
import { linkTwitchChannel, readCallbackQuery, twitchRedirectUri, type TwitchCallbackQuery } from '../use-cases/link-twitch-channel';
import { builderPath, buildersCollection, twitchChannelPath, twitchChannelsCollection } from '../rules/builder';
import { signOAuthState } from '../rules/oauth-state';
import { twitchLinkPage } from '../rules/twitch-messages';
import { erasureAsksOf } from '../../privacy/use-cases/take-erasure-ask';

const stateKey = 'twitch-client-secret-for-tests';
const publicBaseUrl = 'https://c500.example';
const alice = '810000000000000001';
const bob = '810000000000000002';

function world() {
  let now = new Date('2026-11-21T12:00:00.000Z');
  const clock = { now: () => now };
  const store = new LocalDocumentStore();
  const twitch = new LocalTwitch({ store, clock });
  const deps = { store, twitch, clock, stateKey, eventSubSecret: 'eventsub-secret', publicBaseUrl };
  const state = (discordUserId: string, minutes = 10) => signOAuthState({ discordUserId, expiresAt: new Date(now.getTime() + minutes * 60_000) }, stateKey);
  /** The builder authorizes as `login` on Twitch and comes back to the callback. */
  const authorize = async (discordUserId: string, login: string, userId?: string) =>
    linkTwitchChannel(deps, { code: await twitch.issueCode(localTwitchUser(login, userId), twitchRedirectUri(publicBaseUrl)), state: state(discordUserId) });
  return {
    store,
    twitch,
    deps,
    state,
    authorize,
    later: (ms: number) => void (now = new Date(now.getTime() + ms)),
    builder: (id: string) => store.get(builderPath(id)),
    channel: (twitchId: string) => store.get(twitchChannelPath(twitchId)),
    written: async () => ({
      builders: await store.query(buildersCollection),
      twitchChannels: await store.query(twitchChannelsCollection),
      subscriptions: await store.query(localTwitchSubscriptions),
    }),
  };
}

describe('linking a Twitch channel through OAuth', () => {
  it('GIVEN a builder who erased a minute ago WHEN they link a channel THEN their record is marked, so their next erasure searches again', async () => {
    const w = world();
    const erasedLately = { asks: [{ at: '2026-11-21T11:59:00.000Z' }], expiresAt: new Date('2026-11-21T12:09:00.000Z') };
    await w.store.set(erasureAsksOf(alice), erasedLately);
    expect(await w.authorize(alice, 'LavKeebs')).toMatchObject({ ok: true });
    expect(await w.store.get(erasureAsksOf(alice))).toMatchObject({ actedAt: '2026-11-21T12:00:00.000Z' });
  });

  it('links the channel to the builder named in the state and subscribes to its streams', async () => {
    const w = world();
    const lav = localTwitchUser('LavKeebs');
    expect(await w.authorize(alice, 'LavKeebs')).toEqual({
      ok: true,
      login: 'lavkeebs',
      displayName: 'LavKeebs',
      undoUrl: expect.stringContaining('/oauth/twitch/callback?undo='),
    });
    const builder = await w.builder(alice);
    expect(builder).toMatchObject({
      discordUserId: alice,
      displayName: 'LavKeebs',
      twitch: { userId: lav.userId, login: 'lavkeebs', displayName: 'LavKeebs', linkedAt: '2026-11-21T12:00:00.000Z' },
    });
    expect(await w.channel(lav.userId)).toEqual({ builderId: alice, login: 'lavkeebs', linkedAt: '2026-11-21T12:00:00.000Z' });
    const subscriptions = await w.twitch.subscriptionsFor(lav.userId);
    expect(subscriptions.map((s) => [s.type, s.transport.callback]).sort()).toEqual([
      ['stream.offline', 'https://c500.example/webhooks/twitch'],
      ['stream.online', 'https://c500.example/webhooks/twitch'],
    ]);
    expect(builder?.eventSub).toEqual({ subscriptionIds: expect.arrayContaining(subscriptions.map((s) => s.id)), subscribedAt: '2026-11-21T12:00:00.000Z' });
  });

  it('keeps what the builder document already held', async () => {
    const w = world();
    await w.store.set(builderPath(alice), { discordUserId: alice, displayName: 'Alice', stripeAccountId: 'acct_1', chargesEnabled: true });
    await w.authorize(alice, 'lavkeebs');
    expect(await w.builder(alice)).toMatchObject({ displayName: 'Alice', stripeAccountId: 'acct_1', chargesEnabled: true, twitch: { login: 'lavkeebs' } });
  });

  it('moves a channel to the newest builder who proves control of it, clearing it from the old one', async () => {
    const w = world();
    const lav = localTwitchUser('lavkeebs');
    await w.store.set(builderPath(alice), { discordUserId: alice, displayName: 'Alice', stripeAccountId: 'acct_1' });
    await w.authorize(alice, 'lavkeebs');
    await w.store.update(builderPath(alice), { stream: { status: 'live', type: 'live', changedAt: '2026-11-21T12:00:00.000Z' } });
    w.later(60_000);
    await w.authorize(bob, 'lavkeebs');
    expect(await w.builder(alice)).toEqual({ discordUserId: alice, displayName: 'Alice', stripeAccountId: 'acct_1' });
    expect(await w.builder(bob)).toMatchObject({ twitch: { userId: lav.userId }, eventSub: { subscribedAt: '2026-11-21T12:01:00.000Z' } });
    expect(await w.channel(lav.userId)).toMatchObject({ builderId: bob });
    // The same subscriptions serve the new owner: a repeat subscribe counts as made.
    expect(await w.twitch.subscriptionsFor(lav.userId)).toHaveLength(2);
  });

  it('lets go of the builder’s previous channel and its stream status when they link another', async () => {
    const w = world();
    const lav = localTwitchUser('lavkeebs');
    const mint = localTwitchUser('mintkeebs');
    await w.authorize(alice, 'lavkeebs');
    await w.store.update(builderPath(alice), { stream: { status: 'live', type: 'live', changedAt: '2026-11-21T12:00:00.000Z' } });
    await w.authorize(alice, 'mintkeebs');
    expect(await w.channel(lav.userId)).toBeUndefined();
    expect(await w.channel(mint.userId)).toMatchObject({ builderId: alice, login: 'mintkeebs' });
    const builder = await w.builder(alice);
    expect(builder?.stream).toBeUndefined();
    expect(builder?.twitch?.login).toBe('mintkeebs');
  });

  it('clears an earlier revocation once the builder links again', async () => {
    const w = world();
    await w.authorize(alice, 'lavkeebs');
    await w.store.update(builderPath(alice), { 'eventSub.revokedAt': '2026-11-21T12:00:30.000Z', 'eventSub.revokedReason': 'authorization_revoked' });
    w.later(60_000);
    await w.authorize(alice, 'lavkeebs');
    expect((await w.builder(alice))?.eventSub?.revokedAt).toBeUndefined();
  });

  it('refuses a forged state and writes nothing', async () => {
    const w = world();
    const code = await w.twitch.issueCode(localTwitchUser('lavkeebs'));
    const forged = signOAuthState({ discordUserId: alice, expiresAt: new Date('2027-01-01T00:00:00Z') }, 'not-our-key');
    const before = await w.written();
    expect(await linkTwitchChannel(w.deps, { code, state: forged })).toEqual({ ok: false, reason: 'forged' });
    expect(await linkTwitchChannel(w.deps, { code })).toEqual({ ok: false, reason: 'forged' });
    expect(await w.written()).toEqual(before);
    // The code was not spent on a refused request.
    expect(await w.twitch.userFromAuthorizationCode(code, 'https://c500.example/oauth/twitch/callback')).toMatchObject({ login: 'lavkeebs' });
  });

  it('refuses an expired state and says to run /c500 link-twitch again', async () => {
    const w = world();
    const state = w.state(alice, 10);
    const code = await w.twitch.issueCode(localTwitchUser('lavkeebs'));
    w.later(10 * 60_000 + 1);
    const outcome = await linkTwitchChannel(w.deps, { code, state });
    expect(outcome).toEqual({ ok: false, reason: 'expired' });
    const page = twitchLinkPage(outcome);
    expect(page.status).toBe(400);
    expect(page.html).toContain('/c500 link-twitch');
    expect((await w.written()).builders).toEqual([]);
  });

  it('links nothing when the person denied access on Twitch', async () => {
    const w = world();
    const query = readCallbackQuery({ error: 'access_denied', error_description: 'The user denied you access', state: w.state(alice) });
    const outcome = await linkTwitchChannel(w.deps, query);
    expect(outcome).toEqual({ ok: false, reason: 'denied' });
    expect(twitchLinkPage(outcome).html).toContain('Nothing was linked');
    expect((await w.written()).builders).toEqual([]);
  });

  it('refuses a code that was already used, without linking', async () => {
    const w = world();
    const code = await w.twitch.issueCode(localTwitchUser('lavkeebs'));
    await linkTwitchChannel(w.deps, { code, state: w.state(alice) });
    expect(await linkTwitchChannel(w.deps, { code, state: w.state(bob) })).toEqual({ ok: false, reason: 'code-refused' });
    expect(await w.builder(bob)).toBeUndefined();
  });

  it('says Twitch did not answer when the code exchange fails for another reason than the code', async () => {
    const w = world();
    const twitch = {
      ...w.twitch,
      userFromAuthorizationCode: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    } as unknown as LocalTwitch;
    const outcome = await linkTwitchChannel({ ...w.deps, twitch }, { code: 'abc', state: w.state(alice) });
    expect(outcome).toEqual({ ok: false, reason: 'twitch-unavailable' });
    expect(twitchLinkPage(outcome).status).toBe(502);
  });

  it('answers a page, not a stack trace, when our own store fails', async () => {
    const w = world();
    // Twitch keeps its codes elsewhere, so only our store fails.
    const twitch = new LocalTwitch({ store: new LocalDocumentStore(), clock: w.deps.clock });
    const code = await twitch.issueCode(localTwitchUser('lavkeebs'));
    jest.spyOn(w.store, 'runTransaction').mockRejectedValueOnce(new Error('store unavailable'));
    const outcome = await linkTwitchChannel({ ...w.deps, twitch }, { code, state: w.state(alice) });
    expect(outcome).toEqual({ ok: false, reason: 'failed' });
    const page = twitchLinkPage(outcome);
    expect(page.status).toBe(500);
    expect(page.html).not.toContain('store unavailable');
  });

  it('asks for a new link when the callback comes without a code', async () => {
    const w = world();
    expect(await linkTwitchChannel(w.deps, { state: w.state(alice) })).toEqual({ ok: false, reason: 'missing-code' });
  });
});

describe('the callback’s query and page', () => {
  it('reads the first value of each parameter and drops empty ones', () => {
    const query: TwitchCallbackQuery = readCallbackQuery({ code: ['c1', 'c2'], state: 's', error: '', scope: '' });
    expect(query).toEqual({ code: 'c1', state: 's' });
    expect(readCallbackQuery(undefined)).toEqual({});
  });

  it('says which channel was linked and what to run next, escaping what it echoes', () => {
    const page = twitchLinkPage({ ok: true, login: 'lavkeebs', displayName: '<img src=x onerror=alert(1)>' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Linked twitch.tv/lavkeebs');
    expect(page.html).toContain('/c500 live');
    expect(page.html).toContain('href="/styles.css"');
    expect(page.html).not.toContain('<img');
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
