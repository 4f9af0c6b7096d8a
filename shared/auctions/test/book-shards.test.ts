/** A channel's auction book always on the same database, channels spread evenly across the databases. */
import { bookDatabaseOf } from '../rules/book-shards';

const channels = Array.from({ length: 4_000 }, (_, i) => String(900_000_000_000_000_000n + BigInt(i * 7_919)));

describe('the database a channel’s auction book is on', () => {
  it('is the only one when there is one', () => {
    expect(channels.every((c) => bookDatabaseOf(c, 1) === 0)).toBe(true);
  });

  it('is the same for a channel every time it is asked', () => {
    expect(channels.map((c) => bookDatabaseOf(c, 4))).toEqual(channels.map((c) => bookDatabaseOf(c, 4)));
  });

  it('is FNV-1a of the channel id modulo the databases, stable across releases', () => {
    // FNV-1a 32 of "a" is 0xe40c292c, of "" the offset basis 0x811c9dc5.
    expect(bookDatabaseOf('a', 1_000_000_007)).toBe(0xe40c292c % 1_000_000_007);
    expect(bookDatabaseOf('', 1_000_000_007)).toBe(0x811c9dc5 % 1_000_000_007);
    expect(bookDatabaseOf('foobar', 2 ** 32 - 1)).toBe(0xbf9cf968 % (2 ** 32 - 1));
  });

  it('spreads channels evenly: each of 4 databases holds a quarter of them, give or take 10 %', () => {
    const counts = [0, 0, 0, 0];
    for (const c of channels) counts[bookDatabaseOf(c, 4)]! += 1;
    for (const count of counts) expect(Math.abs(count - 1_000)).toBeLessThan(100);
  });

  it('is always one of the databases', () => {
    for (const databases of [1, 2, 3, 7]) for (const c of channels.slice(0, 200)) expect(bookDatabaseOf(c, databases)).toBeLessThan(databases);
  });

  it('refuses no databases, a fraction of one, or a negative count', () => {
    expect(() => bookDatabaseOf('c', 0)).toThrow(new RangeError('a book needs at least one database'));
    expect(() => bookDatabaseOf('c', 1.5)).toThrow(RangeError);
    expect(() => bookDatabaseOf('c', -2)).toThrow(RangeError);
  });
});
