/**
 * @module sweep-payment-records
 * The retention sweep's part for the records the law keeps (the table's `paymentRecord`): once
 * ten years have passed from the end of the year of a record's latest date, it is deleted with
 * the documents the table lists under it, or, for a journal entry, its people's ids are replaced
 * (law-kept-records). Each collection is walked in the order of its first date from a cursor, a
 * bounded page at a time (sweep-in-order); a record passed while it cannot end yet (a later date
 * on it, an obligation still open) waits in `lawKeptWaiting` and is visited again when due. Each
 * record ends in a transaction that reads it again, so a second run changes nothing. Whether a
 * racer's account or a debt still holds money is the journal's fold of it, and a person's journal
 * entries on it end in runs that bring it back to zero, together (journal-accounts).
 */
import type { Clock, DocumentStore, Transaction } from '../../ports';
import { log } from '../../log';
import type { Fields } from '../rules/field-paths';
import {
  anonymisedEntry,
  lawCutoff,
  lawKeptCollections,
  lawPeriodEnd,
  openRecordRecheckMs,
  peopleAccountsOf,
  type PersonAccount,
  subcollectionsOf,
  type LawKeptCollection,
} from '../rules/law-kept-records';
import { lawKeptWaitingCollection, lawKeptWaitPath } from '../rules/retention-cursor';
import { anyCollection, anyDocument } from './find-member-data';
import { lawKeptPages } from './law-kept-pages';
import { walkInOrder } from './sweep-in-order';
import { accountOpen, settledEntries } from './journal-accounts';
import { journalOfPerson, journalPath } from '../../journal';

export interface PaymentRecordsReport {
  /** Records this run deleted or took the people's ids from. */
  ended: number;
  /** Records this run set (or set again) to wait, not yet able to end. */
  waiting: number;
  failed: string[];
}

export interface PaymentRecordsDeps {
  store: DocumentStore;
  clock: Clock;
  /** Records a page (200 by default), pages a collection a run (5). */
  limit?: number;
  pages?: number;
}

export async function sweepPaymentRecords(deps: PaymentRecordsDeps): Promise<PaymentRecordsReport> {
  const report: PaymentRecordsReport = { ended: 0, waiting: 0, failed: [] };
  const now = deps.clock.now();
  const before = lawCutoff(now);
  const count = (outcome: Outcome) => {
    if (typeof outcome === 'object') report.ended += outcome.ended;
    if (outcome === 'waiting') report.waiting += 1;
  };
  for (const kept of lawKeptCollections) {
    const page = lawKeptPages[kept.collection];
    if (!page) throw new Error(`no page query for the law-kept collection ${kept.collection}`);
    const walked = await walkInOrder<Fields>(
      deps.store,
      { name: `paymentRecords-${kept.collection}`, field: kept.from, page: (after, limit) => page(deps.store, after, before, limit), ...sizes(deps) },
      async (record) => count(await endRecord(deps.store, kept, record.path, now)),
      now,
    );
    report.failed.push(...walked.failed);
  }
  await revisitWaiting(deps, now, report, count);
  if (report.ended > 0) log.info('records the law kept ended after their period', { ended: report.ended });
  return report;
}

const sizes = (deps: PaymentRecordsDeps) => ({ ...(deps.limit ? { limit: deps.limit } : {}), ...(deps.pages ? { pages: deps.pages } : {}) });

/** The records set to wait whose time has come, a bounded page a run. */
async function revisitWaiting(deps: PaymentRecordsDeps, now: Date, report: PaymentRecordsReport, count: (outcome: Outcome) => void): Promise<void> {
  const due = await deps.store.query(lawKeptWaitingCollection, {
    where: [['dueAt', '<=', now.toISOString()]],
    orderBy: [['dueAt', 'asc']],
    limit: (deps.limit ?? 200) * (deps.pages ?? 5),
  });
  for (const { data: wait } of due) {
    const kept = lawKeptCollections.find((one) => one.collection === wait.path.split('/')[0]);
    try {
      if (!kept) await deps.store.delete(lawKeptWaitPath(wait.path));
      else count(await endRecord(deps.store, kept, wait.path, now));
    } catch (error) {
      log.error('a retention sweep could not end a record; the next run tries again', { path: wait.path, error });
      report.failed.push(wait.path);
    }
  }
}

/** `waiting`: set to wait (or its wait moved); `unchanged`: it already waited just so; `ended`: how many records it ended. */
type Outcome = { ended: number } | 'waiting' | 'unchanged' | 'gone';

