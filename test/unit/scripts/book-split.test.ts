/**
 * The measured split of a sharded book's commands (scripts/capacity/book-split.ts): what the
 * first database serves per request of every show, what a lot's database serves beyond its bid
 * scripts per Discord bid and per chat message, and what a database the show is not on gets.
 */
import { bookSplit, type MeasuredDatabase, type ShardsRecord } from '../../../scripts/capacity/book-split';

const database = (index: number, commands: number, over: Partial<MeasuredDatabase> = {}): MeasuredDatabase => ({
  index,
  commands,
  commandStats: commands,
  scripts: {},
  others: {},
  ...over,
});

const record = (databases: MeasuredDatabase[]): ShardsRecord => ({
  measuredAt: '2026-11-29',
  command: 'x',
  machine: 'x',
  discordBidsPerSecondPerLot: 100,
  chatPerSecond: 100,
  discordAckP99Ms: 1_000,
  discordBids: 2_000,
  chatMessages: 1_000,
  redisBenchmarkBidsPerSecond: null,
  databases,
});

describe('the measured split of a sharded book', () => {
  const measured = record([
    database(0, 600),
    database(1, 700, { lot: { channelId: 'a', discordBids: 1_000, chatMessages: 1_000 }, scripts: { bid: { calls: 50, commands: 400 } } }),
    database(2, 500, { lot: { channelId: 'b', discordBids: 1_000, chatMessages: 0 }, scripts: { bid: { calls: 30, commands: 300 } } }),
    database(3, 90),
  ]);

  it('counts the first database per request of every lot, and a database holding no lot the same way', () => {
    expect(bookSplit(measured).firstPerRequest).toBeCloseTo(600 / 3_000, 9);
    expect(bookSplit(measured).idlePerRequest).toBeCloseTo(90 / 3_000, 9);
  });

  it('takes a Discord bid’s share beyond the bid scripts from the lot with Discord bids alone, and a chat message’s from what the other lot served beyond that', () => {
    const split = bookSplit(measured);
    expect(split.lotBeyondBidsPerBid).toBeCloseTo((500 - 300) / 1_000, 9);
    expect(split.lotBeyondBidsPerChat).toBeCloseTo((700 - 400 - 0.2 * 1_000) / 1_000, 9);
    expect(split.measuredBidsPerCall).toBeCloseTo(3_000 / 80, 9);
  });

  it('refuses a record whose first database holds a lot, or that lacks a lot with chat or one without', () => {
    const withLotOnFirst = record([database(0, 1, { lot: { channelId: 'a', discordBids: 1, chatMessages: 0 } }), ...measured.databases.slice(1)]);
    expect(() => bookSplit(withLotOnFirst)).toThrow('first database holding no lot');
    expect(() => bookSplit(record(measured.databases.filter((d) => d.index !== 1)))).toThrow('a lot with chat');
  });
});
