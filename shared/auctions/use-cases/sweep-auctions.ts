/**
 * @module sweep-auctions
 * The scheduled sweep for auctions whose hammer never landed. The hammer task gives up
 * after its queue's retries (an outage of Firestore, Stripe or Discord longer than that),
 * its name stays taken for about an hour so nothing schedules it again, later bids are
 * answered "closed", and the book's keys expire with the bid history after 7 days. Every
 * few minutes this finds auctions still live in Firestore whose end and settle window are
 * well past and runs the same idempotent hammer steps: a frozen book is settled, a book
 * still live at its due time is frozen first. Each auction on its own: one failing leaves
 * the others settled, and the sweep fails (so it is retried) only after trying them all.
 * Batch work (stripe-work): the winners' checkouts it opens, every lost hammer at once after an
 * outage, leave the Stripe budget's last tokens to a person's press.
 */
import { hammerDueMs } from '../rules/auction-book';
import { auctionPath, auctionsCollection, finalCallMsOf, type Auction } from '../rules/auction';
import { log } from '../../log';
import type { HammerDeps } from './auction-deps';
import { closeAuction, type CloseOutcome } from './close-auction';
import { endLostAuction } from './lost-auction';
import { asBatchWork } from '../../stripe-work';

/** Past its due time by this much, a hammer counts as lost rather than on its way. */
export const sweepGraceMs = 2 * 60_000;

export interface SweepReport {
  /** Auctions this sweep settled (or found settled by a hammer that landed meanwhile). */
  settled: string[];
  /** Live in Firestore, gone from the book (Redis restarted empty, expired after 7 days, or never opened): ended unsold, its bids lost, not guessed. */
  lost: string[];
  failed: string[];
}

export function sweepAuctions(deps: HammerDeps): Promise<SweepReport> {
  return asBatchWork(() => sweep(deps));
}

async function sweep(deps: HammerDeps): Promise<SweepReport> {
  const nowMs = deps.clock.now().getTime();
  // Equality on status alone: the automatic index serves it, and few auctions are live at once.
  const live = await deps.store.query(auctionsCollection, { where: [['status', '==', 'live']] });
  const report: SweepReport = { settled: [], lost: [], failed: [] };
  for (const { data: auction } of live) {
    if (Date.parse(auction.endsAt) + finalCallMsOf(auction) + auction.settleMs + sweepGraceMs > nowMs) continue;
    try {
      const outcome = await sweepOne(deps, auction, nowMs);
      if (outcome === 'settled') report.settled.push(auction.auctionId);
      if (outcome === 'lost') report.lost.push(auction.auctionId);
    } catch (error) {
      log.error('auction sweep could not settle an auction; the next sweep tries again', {
        event: 'auction.sweep-failed',
        auctionId: auction.auctionId,
        error,
      });
      report.failed.push(auction.auctionId);
    }
  }
  if (report.lost.length > 0)
    log.error('live auctions missing from the book were ended unsold: their bids were lost', { event: 'auction.bids-lost', auctionIds: report.lost });
  // The sweep is the hammer's backup: its settling anything means the hammer path (the
  // auction-close queue or its function) is failing, and winners heard minutes late.
  if (report.settled.length > 0)
    log.warn('auction sweep settled auctions whose hammer had not landed', {
      event: 'auction.hammer-missed',
      count: report.settled.length,
      auctionIds: report.settled,
    });
  return report;
}

async function sweepOne(deps: HammerDeps, auction: Auction, nowMs: number): Promise<'settled' | 'waiting' | 'lost' | 'skipped'> {
  const book = await deps.book.read(auction.auctionId);
  if (!book) {
    await endLostAuction(deps, auction.auctionId);
    return 'lost';
  }
  // A cancel that reached the book but not Firestore: say so in Firestore, nothing else to do.
  if (book.status === 'cancelled') {
    await deps.store.update(auctionPath(auction.auctionId), { status: 'cancelled', cancelledAt: new Date(nowMs).toISOString() });
    return 'skipped';
  }
  // A counter-bid moved the end: that end's own hammer is still on its way.
  if (book.status === 'live' && hammerDueMs(book) + sweepGraceMs > nowMs) return 'waiting';
  const outcome: CloseOutcome = await closeAuction(deps, { auctionId: auction.auctionId, version: book.version });
  return outcome === 'closed' ? 'settled' : 'skipped';
}
