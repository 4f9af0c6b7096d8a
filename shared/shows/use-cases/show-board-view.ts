/**
 * @module show-board-view
 * What the show's OBS overlay shows: the live lot (the auction overlay's board, with its
 * place in the show and its builder), when the next lot goes up during a gap, the next few
 * lots, the last few results and the show's totals. Public fields only: people by name,
 * never a bidder's id or max.
 *
 * Reads stay bounded however long the show: the show, one book read for the live lot, and
 * the newest results' auctions. The totals count every finished lot, so the older ones are
 * read through a short per-instance memo (`FinishedLots`): a finished lot changes only when
 * its winner pays or passes it on, which a total may show a few seconds late.
 */
import type { AuctionBook, Clock, DocumentStore } from '../../ports';
import { auctionPath, type Auction, auctionBoardView, type AuctionBoard } from '../../auctions';
import { formatMoney } from '../../common';
import type { FinishedLots } from './finished-lots';
import { isShowIdShaped, showPath, type Show, type ShowLot, type ShowStatus } from '../rules/show';
import { outcomeOf, totalsOf, type LotView } from '../rules/show-messages';

export const showBoardLimits = { upNext: 3, results: 4 } as const;

export interface LiveLotBoard extends AuctionBoard {
  /** The lot's place on the run sheet, from 1. */
  lotNumber: number;
  builder: string;
}

export interface UpNextLot {
  number: number;
  item: string;
  builder: string;
  opens: string;
  opensCents: number;
  durationSeconds: number;
  /** How many pre-bids wait for it (never whose or how much): the overlay marks the lot. */
  preBids: number;
}

export interface LotResult {
  number: number;
  item: string;
  builder: string;
  /** `sold` while its winner pays and once paid (`paid`); `second-chance` once a runner-up is offered it. */
  outcome: 'sold' | 'second-chance' | 'unsold';
  paid: boolean;
  /** Who holds it: the winner, or the runner-up offered it. */
  to: string | null;
  price: string | null;
  priceCents: number | null;
  /** The result in one sentence, as the auction overlay puts it. */
  headline: string;
}

export interface ShowBoard {
  showId: string;
  title: string;
  host: string;
  status: ShowStatus;
  currency: string;
  serverTime: string;
  live: LiveLotBoard | null;
  /** While the run waits out the gap after a hammer: when the next lot goes up. */
  nextLotAt: string | null;
  upNext: UpNextLot[];
  /** Lots up next besides those in `upNext`. */
  moreUpNext: number;
  /** The last few finished lots, newest first. */
  results: LotResult[];
  totals: { lots: number; finished: number; sold: number; unsold: number; gross: string; grossCents: number };
}

export type ShowBoardAnswer = { ok: true; board: ShowBoard } | { ok: false; reason: 'malformed' | 'not-found' };

export interface ShowBoardDeps {
  book: AuctionBook;
  store: DocumentStore;
  clock: Clock;
  /** Without it, every finished lot's auction is read on every call. */
  finishedLots?: FinishedLots;
}

export async function showBoardView(deps: ShowBoardDeps, showId: string): Promise<ShowBoardAnswer> {
  if (!isShowIdShaped(showId)) return { ok: false, reason: 'malformed' };
  const show = await deps.store.get(showPath(showId));
  if (!show) return { ok: false, reason: 'not-found' };

  const numbered = show.lots.map((lot, i) => ({ lot, number: i + 1 }));
  const liveOne = numbered.find(({ lot }) => lot.state === 'live' && lot.auctionId);
  // Lots run in run-sheet order, and arranging moves only lots up next: the last finished is the newest.
  const finished = numbered.filter(({ lot }) => lot.state === 'done' && lot.auctionId).reverse();
  const newest = new Set(finished.slice(0, showBoardLimits.results).map(({ lot }) => lot.lotId));
  const readFinished = (lot: ShowLot) =>
    newest.has(lot.lotId) || !deps.finishedLots
      ? deps.store.get(auctionPath(lot.auctionId as string))
      : deps.finishedLots.read(deps.store, lot.auctionId as string, deps.clock.now().getTime());

  const [liveAnswer, finishedAuctions] = await Promise.all([
    liveOne ? auctionBoardView(deps, liveOne.lot.auctionId as string) : undefined,
    Promise.all(finished.map(({ lot }) => readFinished(lot))),
  ]);
  const auctions = new Map<string, Auction>();
  for (const auction of finishedAuctions) if (auction) auctions.set(auction.auctionId, auction);

  const views: LotView[] = numbered.map(({ lot, number }) => {
    const auction = lot.state === 'done' && lot.auctionId ? auctions.get(lot.auctionId) : undefined;
    return { lot, number, ...(auction ? { auction } : {}) };
  });
  const totals = totalsOf(views);
  const money = (cents: number) => formatMoney({ cents, currency: show.currency });
  const waiting = numbered.filter(({ lot }) => lot.state === 'up-next');
  const live = liveOne && liveAnswer?.ok ? { ...liveAnswer.board, lotNumber: liveOne.number, builder: liveOne.lot.builderName } : null;

  return {
    ok: true,
    board: {
      showId,
      title: show.title,
      host: show.hostName,
      status: show.status,
      currency: show.currency,
      serverTime: deps.clock.now().toISOString(),
      live,
      nextLotAt: show.status === 'running' && !liveOne && show.nextLotAt ? show.nextLotAt : null,
      upNext: waiting.slice(0, showBoardLimits.upNext).map(({ lot, number }) => ({
        number,
        item: lot.item,
        builder: lot.builderName,
        opens: money(lot.startCents),
        opensCents: lot.startCents,
        durationSeconds: lot.durationSeconds,
        preBids: lot.preBidCount ?? 0,
      })),
      moreUpNext: Math.max(0, waiting.length - showBoardLimits.upNext),
      results: finished
        .slice(0, showBoardLimits.results)
        .map(({ lot, number }) => resultOf(show, { lot, number }, auctions.get(lot.auctionId as string)))
        .filter((r): r is LotResult => r !== undefined),
      totals: {
        lots: totals.lots,
        finished: finished.length,
        sold: totals.sold,
        unsold: totals.unsold,
        gross: money(totals.grossCents),
        grossCents: totals.grossCents,
      },
    },
  };
}

/** A finished lot's result in the run sheet's terms (`outcomeOf`), by the names people see. */
function resultOf(show: Show, at: { lot: ShowLot; number: number }, auction: Auction | undefined): LotResult | undefined {
  if (!auction) return undefined;
  const outcome = outcomeOf({ ...at, auction });
  const money = (cents: number) => formatMoney({ cents, currency: show.currency });
  const base = { number: at.number, item: at.lot.item, builder: at.lot.builderName };
  const holder = auction.offer ?? auction.winner;
  switch (outcome.kind) {
    case 'sold':
    case 'second-chance': {
      const to = holder?.bidderName ?? null;
      const price = money(outcome.priceCents);
      return {
        ...base,
        outcome: outcome.kind,
        paid: outcome.kind === 'sold' && outcome.paid,
        to,
        price,
        priceCents: outcome.priceCents,
        headline: outcome.kind === 'sold' ? `Sold to ${to ?? 'the winner'} for ${price}` : `Second chance: offered to ${to ?? 'the runner-up'} at ${price}`,
      };
    }
    case 'unsold':
      return { ...base, outcome: 'unsold', paid: false, to: null, price: null, priceCents: null, headline: `Unsold: ${outcome.reason}` };
    default:
      // Hammered, its result not written yet: nothing to say until it is.
      return undefined;
  }
}
