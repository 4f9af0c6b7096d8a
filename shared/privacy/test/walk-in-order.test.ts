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

  it('keeps no bidder’s id while a walk through people is still under way, only what sorts before it', async () => {
    const { store, walk } = await world(['800000000000000001', '800000000000000002', '800000000000000003']);
    await walkInOrder(store, { ...walk(), namesPeople: true }, async () => undefined, now);
    const cursor = await store.get(retentionCursorPath('bidders-walk'));
    expect(cursor).toEqual({ after: '80000000000000000', movedAt: now.toISOString() });
    expect(['800000000000000001', '800000000000000002', '800000000000000003'].some((id) => JSON.stringify(cursor).includes(id))).toBe(false);
  });

  it('still visits every person over the runs of a walk through people, and finishes', async () => {
    // 45 bidders over prefixes of ten: a run of two pages of seven ends inside a prefix each time.
    const ids = Array.from({ length: 45 }, (_, i) => `8000000000000000${String(i).padStart(2, '0')}`);
    const { store, walk } = await world(ids);
    const visited = new Set<string>();
    for (let run = 0; run < 20; run++)
      await walkInOrder(store, { ...walk(), namesPeople: true, limit: 7, pages: 2 }, async ({ id }) => void visited.add(id), now);
    expect([...visited].sort()).toEqual(ids);
    expect(await store.get(retentionCursorPath('bidders-walk'))).toMatchObject({ after: '', finishedAt: now.toISOString() });
  });
});
