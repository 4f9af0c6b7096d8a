/**
 * The run sheet's edit against the embedded store and the in-memory book: at most one edit a
 * second, none when nothing changed, and a ticker only while a lot takes bids.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { refreshRunSheet } from '../use-cases/refresh-run-sheet';
import { showPath, type Show, type ShowLot } from '../rules/show';
import { TaskNotDueYet } from '../../errors';
import type { ScheduledTask, TaskQueue } from '../../ports';

const SHOW = 'sh0w0001';

const lot = (state: ShowLot['state'], item = 'Tofu65'): ShowLot => ({
  lotId: 'lot00001',
  builderId: '800000000000000001',
  builderName: 'cleo',
  item,
  startCents: 2_500,
  durationSeconds: 45,
  reserveCents: 0,
  suddenDeath: false,
  addedAt: '2026-11-27T20:00:00Z',
  state,
});

function world(lots: ShowLot[]) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (t) => (scheduled.push(t), 'scheduled'), cancel: async () => false };
  const clock = { ms: Date.parse('2026-11-27T21:00:00.200Z'), now: () => new Date(clock.ms) };
  const show: Show = {
    showId: SHOW,
    guildId: 'g1',
    channelId: 'c1',
    hostId: 'h1',
    hostName: 'Hosty',
    title: 'Friday night keebs',
    currency: 'usd',
    status: 'planning',
    lots,
    gapSeconds: 10,
    messageId: 'm1',
    createdAt: '2026-11-27T20:00:00Z',
    step: 0,
  };
  const deps = { store, book: new InMemoryAuctionBook(), discord, tasks, clock };
  const edits = () => discord.entries.filter((e) => e.kind === 'edit' && e.messageId === 'm1');
  return { deps, store, show, clock, scheduled, edits };
}

test('a change within a second of the last edit waits for the next second, and an unchanged sheet is not edited at all', async () => {
  const w = world([lot('up-next')]);
  await w.store.set(showPath(SHOW), w.show);
  expect(await refreshRunSheet(w.deps, SHOW)).toBe(true);
  expect(await refreshRunSheet(w.deps, SHOW)).toBe(false);

  await w.store.update(showPath(SHOW), { lots: [lot('up-next', 'Brass Bauer')] });
  w.clock.ms += 500;
  await expect(refreshRunSheet(w.deps, SHOW)).rejects.toBeInstanceOf(TaskNotDueYet);
  w.clock.ms += 500;
  expect(await refreshRunSheet(w.deps, SHOW)).toBe(true);
  expect(w.edits()).toHaveLength(2);
  expect(JSON.stringify(w.edits()[1]?.message)).toContain('Brass Bauer');
});

test('while a lot is live the sheet looks again a second or two later; otherwise it schedules nothing', async () => {
  const quiet = world([lot('up-next')]);
  await quiet.store.set(showPath(SHOW), quiet.show);
  await refreshRunSheet(quiet.deps, SHOW);
  expect(quiet.scheduled).toHaveLength(0);

  const live = world([{ ...lot('live'), auctionId: 'auct0001' }]);
  await live.store.set(showPath(SHOW), { ...live.show, status: 'running' });
  await refreshRunSheet(live.deps, SHOW);
  expect(live.scheduled).toHaveLength(1);
  const tick = live.scheduled[0] as ScheduledTask;
  expect(tick.runAt.getTime() - live.clock.ms).toBeGreaterThan(1_000);
  expect(tick.runAt.getTime() - live.clock.ms).toBeLessThanOrEqual(2_001);
  expect(tick).toMatchObject({ queue: 'show-sheet', target: '/tasks/show-sheet', payload: { showId: SHOW } });
});
