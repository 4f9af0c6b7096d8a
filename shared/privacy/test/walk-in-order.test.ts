/**
 * A retention sweep's walk in order: a walk made once (a backfill) that reaches the end keeps
 * no place behind it, since the last value it read may be a person's id that an erasure would
 * otherwise leave on `retentionCursors/<name>`; a walk still under way keeps where it stands.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { collectionPath } from '../../ports';
import { retentionCursorPath } from '../rules/retention-cursor';
import { walkInOrder } from '../use-cases/sweep-in-order';

interface Bidder {
  bidderId: string;
}
const bidders = collectionPath<Bidder>('bidders');
const now = new Date('2026-11-28T12:00:00Z');

async function world(ids: string[]) {
  const store = new LocalDocumentStore();
  for (const id of ids) await store.set(`${bidders}/${id}` as never, { bidderId: id } as never);
  const walk = () => ({
    name: 'bidders-walk',
    field: 'bidderId' as const,
    once: true as const,
    limit: 2,
    pages: 1,
    page: (after: string, most: number) => store.query(bidders, { where: [['bidderId', '>=', after]], orderBy: [['bidderId', 'asc']], limit: most }),
  });
  return { store, walk };
}

describe('a retention sweep’s walk in order', () => {
  it('keeps no bidder’s id once a walk made once has reached the end', async () => {
    const { store, walk } = await world(['800000000000000001']);
    await walkInOrder(store, walk(), async () => undefined, now);
    expect(await store.get(retentionCursorPath('bidders-walk'))).toEqual({ after: '', movedAt: now.toISOString(), finishedAt: now.toISOString() });
  });

  it('keeps where it stands while the walk is still under way', async () => {
    const { store, walk } = await world(['800000000000000001', '800000000000000002', '800000000000000003']);
    await walkInOrder(store, walk(), async () => undefined, now);
    expect(await store.get(retentionCursorPath('bidders-walk'))).toEqual({ after: '800000000000000002', movedAt: now.toISOString() });
  });
});
