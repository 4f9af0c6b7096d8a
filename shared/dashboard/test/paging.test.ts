import fc from 'fast-check';
import { decodeCursor, encodeCursor, firstCursor, pageOf, rowsToAsk, type Page, type PageCursor } from '../rules/paging';

interface Row {
  id: string;
  at: string;
}

/** What a store answers for `at <= cursor.at` ordered by `at` desc (ties in a fixed order of its own), limited. */
function storeAnswer(rows: readonly Row[], cursor: PageCursor, limit: number): Row[] {
  return rows
    .filter((r) => r.at <= cursor.at)
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
    .slice(0, limit);
}

function readAll(rows: readonly Row[], size: number): Row[][] {
  const pages: Row[][] = [];
  let cursor: PageCursor | undefined = firstCursor('desc');
  while (cursor && pages.length < 10_000) {
    const page: Page<Row> = pageOf(storeAnswer(rows, cursor, rowsToAsk(cursor, size)), cursor, size, (r) => r);
    pages.push(page.rows);
    cursor = page.next && decodeCursor(encodeCursor(page.next), 'desc');
  }
  return pages;
}

describe('paging by a timestamp', () => {
  it('shows every row exactly once, in order, however many share a timestamp', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'c', 'd', '1') })), {
          selector: ([, id]) => id,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 7 }),
        (made, size) => {
          const rows = made.map(([t, id]) => ({ id, at: `2026-01-0${t + 1}T00:00:00.000Z` }));
          const pages = readAll(rows, size);
          const seen = pages.flat();
          expect(seen.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
          expect(pages.every((p) => p.length <= size)).toBe(true);
          for (let i = 1; i < seen.length; i++) expect((seen[i] as Row).at <= (seen[i - 1] as Row).at).toBe(true);
        },
      ),
    );
  });

  it('says there is no next page when the last one was full but nothing follows', () => {
    const rows = [
      { id: 'a', at: '2026-01-02' },
      { id: 'b', at: '2026-01-01' },
    ];
    expect(pageOf(rows, firstCursor('desc'), 2, (r) => r)).toEqual({ rows });
  });

  it('reads a cursor from a URL only when it is one of ours', () => {
    const cursor = { at: '2026-01-01T00:00:00.000Z', seen: ['order-1'] };
    expect(decodeCursor(encodeCursor(cursor), 'desc')).toEqual(cursor);
    expect(decodeCursor('not-base64-json', 'desc')).toEqual(firstCursor('desc'));
    expect(decodeCursor(Buffer.from(JSON.stringify([1, []])).toString('base64url'), 'asc')).toEqual(firstCursor('asc'));
    expect(decodeCursor(Buffer.from(JSON.stringify(['x', ['<script>']])).toString('base64url'), 'desc')).toEqual(firstCursor('desc'));
    expect(decodeCursor(undefined, 'desc')).toEqual({ at: '~', seen: [] });
  });
});
