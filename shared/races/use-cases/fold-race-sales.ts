/**
 * @module fold-race-sales
 * Adds a race's unfolded sales into its racers' wallets and its pot, one write a document
 * (sale-fold). Run by the lobby message's task, which every sale schedules for the next
 * whole second: one transaction reads the fold's record, so two folds of one race never
 * overlap and never run in one second; a retried or repeated task folds what is left and
 * nothing twice (a folded sale's document is gone in the same commit).
 *
 * The sales ripe to fold are found by a query outside the transaction, and the transaction
 * reads each of them by its path. A query inside it would be invalidated by every sale that
 * lands meanwhile: during a burst the fold's commit aborted attempt after attempt, its task
 * failed and waited out the queue's back-off, and credits landed tens of seconds late. New
 * sales are other documents, so they no longer touch the fold; a fold that raced this one
 * deleted the sales it took, so this one reads them gone and skips them.
 */
import type { Clock, DocumentStore } from '../../ports';
import { raceLobbyPath } from '../rules/race';
import {
  foldBatchLimit,
  foldIsDue,
  ripeBefore,
  saleFoldPath,
  salesRipeToFold,
  unfoldedSalePath,
  unfoldedSalesCollection,
  type UnfoldedSale,
} from '../rules/sale-fold';
import { writeFold } from './race-ledger';

export interface FoldOutcome {
  folded: number;
  /** Whether sales are still unfolded (too young, over the batch, or the fold was not due): fold again a second on. */
  more: boolean;
}

export async function foldRaceSales(deps: { store: DocumentStore; clock: Clock }, lobbyId: string): Promise<FoldOutcome> {
  const nowMs = deps.clock.now().getTime();
  const candidates = await deps.store.query(unfoldedSalesCollection, {
    where: [
      ['lobbyId', '==', lobbyId],
      ['recordedAt', '<=', ripeBefore(nowMs)],
    ],
    orderBy: [['recordedAt', 'asc']],
    limit: foldBatchLimit,
  });
  const folded =
    candidates.length === 0
      ? 0
      : await deps.store.runTransaction(async (tx): Promise<number> => {
          const [last, lobby, ...stored] = await Promise.all([
            tx.get(saleFoldPath(lobbyId)),
            tx.get(raceLobbyPath(lobbyId)),
            ...candidates.map((d) => tx.get(unfoldedSalePath(d.data.saleKey))),
          ]);
          // The fold's time is read after its reads, as near its commit as it can be.
          const foldMs = deps.clock.now().getTime();
          if (!lobby || !foldIsDue(last, foldMs)) return 0;
          const ripe = salesRipeToFold(
            stored.filter((sale): sale is UnfoldedSale => sale !== undefined),
            nowMs,
          );
          if (ripe.length === 0) return 0;
          writeFold(tx, lobby, ripe);
          tx.set(saleFoldPath(lobbyId), { lobbyId, foldedAt: new Date(foldMs).toISOString(), folds: (last?.folds ?? 0) + 1 });
          return ripe.length;
        });
  const [left] = await deps.store.query(unfoldedSalesCollection, { where: [['lobbyId', '==', lobbyId]], limit: 1 });
  return { folded, more: left !== undefined };
}
