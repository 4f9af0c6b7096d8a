/**
 * @module refresh-run-sheet
 * The run sheet's edit, run by the task a change scheduled for the next whole second: a lot
 * added, moved or going up, a hammer, a pause, the end. While a lot is live the task
 * schedules itself a second on, so the live price and leader show without touching the
 * bid path. It shows the show as it is when it runs: a burst of changes costs one edit a
 * second, and an unchanged sheet is not edited at all.
 */
import type { AuctionBook, Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { editAtMostEverySecond, editSpacingMs } from '../../discord';
import { auctionPath } from '../../auctions';
import { liveLot, runSheetEditPath, showPath, type Show } from '../rules/show';
import { runSheet, type LotView } from '../rules/show-messages';
import { loadShowSettings } from './show-settings';
import { scheduleRunSheet } from './show-tasks';

export interface RunSheetDeps {
  store: DocumentStore;
  book: AuctionBook;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
}

/** Every lot with what its auction says now: the live one from the book, the rest from Firestore. */
export async function lotViews(deps: Pick<RunSheetDeps, 'store' | 'book'>, show: Show): Promise<LotView[]> {
  return Promise.all(
    show.lots.map(async (lot, i): Promise<LotView> => {
      const view: LotView = { lot, number: i + 1 };
      if (!lot.auctionId) return view;
      const [auction, live] = await Promise.all([
        deps.store.get(auctionPath(lot.auctionId)),
        lot.state === 'live' ? deps.book.read(lot.auctionId) : Promise.resolve(undefined),
      ]);
      return { ...view, ...(auction ? { auction } : {}), ...(live ? { live } : {}) };
    }),
  );
}

/** Answers whether it edited. A call within a second of the last edit throws `TaskNotDueYet`, so the queue retries it. */
export async function refreshRunSheet(deps: RunSheetDeps, showId: string): Promise<boolean> {
  const show = await deps.store.get(showPath(showId));
  if (!show?.messageId) return false;
  if (liveLot(show)) await tickWhileLive(deps, showId);
  const hostCutBps = show.hostCutBps ?? (await loadShowSettings(deps.store, show.guildId)).hostCutBps;
  const message = runSheet(show, await lotViews(deps, show), hostCutBps);
  return editAtMostEverySecond(deps, { path: runSheetEditPath(showId), owner: { showId }, channelId: show.channelId, messageId: show.messageId, message });
}

/**
 * The ticker: while a lot takes bids, the sheet looks again at the second after next (never
 * sooner than a second from now, so a quiet run waits on nothing due). Armed when a lot goes
 * up, and by every edit while it is live.
 */
export function tickWhileLive(deps: Pick<RunSheetDeps, 'tasks' | 'clock'>, showId: string): Promise<unknown> {
  return scheduleRunSheet(deps.tasks, showId, deps.clock.now().getTime() + editSpacingMs + 1);
}

/** After a change: the sheet is edited within the second (or the next, if it was just edited). */
export function runSheetChanged(deps: Pick<RunSheetDeps, 'tasks' | 'clock'>, showId: string): Promise<unknown> {
  return scheduleRunSheet(deps.tasks, showId, deps.clock.now().getTime());
}
