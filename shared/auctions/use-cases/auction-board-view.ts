/**
 * @module auction-board-view
 * What an OBS overlay shows of an auction: item, price, leader and the end, from the
 * book while it runs; once the hammer has dropped, the result Firestore keeps. Public
 * fields only: never a leader's max or a bidder's id.
 */
import type { AuctionBook, Clock, DocumentStore } from '../../ports';
import { hammerAtMs, phaseOf, type AuctionPhase, type AuctionReading, type AuctionSnapshot } from '../rules/auction-book';
import { auctionPath, finalCallMsOf, isAuctionIdShaped, streamDelayMsOf, type Auction } from '../rules/auction';
import { formatMoney } from '../../common';
import { unsoldReasons } from '../rules/auction-messages';

export interface AuctionBoard {
  auctionId: string;
  item: string;
  status: 'live' | 'closed' | 'cancelled' | 'awaiting-payment' | 'paid' | 'unsold';
  price: string;
  priceCents: number;
  currency: string;
  leader: string | null;
  /** What the leader is to the item: `leading` while it runs, then `won by` or, on a second chance, `offered to`. */
  leaderRole: 'leading' | 'won by' | 'offered to' | null;
  bidCount: number;
  nextMinimum: string;
  /**
   * Where it stands: `bidding`, then from the stated end the sealed `final-call` (its price and
   * leader stay those shown when it began), then `sold` or `unsold` (or `cancelled`).
   */
  phase: AuctionPhase;
  /** The stated end: open bidding stops and the final call begins. The overlay counts down to it. */
  endsAt: string;
  /** The final call's end, when the hammer falls: `endsAt` plus `finalCallSeconds`. */
  finalCallEndsAt: string;
  /** The same moment, under its older name. */
  hammerAt: string;
  finalCallSeconds: number;
  streamDelaySeconds: number;
  serverTime: string;
  reserveMet: boolean;
  suddenDeath: boolean;
  headline: string;
}

export type BoardAnswer = { ok: true; board: AuctionBoard } | { ok: false; reason: 'malformed' | 'not-found' };

export async function auctionBoardView(deps: { book: AuctionBook; store: DocumentStore; clock: Clock }, auctionId: string): Promise<BoardAnswer> {
  if (!isAuctionIdShaped(auctionId)) return { ok: false, reason: 'malformed' };
  const live = await deps.book.read(auctionId);
  // The book forgets an auction a week after its hammer; Firestore keeps the result for good.
  const stored = !live || live.status !== 'live' ? await deps.store.get(auctionPath(auctionId)) : undefined;
  if (!live && !stored) return { ok: false, reason: 'not-found' };
  const now = deps.clock.now();
  if (live && (live.status === 'live' || !stored)) return { ok: true, board: boardOf(live, now) };
  return { ok: true, board: resultBoard(stored as Auction, live, now) };
}

/**
 * The board as the book read it: its phase is the book's word, and its time is the book's clock
 * (what the overlay counts down by), so no process's clock can show the final call begun early or late.
 */
function boardOf(s: AuctionReading, _now: Date): AuctionBoard {
  const now = new Date(s.bookNowMs);
  const left = s.endsAtMs - s.bookNowMs;
  const phase = phaseOf(s);
  const closesAt = new Date(hammerAtMs(s)).toISOString();
  return {
    auctionId: s.auctionId,
    item: s.item,
    status: s.status,
    price: formatMoney({ cents: s.priceCents, currency: s.currency }),
    priceCents: s.priceCents,
    currency: s.currency,
    leader: s.leaderName ?? null,
    leaderRole: s.leaderName ? (s.status === 'live' ? 'leading' : 'won by') : null,
    bidCount: s.bidCount,
    nextMinimum: formatMoney({ cents: s.nextMinimumCents, currency: s.currency }),
    phase,
    endsAt: new Date(s.endsAtMs).toISOString(),
    finalCallEndsAt: closesAt,
    hammerAt: closesAt,
    finalCallSeconds: s.finalCallMs / 1000,
    streamDelaySeconds: s.streamDelayMs / 1000,
    serverTime: now.toISOString(),
    reserveMet: s.reserveMet,
    suddenDeath: s.suddenDeath,
    headline:
      s.status === 'cancelled'
        ? 'Cancelled'
        : s.status === 'closed'
          ? 'Closed'
          : phase === 'final-call'
            ? `Final call: bids are sealed for ${s.finalCallMs / 1000} s`
            : left <= 10_000
              ? 'Going…'
              : 'Live',
  };
}

function resultBoard(a: Auction, live: AuctionSnapshot | undefined, now: Date): AuctionBoard {
  // Who holds the item now: the current offer (the runner-up after a second chance), else the winner.
  const holder = a.offer ?? (a.winner ? { ...a.winner, rank: 0 } : undefined);
  const secondChance = (holder?.rank ?? 0) > 0;
  const priceCents = holder?.priceCents ?? a.priceCents ?? live?.priceCents ?? a.startCents;
  const price = formatMoney({ cents: priceCents, currency: a.currency });
  const headline =
    a.status === 'cancelled'
      ? 'Cancelled'
      : a.status === 'unsold'
        ? `Unsold: ${unsoldReasons[a.unsoldReason ?? 'no-bids']}`
        : !holder
          ? 'Closed'
          : a.status === 'awaiting-payment' && secondChance
            ? `Second chance: offered to ${holder.bidderName} at ${price}`
            : `Sold to ${holder.bidderName} for ${price}`;
  const unsold = a.status === 'unsold' || a.status === 'cancelled';
  const closesAt = new Date(Date.parse(a.finalEndsAt ?? a.endsAt) + finalCallMsOf(a)).toISOString();
  // Hammered but not yet recorded (Firestore still says live): the book's result.
  const hammered: AuctionPhase = live?.leaderId !== undefined && live.reserveMet ? 'sold' : 'unsold';
  const phase: AuctionPhase = a.status === 'cancelled' ? 'cancelled' : a.status === 'unsold' ? 'unsold' : a.status === 'live' ? hammered : 'sold';
  return {
    auctionId: a.auctionId,
    item: a.item,
    status: a.status === 'live' ? 'closed' : a.status,
    price,
    priceCents,
    currency: a.currency,
    leader: unsold ? null : (holder?.bidderName ?? live?.leaderName ?? null),
    leaderRole: unsold || !(holder?.bidderName ?? live?.leaderName) ? null : a.status === 'awaiting-payment' && secondChance ? 'offered to' : 'won by',
    bidCount: a.bidCount ?? live?.bidCount ?? 0,
    nextMinimum: price,
    phase,
    endsAt: a.finalEndsAt ?? a.endsAt,
    finalCallEndsAt: closesAt,
    hammerAt: closesAt,
    finalCallSeconds: finalCallMsOf(a) / 1000,
    streamDelaySeconds: streamDelayMsOf(a) / 1000,
    serverTime: now.toISOString(),
    reserveMet: live?.reserveMet ?? a.status !== 'unsold',
    suddenDeath: a.suddenDeath,
    headline,
  };
}
