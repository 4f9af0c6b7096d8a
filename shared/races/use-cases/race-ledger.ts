/**
 * @module race-ledger
 * The one writer of race money. Every credit, refund and payout is a new ledger entry
 * staged with the wallet increments it makes, and every sale's pool with the lobby pot's,
 * in the caller's batch or transaction: both land or neither, so every balance stays equal
 * to its ledger. Balances are spread over shard documents (the shard picked from the
 * entry's or sale's key, so a retry lands in the same place); race-balances reads them back.
 */
import { increment, type FieldTransform, type WriteSet } from '../../ports';
import type { RacerPart } from '../rules/commission';
import { potShardCount, potShardPath } from '../rules/race';
import { shardOf } from '../../common';
import { ledgerPath, walletDelta, walletShardCount, walletShardPath, type LedgerEntry } from '../rules/wallet';

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

interface WalletContext {
  racerName?: string | undefined;
  race?: { lobbyId: string; title: string; startedAt: string };
}

/** A new ledger entry and the wallet increments it makes, staged together: both land or neither. */
export function writeLedgerEntry(writes: WriteSet, entry: LedgerEntry, context: WalletContext = {}): void {
  writes.create(ledgerPath(entry.entryId), entry);
  const delta = walletDelta(entry.kind, entry.amountCents);
  const race = context.race;
  writes.set(
    walletShardPath(entry.guildId, entry.racerId, shardOf(entry.entryId, walletShardCount)),
    {
      guildId: entry.guildId,
      racerId: entry.racerId,
      currency: entry.currency,
      ...(context.racerName ? { racerName: context.racerName } : {}),
      pendingCents: increment(delta.pendingCents),
      paidCents: increment(delta.paidCents),
      earnedCents: increment(delta.earnedCents),
      ...(race ? { races: { [race.lobbyId]: { title: race.title, startedAt: race.startedAt, earnedCents: increment(delta.earnedCents) } } } : {}),
    },
    { merge: true },
  );
}
