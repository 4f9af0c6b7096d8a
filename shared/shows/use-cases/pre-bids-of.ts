/**
 * @module pre-bids-of
 * A member's pre-bids still waiting for their lots to open, for `/c500 profile`: theirs alone.
 */
import type { DocumentStore } from '../../ports';
import { showPath } from '../rules/show';
import { preBidsCollection } from '../rules/pre-bid';

export interface MemberPreBid {
  showTitle: string;
  channelId: string;
  lotNumber: number;
  item: string;
  maxCents: number;
  currency: string;
}

export async function preBidsOf(store: DocumentStore, memberId: string): Promise<MemberPreBid[]> {
  const held = await store.query(preBidsCollection, { where: [['bidderIds', 'array-contains', memberId]], limit: 50 });
  const waiting = held.map(({ data }) => data).filter((lot) => !lot.placedAt);
  const shows = await Promise.all([...new Set(waiting.map((l) => l.showId))].map((id) => store.get(showPath(id))));
  return waiting.flatMap((lot) => {
    const show = shows.find((s) => s?.showId === lot.showId);
    const index = show?.lots.findIndex((l) => l.lotId === lot.lotId) ?? -1;
    const mine = lot.bids.find((b) => b.bidderId === memberId);
    if (!show || show.status === 'ended' || index < 0 || show.lots[index]?.state !== 'up-next' || !mine) return [];
    const item = show.lots[index]?.item ?? '';
    return [{ showTitle: show.title, channelId: show.channelId, lotNumber: index + 1, item, maxCents: mine.maxCents, currency: show.currency }];
  });
}
