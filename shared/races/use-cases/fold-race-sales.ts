/**
 * @module fold-race-sales
 * Adds a race's unfolded sales into its racers' wallets and its pot, one write a document
 * (sale-fold). Run by the lobby message's task, which every sale schedules for the next
 * second: one transaction reads the fold's record, so two folds of one race never overlap
 * and never run within a second of each other; a retried or repeated task folds what is
 * left and nothing twice (a folded sale's document is gone in the same commit).
 */
import type { Clock, DocumentStore } from '../../ports';
import { raceLobbyPath } from '../rules/race';
import { foldIsDue, saleFoldPath, salesRipeToFold, unfoldedSalesCollection } from '../rules/sale-fold';
import { writeFold } from './race-ledger';

export interface FoldOutcome {
  folded: number;
  /** Sales still unfolded (too young, over the batch, or the fold was not due): fold again a second on. */
  left: number;
}

export async function foldRaceSales(deps: { store: DocumentStore; clock: Clock }, lobbyId: string): Promise<FoldOutcome> {
  return deps.store.runTransaction(async (tx): Promise<FoldOutcome> => {
    const nowMs = deps.clock.now().getTime();
    const [last, lobby, unfolded] = await Promise.all([
      tx.get(saleFoldPath(lobbyId)),
      tx.get(raceLobbyPath(lobbyId)),
      tx.query(unfoldedSalesCollection, { where: [['lobbyId', '==', lobbyId]] }),
    ]);
    const sales = unfolded.map((d) => d.data);
    if (!lobby || sales.length === 0) return { folded: 0, left: 0 };
    if (!foldIsDue(last, nowMs)) return { folded: 0, left: sales.length };
    const ripe = salesRipeToFold(sales, nowMs);
    if (ripe.length === 0) return { folded: 0, left: sales.length };
    writeFold(tx, lobby, ripe);
    tx.set(saleFoldPath(lobbyId), { lobbyId, foldedAt: new Date(nowMs).toISOString(), folds: (last?.folds ?? 0) + 1 });
    return { folded: ripe.length, left: sales.length - ripe.length };
  });
}
