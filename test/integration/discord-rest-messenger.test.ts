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
  /** Requests that have arrived and not been answered yet, and the most there ever were at once. */
  const open = { now: 0, most: 0 };
  /** While set, answers wait until this many requests are open at once (or `release()`). */
  let barrier: { size: number; waiting: Array<() => void> } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // Routes percent-encodes `@original`; Discord, like any router, matches the decoded path.
      const path = decodeURIComponent(req.url ?? '');
      received.push({ method: req.method ?? '', path, headers: req.headers, body: text ? JSON.parse(text) : undefined });
      open.now += 1;
      open.most = Math.max(open.most, open.now);
      res.on('finish', () => (open.now -= 1));
      if (!barrier) return answer(text, path, res);
      const held = barrier;
      held.waiting.push(() => answer(text, path, res));
      if (held.waiting.length >= held.size) releaseAll();
    });
  });
  const releaseAll = () => {
    const held = barrier;
    barrier = undefined;
    for (const go of held?.waiting ?? []) go();
  };
  const answer = (text: string, path: string, res: ServerResponse) => {
    const reply = queued.shift();
    if (reply) return reply(res);
    if (path === '/v10/users/@me/channels') {
      const { recipient_id } = JSON.parse(text) as { recipient_id: string };
      return json(res, 200, { id: `dm-${recipient_id}`, type: 1 });
    }
    return json(res, 200, { id: `message-${nextId++}`, type: 0 });
  };
  return {
    received,
    open,
    queue: (reply: Reply) => queued.push(reply),
    /** Holds every answer until `size` requests are open at once, as a crowd on Discord's side would see them. */
    holdUntilOpen: (size: number) => (barrier = { size, waiting: [] }),
    release: releaseAll,
    /** Resolves once no request has arrived for `quietMs`: what got through, with nothing more on its way. */
    async quiet(quietMs: number): Promise<void> {
      let seen = -1;
      while (seen !== received.length) {
        seen = received.length;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
      }
    },
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messenger sends what it is given; whether a token is still good is the use case's to know. */
const reply = (token: string) => ({ id: '1100000000000000001', token });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function rateLimited(retryAfterSeconds: number): Reply {
  return (res) =>
    json(
      res,
      429,
      { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      { 'Retry-After': String(retryAfterSeconds), 'X-RateLimit-Scope': 'user' },
    );
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

    // Where each DM went, as Discord answered: its DM channel and its message, by which it is edited later.
    expect(first).toEqual({ channelId: 'dm-user-7', messageId: expect.stringMatching(/^message-/) });
    expect(second.channelId).toBe('dm-user-7');
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
    await messenger().editOriginalResponse(reply('interaction-token-1'), { content: 'Done.', flags: 64 });

    const [request] = discord.received;
    expect(`${request.method} ${request.path}`).toBe('PATCH /v10/webhooks/app-1/interaction-token-1/messages/@original');
    expect(request.body).toEqual({ content: 'Done.', flags: 64 });
    expect(request.headers.authorization).toBeUndefined();
  });

  it('sends a followup through the webhook route, without a bot token, and returns its id', async () => {
    const result = await messenger().sendFollowup(reply('interaction-token-2'), { content: 'Also this.' });

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
    // Half the 30 s it was told to wait: however loaded the machine, a sleep through it cannot pass.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(discord.received).toHaveLength(1);
  }, 40_000);
});

/**
 * `@discordjs/rest` counts each request against its global bucket (50 a second) when it
 * sends it, and waits for the bucket's second to pass by `Date.now()`. With the clock
 * standing still that second never passes: whatever the bucket holds back stays held, and
 * the stand-in counts exactly what got through, with no timing in the assertions.
 */
describe('DiscordRestMessenger and Discord’s global rate limit', () => {
  const discord = fakeDiscord();
  let api: string;

  beforeAll(async () => {
    api = await discord.start();
  });
  afterAll(() => discord.stop());
  beforeEach(() => {
    discord.received.length = 0;
    discord.open.most = 0;
  });
  afterEach(() => {
    discord.release();
    jest.restoreAllMocks();
  });

  const messenger = () => new DiscordRestMessenger({ applicationId: 'app-1', botToken: 'bot-token-1', api });
  const standStill = () => jest.spyOn(Date, 'now').mockReturnValue(Date.now());

  it('sends 200 interaction-webhook requests at once, past the 50 a second a global bucket would let through', async () => {
    const discordMessenger = messenger();
    standStill();
    discord.holdUntilOpen(200);

    const sent = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? discordMessenger.sendFollowup(reply(`token-${i}`), { content: 'You lead.' })
        : discordMessenger.editOriginalResponse(reply(`token-${i}`), { content: 'You’ve been outbid.' }),
    );
    // Held back by a global bucket, the 51st would never be sent: the stand-in goes quiet at 50.
    await Promise.race([Promise.all(sent), discord.quiet(2_000)]);

    expect(discord.received).toHaveLength(200);
    expect(discord.open.most).toBe(200);
    await Promise.all(sent);
  });

  it('keeps bot-token routes to the global limit: 50 of 60 channel posts go out until the second passes', async () => {
    const discordMessenger = messenger();
    const clock = standStill();

    const sent = Array.from({ length: 60 }, (_, i) => discordMessenger.postToChannel(`channel-${i}`, { content: 'Sold!' }));
    await discord.quiet(1_500);

    expect(discord.received).toHaveLength(50);
    clock.mockRestore();
    await Promise.all(sent);
    expect(discord.received).toHaveLength(60);
  });

  it('still waits out a 429 on an interaction webhook’s own route', async () => {
    discord.queue(rateLimited(0.2));

    await messenger().editOriginalResponse(reply('token-429'), { content: 'after a short wait' });

    expect(discord.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /v10/webhooks/app-1/token-429/messages/@original',
      'PATCH /v10/webhooks/app-1/token-429/messages/@original',
    ]);
  });
});
