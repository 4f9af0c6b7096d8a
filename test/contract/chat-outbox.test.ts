/**
 * The chat outbox's two adapters held to one contract: Redis through the Upstash REST
 * bridge (as deployed) and the in-memory one (tests, and a local runtime without Redis).
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashChatOutbox } from '../../shared/adapters/chat/upstash-chat-outbox';
import { InMemoryChatOutbox } from '../../shared/adapters/chat/in-memory-chat-outbox';
import { chatLinesKept } from '../../shared/adapters/chat/chat-outbox-limits';
import type { ChatBudget, ChatOutbox } from '../../shared/ports';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
const runId = randomUUID();
let made = 0;

afterAll(async () => {
  const keys = await redis.keys(`test:chat:${runId}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

const budget: ChatBudget = { perWindow: 20, windowMs: 30_000, spacingMs: 1_000 };

describe.each([
  ['Redis through Upstash', () => createUpstashChatOutbox(redis, { keyPrefix: `test:chat:${runId}:${++made}:` })],
  ['in memory', () => new InMemoryChatOutbox()],
] as const)('the chat outbox (%s)', (_name, fresh: () => ChatOutbox) => {
  it('gives back must lines first, then the latest line of each slot, then the rest in order', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'a' });
    await outbox.add('1', { text: 'lead 1', slot: 'lead' });
    await outbox.add('1', { text: 'SOLD', must: true });
    await outbox.add('1', { text: 'lead 2', slot: 'lead' });
    await outbox.add('1', { text: 'b', group: { name: 'too-low', login: 'bo' } });
    expect((await outbox.takeAll('1')).map((l) => l.text)).toEqual(['SOLD', 'lead 2', 'a', 'b']);
    expect(await outbox.takeAll('1')).toEqual([]);
  });

  it('queues a line with a once key only once', async () => {
    const outbox = fresh();
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(true);
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(false);
    expect(await outbox.takeAll('1')).toHaveLength(1);
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(false);
  });

  it('keeps each channel’s lines apart', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'one' });
    await outbox.add('2', { text: 'two' });
    expect((await outbox.takeAll('2')).map((l) => l.text)).toEqual(['two']);
  });

  it('puts lines back ahead of what came since, as must lines', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'later', must: true });
    await outbox.putBack('1', [{ text: 'first' }, { text: 'second' }]);
    expect((await outbox.takeAll('1')).map((l) => [l.text, l.must])).toEqual([
      ['first', true],
      ['second', true],
      ['later', true],
    ]);
  });

  it('keeps only the newest ordinary lines when chat floods it', async () => {
    const outbox = fresh();
    for (let i = 0; i < chatLinesKept + 30; i++) await outbox.add('1', { text: `low ${i}` });
    const lines = await outbox.takeAll('1');
    expect(lines).toHaveLength(chatLinesKept);
    expect(lines.at(-1)?.text).toBe(`low ${chatLinesKept + 29}`);
  });

  it('spends one send a second at most, and never more than the window allows', async () => {
    const outbox = fresh();
    const t0 = 1_000_000;
    expect(await outbox.claimSend('1', t0, budget)).toEqual({ ok: true });
    expect(await outbox.claimSend('1', t0 + 400, budget)).toEqual({ ok: false, retryAtMs: t0 + 1_000 });
    for (let i = 1; i < budget.perWindow; i++) expect(await outbox.claimSend('1', t0 + i * 1_000, budget)).toEqual({ ok: true });
    // The 21st in 30 s waits for the first to leave the window.
    expect(await outbox.claimSend('1', t0 + 20_000, budget)).toEqual({ ok: false, retryAtMs: t0 + 30_000 });
    expect(await outbox.claimSend('1', t0 + 30_001, budget)).toEqual({ ok: true });
  });

  it('never lets two senders spend the last send of the window', async () => {
    const outbox = fresh();
    const tight: ChatBudget = { perWindow: 1, windowMs: 30_000, spacingMs: 0 };
    const claims = await Promise.all(Array.from({ length: 10 }, () => outbox.claimSend('1', 5_000, tight)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
  });
});
