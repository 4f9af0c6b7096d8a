import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { TaskNotDueYet } from '../../errors';
import { orderPath, type Order } from '../../orders';
import type { ScheduledTask, TaskQueue, TwitchArchive, TwitchGateway } from '../../ports';
import { findProofVod } from '../use-cases/find-proof-vod';

const provedAt = '2026-11-24T13:02:03.000Z';
const archive: TwitchArchive = { videoId: '77', streamId: 's1', createdAt: '2026-11-24T12:00:00.000Z', url: 'https://www.twitch.tv/videos/77' };
const order = {
  orderId: 'ord12345',
  title: 'Lavender 65%',
  buyerId: '820000000000000001',
  builderId: '810000000000000001',
  builderName: 'Lav',
  status: 'building',
  proof: { kind: 'channel', url: 'https://twitch.tv/lav', provedAt, streamId: 's1', broadcasterId: '42', vodSearch: { attempt: 1 } },
  proofUrl: 'https://twitch.tv/lav',
} as Partial<Order> as Order;

async function world(archives: TwitchArchive[]) {
  const store = new LocalDocumentStore();
  await store.set(orderPath(order.orderId), order);
  let now = Date.parse(provedAt) + 60_000;
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const twitch = { archivesOf: async () => archives } as Partial<TwitchGateway> as TwitchGateway;
  const discord = new DiscordOutbox();
  const clock = { now: () => new Date(now) };
  return { deps: { store, tasks, twitch, discord, clock }, scheduled, discord, at: (ms: number) => (now = Date.parse(provedAt) + ms) };
}

describe('the task that looks for a proof’s VOD', () => {
  it('changes nothing when called before its attempt is due', async () => {
    const w = await world([archive]);
    w.at(59_000);
    await expect(findProofVod(w.deps, { orderId: order.orderId, attempt: 1 })).rejects.toBeInstanceOf(TaskNotDueYet);
    expect((await w.deps.store.get(orderPath(order.orderId)))?.proof).toEqual(order.proof);
  });

  it('records the VOD and tells the buyer once, however often it runs', async () => {
    const w = await world([archive]);
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 1 })).toBe('found');
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 1 })).toBe('nothing-to-do');
    expect((await w.deps.store.get(orderPath(order.orderId)))?.proof).toMatchObject({
      kind: 'vod',
      url: 'https://www.twitch.tv/videos/77?t=1h2m3s',
      vodSearch: null,
    });
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(1);
  });

  it('schedules the next look when there is no VOD yet, and a stale attempt afterwards does nothing', async () => {
    const w = await world([]);
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 1 })).toBe('later');
    expect(w.scheduled.map((t) => [t.name, t.runAt.toISOString()])).toEqual([['proof-vod-ord12345-2', '2026-11-24T13:05:03.000Z']]);
    expect((await w.deps.store.get(orderPath(order.orderId)))?.proof?.vodSearch).toEqual({ attempt: 2 });
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 1 })).toBe('nothing-to-do');
  });

  it('gives up after the last look: the channel stays, buyer and builder are told once each', async () => {
    const w = await world([]);
    await w.deps.store.update(orderPath(order.orderId), { proof: { ...order.proof!, vodSearch: { attempt: 4 } } });
    w.at(600_000);
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 4 })).toBe('gave-up');
    expect(await findProofVod(w.deps, { orderId: order.orderId, attempt: 4 })).toBe('nothing-to-do');
    expect(w.scheduled).toEqual([]);
    const dms = w.discord.entries.filter((e) => e.kind === 'dm');
    expect(dms.map((e) => e.userId).sort()).toEqual([order.builderId, order.buyerId].sort());
    expect(dms.every((e) => (e.message.content ?? '').includes('No clip or VOD could be made'))).toBe(true);
  });
});
