/**
 * How long a server's minute tallies are kept (`tallyKeptMs`): the dashboard's show page
 * reads the last hour, so a minute stays readable for two hours and is then forgotten, as
 * Redis lets the key expire.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { tallyKeptMs } from '../auction-book';

const start = Date.UTC(2026, 10, 26, 20, 0, 0);
const minutes = (n: number) => n * 60_000;

async function bookWithOneMinute(): Promise<InMemoryAuctionBook> {
  const book = new InMemoryAuctionBook();
  await book.tallyBid('g1', start, { accepted: 3 });
  return book;
}

describe('a server’s minute tally of bids', () => {
  it('is kept two hours: the show page reads the last one', () => {
    expect(tallyKeptMs).toBe(minutes(120));
  });

  it('is still read an hour and fifty-nine minutes later, when another minute is counted', async () => {
    const book = await bookWithOneMinute();
    await book.tallyBid('g1', start + minutes(119), { accepted: 1 });
    expect(await book.tallies('g1', start, start + minutes(1))).toEqual([{ minuteMs: start, counts: { accepted: 3 } }]);
  });

  it('is forgotten once two hours have passed and another minute is counted', async () => {
    const book = await bookWithOneMinute();
    await book.tallyBid('g1', start + minutes(121), { accepted: 1 });
    expect(await book.tallies('g1', start, start + minutes(1))).toEqual([]);
  });
});
