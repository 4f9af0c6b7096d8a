import { decodeCursor, encodeCursor, pageOf, rowsToAsk, type PageCursor } from '../rules/paging';

interface Row {
  id: string;
  at: string;
}

const keyOf = (row: Row) => row;
const first: PageCursor = { at: '~', seen: [] };

describe('paging edge cases', () => {
  it('asks the store for the page, the ties it will skip and one more', () => {
    expect(rowsToAsk({ at: '2026-11-02', seen: ['a', 'b'] }, 10)).toBe(13);
  });

  it('skips a row already shown only when it is still at the cursor’s own time', () => {
    const cursor = { at: '2026-11-02', seen: ['a'] };
    expect(pageOf([{ id: 'a', at: '2026-11-01' }], cursor, 5, keyOf).rows).toEqual([{ id: 'a', at: '2026-11-01' }]);
  });

  it('answers an empty page and no next page when asked for none', () => {
    expect(pageOf([{ id: 'a', at: '2026-11-01' }], first, 0, keyOf)).toEqual({ rows: [] });
  });

  it('remembers as seen only the rows tied at the page’s last time, forgetting the older cursor’s', () => {
    const answered = [
      { id: 'a', at: '2026-11-03' },
      { id: 'b', at: '2026-11-02' },
      { id: 'c', at: '2026-11-02' },
      { id: 'd', at: '2026-11-01' },
    ];
    expect(pageOf(answered, { at: '2026-11-05', seen: ['z'] }, 3, keyOf).next).toEqual({ at: '2026-11-02', seen: ['b', 'c'] });
  });
});

describe('a cursor from a URL', () => {
  const raw = (content: unknown) => Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
  const ids = (count: number, length: number) => Array.from({ length: count }, (_, i) => String(i).padStart(length, 'x'));

  it('reads a cursor of up to 4,000 characters and refuses a longer one', () => {
    // 3,000 bytes of JSON are 4,000 characters of base64url.
    const sized = (bytes: number) => {
      const seen = ids(29, 100);
      const bare = JSON.stringify(['', seen]).length;
      return ['2'.repeat(bytes - bare), seen] as [string, string[]];
    };
    const atLimit = sized(3_000);
    expect(raw(atLimit)).toHaveLength(4_000);
    expect(decodeCursor(raw(atLimit), 'desc')).toEqual({ at: atLimit[0], seen: atLimit[1] });
    expect(decodeCursor(raw(sized(3_003)), 'desc')).toEqual(first);
  });

  it('reads a time of up to 40 characters and up to 200 seen ids, and refuses more', () => {
    expect(decodeCursor(raw(['1'.repeat(40), []]), 'desc')).toEqual({ at: '1'.repeat(40), seen: [] });
    expect(decodeCursor(raw(['1'.repeat(41), []]), 'desc')).toEqual(first);
    expect(decodeCursor(raw(['2026', ids(200, 3)]), 'desc')).toEqual({ at: '2026', seen: ids(200, 3) });
    expect(decodeCursor(raw(['2026', ids(201, 3)]), 'desc')).toEqual(first);
  });

  it('refuses seen ids that are not id-shaped text, even one among good ones', () => {
    expect(decodeCursor(raw(['2026', [123]]), 'desc')).toEqual(first);
    expect(decodeCursor(raw(['2026', ['x y']]), 'desc')).toEqual(first);
    expect(decodeCursor(raw(['2026', ['ok', 'x y']]), 'desc')).toEqual(first);
    expect(decodeCursor(encodeCursor({ at: '2026', seen: ['ok'] }), 'desc')).toEqual({ at: '2026', seen: ['ok'] });
  });
});
