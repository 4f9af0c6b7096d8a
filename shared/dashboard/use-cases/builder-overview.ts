/**
 * @module builder-overview
 * What a builder's page reads, always filtered by the signed-in user as the builder: one
 * page of their orders (all, or one state), the orders paid in the chart's weeks, what is
 * held now, their last auctions and show lots, and their Stripe account. Every query is
 * paginated or bounded and served by a declared composite index.
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import { ordersCollection, type Order, type OrderStatus } from '../../orders';
import { auctionsCollection, type Auction } from '../../auctions';
import { showPath } from '../../shows';
import { builderPath, type Builder } from '../../onboarding';
import { orderStates, type OrderState } from '../rules/order-views';
import { firstCursor, pageOf, rowsToAsk, type Page, type PageCursor } from '../rules/paging';

export const ordersPageSize = 50;
/** A CSV reads in pages of this many, up to the cap (a builder with more gets the newest). */
export const exportPageSize = 500;
export const exportCap = 20_000;
export const chartWeeks = 12;

const orderKey = (d: StoredDocument<Order>) => ({ id: d.id, at: d.data.createdAt });

/** One page of the builder's orders, newest first: every state, one, or these statuses (the "to ship" list's). */
export async function builderOrders(
  store: DocumentStore,
  builderId: string,
  state: OrderState | 'all' | readonly OrderStatus[],
  cursor: PageCursor,
  size = ordersPageSize,
): Promise<Page<Order>> {
  const answered =
    state === 'all'
      ? await store.query(ordersCollection, {
          where: [
            ['builderId', '==', builderId],
            ['createdAt', '<=', cursor.at],
          ],
          orderBy: [['createdAt', 'desc']],
          limit: rowsToAsk(cursor, size),
        })
      : await store.query(ordersCollection, {
          where: [
            ['builderId', '==', builderId],
            ['status', 'in', typeof state === 'string' ? [...orderStates[state].statuses] : [...state]],
            ['createdAt', '<=', cursor.at],
          ],
          orderBy: [['createdAt', 'desc']],
          limit: rowsToAsk(cursor, size),
        });
  const page = pageOf(answered, cursor, size, orderKey);
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}

/** Every page of a query, in order, up to the export cap. */
export async function everyPage<T>(read: (cursor: PageCursor | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: PageCursor | undefined;
  do {
    const page = await read(cursor);
    rows.push(...page.rows);
    cursor = page.next;
  } while (cursor && rows.length < exportCap);
  return rows.slice(0, exportCap);
}

export interface BuilderOverview {
  builder: Builder | undefined;
  /** Orders created in the chart's weeks (and the day before: a pay window is at most a day). */
  recent: Order[];
  /** Paid and not yet released, whenever made. */
  waiting: Order[];
  auctions: Array<Auction & { showTitle?: string }>;
}

export async function builderOverview(store: DocumentStore, builderId: string, now: Date): Promise<BuilderOverview> {
  const since = new Date(now.getTime() - (chartWeeks * 7 + 1) * 86_400_000).toISOString();
  const [builder, recent, older, auctions] = await Promise.all([
    store.get(builderPath(builderId)),
    store.query(ordersCollection, {
      where: [
        ['builderId', '==', builderId],
        ['createdAt', '>=', since],
      ],
      orderBy: [['createdAt', 'desc']],
      limit: 5_000,
    }),
    // Paid and unreleased orders made before the chart's window: rare, so what `recent` holds is most of what is held.
    store.query(ordersCollection, {
      where: [
        ['builderId', '==', builderId],
        ['status', '==', 'paid'],
        ['createdAt', '<', since],
      ],
      orderBy: [['createdAt', 'desc']],
      limit: 2_000,
    }),
    builderAuctions(store, builderId, firstCursor('desc'), 12),
  ]);
  const waiting = [...recent.filter((d) => d.data.status === 'paid'), ...older].map((d) => d.data);
  return { builder, recent: recent.map((d) => d.data), waiting, auctions: auctions.rows };
}

/** One page of the builder's auctions and show lots, newest first, each lot with its show's title. */
export async function builderAuctions(
  store: DocumentStore,
  builderId: string,
  cursor: PageCursor,
  size = ordersPageSize,
): Promise<Page<Auction & { showTitle?: string }>> {
  const answered = await store.query(auctionsCollection, {
    where: [
      ['builderId', '==', builderId],
      ['startedAt', '<=', cursor.at],
    ],
    orderBy: [['startedAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<Auction>) => ({ id: d.id, at: d.data.startedAt }));
  const showIds = [...new Set(page.rows.flatMap((a) => (a.data.show ? [a.data.show.showId] : [])))];
  const titles = new Map(await Promise.all(showIds.map(async (id) => [id, (await store.get(showPath(id)))?.title] as const)));
  const rows = page.rows.map(({ data }) => {
    const showTitle = data.show ? titles.get(data.show.showId) : undefined;
    return showTitle ? { ...data, showTitle } : data;
  });
  return { rows, ...(page.next ? { next: page.next } : {}) };
}
