/**
 * A bidder's strikes, and the ban they made, end a year after the last strike, on the local
 * clock moved forward; a record struck before the strike's time was kept counts its year from
 * when the sweep first reads it.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import type { AuctionBook } from '../../ports';
import { bidderPath, type BidderRecord } from '../rules/auction';
import { strikeYearDays, sweepStrikes } from '../use-cases/sweep-strikes';

const day = 86_400_000;
const struckAt = '2026-11-20T12:00:00.000Z';

function world() {
  const clock = new LocalClock({ now: () => new Date(struckAt) });
  const store = new LocalDocumentStore();
  const banned = new Set<string>();
  // Only what the sweep asks of the book.
  const book = { ban: async (id: string) => void banned.add(id), unban: async (id: string) => void banned.delete(id) } as unknown as AuctionBook;
  return { clock, store, banned, sweep: () => sweepStrikes({ store, book, clock }) };
}

const record = (bidderId: string, over: Partial<BidderRecord> = {}): BidderRecord => ({
  bidderId,
  strikes: 2,
  strikeOrders: ['o1', 'o2'],
  banned: true,
  bannedAt: struckAt,
  lastStrikeAt: struckAt,
  ...over,
});

describe('the retention sweep’s part for strikes', () => {
  it('GIVEN a bidder banned for two strikes THEN the ban stands a day before the year is out and ends with the strikes a day after', async () => {
    const w = world();
    await w.store.set(bidderPath('bob'), record('bob'));
    w.banned.add('bob');
    w.clock.advance(strikeYearDays * day - day);
    expect(await w.sweep()).toEqual({ ended: [], stamped: 0, failed: [] });
    expect(w.banned.has('bob')).toBe(true);
    w.clock.advance(2 * day);
    expect(await w.sweep()).toEqual({ ended: ['bob'], stamped: 0, failed: [] });
    expect(await w.store.get(bidderPath('bob'))).toBeUndefined();
    expect(w.banned.has('bob')).toBe(false);
    expect(await w.sweep()).toEqual({ ended: [], stamped: 0, failed: [] });
  });

  it('GIVEN a struck bidder who has paid for an order THEN their strikes end and their trust stays', async () => {
    const w = world();
    await w.store.set(
      bidderPath('ann'),
      record('ann', { banned: false, strikes: 1, strikeOrders: ['o1'], bannedAt: undefined, trustedAt: struckAt, trustedByOrder: 'o9' }),
    );
    w.clock.advance(strikeYearDays * day + day);
    expect((await w.sweep()).ended).toEqual(['ann']);
    expect(await w.store.get(bidderPath('ann'))).toEqual({
      bidderId: 'ann',
      strikes: 0,
      strikeOrders: [],
      banned: false,
      trustedAt: struckAt,
      trustedByOrder: 'o9',
    });
  });

  it('GIVEN a record struck before the strike’s time was kept THEN its year runs from the sweep’s first read of it, and an unstruck one is left as it is', async () => {
    const w = world();
    const { lastStrikeAt: _none, ...old } = record('cyd');
    void _none;
    await w.store.set(bidderPath('cyd'), old);
    await w.store.set(bidderPath('dee'), { bidderId: 'dee', strikes: 0, strikeOrders: [], banned: false, trustedAt: struckAt });
    w.clock.advance(30 * day);
    const firstRead = w.clock.now().toISOString();
    expect(await w.sweep()).toEqual({ ended: [], stamped: 1, failed: [] });
    expect(await w.store.get(bidderPath('cyd'))).toEqual({ ...old, lastStrikeAt: firstRead });
    expect(await w.store.get(bidderPath('dee'))).toEqual({ bidderId: 'dee', strikes: 0, strikeOrders: [], banned: false, trustedAt: struckAt });
    w.clock.advance(strikeYearDays * day - day);
    expect((await w.sweep()).ended).toEqual([]);
    w.clock.advance(2 * day);
    expect(await w.sweep()).toEqual({ ended: ['cyd'], stamped: 0, failed: [] });
  });
});