/** Ends one record if its period is over and nothing holds it; else sets it to wait. */
async function endRecord(store: DocumentStore, kept: LawKeptCollection, path: string, now: Date): Promise<Outcome> {
  return store.runTransaction(async (tx) => {
    const data = await tx.get(anyDocument<Fields>(path));
    const waiting = await tx.get(lawKeptWaitPath(path));
    if (!data) {
      if (waiting) tx.delete(lawKeptWaitPath(path));
      return 'gone';
    }
    const endsAt = lawPeriodEnd(data);
    const ending = endsAt <= now && kept.open?.(data) !== true ? await endsWith(tx, kept, path, data, now) : undefined;
    if (!ending) {
      const dueAt = (endsAt > now ? endsAt : new Date(now.getTime() + openRecordRecheckMs)).toISOString();
      if (waiting?.dueAt === dueAt) return 'unchanged';
      tx.set(lawKeptWaitPath(path), { path, dueAt });
      return 'waiting';
    }
    const under = kept.end === 'delete' ? await recordsUnder(tx, kept, path) : [];
    if (waiting) tx.delete(lawKeptWaitPath(path));
    if (kept.end === 'delete') {
      for (const one of [path, ...under]) tx.delete(anyDocument<Fields>(one));
      return { ended: 1 };
    }
    let ended = 0;
    for (const one of ending.shards) tx.delete(anyDocument<Fields>(one));
    for (const one of ending.together) {
      const anonymised = anonymisedEntry(one.data);
      if (!anonymised) continue;
      tx.set(anyDocument<Fields>(one.path), anonymised);
      if (one.path !== path) tx.delete(lawKeptWaitPath(one.path));
      ended += 1;
    }
    return ended > 0 ? { ended } : 'gone';
  });
}

/**
 * The records that end with this one, itself first, or undefined while a person's account it
 * moves still holds money, as the journal folds it: a debt still owed, a racer's account on the
 * server not yet empty (never the cached `owedCents` or wallet shards). A journal entry ends with
 * the rest of the run that empties each person's account it moves (`settledEntries`): one at a
 * time, the entries left would stop adding up to zero. When that run holds every entry still
 * naming a racer on the server, their wallet's shards there (a copy of the fold and their name)
 * go with it: `shards`.
 */
async function endsWith(
  tx: Transaction,
  kept: LawKeptCollection,
  path: string,
  data: Fields,
  now: Date,
): Promise<{ together: Array<{ path: string; data: Fields }>; shards: string[] } | undefined> {
  const together = new Map<string, Fields>([[path, data]]);
  const shards: string[] = [];
  for (const { account, guildId, personId } of accountsMovedBy(kept, data)) {
    const name = account === 'debt' ? 'owed-to-c500' : 'racer-payable';
    if (kept.collection !== 'journal') {
      // A debt's account names the key its entries' ids carry (issue 79).
      if (await accountOpen(tx, name, guildId, personId, [typeof data.journalKey === 'string' ? data.journalKey : undefined])) return undefined;
      continue;
    }
    const run = await settledEntries(tx, name, { guildId, personId }, String(data.entryId), (entry) => lawPeriodEnd(entry) <= now);
    if (!run) return undefined;
    for (const one of run) if (!together.has(one.path)) together.set(one.path, one.data);
    if (account === 'wallet' && (await lastNamedIn(tx, guildId, personId, run)))
      shards.push(...(await walletShards(tx, guildId, personId)).map((shard) => shard.path));
  }
  return { together: [...together].map(([one, fields]) => ({ path: one, data: fields })), shards };
}

/** The people's accounts a record moves or stands for: a journal entry's postings, a debt's account. */
function accountsMovedBy(kept: LawKeptCollection, data: Fields): PersonAccount[] {
  const guildId = String(data.guildId);
  if (kept.collection === 'journal') return peopleAccountsOf(data);
  if (kept.collection === 'debts') return [{ account: 'debt', guildId, personId: String(data.userId) }];
  return [];
}

const walletShards = (tx: Transaction, guildId: string, racerId: string) => tx.query(anyCollection<Fields>(`wallets/${guildId}-${racerId}/shards`));

/** Whether a run that loses a racer's name holds every entry still naming them on the server. */
async function lastNamedIn(tx: Transaction, guildId: string, racerId: string, run: ReadonlyArray<{ path: string }>): Promise<boolean> {
  const inRun = new Set(run.map((one) => one.path));
  return (await journalOfPerson(tx, guildId, racerId)).every((entry) => inRun.has(journalPath(entry.entryId)));
}

/** What ends with a record: the documents the table lists under it (a lobby's pot, a debt's entries). */
async function recordsUnder(tx: Transaction, kept: LawKeptCollection, path: string): Promise<string[]> {
  const under: string[] = [];
  for (const sub of subcollectionsOf(kept.collection)) under.push(...(await tx.query(anyCollection<Fields>(`${path}/${sub}`))).map((one) => one.path));
  return under;
}
