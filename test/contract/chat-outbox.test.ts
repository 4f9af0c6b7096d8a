/**
 * The chat outbox's two adapters held to one contract: Redis through the Upstash REST
 * bridge (as deployed) and the in-memory one (tests, and a local runtime without Redis).
 */
import { randomUUID } from 'node:crypto';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashChatOutbox } from '../../shared/adapters/chat/upstash-chat-outbox';
import { InMemoryChatOutbox } from '../../shared/local/chat/in-memory-chat-outbox';
import { chatLinesKept } from '../../shared/adapters/chat/chat-outbox-limits';
import { LocalTwitchChat } from '../../shared/local/twitch/twitch-chat';
import { sendChatReplies } from '../../shared/chatbids';
import { scheduleChatReplies } from '../../shared/chatbids/use-cases/chat-replies-task';
import type { ChatBudget, ChatOutbox, ScheduledTask, TaskQueue, TwitchChat } from '../../shared/ports';
import { botUserId, chatWorld } from '../support/twitch-chat';
import { testIdKey } from '../support/auction-book-fixtures';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
const runId = randomUUID();
let made = 0;

afterAll(async () => {
  const keys = await redis.keys(`test:chat:${runId}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

const budget: ChatBudget = { perWindow: 20, windowMs: 30_000, spacingMs: 1_000, marginMs: 1_000 };

describe.each([
  ['Redis through Upstash', () => createUpstashChatOutbox(redis, { idKey: testIdKey, keyPrefix: `test:chat:${runId}:${++made}:` })],
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

  it('queues lines added at the same moment as it would one at a time: in order, a repeated once key once, each channel apart', async () => {
    const outbox = fresh();
    const lines = [
      { text: 'a' },
      { text: 'lead 1', slot: 'lead' },
      { text: 'sign in', must: true, onceKey: 'sign-in:1' },
      { text: 'sign in again', must: true, onceKey: 'sign-in:1' },
      { text: 'SOLD', must: true },
      { text: 'lead 2', slot: 'lead' },
      { text: 'b' },
    ];
    const added = await Promise.all([...lines.map((line) => outbox.add('1', line)), outbox.add('2', { text: 'elsewhere' })]);
    expect(added).toEqual([true, true, true, false, true, true, true, true]);
    expect((await outbox.takeAll('1')).map((l) => l.text)).toEqual(['sign in', 'SOLD', 'lead 2', 'a', 'b']);
    expect((await outbox.takeAll('2')).map((l) => l.text)).toEqual(['elsewhere']);
  });

  it('queues a line with a once key only once', async () => {
    const outbox = fresh();
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(true);
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(false);
    expect(await outbox.takeAll('1')).toHaveLength(1);
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'link:42' })).toBe(false);
  });

  it('forgets everything kept for one channel when its broadcaster is erased, and nothing of another', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'SOLD', must: true });
    await outbox.add('1', { text: 'lead', slot: 'lead' });
    await outbox.add('1', { text: 'a' });
    await outbox.add('1', { text: 'sign in', onceKey: 'sign-in:42' });
    await outbox.add('2', { text: 'sign in', onceKey: 'sign-in:42' });
    expect(await outbox.claimSend('1', 1_000, budget)).toEqual({ ok: true });
    await outbox.dropChannel('1');
    await outbox.dropChannel('1');
    expect(await outbox.takeAll('1')).toEqual([]);
    // Nothing remembered: the once key is new again, and the budget whole.
    expect(await outbox.add('1', { text: 'sign in', onceKey: 'sign-in:42' })).toBe(true);
    expect(await outbox.claimSend('1', 1_001, budget)).toEqual({ ok: true });
    expect(await outbox.add('2', { text: 'sign in', onceKey: 'sign-in:42' })).toBe(false);
    expect((await outbox.takeAll('2')).map((l) => l.text)).toEqual(['sign in']);
  });

  it('keeps each channel’s lines apart', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'one' });
    await outbox.add('2', { text: 'two' });
    expect((await outbox.takeAll('2')).map((l) => l.text)).toEqual(['two']);
  });

  it('puts lines back ahead of what came since: must lines among the must, the others among the rest', async () => {
    const outbox = fresh();
    await outbox.add('1', { text: 'later', must: true });
    await outbox.add('1', { text: 'too low, later', group: { name: 'too-low', login: 'cy' } });
    await outbox.putBack('1', [
      { text: 'first', must: true },
      { text: 'too low, first', group: { name: 'too-low', login: 'bo' } },
      { text: 'second', must: true },
    ]);
    expect((await outbox.takeAll('1')).map((l) => [l.text, l.must ?? false])).toEqual([
      ['first', true],
      ['second', true],
      ['later', true],
      ['too low, first', false],
      ['too low, later', false],
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
    // The 21st waits for the first to leave the window and the margin after it, and fits then.
    expect(await outbox.claimSend('1', t0 + 20_000, budget)).toEqual({ ok: false, retryAtMs: t0 + 31_000 });
    expect(await outbox.claimSend('1', t0 + 30_999, budget)).toEqual({ ok: false, retryAtMs: t0 + 31_000 });
    expect(await outbox.claimSend('1', t0 + 31_000, budget)).toEqual({ ok: true });
  });

  it('fills the budget for a minute and a half without Twitch dropping a message, each reaching Twitch a little after its claim', async () => {
    const outbox = fresh();
    const twitch = await chatWorld();
    const channel = twitch.channel.userId;
    const t0 = Date.parse('2026-11-21T20:00:00.000Z');
    let nowMs = t0;
    let arrivesMs = t0;
    // Twitch judges each message when it arrives: a few to a few hundred ms after the task's
    // start, the claim's stamp. A spread that differs between the 1st and the 21st of a window.
    const latencies = [400, 10, 150];
    const simulator = new LocalTwitchChat({ twitch: twitch.twitch, clock: { now: () => new Date(arrivesMs) }, botUserId });
    let sends = 0;
    const chat: TwitchChat = {
      send: (message) => {
        arrivesMs = nowMs + (latencies[sends++ % latencies.length] as number);
        return simulator.send(message);
      },
    };
    const due: ScheduledTask[] = [];
    const names = new Set<string>();
    const tasks: TaskQueue = {
      schedule: async (task) => {
        if (names.has(task.name)) return 'already-scheduled';
        names.add(task.name);
        due.push(task);
        return 'scheduled';
      },
      cancel: async () => false,
    };
    const deps = { tasks, clock: { now: () => new Date(nowMs) }, outbox, chat, budget };
    // A line every second, each scheduling a reply as a chat bid does; far more than the budget.
    for (let second = 0; second < 95; second++) {
      const lineAt = t0 + second * 1_000 + 100;
      for (let task = nextDue(due, lineAt); task; task = nextDue(due, lineAt)) {
        nowMs = task.runAt.getTime();
        await sendChatReplies(deps, channel);
      }
      nowMs = lineAt;
      await outbox.add(channel, { text: `state ${second}`, slot: 'lead' });
      await scheduleChatReplies(tasks, channel, nowMs);
    }
    const said = simulator.messages();
    expect(said.filter((m) => m.dropped).map((m) => [m.time, m.dropReason?.code])).toEqual([]);
    const [summary] = await simulator.summary();
    expect(summary?.mostInAnyWindow).toBe(budget.perWindow);
    expect(said.length).toBeGreaterThanOrEqual(55);
  });

  it('never lets two senders spend the last send of the window', async () => {
    const outbox = fresh();
    const tight: ChatBudget = { perWindow: 1, windowMs: 30_000, spacingMs: 0, marginMs: 0 };
    const claims = await Promise.all(Array.from({ length: 10 }, () => outbox.claimSend('1', 5_000, tight)));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
  });
});

/** Takes the earliest task due by `atMs` off the list. */
function nextDue(due: ScheduledTask[], atMs: number): ScheduledTask | undefined {
  due.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  return due[0] && due[0].runAt.getTime() <= atMs ? due.shift() : undefined;
}

describe('the chat outbox on Redis', () => {
  it('keeps a once key that names a chatter only as a keyed hash, in its key and in the line it queues', async () => {
    const prefix = `test:chat:${runId}:${++made}:`;
    const outbox = createUpstashChatOutbox(redis, { idKey: testIdKey, keyPrefix: prefix });
    await outbox.add('1', { text: 'sign in', must: true, onceKey: 'sign-in:424242424242' });
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.filter((key) => key.includes('424242424242'))).toEqual([]);
    expect(keys.filter((key) => key.includes(':once:'))).toHaveLength(1);
    expect(JSON.stringify(await redis.lrange(`${prefix}chat:1:must`, 0, -1))).not.toContain('424242424242');
    expect(await outbox.add('1', { text: 'sign in', must: true, onceKey: 'sign-in:424242424242' })).toBe(false);
    // Another key gives another hash: the same chatter signs in elsewhere as before.
    const other = createUpstashChatOutbox(redis, { idKey: `${testIdKey}-other`, keyPrefix: prefix });
    expect(await other.add('1', { text: 'sign in', must: true, onceKey: 'sign-in:424242424242' })).toBe(true);
  });

  it('gives each list and the slot hash it makes a day’s expiry, and keeps it as lines join them', async () => {
    const prefix = `test:chat:${runId}:${++made}:`;
    const outbox = createUpstashChatOutbox(redis, { idKey: testIdKey, keyPrefix: prefix });
    await outbox.add('1', { text: 'a' });
    await outbox.add('1', { text: 'SOLD', must: true });
    await outbox.add('1', { text: 'lead', slot: 'lead' });
    await Promise.all([outbox.add('1', { text: 'b' }), outbox.add('1', { text: 'lead 2', slot: 'lead' }), outbox.add('1', { text: 'more', must: true })]);
    for (const list of ['rest', 'must', 'slots']) {
      const ttl = await redis.pttl(`${prefix}chat:1:${list}`);
      expect({ list, expires: ttl > 0 && ttl <= 86_400_000 }).toEqual({ list, expires: true });
    }
  });
});
