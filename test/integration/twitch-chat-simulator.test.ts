import { verifyEventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { LocalEventBus } from '../../shared/local/pubsub/event-bus';
import { acceptTwitchMessage } from '../../shared/onboarding';
import { routeChatMessage } from '../../shared/chatbids';
import { RecentIds } from '../../shared/common';
import { chatDropCodes } from '../../shared/ports';
import { chatNotification, deliverEventSub, eventSubMessage, mountTwitchSimulator } from '../../shared/local/twitch-simulator';
import type { EventSubSubscription } from '../../shared/ports';
import { botUserId, chatWorld, clientId, serveApp, type ChatWorld } from '../support/twitch-chat';

const eventSubSecret = 'eventsub-secret-for-tests';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  body: { subscription: Record<string, unknown>; event?: Record<string, unknown> };
  signed: boolean;
  at: number;
}

describe('Twitch chat in the local simulator', () => {
  let world: ChatWorld;
  let server: Awaited<ReturnType<typeof serveApp>>;
  const received: Received[] = [];
  const callbacks: Array<Record<string, unknown>> = [];
  const webhook = () => ({ callbackUrl: `${server.url}/webhooks/twitch`, secret: eventSubSecret });

  beforeEach(async () => {
    received.length = 0;
    callbacks.length = 0;
    world = await chatWorld();
    server = await serveApp((app, url) => {
      mountTwitchSimulator(app, {
        twitch: world.twitch,
        clock: world.clock,
        eventSubSecret,
        oauthCallbackUrl: `${url}/oauth/twitch/callback`,
        eventSubUrl: `${url}/webhooks/twitch`,
        chat: { chat: world.chat, botUserId, clientId },
      });
      app.get('/oauth/twitch/callback', (req, res) => {
        callbacks.push({ ...req.query });
        res.send('ok');
      });
      // Checks each delivery as our ingress does, on the raw bytes, with the EventSub verifier.
      app.post('/webhooks/twitch', (req, res) => {
        const raw = req.body as Buffer;
        const signed = verifyEventSubSignature(
          eventSubSecret,
          req.get('twitch-eventsub-message-id') ?? '',
          req.get('twitch-eventsub-message-timestamp') ?? '',
          raw,
          req.get('twitch-eventsub-message-signature'),
        );
        received.push({ headers: { ...req.headers }, raw, body: JSON.parse(raw.toString('utf8')) as Received['body'], signed, at: Date.now() });
        res.status(signed ? 204 : 401).end();
      });
    });
  });
  afterEach(() => server.close());

  const post = (path: string, body: unknown = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const chatOf = async (): Promise<{ messages: Array<Record<string, unknown>>; channels: Array<Record<string, unknown>> }> =>
    (await (await fetch(`${server.url}/_local/twitch/chat`)).json()) as { messages: Array<Record<string, unknown>>; channels: Array<Record<string, unknown>> };
  const viewerSays = (text: string, extra: Record<string, unknown> = {}) =>
    post('/_local/twitch/chat/send', {
      broadcaster_user_login: 'lavkeebs',
      chatter_user_login: 'ana_keys',
      chatter_user_id: '5001',
      chatter_user_name: 'Ana_Keys',
      text,
      ...extra,
    });

  it('delivers a viewer’s message to each chat subscription of the channel, signed, in Twitch’s channel.chat.message v1 shape', async () => {
    const { subscriptionId } = await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    await world.twitch.subscribeToStreamEvents(world.channel.userId, webhook().callbackUrl, eventSubSecret);
    await world.twitch.grant(world.closedChannel, ['channel:bot']);
    await world.twitch.subscribeToChatMessages(world.closedChannel.userId, botUserId, webhook());

    const res = await viewerSays('!bid 520', { color: '#FF4500', badges: [{ set_id: 'subscriber', id: '6', info: '6' }] });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { messageId: string; deliveries: Array<{ subscriptionId: string; status: number }> };
    expect(answer.deliveries).toEqual([expect.objectContaining({ subscriptionId, status: 204 })]);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.signed).toBe(true);
    expect(delivery?.headers).toMatchObject({
      'twitch-eventsub-message-type': 'notification',
      'twitch-eventsub-subscription-type': 'channel.chat.message',
      'twitch-eventsub-subscription-version': '1',
      'twitch-eventsub-message-timestamp': '2026-11-21T20:00:00.000Z',
    });
    expect(delivery?.body).toEqual({
      subscription: {
        id: subscriptionId,
        status: 'enabled',
        type: 'channel.chat.message',
        version: '1',
        cost: 0,
        condition: { broadcaster_user_id: world.channel.userId, user_id: botUserId },
        transport: { method: 'webhook', callback: webhook().callbackUrl },
        created_at: expect.any(String),
      },
      event: {
        broadcaster_user_id: world.channel.userId,
        broadcaster_user_login: 'lavkeebs',
        broadcaster_user_name: 'LavKeebs',
        chatter_user_id: '5001',
        chatter_user_login: 'ana_keys',
        chatter_user_name: 'Ana_Keys',
        message_id: answer.messageId,
        message: { text: '!bid 520', fragments: [{ type: 'text', text: '!bid 520', cheermote: null, emote: null, mention: null }] },
        color: '#FF4500',
        badges: [{ set_id: 'subscriber', id: '6', info: '6' }],
        message_type: 'text',
        cheer: null,
        reply: null,
        channel_points_custom_reward_id: null,
        channel_points_animation_id: null,
        source_broadcaster_user_id: null,
        source_broadcaster_user_login: null,
        source_broadcaster_user_name: null,
        source_message_id: null,
        source_badges: null,
        is_source_only: null,
      },
    });
  });

  it('gets through the EventSub ingress’s own checks, which publish a !bid on chat-bids for its subscriber', async () => {
    await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    await viewerSays('!bid 530');
    const [delivery] = received;
    const bus = new LocalEventBus({ projectId: 'test' });
    const published: unknown[] = [];
    bus.subscribe('chat-bids', 'test', async (event) => void published.push(event), { maxDeliveryAttempts: 1 });
    const answer = await acceptTwitchMessage(
      { headers: delivery?.headers ?? {}, body: delivery?.raw ?? Buffer.alloc(0) },
      {
        publisher: bus,
        recent: new RecentIds(),
        clock: world.clock,
        verifySignature: (id, timestamp, body, signature) => verifyEventSubSignature(eventSubSecret, id, timestamp, body, signature),
        // As functions/twitch-webhook.ts routes chat.
        routeChat: (event, signedAt) => {
          const routed = routeChatMessage(event, signedAt);
          return routed.kind === 'bid' ? { publish: routed.job } : { ignore: routed.why };
        },
      },
    );
    expect(answer.status).toBe(204);
    await bus.idle();
    expect(published).toHaveLength(1);
  });

  it('lets a test or a load generator build the same delivery from a listed subscription, and sign it itself', async () => {
    await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    await viewerSays('!bid 520');
    const listed = (await (await fetch(`${server.url}/_local/twitch/subscriptions?type=channel.chat.message`)).json()) as {
      subscriptions: EventSubSubscription[];
    };
    const [subscription] = listed.subscriptions;
    const event = chatNotification({ broadcaster: world.channel, chatter: { userId: '5001', login: 'ana_keys', displayName: 'Ana_Keys' }, text: '!bid 530' });
    const message = eventSubMessage({ messageType: 'notification', subscription: subscription as EventSubSubscription, event, clock: world.clock });
    expect((await deliverEventSub(webhook().callbackUrl, eventSubSecret, message)).status).toBe(204);
    const [bySimulator, byTest] = received;
    expect(byTest?.signed).toBe(true);
    expect(byTest?.body.subscription).toEqual(bySimulator?.body.subscription);
    expect(Object.keys(byTest?.body.event ?? {})).toEqual(Object.keys(bySimulator?.body.event ?? {}));
  });

  it('holds a message back when asked, and delivers it late signed with the moment it was sent', async () => {
    await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    const asked = Date.now();
    const answer = (await (await viewerSays('!bid 540', { delay_ms: 300 })).json()) as { timestamp: string };
    expect(received[0]?.at).toBeGreaterThanOrEqual(asked + 300);
    expect(received[0]?.headers['twitch-eventsub-message-timestamp']).toBe(answer.timestamp);
    expect(answer.timestamp).toBe('2026-11-21T20:00:00.000Z');
  });

  it('names the channel a Shared Chat message was sent in, and shows it there as that channel’s own', async () => {
    await world.twitch.grant(world.closedChannel, ['channel:bot']);
    const lav = await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    const mint = await world.twitch.subscribeToChatMessages(world.closedChannel.userId, botUserId, webhook());
    await viewerSays('!bid 550', { source_broadcaster_user_login: 'mintkeebs' });
    const bySubscription = new Map(received.map((r) => [r.body.subscription.id, r.body.event ?? {}]));
    const there = bySubscription.get(mint.subscriptionId);
    const here = bySubscription.get(lav.subscriptionId);
    expect(there).toMatchObject({ broadcaster_user_login: 'mintkeebs', source_broadcaster_user_id: null, source_message_id: null });
    expect(here).toMatchObject({
      broadcaster_user_login: 'lavkeebs',
      source_broadcaster_user_id: world.closedChannel.userId,
      source_broadcaster_user_login: 'mintkeebs',
      source_broadcaster_user_name: 'mintkeebs',
      source_message_id: there?.message_id,
      source_badges: [],
      is_source_only: false,
    });
  });

  it.each([
    ['no channel', { chatter_user_login: 'ana', text: 'hi' }, /name the channel/],
    ['no chatter', { broadcaster_user_login: 'lavkeebs', text: 'hi' }, /name the chatter/],
    ['501 characters', { broadcaster_user_login: 'lavkeebs', chatter_user_login: 'ana', text: 'x'.repeat(501) }, /1 to 500 characters/],
    ['an hour’s delay', { broadcaster_user_login: 'lavkeebs', chatter_user_login: 'ana', text: 'hi', delay_ms: 3_600_000 }, /delay_ms/],
  ])('refuses a viewer’s message with %s', async (_what, body, error) => {
    const res = await post('/_local/twitch/chat/send', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(error);
  });

  it('lists what the bot said in each channel: channel, text, time, and whether Twitch dropped it and why', async () => {
    for (let i = 1; i <= 20; i++) await world.chat.send({ broadcasterId: world.channel.userId, text: `@ana leads at $${500 + i}` });
    await world.chat.send({ broadcasterId: world.channel.userId, text: 'one too many' });
    world.advance(30_000);
    await world.chat.send({ broadcasterId: world.channel.userId, text: 'hammer: @ana wins at $520' });
    await world.chat.send({ broadcasterId: world.channel.userId, text: 'hammer: @ana wins at $520' });
    await world.chat.send({ broadcasterId: world.channel.userId, text: 'z'.repeat(501) });

    const { messages, channels } = await chatOf();
    expect(messages).toHaveLength(24);
    expect(messages[0]).toEqual({
      seq: 1,
      channel: 'lavkeebs',
      broadcasterId: world.channel.userId,
      broadcasterLogin: 'lavkeebs',
      senderId: botUserId,
      text: '@ana leads at $501',
      time: '2026-11-21T20:00:00.000Z',
      dropped: false,
      dropReason: null,
      messageId: expect.any(String),
      status: 200,
    });
    expect(messages.slice(20).map((m) => [String(m.text).slice(0, 20), m.dropped, (m.dropReason as { code?: string } | null)?.code ?? null, m.time])).toEqual([
      ['one too many', true, chatDropCodes.rateLimited, '2026-11-21T20:00:00.000Z'],
      ['hammer: @ana wins at', false, null, '2026-11-21T20:00:30.000Z'],
      ['hammer: @ana wins at', true, chatDropCodes.duplicate, '2026-11-21T20:00:30.000Z'],
      ['zzzzzzzzzzzzzzzzzzzz', true, chatDropCodes.tooLong, '2026-11-21T20:00:30.000Z'],
    ]);
    expect(messages[23]?.status).toBe(422);
    expect(channels).toEqual([
      {
        broadcasterId: world.channel.userId,
        broadcasterLogin: 'lavkeebs',
        senderId: botUserId,
        moderator: false,
        limit: 20,
        sent: 21,
        dropped: 3,
        mostInAnyWindow: 20,
      },
    ]);
    const later = (await (await fetch(`${server.url}/_local/twitch/chat?after=22&channel=lavkeebs`)).json()) as { messages: unknown[] };
    expect(later.messages).toHaveLength(2);
  });

  it('mods the bot in a channel when told: 100 messages in 30 seconds, then 20 again once unmodded', async () => {
    const modded = await post('/_local/twitch/channels/lavkeebs/moderator', { moderator: 'true' });
    expect(await modded.json()).toEqual({ broadcasterId: world.channel.userId, broadcasterLogin: 'lavkeebs', userId: botUserId, moderator: true });
    for (let i = 1; i <= 100; i++) expect(await world.chat.send({ broadcasterId: world.channel.userId, text: `m${i}` })).toMatchObject({ sent: true });
    expect(await world.chat.send({ broadcasterId: world.channel.userId, text: 'm101' })).toMatchObject({
      sent: false,
      dropReason: { code: chatDropCodes.rateLimited },
    });
    expect((await chatOf()).channels[0]).toMatchObject({ moderator: true, limit: 100, mostInAnyWindow: 100 });

    await post(`/_local/twitch/channels/${world.channel.userId}/moderator`, { moderator: 'false' });
    world.advance(30_000);
    for (let i = 1; i <= 20; i++) await world.chat.send({ broadcasterId: world.channel.userId, text: `n${i}` });
    expect(await world.chat.send({ broadcasterId: world.channel.userId, text: 'n21' })).toMatchObject({
      sent: false,
      dropReason: { code: chatDropCodes.rateLimited },
    });
  });

  it('echoes each message the bot posts to the channel’s chat subscriptions, as Twitch sends a reader its own', async () => {
    await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    const sent = await world.chat.send({ broadcasterId: world.channel.userId, text: '@ana leads at $520' });
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received.map((r) => r.body.event)).toEqual([
      expect.objectContaining({
        chatter_user_id: botUserId,
        chatter_user_login: 'c500bot',
        message_id: sent.sent ? sent.messageId : 'x',
        message: expect.objectContaining({ text: '@ana leads at $520' }),
      }),
    ]);
  });

  it('lists the subscriptions, and revokes one with a signed revocation', async () => {
    const { subscriptionId } = await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    const listed = (await (await fetch(`${server.url}/_local/twitch/subscriptions?type=channel.chat.message`)).json()) as { subscriptions: unknown[] };
    expect(listed.subscriptions).toEqual([
      {
        id: subscriptionId,
        type: 'channel.chat.message',
        version: '1',
        status: 'enabled',
        condition: { broadcaster_user_id: world.channel.userId, user_id: botUserId },
        callback: webhook().callbackUrl,
        createdAt: expect.any(String),
      },
    ]);
    await post(`/_local/twitch/subscriptions/${subscriptionId}/revoke?reason=chat_user_banned`);
    expect(received.map((r) => [r.signed, r.headers['twitch-eventsub-message-type'], r.body.subscription.status])).toEqual([
      [true, 'revocation', 'chat_user_banned'],
    ]);
  });

  it('disconnects a user: their chat subscriptions revoked, user.authorization.revoke sent, and the bot kept out of their chat', async () => {
    const chat = await world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook());
    const revokes = await world.twitch.subscribeToAuthorizationRevocations(webhook());
    const res = await post('/_local/twitch/users/lavkeebs/authorization/revoke');
    expect(res.status).toBe(200);
    expect(received.map((r) => [r.signed, r.headers['twitch-eventsub-message-type'], r.body.subscription.id])).toEqual([
      [true, 'revocation', chat.subscriptionId],
      [true, 'notification', revokes.subscriptionId],
    ]);
    expect(received[0]?.body.subscription.status).toBe('authorization_revoked');
    expect(received[1]?.body).toMatchObject({
      subscription: { type: 'user.authorization.revoke', condition: { client_id: clientId } },
      event: { client_id: clientId, user_id: world.channel.userId, user_login: 'lavkeebs', user_name: 'LavKeebs' },
    });
    expect(await world.chat.send({ broadcasterId: world.channel.userId, text: 'still here?' })).toMatchObject({
      sent: false,
      dropReason: { code: chatDropCodes.notPermitted },
    });
    await expect(world.twitch.subscribeToChatMessages(world.channel.userId, botUserId, webhook())).rejects.toMatchObject({ statusCode: 403 });
  });

  it('refuses a chat subscription until the broadcaster lets the bot in', async () => {
    await expect(world.twitch.subscribeToChatMessages(world.closedChannel.userId, botUserId, webhook())).rejects.toMatchObject({
      statusCode: 403,
      message: 'subscription missing proper authorization',
    });
    const granted = await post('/_local/twitch/users/mintkeebs/grant?scope=channel:bot');
    expect(await granted.json()).toMatchObject({ scopes: ['channel:bot'] });
    await expect(world.twitch.subscribeToChatMessages(world.closedChannel.userId, botUserId, webhook())).resolves.toEqual({
      subscriptionId: expect.any(String),
    });
  });

  it('shows the scopes asked on the authorize page, and an identity-only sign-in as such', async () => {
    const consent = await (await fetch(`${server.url}/_local/twitch/authorize?scope=channel%3Abot&state=s`)).text();
    expect(consent).toContain('<code>channel:bot</code>');
    expect(consent).toContain('name="scope" value="channel:bot"');
    const bot = await (await fetch(`${server.url}/_local/twitch/authorize?scope=user%3Aread%3Achat+user%3Awrite%3Achat+user%3Abot`)).text();
    for (const scope of ['user:read:chat', 'user:write:chat', 'user:bot']) expect(bot).toContain(`<code>${scope}</code>`);
    expect(await (await fetch(`${server.url}/_local/twitch/authorize?scope=&state=s`)).text()).toContain('Sign in only');
  });

  it('grants the scopes asked to the code, as the callback reads them, and remembers the grant', async () => {
    const redirect = `${server.url}/oauth/twitch/callback`;
    const res = await fetch(
      `${server.url}/_local/twitch/authorize?${new URLSearchParams({ login: 'mintkeebs', user_id: world.closedChannel.userId, scope: 'channel:bot', redirect_uri: redirect })}`,
      {
        redirect: 'manual',
      },
    );
    const location = new URL(res.headers.get('location') as string);
    expect(location.searchParams.get('scope')).toBe('channel:bot');
    const code = location.searchParams.get('code') as string;
    expect(await world.twitch.userFromAuthorizationCode(code, redirect)).toEqual({
      userId: world.closedChannel.userId,
      login: 'mintkeebs',
      displayName: 'mintkeebs',
      scopes: ['channel:bot'],
    });
    expect(await world.twitch.grantOf(world.closedChannel.userId)).toEqual(['channel:bot']);
    expect(await world.chat.send({ broadcasterId: world.closedChannel.userId, text: 'hello mint' })).toMatchObject({ sent: true });
  });
});
