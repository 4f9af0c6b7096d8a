/**
 * A lot whose opener died between the store's commit and the card: the show's task, back
 * again, finishes the opening once the opener's grace is over, instead of answering done
 * and leaving the lot live in the store with no card, no book and no hammer.
 */
import { LocalDocumentStore } from '../../adapters/firestore/local-document-store';
import { DiscordOutbox } from '../../adapters/discord/discord-outbox';
import { LocalPayments } from '../../adapters/stripe/local-payments';
import { TaskNotDueYet } from '../../errors';
import { auctionPath } from '../../auctions';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { putUpNextLot } from '../use-cases/put-up-next-lot';
import { showPath } from '../rules/show';
import { aShow, lot, nowMs, result, SHOW } from './show-board-fixtures';

describe('a show’s task finding its lot put up but never opened', () => {
  it('comes back after the opener’s grace and opens it: the card, the book and the hammer', async () => {
    const clock = { ms: nowMs, now: () => new Date(clock.ms) };
    const store = new LocalDocumentStore();
    const discord = new DiscordOutbox(undefined, { clock });
    const scheduled: ScheduledTask[] = [];
    const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
    const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
    const deps = paymentDepsFor({ store, discord, payments, clock, tasks });
    const auctionId = 'lotauct1';
    // What the first try committed before it died: the lot live, its auction written, no card yet.
    await store.set(showPath(SHOW), aShow([lot(1, { state: 'live', auctionId })], { step: 2 }));
    await store.set(
      auctionPath(auctionId),
      result(auctionId, {
        status: 'live',
        startedAt: new Date(nowMs - 5_000).toISOString(),
        endsAt: new Date(nowMs + 40_000).toISOString(),
        unsoldReason: undefined,
        bidCount: undefined,
      }),
    );
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
