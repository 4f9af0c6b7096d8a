/**
 * @module show-channel
 * Which show a channel holds: one at a time, from its creation until it ends.
 */
import type { DocumentStore } from '../../ports';
import { showChannelPath, showPath, type Show } from '../rules/show';

/** The channel's show that has not ended, if any. */
export async function showIn(store: DocumentStore, channelId: string): Promise<Show | undefined> {
  const pointer = await store.get(showChannelPath(channelId));
  if (!pointer) return undefined;
  const show = await store.get(showPath(pointer.showId));
  return show && show.status !== 'ended' ? show : undefined;
}

/** A show that has started and not ended: its lots own the channel's auctions. */
export async function showOnAirIn(store: DocumentStore, channelId: string): Promise<Show | undefined> {
  const show = await showIn(store, channelId);
  return show && (show.status === 'running' || show.status === 'paused') ? show : undefined;
}

/** The channel's latest show, ended or not: a winner pays for an ended show's lots from its channel. */
export async function latestShowIn(store: DocumentStore, channelId: string): Promise<Show | undefined> {
  const pointer = await store.get(showChannelPath(channelId));
  return pointer ? store.get(showPath(pointer.showId)) : undefined;
}
