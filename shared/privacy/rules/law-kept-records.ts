/**
 * @module law-kept-records
 * When the records the law keeps end (the table's `paymentRecord`), and what ending does to
 * each. The tax law keeps a business's records for ten years from the end of the year they were
 * made; a record here is made by every movement on it, so its period runs from the end of the
 * year of its latest date (a refund or a payout after the charge moves it on). After that, the
 * record is deleted with the documents the table lists under it; a journal entry instead loses
 * its people's ids (`personId` becomes the placeholder), so every fold of the journal still adds
 * up and no entry is edited but for that one reason.
 *
 * While an obligation on a record is open (an order not done with, a dispute not decided, a debt
 * still owed, a wallet with money in it, an erasure still waiting on one), it is kept, and the
 * sweep comes back for it.
 */
import { keptDocuments } from './kept-data';
import type { Fields } from './field-paths';
import { erasedName } from './member-data';

/** Years past the end of the year of a record's latest date (German AO § 147 and HGB § 257: ten). */
export const lawKeptYears = 10;

/** How long the sweep waits before asking an open record again. */
export const openRecordRecheckMs = 24 * 60 * 60 * 1000;

/** One collection of records the law keeps: the field its sweep reads them in the order of (on every record, never later than its other dates), and how it ends. */
export interface LawKeptCollection {
  readonly collection: string;
  readonly from: string;
  readonly end: 'delete' | 'anonymise';
  /** Whether an obligation still holds the record (read with what `openHolders` names). */
  readonly open?: (data: Fields) => boolean;
}

const orders = keptDocuments.find((document) => document.type === 'Order');
const disputes = keptDocuments.find((document) => document.type === 'Dispute');

export const lawKeptCollections: readonly LawKeptCollection[] = [
  { collection: 'orders', from: 'createdAt', end: 'delete', open: (data) => orders?.stillOpen?.(data) === true },
  { collection: 'showCheckouts', from: 'createdAt', end: 'delete' },
  { collection: 'hostPayouts', from: 'createdAt', end: 'delete' },
  { collection: 'disputes', from: 'firstSeenAt', end: 'delete', open: (data) => disputes?.stillOpen?.(data) === true },
  { collection: 'proofClips', from: 'claimedAt', end: 'delete' },
  { collection: 'dashboardAudit', from: 'at', end: 'delete' },
  // A debt is kept while the journal's fold of the person's account says anything is owed (the sweep reads it), whatever its cached `owedCents`.
  { collection: 'debts', from: 'updatedAt', end: 'delete' },
  { collection: 'raceLobbies', from: 'createdAt', end: 'delete' },
  { collection: 'sales', from: 'paidAt', end: 'delete' },
  { collection: 'payouts', from: 'at', end: 'delete' },
  // A journal entry loses its people's ids; the run that takes a racer's name from their last entry in a server takes the wallet's shards with it.
  { collection: 'journal', from: 'at', end: 'anonymise' },
  // A member's erasure says what the law kept of them: it ends with those records, once nothing it waits on is open.
  { collection: 'privacyErasures', from: 'erasedAt', end: 'delete', open: (data) => Array.isArray(data.open) && data.open.length > 0 },
];

/** The first instant of the year, UTC. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));

/** The latest date anywhere on a record (a field named `at` or `…At` holding an ISO time, at any depth). */
export function latestDateOf(data: unknown): string | undefined {
  let latest: string | undefined;
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if ((key === 'at' || /[a-z]At$/.test(key)) && !Number.isNaN(Date.parse(value)) && (latest === undefined || value > latest)) latest = value;
    } else if (Array.isArray(value)) value.forEach((one) => visit(one, key));
    else if (typeof value === 'object' && value !== null) for (const [name, inner] of Object.entries(value)) visit(inner, name);
  };
  visit(data, '');
  return latest;
}

/** When the law lets a record go: ten years from the end of the year of its latest date; a record with no date, at once. */
export function lawPeriodEnd(data: Fields): Date {
  const latest = latestDateOf(data);
  if (latest === undefined) return new Date(0);
  return yearStart(new Date(latest).getUTCFullYear() + 1 + lawKeptYears);
}

/** Records all of whose dates are before this may have ended: those made before the year ten years back began. */
export function lawCutoff(now: Date): string {
  return yearStart(now.getUTCFullYear() - lawKeptYears).toISOString();
}

/** A journal entry past its period: its postings name nobody; amounts, accounts and orders stay. */
export function anonymisedEntry(data: Fields): Fields | undefined {
  const postings = Array.isArray(data.postings) ? (data.postings as Fields[]) : [];
  const named = typeof data.personId === 'string' && data.personId !== erasedName;
  if (!named && !postings.some((posting) => typeof posting.personId === 'string' && posting.personId !== erasedName)) return undefined;
  return {
    ...data,
    ...(typeof data.personId === 'string' ? { personId: erasedName } : {}),
    postings: postings.map((posting) => (typeof posting.personId === 'string' ? { ...posting, personId: erasedName } : posting)),
  };
}

/**
 * The accounts of people a journal entry moves (a debt, a racer's wallet), by guild and person:
 * while one still holds money, the entry keeps their id, or their balance would no longer fold.
 */
export interface PersonAccount {
  account: 'debt' | 'wallet';
  guildId: string;
  personId: string;
}

export function peopleAccountsOf(data: Fields): PersonAccount[] {
  const guildId = typeof data.guildId === 'string' ? data.guildId : '';
  const postings = Array.isArray(data.postings) ? (data.postings as Fields[]) : [];
  return postings.flatMap((posting): PersonAccount[] => {
    const personId = posting.personId;
    if (typeof personId !== 'string' || personId === erasedName) return [];
    if (posting.account === 'owed-to-c500') return [{ account: 'debt', guildId, personId }];
    if (posting.account === 'racer-payable') return [{ account: 'wallet', guildId, personId }];
    return [];
  });
}

/** The subcollections the table lists under a record of the collection (`raceLobbies` has `pot`): they end with it. */
export function subcollectionsOf(collection: string): string[] {
  return keptDocuments.flatMap((document) => {
    const steps = document.path.split('/');
    return steps.length === 4 && steps[0] === collection && steps[2] ? [steps[2]] : [];
  });
}
