/**
 * @module race-ledger
 * The one writer of race money. Every credit, refund and payout is a journal entry on the
 * racer's account (race-journal), staged with the wallet increments it makes (the shards' copy
 * of the journal's fold), and every sale's pool with the lobby pot's, in the caller's batch or
 * transaction: both land or neither. Balances are spread over shard documents (the shard picked
 * from the entry's or sale's key, so a retry lands in the same place); race-balances reads them
 * back. A race's sales are the exception that bursts: their journal entries land at once, and
 * their increments to the wallets and the pot as documents of their own folded in later
 * (sale-fold), the shards reading them as a tail until then.
 */
import { increment, type FieldTransform, type WriteSet } from '../../ports';
import type { RacerPart } from '../rules/commission';
import { potShardCount, potShardPath } from '../rules/race';
import { shardOf } from '../../common';
import { walletDelta, walletShardCount, walletShardPath, type RacerLine } from '../rules/wallet';
import { potOfSales, unfoldedSalePath, type UnfoldedSale } from '../rules/sale-fold';
import type { RaceLobby } from '../rules/race';
import type { JournalWrites } from '../../journal';
import { racerEntry } from '../rules/race-journal';

/** The lobby's pot, each racer's share and the sale count, as atomic increments on the shard `key` picks. */
export function writePotChange(writes: WriteSet, lobbyId: string, key: string, poolCents: number, sales: number, parts: readonly RacerPart[]): void {
  const shares: Record<string, FieldTransform> = {};
  for (const part of parts) shares[part.racerId] = increment(part.cents);
  writes.set(
    potShardPath(lobbyId, shardOf(key, potShardCount)),
    { lobbyId, poolCents: increment(poolCents), salesCount: increment(sales), shares },
    { merge: true },
  );
}

/** A racer's move: its journal entry and the wallet increments it makes, staged together: all land or none. */
export function writeLedgerEntry(writes: JournalWrites, entry: RacerLine): void {
  writes.append(racerEntry(entry));
  writeWalletChange(writes, entry, shardOf(entry.entryId, walletShardCount));
}

type WalletChange = Pick<RacerLine, 'guildId' | 'racerId' | 'kind' | 'amountCents' | 'currency'>;

function writeWalletChange(writes: WriteSet, change: WalletChange, shard: number, racerName?: string): void {
  const delta = walletDelta(change.kind, change.amountCents);
  writes.set(
    walletShardPath(change.guildId, change.racerId, shard),
    {
      guildId: change.guildId,
      racerId: change.racerId,
      currency: change.currency,
      ...(racerName ? { racerName } : {}),
      pendingCents: increment(delta.pendingCents),
      paidCents: increment(delta.paidCents),
      earnedCents: increment(delta.earnedCents),
    },
    { merge: true },
  );
}

/**
 * A sale's credits in a race: their journal entries now (each naming the race, each its own
 * document), and the sale as a document of its own that a fold adds to the wallets' shards and
 * the pot later (sale-fold), so a burst of sales writes no shared document.
 */
export function writeRaceSaleCredits(writes: JournalWrites, sale: UnfoldedSale, entries: readonly RacerLine[]): void {
  for (const entry of entries) writes.append(racerEntry(entry));
  writes.create(unfoldedSalePath(sale.saleKey), sale);
}

/**
 * Folded sales into each racer's wallet and the pot: one write a racer's wallet shard and
 * one to the pot's shard (both picked by the lobby, so a race's folds keep to the same
 * documents), and each folded sale's document deleted, in the caller's transaction.
 */
export function writeFold(writes: WriteSet, lobby: Pick<RaceLobby, 'lobbyId' | 'racers'>, sales: readonly UnfoldedSale[]): void {
  const first = sales[0];
  if (!first) return;
  const pot = potOfSales(lobby.lobbyId, sales);
  for (const [racerId, cents] of Object.entries(pot.shares)) {
    if (cents === 0) continue;
    const change = { guildId: first.guildId, racerId, kind: 'credit' as const, amountCents: cents, currency: first.currency };
    const racerName = lobby.racers.find((r) => r.userId === racerId)?.name;
    writeWalletChange(writes, change, shardOf(lobby.lobbyId, walletShardCount), racerName);
  }
  writePotChange(
    writes,
    lobby.lobbyId,
    lobby.lobbyId,
    pot.poolCents,
    pot.salesCount,
    Object.entries(pot.shares).map(([racerId, cents]) => ({ racerId, cents })),
  );
  for (const sale of sales) writes.delete(unfoldedSalePath(sale.saleKey));
}
