/** A channel's auction book always on the same database, channels spread evenly, and a new database taking few of them. */
import fc from 'fast-check';
import { bookDatabaseOf } from '../rules/book-shards';

const channels = Array.from({ length: 4_000 }, (_, i) => String(900_000_000_000_000_000n + BigInt(i * 7_919)));
const snowflake = fc.bigInt({ min: 100_000_000_000_000_000n, max: 2n ** 63n - 1n }).map(String);
const channelSets = fc.uniqueArray(snowflake, { minLength: 2_000, maxLength: 2_000 });

describe('the database a channel’s auction book is on', () => {
  it('is the only one when there is one', () => {
    expect(channels.every((c) => bookDatabaseOf(c, 1) === 0)).toBe(true);
  });

  it('is the same for a channel every time it is asked, whatever the channel', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 16 }),
        (channel, databases) => bookDatabaseOf(channel, databases) === bookDatabaseOf(channel, databases),
      ),
    );
  });

  it('is pinned: the same channels land on the same databases in every release', () => {
    expect(['', 'a', 'foobar', '1180000000000000000', '1180000000000000001'].map((c) => bookDatabaseOf(c, 4))).toEqual(PINNED);
  });

  it('is always one of the databases', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (channel, databases) => bookDatabaseOf(channel, databases) < databases));
  });

  it('spreads any 2,000 channels over 2 to 8 databases, each holding its share give or take a third', () => {
    fc.assert(
      fc.property(channelSets, fc.integer({ min: 2, max: 8 }), (set, databases) => {
        const counts = new Array<number>(databases).fill(0);
        for (const c of set) counts[bookDatabaseOf(c, databases)]! += 1;
        const share = set.length / databases;
        return counts.every((count) => Math.abs(count - share) < share / 3);
      }),
      // A failure ends the run at once: shrinking a set of 2,000 channels takes minutes (a mutant then times out instead of failing).
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('moves only the channels the new database takes when one is added: none between the old ones, about 1 in n+1', () => {
    fc.assert(
      fc.property(channelSets, fc.integer({ min: 1, max: 7 }), (set, databases) => {
        let moved = 0;
        for (const c of set) {
          const before = bookDatabaseOf(c, databases);
          const after = bookDatabaseOf(c, databases + 1);
          if (after !== before) {
            if (after !== databases) return false;
            moved += 1;
          }
        }
        const expected = set.length / (databases + 1);
        return Math.abs(moved - expected) < expected / 3;
      }),
      // A failure ends the run at once: shrinking a set of 2,000 channels takes minutes (a mutant then times out instead of failing).
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('refuses no databases, a fraction of one, or a negative count', () => {
    expect(() => bookDatabaseOf('c', 0)).toThrow(new RangeError('a book needs at least one database'));
    expect(() => bookDatabaseOf('c', 1.5)).toThrow(RangeError);
    expect(() => bookDatabaseOf('c', -2)).toThrow(RangeError);
  });
});

// Written from the rule when it was made: a change here moves live books between databases.
const PINNED = [3, 0, 2, 2, 1];
