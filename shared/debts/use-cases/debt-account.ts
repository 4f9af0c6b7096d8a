/**
 * @module debt-account
 * Moves on a person's debt account, each inside a transaction: the account, the move's note and
 * the account's journal are read first (Firestore wants every read before the first write),
 * then the move's journal entry is appended with its note, unless the cause moved it already.
 * What is owed is the journal's fold, never a counter: a cause moves the account once,
 * whichever delivery or retry gets there, and two moves at once are serialized by the
 * transaction on the account's document, which each move writes.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { debtJournalKey, debtJournalOf, JournalRead, owedBy, writeEntry } from '../../journal';
import { debtEntryIds, debtEntryPath, debtPath, type Debt, type DebtEntry } from '../rules/debt';
import { debtAccountFrom, debtJournalEntry, debtJournalId, netRelease, owedAfter } from '../rules/ledger';

/** A move on the account of `userId` in `guildId`, under the id its cause fixes. */
export type DebtMove = Omit<DebtEntry, 'reason'> & { guildId: string; userId: string; reason: string };

/** What a move needs read: the account as the journal has it (`debt.owedCents` is the fold), and whether the cause already moved it. */
export interface AccountRead {
  guildId: string;
  userId: string;
  debt: Debt | undefined;
  done: boolean;
  /** The account's journal, read in the transaction: what the move is appended against, and folded. */
  journal: JournalRead;
  /** The person's key in the ids of the entries written now: the account's stored key, else their keyed pseudonym; never their Discord id (issue 79). */
  journalKey: string;
}

/** Call before the transaction's first write. */
export async function readAccount(tx: Transaction, guildId: string, userId: string, entryId: string): Promise<AccountRead> {
  const [stored, note] = await Promise.all([tx.get(debtPath(guildId, userId)), tx.get(debtEntryPath(guildId, userId, entryId))]);
  const entries = await debtJournalOf(tx, guildId, userId, [stored?.journalKey]);
  // The key the account's entries were first written with since issue 79, whatever LOG_ID_KEY is now: one id per move.
  const journalKey = stored?.journalKey ?? debtJournalKey(userId);
  // The move's id as written now, and as it was written before issue 79 (the raw id): a cause that moved the account then moved it.
  const ids = [debtJournalId(guildId, journalKey, entryId), debtJournalId(guildId, userId, entryId)];
  const journal = JournalRead.ofIds([...entries.map((e) => e.entryId), ...ids], entries);
  const debt = stored ? debtAccountFrom(stored, entries).debt : undefined;
  const done = note !== undefined || ids.some((id) => journal.found(id) !== undefined);
  return { guildId, userId, debt, done, journal, journalKey };
}

/** Appends the move to the journal with its note and the account; nothing when the cause already moved it or moves nothing. Answers what it moved. */
export function writeMove(tx: Transaction, read: AccountRead, move: DebtMove): number {
  if (read.done || move.amountCents <= 0) return 0;
  const { guildId, userId, ...entry } = move;
  const currency = read.debt?.currency ?? move.currency.toLowerCase();
  // Folded from what the transaction read and wrote, so a second move on the same read sees the first.
  const before = owedBy(read.journal.entries(), currency, userId);
  const moved = Math.abs(owedAfter(before, move.kind, move.amountCents) - before);
  // What the account really moved (never below zero), against the order or the money outside.
  writeEntry(tx, read.journal, debtJournalEntry(move, moved, read.journalKey));
  const owedCents = owedBy(read.journal.entries(), currency, userId);
  tx.set(debtPath(guildId, userId), { guildId, userId, owedCents, currency, updatedAt: move.at, journalKey: read.journalKey });
  tx.create(debtEntryPath(guildId, userId, move.entryId), { ...entry, currency: move.currency.toLowerCase(), reason: move.reason.slice(0, 200) });
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
