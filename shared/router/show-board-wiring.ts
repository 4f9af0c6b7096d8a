/**
 * @module show-board-wiring
 * What a show's board (the overlay OBS polls) and its run sheet's edit are handed: the book,
 * the store, Discord and the clock, nothing of another module but shows.
 */
import type { Platform } from '../platform';
import { finishedLotsMemo, type refreshRunSheet, type showBoardView } from '../shows';

/** A show's run sheet edit. */
export function runSheetDeps(platform: Platform): Parameters<typeof refreshRunSheet>[0] {
  return { store: platform.store(), book: platform.auctionBook(), discord: platform.discord(), tasks: platform.tasks(), clock: platform.clock };
}

/** The show board an overlay polls, made per request; the older results behind a show's totals are kept per instance, read every few seconds rather than every poll. */
export function showBoardDeps(platform: Platform): () => Parameters<typeof showBoardView>[0] {
  const finishedLots = finishedLotsMemo();
  return () => ({ book: platform.auctionBook(), store: platform.store(), clock: platform.clock, finishedLots });
}
