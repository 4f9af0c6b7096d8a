import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHelixTwitchChat } from '../../shared/adapters/twitch/helix-twitch-chat';
import { HelixAppClient } from '../../shared/adapters/twitch/helix-app-client';
import { HelixEventSub } from '../../shared/adapters/twitch/helix-eventsub';
import { chatDropCodes } from '../../shared/ports';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = (res: ServerResponse, received: Received) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));

/**
 * A stand-in for `https://id.twitch.tv/oauth2/token` and `https://api.twitch.tv/helix` on
 * 127.0.0.1: tokens `token-1`, `token-2`… and, unless a test queued replies of its own,
 * Helix's answer to a message that was sent.
 */
function fakeTwitch() {
  const received: Received[] = [];
  const queued: Reply[] = [];
  let tokens = 0;
  let tokenReply: Reply | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      if (r.path.startsWith('/oauth2/token'))
        return tokenReply ? tokenReply(res, r) : json(res, 200, { access_token: `token-${++tokens}`, expires_in: 5_000_000, token_type: 'bearer' });
      const reply = queued.shift();
      if (reply) return reply(res, r);
      json(res, 200, { data: [{ message_id: `msg-${received.length}`, is_sent: true }] });
    });
  });
  return {
    received,
    helix: () => received.filter((r) => r.path.startsWith('/helix')),
    queue: (...replies: Reply[]) => queued.push(...replies),
    refuseTokens: (reply: Reply | undefined) => (tokenReply = reply),
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const nowMs = Date.parse('2026-11-21T20:00:00Z');

describe('the Helix chat adapter', () => {
  const twitch = fakeTwitch();
  let url: string;
  beforeAll(async () => {
    url = await twitch.start();
  });
  afterAll(() => twitch.stop());
  beforeEach(() => {
    twitch.received.length = 0;
  });

  const adapter = (extra: { timeoutMs?: number; helixUrl?: string } = {}) =>
    createHelixTwitchChat({
      clientId: 'c500-client',
      clientSecret: 'very-secret-value',
      botUserId: '100000001',
      helixUrl: `${url}/helix`,
      tokenUrl: `${url}/oauth2/token`,
      now: () => nowMs,
      ...extra,
    });

  it('sends as the bot with an app token from the client credentials grant, and answers the message id', async () => {
    const result = await adapter().send({ broadcasterId: '141981764', text: '@ana leads at $520' });
    expect(result).toEqual({ sent: true, messageId: expect.stringMatching(/^msg-/) });
    const [token, sent] = twitch.received;
    expect(token?.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      client_id: 'c500-client',
      client_secret: 'very-secret-value',
      grant_type: 'client_credentials',
    });
    expect(sent).toMatchObject({ method: 'POST', path: '/helix/chat/messages' });
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer token-1', 'client-id': 'c500-client', 'content-type': 'application/json' });
    expect(JSON.parse(sent?.body ?? '')).toEqual({ broadcaster_id: '141981764', sender_id: '100000001', message: '@ana leads at $520' });
  });

  it('asks for the app token once for messages sent together', async () => {
    const chat = adapter();
    await Promise.all([1, 2, 3].map((i) => chat.send({ broadcasterId: '1', text: `m${i}` })));
    expect(twitch.received.filter((r) => r.path.startsWith('/oauth2')).length).toBe(1);
    expect(new Set(twitch.helix().map((r) => r.headers.authorization)).size).toBe(1);
  });

  it('answers Twitch’s drop_reason when Twitch kept the message out of chat', async () => {
    const dropReason = {
      code: 'msg_duplicate',
      message: 'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.',
    };
    twitch.queue((res) => json(res, 200, { data: [{ message_id: '', is_sent: false, drop_reason: dropReason }] }));
    expect(await adapter().send({ broadcasterId: '1', text: 'hi' })).toEqual({ sent: false, dropReason });
  });

  it('calls a 422 too long, and a 400 for more than 500 characters too (what Twitch answers in practice)', async () => {
    twitch.queue((res) => json(res, 422, { error: 'Unprocessable Entity', status: 422, message: 'The message is too large.' }));
    expect(await adapter().send({ broadcasterId: '1', text: 'a'.repeat(501) })).toEqual({
      sent: false,
      dropReason: { code: chatDropCodes.tooLong, message: 'The message is too large.' },
    });
    twitch.queue((res) => json(res, 400, { error: 'Bad Request', status: 400, message: 'The request’s input was not valid.' }));
    expect(await adapter().send({ broadcasterId: '1', text: 'a'.repeat(501) })).toMatchObject({ sent: false, dropReason: { code: chatDropCodes.tooLong } });
  });

  it('throws on any other 400: the request was ours to get right', async () => {
    twitch.queue((res) => json(res, 400, { error: 'Bad Request', status: 400, message: 'Missing required parameter "broadcaster_id"' }));
    await expect(adapter().send({ broadcasterId: '', text: 'hi' })).rejects.toThrow(/400: Missing required parameter/);
  });

  it('waits until Helix’s Ratelimit-Reset after a 429', async () => {
    twitch.queue((res) =>
      json(res, 429, { error: 'Too Many Requests', status: 429, message: 'Too Many Requests' }, { 'Ratelimit-Reset': String(nowMs / 1000 + 7) }),
    );
    expect(await adapter().send({ broadcasterId: '1', text: 'hi' })).toEqual({
      sent: false,
      dropReason: { code: chatDropCodes.rateLimited, message: 'Too Many Requests' },
      retryAfterMs: 7_000,
    });
  });

  it('says the bot is not permitted on a 403', async () => {
    const message = 'The sender is not permitted to send chat messages to the broadcaster’s chat room.';
    twitch.queue((res) => json(res, 403, { error: 'Forbidden', status: 403, message }));
    expect(await adapter().send({ broadcasterId: '1', text: 'hi' })).toEqual({ sent: false, dropReason: { code: chatDropCodes.notPermitted, message } });
  });

  it('gets a new app token once when Helix answers 401, and sends again with it', async () => {
    const chat = adapter();
    await chat.send({ broadcasterId: '1', text: 'first' });
    twitch.queue((res) => json(res, 401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' }));
    expect(await chat.send({ broadcasterId: '1', text: 'second' })).toMatchObject({ sent: true });
    const helix = twitch.helix().map((r) => r.headers.authorization);
    expect(helix).toHaveLength(3);
    expect(helix[1]).toBe(helix[0]);
    expect(helix[2]).not.toBe(helix[0]);
  });

  it('throws after a second 401 rather than asking for tokens in a loop', async () => {
    const unauthorized: (res: ServerResponse) => void = (res) => json(res, 401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
    twitch.queue(unauthorized, unauthorized);
    await expect(adapter().send({ broadcasterId: '1', text: 'hi' })).rejects.toThrow(/401/);
    expect(twitch.received.filter((r) => r.path.startsWith('/oauth2'))).toHaveLength(2);
  });

  it('answers Twitch unavailable, with a short wait, on a 5xx or when Twitch cannot be reached', async () => {
    twitch.queue((res) => json(res, 503, { error: 'Service Unavailable', status: 503, message: '' }));
    expect(await adapter().send({ broadcasterId: '1', text: 'hi' })).toEqual({
      sent: false,
      dropReason: { code: chatDropCodes.unavailable, message: 'Twitch answered 503' },
      retryAfterMs: 1_000,
    });
    const unreachable = createHelixTwitchChat({
      clientId: 'c',
      clientSecret: 's',
      botUserId: '1',
      helixUrl: 'http://127.0.0.1:9/helix',
      tokenUrl: 'http://127.0.0.1:9/oauth2/token',
      timeoutMs: 500,
    });
    expect(await unreachable.send({ broadcasterId: '1', text: 'hi' })).toMatchObject({
      sent: false,
      dropReason: { code: chatDropCodes.unavailable },
      retryAfterMs: 1_000,
    });
  });

  it('throws when Twitch refuses the app’s credentials, naming the variables and never the secret', async () => {
    twitch.refuseTokens((res) => json(res, 403, { status: 403, message: 'invalid client secret' }));
    try {
      const error = await adapter()
        .send({ broadcasterId: '1', text: 'hi' })
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      expect(error?.message).toMatch(/TWITCH_CLIENT_ID, TWITCH_CLIENT_SECRET.*403: invalid client secret/);
      expect(error?.message).not.toContain('very-secret-value');
    } finally {
      twitch.refuseTokens(undefined);
    }
  });
});

describe('EventSub subscriptions through Helix', () => {
  const twitch = fakeTwitch();
  let eventSub: HelixEventSub;
  beforeAll(async () => {
    const url = await twitch.start();
    eventSub = new HelixEventSub(new HelixAppClient({ clientId: 'c500-client', clientSecret: 's', helixUrl: `${url}/helix`, tokenUrl: `${url}/oauth2/token` }));
  });
  afterAll(() => twitch.stop());
  beforeEach(() => {
    twitch.received.length = 0;
  });

  const webhook = { callbackUrl: 'https://c500.example/webhooks/twitch', secret: 'eventsub-secret-0123' };
  const subscription = (id: string, condition: Record<string, string>, callback = webhook.callbackUrl) => ({
    id,
    status: 'enabled',
    type: 'channel.chat.message',
    version: '1',
    condition,
    created_at: '2026-11-21T20:00:00Z',
    transport: { method: 'webhook', callback },
    cost: 0,
  });

  it('subscribes to a channel’s chat as the bot over the webhook transport', async () => {
    const condition = { broadcaster_user_id: '141981764', user_id: '100000001' };
    twitch.queue((res) => json(res, 202, { data: [{ ...subscription('s1', condition), status: 'webhook_callback_verification_pending' }], total: 1 }));
    const made = await eventSub.subscribe('channel.chat.message', '1', condition, webhook);
    expect(made).toMatchObject({
      id: 's1',
      type: 'channel.chat.message',
      condition,
      callback: webhook.callbackUrl,
      status: 'webhook_callback_verification_pending',
    });
    const [, sent] = twitch.received;
    expect(sent).toMatchObject({ method: 'POST', path: '/helix/eventsub/subscriptions' });
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      type: 'channel.chat.message',
      version: '1',
      condition,
      transport: { method: 'webhook', callback: webhook.callbackUrl, secret: webhook.secret },
    });
  });

  it('takes the existing subscription when Twitch answers 409', async () => {
    const condition = { broadcaster_user_id: '141981764', user_id: '100000001' };
    twitch.queue(
      (res) => json(res, 409, { error: 'Conflict', status: 409, message: 'subscription already exists' }),
      (res) => json(res, 200, { data: [subscription('other', { ...condition, broadcaster_user_id: '9' }), subscription('s1', condition)], pagination: {} }),
    );
    expect((await eventSub.subscribe('channel.chat.message', '1', condition, webhook)).id).toBe('s1');
    expect(twitch.helix()[1]?.path).toBe('/helix/eventsub/subscriptions?type=channel.chat.message');
  });

  it('throws with Twitch’s status when the authorizations are missing', async () => {
    twitch.queue((res) => json(res, 403, { error: 'Forbidden', status: 403, message: 'subscription missing proper authorization' }));
    await expect(eventSub.subscribe('channel.chat.message', '1', { broadcaster_user_id: '1', user_id: '2' }, webhook)).rejects.toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/missing proper authorization/),
    });
  });

  it('lists every page, and deletes a subscription, one already gone included', async () => {
    twitch.queue(
      (res) => json(res, 200, { data: [subscription('a', { broadcaster_user_id: '1', user_id: '2' })], pagination: { cursor: 'next' } }),
      (res) => json(res, 200, { data: [subscription('b', { broadcaster_user_id: '3', user_id: '2' })], pagination: {} }),
    );
    expect((await eventSub.list({ userId: '2' })).map((s) => s.id)).toEqual(['a', 'b']);
    expect(twitch.helix().map((r) => r.path)).toEqual(['/helix/eventsub/subscriptions?user_id=2', '/helix/eventsub/subscriptions?user_id=2&after=next']);
    twitch.queue(
      (res) => res.writeHead(204).end(),
      (res) => json(res, 404, { error: 'Not Found', status: 404, message: 'subscription not found' }),
    );
    await eventSub.unsubscribe('a');
    await eventSub.unsubscribe('a');
    expect(
      twitch
        .helix()
        .slice(-2)
        .map((r) => [r.method, r.path]),
    ).toEqual([
      ['DELETE', '/helix/eventsub/subscriptions?id=a'],
      ['DELETE', '/helix/eventsub/subscriptions?id=a'],
    ]);
  });
});
