/**
 * The bid subscriber's part of the probe: the bid goes to the book on the probe's empty lot,
 * the decision is kept for the probe, and nothing fails the delivery.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { decideProbeBid, probeInteraction } from '../index';
import type { AuctionBook } from '../../ports';
import { probeBidsPerMinute } from '../rules/probe-rate';

const clock = { now: () => new Date('2026-11-28T04:00:00Z') };
const bid = () => probeInteraction('bid', clock.now().getTime(), Math.floor(Math.random() * 1000));

describe('the probe’s bid at the bid subscriber', () => {
  it('is decided not-found by the book (the probe’s lot holds no auction) and the decision kept', async () => {
    const book = new InMemoryAuctionBook();
    const interaction = bid();
    await decideProbeBid({ book, clock }, interaction);
    expect(await book.probeDecision(interaction.id)).toBe('not-found');
  });

  it('keeps book-unavailable when the book refuses the bid', async () => {
    const inner = new InMemoryAuctionBook();
    const book: AuctionBook = Object.assign(Object.create(inner) as AuctionBook, { placeBid: () => Promise.reject(new Error('timeout')) });
    const interaction = bid();
    await decideProbeBid({ book, clock }, interaction);
    expect(await inner.probeDecision(interaction.id)).toBe('book-unavailable');
  });

  it('acknowledges the delivery when the decision cannot be kept: a probe bid is never redelivered or dead-lettered', async () => {
    const book: AuctionBook = Object.assign(Object.create(new InMemoryAuctionBook()) as AuctionBook, {
      placeBid: () => Promise.reject(new Error('down')),
      noteProbeDecision: () => Promise.reject(new Error('down')),
    });
    await expect(decideProbeBid({ book, clock }, bid())).resolves.toBeUndefined();
  });

  it('refuses as poison a probe-bid job that is not the probe’s bid on its own lot', async () => {
    const moved = { ...bid(), channel_id: '910000000000000001' };
    await expect(decideProbeBid({ book: new InMemoryAuctionBook(), clock }, moved)).rejects.toThrow(/probe’s lot/);
  });

  it('GIVEN 300 probe bids in one minute THEN the book decides the first twelve and keeps nothing of the rest', async () => {
    const book = new InMemoryAuctionBook();
    const placed: string[] = [];
    const counting: AuctionBook = Object.assign(Object.create(book) as AuctionBook, {
      placeBid: (...args: Parameters<AuctionBook['placeBid']>) => (placed.push(args[1].bidId), book.placeBid(...args)),
    });
    const bids = Array.from({ length: 300 }, (_, i) => probeInteraction('bid', clock.now().getTime(), i));
    for (const interaction of bids) await decideProbeBid({ book: counting, clock }, interaction);
    expect(placed).toEqual(bids.slice(0, probeBidsPerMinute).map((b) => b.id));
    expect(await book.probeDecision(bids[probeBidsPerMinute - 1]!.id)).toBe('not-found');
    expect(await book.probeDecision(bids[probeBidsPerMinute]!.id)).toBeUndefined();
  });

  it('decides a probe bid again in the next minute, the count starting over', async () => {
    const book = new InMemoryAuctionBook();
    let now = clock.now().getTime();
    const moving = { now: () => new Date(now) };
    for (let i = 0; i <= probeBidsPerMinute; i += 1) await decideProbeBid({ book, clock: moving }, probeInteraction('bid', now, i));
    now += 60_000;
    const next = probeInteraction('bid', now, 500);
    await decideProbeBid({ book, clock: moving }, next);
    expect(await book.probeDecision(next.id)).toBe('not-found');
  });

  it('lets the bid meet the book when Redis cannot count it: the book’s own answer says what is wrong', async () => {
    const inner = new InMemoryAuctionBook();
    const book: AuctionBook = Object.assign(Object.create(inner) as AuctionBook, { countProbeBid: () => Promise.reject(new Error('down')) });
    const interaction = bid();
    await decideProbeBid({ book, clock }, interaction);
    expect(await inner.probeDecision(interaction.id)).toBe('not-found');
  });
});
