import { twitchEvents } from '../../functions/twitch-events';
import { twitchOauthCallback } from '../../functions/twitch-oauth-callback';
import { twitchWebhook } from '../../functions/twitch-webhook';
import { loadConfig } from '../../shared/config';
import type { Platform } from '../../shared/platform';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalEventBus } from '../../shared/local/pubsub/event-bus';
import { verifyEventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { LocalTwitch, localTwitchUser } from '../../shared/local/twitch/twitch';
import { knownLiveStatus, builderPath, type Builder } from '../../shared/onboarding';
import { signOAuthState } from '../../shared/onboarding/rules/oauth-state';
import { deliverEventSub, eventSubMessage, mountTwitchSimulator } from '../../shared/local/twitch-simulator';
import { serveApp } from '../support/twitch-chat';

const eventSubSecret = 'eventsub-secret-for-tests';
const clock = { now: () => new Date() };

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signed: boolean;
}

describe('the local Twitch simulator', () => {
  const store = new LocalDocumentStore();
  const twitch = new LocalTwitch({ store, clock });
  const received: Received[] = [];
  const callbacks: Array<Record<string, unknown>> = [];
  let server: Awaited<ReturnType<typeof serveApp>>;

  beforeAll(async () => {
    server = await serveApp((app, url) => {
      mountTwitchSimulator(app, { twitch, clock, eventSubSecret, oauthCallbackUrl: `${url}/oauth/twitch/callback`, eventSubUrl: `${url}/webhooks/twitch` });
      app.get('/oauth/twitch/callback', (req, res) => {
        callbacks.push({ ...req.query });
        res.send('ok');
      });
      // Checks each delivery as our ingress would, from the raw bytes.
      app.post('/webhooks/twitch', (req, res) => {
        const body = req.body as Buffer;
        const signed = verifyEventSubSignature(
          eventSubSecret,
          req.get('twitch-eventsub-message-id') ?? '',
          req.get('twitch-eventsub-message-timestamp') ?? '',
          body,
          req.get('twitch-eventsub-message-signature'),
        );
        received.push({ headers: { ...req.headers }, body: body.toString('utf8'), signed });
        res.status(signed ? 204 : 401).end();
      });
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    received.length = 0;
    callbacks.length = 0;
  });

  it('sends the browser back to the callback with a code and the state, as Twitch does', async () => {
    const res = await fetch(`${server.url}/_local/twitch/authorize?state=s.1&login=LavKeebs&response_type=code`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe(`${server.url}/oauth/twitch/callback`);
    expect(location.searchParams.get('state')).toBe('s.1');
    const code = location.searchParams.get('code') as string;
    // Asked for no scope: an identity-only sign-in.
    expect(await twitch.userFromAuthorizationCode(code, `${server.url}/oauth/twitch/callback`)).toEqual({ ...localTwitchUser('LavKeebs'), scopes: [] });
    expect(location.searchParams.get('scope')).toBe('');
    await expect(twitch.userFromAuthorizationCode(code, `${server.url}/oauth/twitch/callback`)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('follows a POSTed authorize link through to the redirect_uri it names, as the given user id', async () => {
    const redirect = `${server.url}/oauth/twitch/callback`;
    const res = await fetch(
      `${server.url}/_local/twitch/authorize?${new URLSearchParams({ state: 's.2', login: 'mintkeebs', user_id: '4242', redirect_uri: redirect })}`,
      { method: 'POST' },
    );
    expect(res.status).toBe(200);
    expect(callbacks).toHaveLength(1);
    expect(await twitch.userFromAuthorizationCode(callbacks[0]?.code as string, redirect)).toEqual({
      userId: '4242',
      login: 'mintkeebs',
      displayName: 'mintkeebs',
      scopes: [],
    });
  });

  it('asks for the Twitch login when the link is opened without one, keeping the state', async () => {
    const res = await fetch(`${server.url}/_local/twitch/authorize?state=%22%3E%3Cscript%3E`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="login"');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('"><script>');
  });

  it('fills the login in with the one C500 names, and ignores a hint that is no Twitch login', async () => {
    const hinted = await (await fetch(`${server.url}/_local/twitch/authorize?state=s.4&login_hint=cleobuilds`)).text();
    expect(hinted).toMatch(/name="login"[^>]*value="cleobuilds"/);
    const odd = await (await fetch(`${server.url}/_local/twitch/authorize?state=s.4&login_hint=%22%3E%3Cb%3E`)).text();
    expect(odd).not.toMatch(/name="login"[^>]*value=/);
  });

  it('sends the browser back with access_denied when the person cancels', async () => {
    const res = await fetch(`${server.url}/_local/twitch/authorize?state=s.3&deny=1`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') as string);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ state: 's.3', error: 'access_denied' });
  });

  it('refuses an EventSub subscription whose secret is not 10 to 100 characters, as Twitch does', async () => {
    const lav = localTwitchUser('peachkeebs');
    await expect(twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, 'short')).rejects.toThrow(/transport\.secret/);
    await expect(twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, 'x'.repeat(101))).rejects.toThrow(/transport\.secret/);
  });

  it('goes live and delivers a signed stream.online notification in Twitch’s shape to each subscription', async () => {
    const lav = localTwitchUser('peachkeebs');
    const [onlineId] = (await twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, eventSubSecret)).subscriptionIds;
    const res = await fetch(`${server.url}/_local/twitch/streams/peachkeebs/online?type=rerun`, { method: 'POST' });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { deliveries: Array<{ subscriptionId: string; status: number }>; stream: { streamId: string } };
    expect(answer.deliveries).toEqual([expect.objectContaining({ subscriptionId: onlineId, status: 204 })]);
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.signed).toBe(true);
    expect(message?.headers).toMatchObject({
      'twitch-eventsub-message-type': 'notification',
      'twitch-eventsub-subscription-type': 'stream.online',
      'twitch-eventsub-message-id': expect.any(String),
      'twitch-eventsub-message-timestamp': expect.any(String),
    });
    expect(JSON.parse(message?.body ?? '')).toEqual({
      subscription: {
        id: onlineId,
        status: 'enabled',
        type: 'stream.online',
        version: '1',
        cost: 0,
        condition: { broadcaster_user_id: lav.userId },
        transport: { method: 'webhook', callback: `${server.url}/webhooks/twitch` },
        created_at: expect.any(String),
      },
      event: {
        id: answer.stream.streamId,
        broadcaster_user_id: lav.userId,
        broadcaster_user_login: 'peachkeebs',
        broadcaster_user_name: 'peachkeebs',
        type: 'rerun',
        started_at: expect.any(String),
      },
    });
    expect(await twitch.currentStream(lav.userId)).toMatchObject({ streamId: answer.stream.streamId, type: 'rerun' });
  });

  it('goes offline with a signed stream.offline notification and clears the stream', async () => {
    const lav = localTwitchUser('peachkeebs');
    await twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, eventSubSecret);
    const res = await fetch(`${server.url}/_local/twitch/streams/peachkeebs/offline`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(received.map((r) => [r.signed, r.headers['twitch-eventsub-subscription-type']])).toEqual([[true, 'stream.offline']]);
    expect(JSON.parse(received[0]?.body ?? '').event).toEqual({
      broadcaster_user_id: lav.userId,
      broadcaster_user_login: 'peachkeebs',
      broadcaster_user_name: 'peachkeebs',
    });
    expect(await twitch.currentStream(lav.userId)).toBeUndefined();
  });

  it('refuses a stream type Twitch does not have', async () => {
    expect((await fetch(`${server.url}/_local/twitch/streams/lavkeebs/online?type=vod`, { method: 'POST' })).status).toBe(400);
  });

  it('revokes a subscription with a signed revocation, and a later subscribe makes a new one', async () => {
    const lav = localTwitchUser('lavkeebs');
    const [onlineId] = (await twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, eventSubSecret)).subscriptionIds;
    const res = await fetch(`${server.url}/_local/twitch/subscriptions/${onlineId}/revoke?reason=user_removed`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(received.map((r) => [r.signed, r.headers['twitch-eventsub-message-type']])).toEqual([[true, 'revocation']]);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ subscription: expect.objectContaining({ id: onlineId, status: 'user_removed' }) });
    const [again] = (await twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, eventSubSecret)).subscriptionIds;
    expect(again).not.toBe(onlineId);
    expect((await fetch(`${server.url}/_local/twitch/subscriptions/nope/revoke`, { method: 'POST' })).status).toBe(404);
  });

  it('can deliver the very same message twice, as a Twitch retry would', async () => {
    const lav = localTwitchUser('lavkeebs');
    const [id] = (await twitch.subscribeToStreamEvents(lav.userId, `${server.url}/webhooks/twitch`, eventSubSecret)).subscriptionIds;
    const subscription = await twitch.subscription(id as string);
    const message = eventSubMessage({ messageType: 'notification', subscription: subscription!, event: { broadcaster_user_id: lav.userId }, clock });
    await deliverEventSub(`${server.url}/webhooks/twitch`, eventSubSecret, message);
    await deliverEventSub(`${server.url}/webhooks/twitch`, eventSubSecret, message);
    expect(received.map((r) => [r.signed, r.headers['twitch-eventsub-message-id']])).toEqual([
      [true, message.messageId],
      [true, message.messageId],
    ]);
  });
});

describe('the Twitch round trip through the real functions', () => {
  const builderId = '810000000000000001';

  it('links a channel through the callback, follows its streams, and tells the builder when Twitch revokes', async () => {
    const stateKey = 'state-key-of-its-own-0123456789abcdef';
    const store = new LocalDocumentStore();
    const bus = new LocalEventBus({ projectId: 'test', backoff: { minMs: 5, maxMs: 20 } });
    const outbox = new DiscordOutbox();
    const twitch = new LocalTwitch({ store, clock });
    const unused = () => {
      throw new Error('not used');
    };
    const server = await serveApp((app, url) => {
      const config = loadConfig({
        C500_PUBLIC_BASE_URL: url,
        TWITCH_CLIENT_ID: 'client',
        TWITCH_CLIENT_SECRET: 'client-secret',
        TWITCH_EVENTSUB_SECRET: eventSubSecret,
        OAUTH_STATE_KEY: stateKey,
      });
      const platform: Platform = {
        config,
        clock,
        store: () => store,
        publisher: () => bus,
        tasks: unused,
        discord: () => outbox,
        chatOutbox: () => {
          throw new Error('no chat here');
        },
        auctionBook: unused,
        payments: unused,
        carrier: unused,
        twitch: () => twitch,
        twitchChat: unused,
        shopConnections: unused,
        shopSecrets: unused,
        discordOAuth: unused,
      };
      app.all('/webhooks/twitch', twitchWebhook(platform));
      app.all('/oauth/twitch/callback', twitchOauthCallback(platform));
      bus.subscribe('twitch-events', 'twitch-events-on-twitch-events', twitchEvents(platform), { maxDeliveryAttempts: 3 });
      mountTwitchSimulator(app, { twitch, clock, eventSubSecret, oauthCallbackUrl: `${url}/oauth/twitch/callback`, eventSubUrl: `${url}/webhooks/twitch` });
    });
    try {
      const state = signOAuthState({ discordUserId: builderId, expiresAt: new Date(Date.now() + 600_000) }, stateKey);
      const linked = await fetch(
        `${server.url}/_local/twitch/authorize?${new URLSearchParams({ state, login: 'lavkeebs', redirect_uri: `${server.url}/oauth/twitch/callback` })}`,
        { method: 'POST' },
      );
      expect(linked.status).toBe(200);
      expect(linked.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await linked.text()).toContain('Linked twitch.tv/lavkeebs');

      const online = (await (await fetch(`${server.url}/_local/twitch/streams/lavkeebs/online`, { method: 'POST' })).json()) as {
        deliveries: Array<{ status: number }>;
      };
      expect(online.deliveries.map((d) => d.status)).toEqual([204]);
      await bus.idle();
      expect(knownLiveStatus((await store.get(builderPath(builderId))) as Builder)).toBe('live');
      // Live with chat bidding never turned on: the builder is told why their chat is silent.
      expect(outbox.entries.map((e) => [e.kind, e.userId, e.message.embeds?.[0]?.title])).toEqual([
        ['dm', builderId, 'You are live on twitch.tv/lavkeebs, and chat bidding is off'],
      ]);

      const forged = await fetch(`${server.url}/oauth/twitch/callback?code=abc&state=${encodeURIComponent(`${state}x`)}`);
      expect(forged.status).toBe(401);

      const [subscriptionId] = (await store.get(builderPath(builderId)))?.eventSub?.subscriptionIds ?? [];
      await fetch(`${server.url}/_local/twitch/subscriptions/${subscriptionId}/revoke`, { method: 'POST' });
      await bus.idle();
      expect(knownLiveStatus((await store.get(builderPath(builderId))) as Builder)).toBe('unknown');
      expect(outbox.entries.map((e) => [e.kind, e.userId])).toEqual([
        ['dm', builderId],
        ['dm', builderId],
      ]);
    } finally {
      await server.close();
    }
  });
});
