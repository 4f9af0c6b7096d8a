import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimitError } from '@discordjs/rest';
import { DiscordRestMessenger } from '../../shared/adapters/discord/discord-rest-messenger';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

type Reply = (res: ServerResponse) => void;

/**
 * A stand-in for `https://discord.com/api` on 127.0.0.1. It answers like Discord (a DM
 * channel for `POST /users/@me/channels`, a message with a fresh id otherwise) unless a
 * test queued replies of its own.
 */
function fakeDiscord() {
  const received: Received[] = [];
  const queued: Reply[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // Routes percent-encodes `@original`; Discord, like any router, matches the decoded path.
      const path = decodeURIComponent(req.url ?? '');
      received.push({ method: req.method ?? '', path, headers: req.headers, body: text ? JSON.parse(text) : undefined });
      const reply = queued.shift();
      if (reply) return reply(res);
      if (path === '/v10/users/@me/channels') {
        const { recipient_id } = JSON.parse(text) as { recipient_id: string };
        return json(res, 200, { id: `dm-${recipient_id}`, type: 1 });
      }
      return json(res, 200, { id: `message-${nextId++}`, type: 0 });
    });
  });
  return {
    received,
    queue: (reply: Reply) => queued.push(reply),
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function rateLimited(retryAfterSeconds: number): Reply {
  return (res) =>
    json(res, 429, { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false }, { 'Retry-After': String(retryAfterSeconds), 'X-RateLimit-Scope': 'user' });
}

describe('DiscordRestMessenger', () => {
  const discord = fakeDiscord();
  let api: string;
  const message = { content: 'Your order #o1 shipped.', embeds: [{ title: 'Shipped', color: 0x2ecc71 }] };

  beforeAll(async () => {
    api = await discord.start();
  });
  afterAll(() => discord.stop());
  beforeEach(() => {
    discord.received.length = 0;
  });

  /** A fresh messenger per test, so no rate-limit state carries over. */
  const messenger = () => new DiscordRestMessenger({ applicationId: 'app-1', botToken: 'bot-token-1', api });

  it('opens a DM channel once and posts both messages to it', async () => {
    const discordMessenger = messenger();

    const first = await discordMessenger.sendDm('user-7', message);
    const second = await discordMessenger.sendDm('user-7', { content: 'And it arrived.' });

    expect(first.messageId).toMatch(/^message-/);
    expect(second.messageId).not.toBe(first.messageId);
    expect(discord.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v10/users/@me/channels',
      'POST /v10/channels/dm-user-7/messages',
      'POST /v10/channels/dm-user-7/messages',
    ]);
    expect(discord.received[0].body).toEqual({ recipient_id: 'user-7' });
    expect(discord.received[1].body).toEqual(message);
    for (const request of discord.received) expect(request.headers.authorization).toBe('Bot bot-token-1');
  });

  it('opens the DM channel once when two DMs to the same user start together', async () => {
    const discordMessenger = messenger();

    await Promise.all([discordMessenger.sendDm('user-8', { content: 'one' }), discordMessenger.sendDm('user-8', { content: 'two' })]);

    expect(discord.received.filter((r) => r.path === '/v10/users/@me/channels')).toHaveLength(1);
  });

  it('posts to a channel with the bot token and returns the new message id', async () => {
    const result = await messenger().postToChannel('channel-3', message);

    expect(result).toEqual({ messageId: expect.stringMatching(/^message-/) });
    const [request] = discord.received;
    expect(`${request.method} ${request.path}`).toBe('POST /v10/channels/channel-3/messages');
    expect(request.body).toEqual(message);
    expect(request.headers.authorization).toBe('Bot bot-token-1');
  });

  it('edits a channel message with PATCH and the bot token', async () => {
    await messenger().editChannelMessage('channel-3', 'message-9', { content: 'Sold!' });

    const [request] = discord.received;
    expect(`${request.method} ${request.path}`).toBe('PATCH /v10/channels/channel-3/messages/message-9');
    expect(request.body).toEqual({ content: 'Sold!' });
    expect(request.headers.authorization).toBe('Bot bot-token-1');
  });

  it('edits the original interaction response through the webhook route, without a bot token', async () => {
    await messenger().editOriginalResponse('interaction-token-1', { content: 'Done.', flags: 64 });

    const [request] = discord.received;
    expect(`${request.method} ${request.path}`).toBe('PATCH /v10/webhooks/app-1/interaction-token-1/messages/@original');
    expect(request.body).toEqual({ content: 'Done.', flags: 64 });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('sends a followup through the webhook route, without a bot token, and returns its id', async () => {
    const result = await messenger().sendFollowup('interaction-token-2', { content: 'Also this.' });

    expect(result.messageId).toMatch(/^message-/);
    const [request] = discord.received;
    expect(`${request.method} ${request.path}`).toBe('POST /v10/webhooks/app-1/interaction-token-2');
    expect(request.body).toEqual({ content: 'Also this.' });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('waits out a short 429 and then succeeds', async () => {
    discord.queue(rateLimited(0.2));

    const result = await messenger().postToChannel('channel-4', { content: 'after a short wait' });

    expect(result.messageId).toMatch(/^message-/);
    expect(discord.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v10/channels/channel-4/messages', 'POST /v10/channels/channel-4/messages']);
  });

  it('rejects at once on a 429 with a long retry-after instead of sleeping through it', async () => {
    discord.queue(rateLimited(30));
    const started = Date.now();

    const failure = messenger().postToChannel('channel-5', { content: 'not now' });

    await expect(failure).rejects.toBeInstanceOf(RateLimitError);
    await expect(failure).rejects.toMatchObject({ retryAfter: expect.any(Number) });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(discord.received).toHaveLength(1);
  });
});
