/**
 * @module racer-overview
 * What a racer's page reads, filtered by the signed-in user as the racer: their ledger a
 * page at a time (each race's commissions, the reversals refunds made, payouts: their own
 * entries in the journal, the only ledger), their payouts, and their wallet in each server the
 * ledger names, with what each race earned.
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import { journalCollection, type JournalEntry } from '../../journal';
import { payoutsCollection, racerLineOf, readWallet, type Payout, type RacerLine, type Wallet } from '../../races';
import { pageOf, rowsToAsk, type Page, type PageCursor } from '../rules/paging';

export const ledgerPageSize = 50;
/** Wallets shown at once: a racer in more servers sees those of their latest entries. */
const maxWallets = 10;

/** A page of the racer's journal entries, newest first, as the lines of their ledger (only a racer's own entries name them in `personId`). */
export async function racerLedger(store: DocumentStore, racerId: string, cursor: PageCursor, size = ledgerPageSize): Promise<Page<RacerLine>> {
  const answered = await store.query(journalCollection, {
    where: [
      ['personId', '==', racerId],
      ['at', '<=', cursor.at],
    ],
    orderBy: [['at', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<JournalEntry>) => ({ id: d.id, at: d.data.at }));
  return { rows: page.rows.flatMap((d) => racerLineOf(d.data) ?? []), ...(page.next ? { next: page.next } : {}) };
}

export async function racerPayouts(store: DocumentStore, racerId: string, cursor: PageCursor, size = ledgerPageSize): Promise<Page<Payout>> {
  const answered = await store.query(payoutsCollection, {
    where: [
      ['racerId', '==', racerId],
      ['at', '<=', cursor.at],
    ],
    orderBy: [['at', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<Payout>) => ({ id: d.id, at: d.data.at }));
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}

/** The racer's wallet in each server these entries name (their shards summed), newest server first. */
export async function racerWallets(store: DocumentStore, racerId: string, guildIds: readonly string[]): Promise<Wallet[]> {
  const guilds = [...new Set(guildIds)].slice(0, maxWallets);
  const wallets = await Promise.all(guilds.map((guildId) => walletOf(store, guildId, racerId)));
  return wallets.filter((w): w is Wallet => w !== undefined);
}

/** A wallet as a page shows it: the races module's, folded from the journal; `races: false` when the page shows no race of it (a lobby read each, saved). */
export async function walletOf(store: DocumentStore, guildId: string, racerId: string, options: { races?: boolean } = {}): Promise<Wallet | undefined> {
  return readWallet(store, guildId, racerId, options);
}
