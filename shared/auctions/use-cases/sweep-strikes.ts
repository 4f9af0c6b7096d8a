/**
 * @module sweep-strikes
 * The retention sweep's part for bidders' strikes (the table's "a year after the last strike"):
 * a year after a bidder's last strike with none since, their strikes end and so does the ban
 * they made, in the book too. The record goes; a paying bidder's trust stays on it (it is
 * found again from their paid orders anyway). Bounded (a page of the oldest a run, the query
 * on `lastStrikeAt` alone) and idempotent: each record ends in a transaction that reads it
 * again, after the book lets the bidder in (an unban is idempotent; a strike given meanwhile
 * keeps the record and bans again).
 *
 * A record struck before `lastStrikeAt` was written has none, and no query finds it by its
 * absence: a walk through the bidders, once (privacy's walkInOrder), stamps each struck one
 * with the time it first reads it, so its year runs from this change's deploy, not from a past
 * that cannot be told.
 */
import type { AuctionBook, Clock, DocumentStore } from '../../ports';
import { log } from '../../log';
import { walkInOrder } from '../../privacy';
import { bidderPath, biddersCollection, type BidderRecord } from '../rules/auction';

/** Days after the last strike that strikes and their ban end. */
export const strikeYearDays = 365;

export interface StrikeSweepDeps {
  store: DocumentStore;
  book: AuctionBook;
  clock: Clock;
  /** Records a run ends (200 by default). */
  limit?: number;
}

export interface StrikeSweepReport {
  /** Bidders whose strikes this run ended. */
  ended: string[];
  /** Struck records from before `lastStrikeAt`, stamped now. */
  stamped: number;
  failed: string[];
}

export async function sweepStrikes(deps: StrikeSweepDeps): Promise<StrikeSweepReport> {
  const report: StrikeSweepReport = { ended: [], stamped: 0, failed: [] };
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - strikeYearDays * 86_400_000).toISOString();
  const due = await deps.store.query(biddersCollection, {
    where: [['lastStrikeAt', '<', cutoff]],
    orderBy: [['lastStrikeAt', 'asc']],
    limit: deps.limit ?? 200,
  });
  for (const { id, data } of due) {
    try {
      if (await endStrikes(deps, id, data, cutoff)) report.ended.push(id);
    } catch (error) {
      log.error('retention sweep could not end a bidder’s strikes; the next sweep tries again', { error });
      report.failed.push(id);
    }
  }
  const stamped = await walkInOrder(
    deps.store,
    {
      name: 'bidders-struck-before-lastStrikeAt',
      field: 'bidderId',
      once: true,
      namesPeople: true,
      page: (after, most) => deps.store.query(biddersCollection, { where: [['bidderId', '>=', after]], orderBy: [['bidderId', 'asc']], limit: most }),
    },
    async ({ id }) => {
      if (await stampStruck(deps, id)) report.stamped += 1;
    },
    now,
  );
  report.failed.push(...stamped.failed);
  if (report.ended.length > 0) log.info('bidders’ strikes ended a year after the last', { bidders: report.ended.length });
  return report;
}

/** Ends one bidder's strikes if their last is still a year old; answers whether it did. */
async function endStrikes(deps: StrikeSweepDeps, bidderId: string, seen: BidderRecord, cutoff: string): Promise<boolean> {
  if (seen.banned) await deps.book.unban(bidderId);
  const ended = await deps.store.runTransaction(async (tx) => {
    const record = await tx.get(bidderPath(bidderId));
    if (!record?.lastStrikeAt || record.lastStrikeAt >= cutoff) return { ended: false, banned: record?.banned === true };
    if (record.trustedAt) {
      const { bannedAt: _bannedAt, lastStrikeAt: _lastStrikeAt, ...kept } = record;
      tx.set(bidderPath(bidderId), { ...kept, strikes: 0, strikeOrders: [], banned: false });
    } else tx.delete(bidderPath(bidderId));
    return { ended: true, banned: false };
  });
  // A strike given between the book's unban and this transaction: its ban stands.
  if (!ended.ended && ended.banned) await deps.book.ban(bidderId);
  return ended.ended;
}

/** A struck record with no `lastStrikeAt` gets this moment as its last strike's. */
async function stampStruck(deps: StrikeSweepDeps, bidderId: string): Promise<boolean> {
  return deps.store.runTransaction(async (tx) => {
    const record = await tx.get(bidderPath(bidderId));
    if (!record || record.lastStrikeAt || (record.strikes === 0 && !record.banned)) return false;
    tx.set(bidderPath(bidderId), { ...record, lastStrikeAt: deps.clock.now().toISOString() });
    return true;
  });
}
