/**
 * @module pre-bid
 * Pre-bids on a show's lots (`showPreBids/<show id>-<lot id>`): once the run sheet is up, a
 * member sets the most they will pay for a lot not yet open, changes it or withdraws it
 * until the lot opens. When it opens, each is placed as a proxy bid in the order they were
 * set, so an earlier pre-bid wins a tie. A maximum is its bidder's alone: the run sheet shows
 * only how many a lot has.
 */
import { docPath, collectionPath, type BidRequest } from '../../ports';
import { parseAmount } from '../../common';

export interface PreBid {
  bidderId: string;
  bidderName: string;
  maxCents: number;
  /** When it was set, or last raised: the order of placement, so an earlier pre-bid wins a tie. */
  setAtMs: number;
}

/** One lot's pre-bids, kept apart from the show so nobody reads another's maximum. */
export interface LotPreBids {
  showId: string;
  lotId: string;
  /** Who has one here: `/c500 profile` finds a member's pre-bids by it. */
  bidderIds: string[];
  bids: PreBid[];
  /** When they were placed in the lot's auction: from then on they are bids like any other. */
  placedAt?: string;
  auctionId?: string;
}

export const preBidsCollection = collectionPath<LotPreBids>('showPreBids');
export const lotPreBidsPath = (showId: string, lotId: string) => docPath<LotPreBids>(`${preBidsCollection}/${showId}-${lotId}`);

/** Placed first, set first: the earlier of two equal maxes leads; the bidder's id orders the rest. */
export function placementOrder(bids: readonly PreBid[]): PreBid[] {
  return [...bids].sort((a, b) => a.setAtMs - b.setAtMs || (a.bidderId < b.bidderId ? -1 : a.bidderId > b.bidderId ? 1 : 0));
}

/**
 * The lot's pre-bids with one member's set, changed (a raise takes the time of the raise, as a
 * raised max does in the book; a lowered one keeps its place) or withdrawn (`maxCents` 0).
 */
export function withPreBid(bids: readonly PreBid[], change: PreBid): PreBid[] {
  const others = bids.filter((b) => b.bidderId !== change.bidderId);
  if (change.maxCents === 0) return others;
  const before = bids.find((b) => b.bidderId === change.bidderId);
  const setAtMs = before && change.maxCents <= before.maxCents ? before.setAtMs : change.setAtMs;
  return [...others, { ...change, setAtMs }];
}

export type PreBidForm = { ok: true; lotNumber: number; maxCents: number } | { ok: false; reason: string };

/** `lot:<n> max:<amount>` (a command or the run sheet's modal): `max:0` withdraws. */
export function parsePreBid(options: { lot?: unknown; max?: unknown }, currency: string): PreBidForm {
  const lotNumber = Number(String(options.lot ?? '').trim());
  if (!Number.isInteger(lotNumber) || lotNumber < 1) return { ok: false, reason: '**lot**: the lot’s number on the run sheet, for example `lot:3`.' };
  const raw = String(options.max ?? '').trim();
  if (raw === '') return { ok: false, reason: '**max**: the most you will pay, for example `max:40`; `max:0` withdraws your pre-bid.' };
  if (/^0+(\.0+)?$/.test(raw)) return { ok: true, lotNumber, maxCents: 0 };
  const max = parseAmount(raw, currency);
  return max.ok ? { ok: true, lotNumber, maxCents: max.cents } : { ok: false, reason: `**max**: ${max.reason} \`max:0\` withdraws your pre-bid.` };
}

/** Pre-bids are placed a millisecond apart from the lot's opening, in order: the book breaks ties by the time a max was made. */
export function preBidRequest(
  pre: PreBid,
  rank: number,
  lot: { auctionId: string; guildId: string; opensAtMs: number; nextMinimumCents: number; nowMs: number },
  responseToken: string,
): BidRequest {
  return {
    bidId: `prebid-${lot.auctionId}-${pre.bidderId}`,
    guildId: lot.guildId,
    bidderId: pre.bidderId,
    bidderName: pre.bidderName,
    // A proxy: the book bids its own next minimum as it stands when the pre-bid lands, up to the
    // maximum (a live bid in between cannot make it too low); this amount is only the least it bids.
    amountCents: Math.min(pre.maxCents, lot.nextMinimumCents),
    maxCents: pre.maxCents,
    proxy: true,
    responseToken,
    atMs: lot.opensAtMs + rank,
    receivedAtMs: lot.nowMs,
  };
}

/** The run sheet's Pre-bid button, which opens the modal, and the modal's id: the show is the channel's. */
export const preBidButtonId = (showId: string) => `prebid:${showId}`;
export const preBidModalId = 'prebid:set';

export function isPreBidButton(customId: string): boolean {
  return /^prebid:[0-9a-z]{8}$/.test(customId);
}
