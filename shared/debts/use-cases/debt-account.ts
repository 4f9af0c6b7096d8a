/**
 * @module debt-account
 * Moves on a person's debt account, each inside a transaction: the account and the entry are
 * read first (Firestore wants every read before the first write), then the entry is written
 * with the new balance, unless an entry of that id exists already. So a cause moves the
 * account once, whichever delivery or retry gets there, and two moves at once are serialized
 * by the transaction on the account's document.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { writeEntryUnread } from '../../journal';
import { debtEntryIds, debtEntryPath, debtPath, type Debt, type DebtEntry } from '../rules/debt';
import { debtJournalEntry, netRelease, owedAfter } from '../rules/ledger';

/** A move on the account of `userId` in `guildId`, under the id its cause fixes. */
export type DebtMove = Omit<DebtEntry, 'reason'> & { guildId: string; userId: string; reason: string };

/** What a move needs read: the account as it is, and whether the cause already moved it. */
export interface AccountRead {
  guildId: string;
  userId: string;
  debt: Debt | undefined;
  done: boolean;
}

/** Call before the transaction's first write. */
export async function readAccount(tx: Transaction, guildId: string, userId: string, entryId: string): Promise<AccountRead> {
  const [debt, entry] = await Promise.all([tx.get(debtPath(guildId, userId)), tx.get(debtEntryPath(guildId, userId, entryId))]);
  return { guildId, userId, debt, done: entry !== undefined };
}

/** Writes the entry and the account's new balance; nothing when the cause already moved it or moves nothing. Answers what it moved. */
export function writeMove(tx: Transaction, read: AccountRead, move: DebtMove): number {
  if (read.done || move.amountCents <= 0) return 0;
  const { guildId, userId, ...entry } = move;
  const currency = move.currency.toLowerCase();
  const before = read.debt?.owedCents ?? 0;
  const owedCents = owedAfter(before, move.kind, move.amountCents);
  tx.set(debtPath(guildId, userId), { guildId, userId, owedCents, currency: read.debt?.currency ?? currency, updatedAt: move.at });
  tx.create(debtEntryPath(guildId, userId, move.entryId), { ...entry, currency, reason: move.reason.slice(0, 200) });
  const moved = Math.abs(owedCents - before);
  // The journal's side of it: what the account really moved (never below zero), against the order or the money outside.
  writeEntryUnread(tx, debtJournalEntry(move, moved));
  return moved;
}

/** A move in a transaction of its own (a refused reversal, recorded before the order counts it). */
export async function recordDebtMove(store: DocumentStore, move: DebtMove): Promise<number> {
  return store.runTransaction(async (tx) => writeMove(tx, await readAccount(tx, move.guildId, move.userId, move.entryId), move));
}

/**
 * A release's netting, inside the transaction that fixes the release: reads the account,
 * then (after the caller's own reads) `write()` records the netted entry. The release sends
 * `sendCents`; `nettedCents` left the account once, under the release's key.
 */
export async function planNetting(
  tx: Transaction,
  release: { guildId: string; userId: string; releaseKey: string; dueCents: number; currency: string; orderId: string; at: string },
): Promise<{ sendCents: number; nettedCents: number; write: () => void }> {
  const entryId = debtEntryIds.netted(release.releaseKey);
  const read = await readAccount(tx, release.guildId, release.userId, entryId);
  const { sendCents, nettedCents } = read.done ? { sendCents: release.dueCents, nettedCents: 0 } : netRelease(read.debt, release.dueCents, release.currency);
  const write = () =>
    void writeMove(tx, read, {
      guildId: release.guildId,
      userId: release.userId,
      entryId,
      kind: 'netted',
      orderId: release.orderId,
      amountCents: nettedCents,
      currency: release.currency,
      reason: `taken from the release of order ${release.orderId}`,
      at: release.at,
    });
  return { sendCents, nettedCents, write };
}

/** A release Stripe refused gives back what it had netted, once, inside the transaction that reopens it (read first, write after). */
export async function planNettingUndone(
  tx: Transaction,
  release: { guildId: string; userId: string; releaseKey: string; nettedCents: number; currency: string; orderId: string; at: string },
): Promise<() => void> {
  const entryId = debtEntryIds.nettingUndone(release.releaseKey);
  const read = await readAccount(tx, release.guildId, release.userId, entryId);
  return () =>
    void writeMove(tx, read, {
      guildId: release.guildId,
      userId: release.userId,
      entryId,
      kind: 'netting-undone',
      orderId: release.orderId,
      amountCents: release.nettedCents,
      currency: release.currency,
      reason: `the release of order ${release.orderId} was refused: what it had taken is owed again`,
      at: release.at,
    });
}
