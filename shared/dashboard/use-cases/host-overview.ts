/**
 * @module host-overview
 * What a host's page reads, filtered by the signed-in user as the host: their shows (a page
 * at a time) with each lot's result from its auction, the lots' orders and how the host's
 * cut went out (a transfer, owed by hand, paid by hand, or still waiting for the proof), and
 * the cuts owed by hand.
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import { hostPayoutsCollection, type HostPayout } from '../../payments';
import { ordersCollection, type Order } from '../../orders';
import { auctionPath, type Auction } from '../../auctions';
import { showsCollection, type Show } from '../../shows';
import { pageOf, rowsToAsk, type Page, type PageCursor } from '../rules/paging';

export const showsPageSize = 10;
export const cutsPageSize = 50;

export interface HostedShow {
  show: Show;
  /** Lot id -> its auction, for lots that went up. */
  auctions: Record<string, Auction>;
}

export async function hostShows(store: DocumentStore, hostId: string, cursor: PageCursor, size = showsPageSize): Promise<Page<HostedShow>> {
  const answered = await store.query(showsCollection, {
    where: [
      ['hostId', '==', hostId],
      ['createdAt', '<=', cursor.at],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<Show>) => ({ id: d.id, at: d.data.createdAt }));
  const rows = await Promise.all(
    page.rows.map(async ({ data: show }) => {
      const lots = show.lots.filter((lot) => lot.auctionId !== undefined);
      const found = await Promise.all(lots.map(async (lot) => [lot.lotId, await store.get(auctionPath(lot.auctionId as string))] as const));
      const auctions: Record<string, Auction> = {};
      for (const [lotId, auction] of found) if (auction) auctions[lotId] = auction;
      return { show, auctions };
    }),
  );
  return { rows, ...(page.next ? { next: page.next } : {}) };
}

/** One page of the orders of lots this host ran, newest first: each carries the host's cut and how it went out. */
export async function hostCuts(store: DocumentStore, hostId: string, cursor: PageCursor, size = cutsPageSize): Promise<Page<Order>> {
  const answered = await store.query(ordersCollection, {
    where: [
      ['hostId', '==', hostId],
      ['createdAt', '<=', cursor.at],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<Order>) => ({ id: d.id, at: d.data.createdAt }));
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}

/** One page of the cuts owed (or paid) by hand to this host, newest first. */
export async function hostPayoutsOfHost(store: DocumentStore, hostId: string, cursor: PageCursor, size = cutsPageSize): Promise<Page<HostPayout>> {
  const answered = await store.query(hostPayoutsCollection, {
    where: [
      ['hostId', '==', hostId],
      ['createdAt', '<=', cursor.at],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<HostPayout>) => ({ id: d.id, at: d.data.createdAt }));
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}
