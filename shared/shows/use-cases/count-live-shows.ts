/**
 * @module count-live-shows
 * The live-show heartbeat: how many shows are running now, written as one `shows.live` line
 * by a sweep that runs every few minutes (the auction sweep). An alert pages on no traffic
 * while `count` is above 0: a show on air whose bids and commands stopped arriving is an
 * outage nobody reports, since the viewers think the show went quiet. A paused show is still
 * on air but expects no bids, so it is counted apart (`paused`).
 */
import type { DocumentStore } from '../../ports';
import { log } from '../../log';
import { showsCollection, type ShowStatus } from '../rules/show';

/** A bound on the documents read: far above the shows any deployment runs at once, so `count` is exact below it. */
export const liveShowsReadAtMost = 500;

export interface LiveShows {
  count: number;
  paused: number;
}

/**
 * Counts the running and paused shows and writes the heartbeat line. Never throws: a count
 * that failed is a warning, and the sweep that writes it goes on with its own work.
 */
export async function countLiveShows(deps: { store: DocumentStore }): Promise<LiveShows | undefined> {
  try {
    // Equality on status alone: Firestore's automatic index serves it.
    const of = async (status: ShowStatus) =>
      (await deps.store.query(showsCollection, { where: [['status', '==', status]], limit: liveShowsReadAtMost })).length;
    const [count, paused] = await Promise.all([of('running'), of('paused')]);
    log.info('shows live now', { event: 'shows.live', count, paused });
    return { count, paused };
  } catch (error) {
    log.warn('the live shows could not be counted; the next sweep tries again', { event: 'shows.live-uncounted', error });
    return undefined;
  }
}
