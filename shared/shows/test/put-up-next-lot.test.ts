/**
 * A lot whose opener died between the store's commit and the card: the show's task, back
 * again, finishes the opening once the opener's grace is over, instead of answering done
 * and leaving the lot live in the store with no card, no book and no hammer.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { TaskNotDueYet } from '../../errors';
import { auctionPath } from '../../auctions';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { putUpNextLot } from '../use-cases/put-up-next-lot';
import { showPath } from '../rules/show';
import { aShow, lot, nowMs, result, SHOW } from './show-board-fixtures';

/** What the first try committed before it died: the lot live, its auction written, no card yet. */
async function diedBeforeTheCard(ends = { inMs: 40_000 }) {
  const clock = { ms: nowMs, now: () => new Date(clock.ms) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const deps = paymentDepsFor({ store, discord, payments, clock, tasks });
  const auctionId = 'lotauct1';
  await store.set(showPath(SHOW), aShow([lot(1, { state: 'live', auctionId })], { step: 2 }));
  await store.set(
    auctionPath(auctionId),
    result(auctionId, {
      status: 'live',
      startedAt: new Date(nowMs - 5_000).toISOString(),
      endsAt: new Date(nowMs + ends.inMs).toISOString(),
      unsoldReason: undefined,
      bidCount: undefined,
    }),
  );
  return { clock, store, discord, scheduled, deps, auctionId };
}

describe('a show’s start or Next lot finding its lot put up but never opened', () => {
  it.each(['start', 'host'] as const)('asked by the %s within the opener’s grace, leaves a task that opens the lot once the grace is over', async (by) => {
    const { clock, discord, scheduled, deps, auctionId, store } = await diedBeforeTheCard();
    await expect(putUpNextLot(deps, SHOW, { by })).resolves.toMatchObject({ kind: 'lot-live' });
    expect(discord.entries.filter((e) => e.kind === 'channel')).toEqual([]);
    const guard = scheduled.find((t) => t.queue === 'show-next');
    expect(guard).toMatchObject({ payload: { showId: SHOW, lotId: 'lot00001', step: 2 } });
    expect(guard?.runAt.getTime()).toBe(nowMs + 25_000);

    // The task, at its time: the card, the book and the hammer.
    clock.ms += 26_000;
    await putUpNextLot(deps, SHOW, { by: 'task', task: guard?.payload as never });
    expect(discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
    expect((await store.get(auctionPath(auctionId)))?.messageId).toBeDefined();
    expect(await deps.book.read(auctionId)).toMatchObject({ status: 'live' });
  });

  it('gives a lot opened after its opener died its whole time from the moment it opens, not the time lost', async () => {
    const { clock, deps, auctionId, store } = await diedBeforeTheCard({ inMs: 10_000 });
    clock.ms += 40_000;
    await putUpNextLot(deps, SHOW, { by: 'host' });
    const opened = await store.get(auctionPath(auctionId));
    expect(Date.parse(opened?.endsAt as string) - Date.parse(opened?.startedAt as string)).toBe(45_000);
    expect(Date.parse(opened?.startedAt as string)).toBe(clock.ms);
    expect((await deps.book.read(auctionId))?.endsAtMs).toBe(clock.ms + 45_000);
  });
});

describe('a show’s task finding its lot put up but never opened', () => {
  it('comes back after the opener’s grace and opens it: the card, the book and the hammer', async () => {
    const { clock, discord, deps, auctionId, store, scheduled } = await diedBeforeTheCard();
    const task = { by: 'task' as const, task: { showId: SHOW, lotId: 'lot00001', step: 1, atMs: nowMs - 5_000 } };

    await expect(putUpNextLot(deps, SHOW, task)).rejects.toBeInstanceOf(TaskNotDueYet);
    expect(discord.entries.filter((e) => e.kind === 'channel')).toEqual([]);

    clock.ms += 26_000;
    await putUpNextLot(deps, SHOW, task);
    expect(discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
    expect((await store.get(auctionPath(auctionId)))?.messageId).toBeDefined();
    expect(await deps.book.read(auctionId)).toMatchObject({ status: 'live' });
    expect(scheduled.some((t) => t.queue === 'auction-close' && t.name.includes(auctionId))).toBe(true);
  });
});
