/**
 * @module lot-hammered
 * A show's lot hammered (called by the hammer, after its result is recorded): the lot is
 * done, and the run goes on. While the show runs, the next lot goes up after the gap, by a
 * task named from the show, the lot and the step; after the last lot the show is over. A
 * paused show waits for Resume; an ended one wraps up. Delivered twice, the second call
 * finds the lot done and only makes sure the task and the wrap-up exist.
 */
import type { Auction } from '../../auctions';
import { isWrappedUp, nextUpIndex, pendingNextLot, showPath, type Show, type ShowLot } from '../rules/show';
import type { ShowPaymentDeps } from './show-deps';
import { runSheetChanged } from './refresh-run-sheet';
import { scheduleNextLot } from './show-tasks';
import { wrapUpShow } from './wrap-up-show';

export async function lotHammered(deps: ShowPaymentDeps, auction: Auction): Promise<void> {
  const link = auction.show;
  if (!link) return;
  const show = await deps.store.runTransaction(async (tx): Promise<Show | undefined> => {
    const current = await tx.get(showPath(link.showId));
    if (!current) return undefined;
    const lot = current.lots.find((l) => l.lotId === link.lotId);
    if (lot?.state !== 'live' || lot.auctionId !== auction.auctionId) return current;
    const lots = current.lots.map((l): ShowLot => (l.lotId === link.lotId ? { ...l, state: 'done' } : l));
    const now = deps.clock.now();
    const after: Show = { ...current, lots };
    if (current.status === 'running' && nextUpIndex(after) >= 0) {
      after.step = current.step + 1;
      after.nextLotAt = new Date(now.getTime() + current.gapSeconds * 1000).toISOString();
    } else if (current.status === 'running') {
      // The last lot: the show is over.
      after.status = 'ended';
      after.endedAt = now.toISOString();
    }
    tx.update(showPath(link.showId), {
      lots,
      step: after.step,
      status: after.status,
      ...(after.nextLotAt ? { nextLotAt: after.nextLotAt } : {}),
      ...(after.endedAt ? { endedAt: after.endedAt } : {}),
    });
    return after;
  });
  if (!show) return;
  await afterChange(deps, show);
}

/** What every change to a running show owes: the next lot's task if one is waiting, the sheet's edit, the wrap-up once over. */
export async function afterChange(deps: ShowPaymentDeps, show: Show): Promise<void> {
  const pending = pendingNextLot(show);
  if (pending) await scheduleNextLot(deps.tasks, pending, pending.atMs);
  await runSheetChanged(deps, show.showId);
  if (isWrappedUp(show)) await wrapUpShow(deps, show);
}
