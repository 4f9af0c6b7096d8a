/**
 * @module read-journal
 * The entries of a server, or of some orders: single-field queries (no composite index). The
 * caller has checked who may see them (a server's admins, an order's builder or host).
 */
import type { DocumentStore, Transaction } from '../../ports';
import { refundedOf } from '../rules/fold';
import { personPseudonym } from '../../log';
import { debtJournalPrefix, journalCollection, type JournalEntry } from '../rules/entry';

const byTime = (a: JournalEntry, b: JournalEntry) => a.at.localeCompare(b.at) || a.entryId.localeCompare(b.entryId);

/** Every entry of the server, oldest first. */
export async function journalOfGuild(store: Pick<DocumentStore, 'query'>, guildId: string): Promise<JournalEntry[]> {
  return (await store.query(journalCollection, { where: [['guildId', '==', guildId]] })).map((d) => d.data).sort(byTime);
}

/**
 * Every entry whose id starts with `prefix`, oldest first: the entries of one account whose ids
 * its cause fixes under one prefix (a person's debt, `debt:<guild>:<person>:`). A range on one
 * field, which Firestore serves from its single-field index; inside a transaction, read before
 * its writes.
 */
export async function journalUnder(reader: Pick<Transaction, 'query'> | Pick<DocumentStore, 'query'>, prefix: string): Promise<JournalEntry[]> {
  const found = await reader.query(journalCollection, {
    where: [
      ['entryId', '>=', prefix],
      ['entryId', '<', `${prefix}\uf8ff`],
    ],
  });
  return found.map((d) => d.data).sort(byTime);
}

/**
 * The key a person's debt entries are written under on an account that has none yet (issue 79):
 * their keyed pseudonym under the deployment's current LOG_ID_KEY. The account keeps the key its
 * first entry was written with (`Debt.journalKey`) and every later move reuses it, so a rotation
 * of LOG_ID_KEY neither hides the account's entries nor gives a retried move a second id.
 */
export const debtJournalKey = (userId: string): string => personPseudonym(userId);

/**
 * The prefixes a person's debt entries on a server may sit under: the keys the caller knows the
 * account by (its stored `journalKey`, or the key in one of its entries' ids), the person's
 * pseudonym under the current key, and their raw id (entries written before issue 79).
 */
function debtJournalPrefixes(guildId: string, userId: string, knownKeys: ReadonlyArray<string | undefined> = []): string[] {
  const keys = new Set([...knownKeys.filter((key): key is string => !!key), debtJournalKey(userId), userId]);
  return [...keys].map((key) => debtJournalPrefix(guildId, key));
}

/** Every entry of a person's debt on a server, oldest first, under each of its prefixes (`debtJournalPrefixes`). */
export async function debtJournalOf(
  reader: Pick<Transaction, 'query'> | Pick<DocumentStore, 'query'>,
  guildId: string,
  userId: string,
  knownKeys: ReadonlyArray<string | undefined> = [],
): Promise<JournalEntry[]> {
  const read = await Promise.all(debtJournalPrefixes(guildId, userId, knownKeys).map((prefix) => journalUnder(reader, prefix)));
  return read.flat().sort(byTime);
}

/**
 * Every entry that moves one person's own account on a server (a racer's payable: those that
 * name them in `personId`), oldest first. Two equalities, which Firestore serves by merging
 * single-field indexes; inside a transaction, read before its writes, and any entry of theirs
 * written meanwhile makes the transaction run again.
 */
export async function journalOfPerson(
  reader: Pick<Transaction, 'query'> | Pick<DocumentStore, 'query'>,
  guildId: string,
  personId: string,
): Promise<JournalEntry[]> {
  const found = await reader.query(journalCollection, {
    where: [
      ['guildId', '==', guildId],
      ['personId', '==', personId],
    ],
  });
  return found.map((d) => d.data).sort(byTime);
}

/** Firestore's most values in one `in` filter. */
const inLimit = 30;
/** At most this many queries in flight: a CSV of thousands of orders reads in waves. */
const wave = 10;

/** Every entry of these orders, oldest first: what their figures are folded from. */
export async function journalOfOrders(store: Pick<DocumentStore, 'query'>, orderIds: readonly string[]): Promise<JournalEntry[]> {
  const ids = [...new Set(orderIds)];
  const chunks = Array.from({ length: Math.ceil(ids.length / inLimit) }, (_, i) => ids.slice(i * inLimit, (i + 1) * inLimit));
  const entries: JournalEntry[] = [];
  for (let i = 0; i < chunks.length; i += wave) {
    const answers = await Promise.all(chunks.slice(i, i + wave).map((chunk) => store.query(journalCollection, { where: [['orderId', 'in', chunk]] })));
    for (const answer of answers) entries.push(...answer.map((d) => d.data));
  }
  return entries.sort(byTime);
}

/**
 * What was refunded of one order, net of refunds that failed, folded from its entries. Read
 * inside the transaction that acts on it (a query there, before its writes, as Firestore
 * asks): every entry that moves its refunds is written with a change to the order itself, so
 * an entry written meanwhile makes this transaction run again.
 */
export async function refundedOfOrder(reader: Pick<Transaction, 'query'>, order: { orderId: string; currency: string }): Promise<number> {
  return refundedOf(await journalOfOrder(reader, order.orderId), order.currency, order.orderId);
}

/**
 * Every entry of one order, for a transaction that acts on its money (read before its writes):
 * an entry is written with a change to the order itself, so one written meanwhile makes the
 * transaction run again.
 */
export async function journalOfOrder(reader: Pick<Transaction, 'query'>, orderId: string): Promise<JournalEntry[]> {
  return (await reader.query(journalCollection, { where: [['orderId', '==', orderId]] })).map((d) => d.data);
}

/** The order with what was refunded of it (`refundedCents`), folded from its entries: see `refundedOfOrder`. */
export async function withRefunds<T extends { orderId: string; currency: string }>(
  reader: Pick<Transaction, 'query'>,
  order: T,
): Promise<T & { refundedCents: number }> {
  return (await withJournal(reader, order)).order;
}

/** As `withRefunds`, with the entries it was folded from, read once, for a caller that folds more of them (a tranche's holdings). */
export async function withJournal<T extends { orderId: string; currency: string }>(
  reader: Pick<Transaction, 'query'>,
  order: T,
): Promise<{ order: T & { refundedCents: number }; entries: JournalEntry[] }> {
  const entries = await journalOfOrder(reader, order.orderId);
  return { order: { ...order, refundedCents: refundedOf(entries, order.currency, order.orderId) }, entries };
}
