/**
 * A herd of bids through the local runtime as `npm start` runs it: the ingress and the bid
 * subscriber in processes of their own, the bus handing the subscriber no more than its
 * registry concurrency at once. Every bid is answered, none is told the auction could not
 * be reached while Redis is up, and the book ends as the bids decided it. (How fast is for
 * `npm run bench:auction`, never a test.)
 */
import { auctionPath, type Auction } from '../../shared/auctions';
import { functionRegistry, subscriptionName, type PubSubFunctionEntry } from '../../shared/registry';
import { snowflake } from '../support/interactions';
import { textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import { auctionWorld, bidCommand, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';

const bidSubscriber = functionRegistry.find((e): e is PubSubFunctionEntry => e.name === 'auctionBids') as PubSubFunctionEntry;

describe('a herd of bids', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;

  beforeEach(async () => {
    ({ rt, clock, builder } = await auctionWorld());
  });
  afterEach(() => rt.close());

  it('is answered in full through the ingress and subscriber processes, within the subscriber’s concurrency', async () => {
    expect(rt.processes.map((p) => p.role)).toEqual(expect.arrayContaining(['ingress', 'subscribers']));
    await startAuction(rt, builder, { price: 25, duration: '10m' });
    const auction = await liveAuction(rt, builder);
    // Distinct bidders and distinct maxes: exactly one highest among those accepted. All new
    // bidders, so every max stays within the default new-bidder limit ($500).
    const bids = Array.from({ length: 400 }, (_, i) => bidCommand(snowflake(), 25 + i, { max: 100 + i }));
    const answers = await Promise.all(bids.map(async (b) => ((await (await rt.sendInteraction(b)).json()) as { type: number }).type));
    expect(answers.every((type) => type === 5)).toBe(true);
    await rt.settle();

    const firstAnswers = bids.map((b) => textOf(rt.edits(b.token)[0]?.message ?? {}));
    expect(firstAnswers.filter((text) => text === '')).toHaveLength(0);
    expect(firstAnswers.filter((text) => /couldn’t reach|try again/.test(text))).toHaveLength(0);
    expect(rt.bus.deadLetters).toHaveLength(0);
    const stats = rt.bus.stats().find((s) => s.subscription === subscriptionName(bidSubscriber));
    expect(stats).toMatchObject({ concurrency: bidSubscriber.concurrency, delivered: 400, inFlight: 0, waiting: 0 });
    expect(stats?.peakInFlight).toBeLessThanOrEqual(bidSubscriber.concurrency);

    await runToHammer(rt, clock, auction.auctionId);
    const closed = (await rt.store.get(auctionPath(auction.auctionId))) as Auction;
    const accepted = bids.filter((_, i) => /You lead|Outbid at once/.test(firstAnswers[i] as string));
    expect(accepted.length).toBeGreaterThan(0);
    expect(closed.bidCount).toBe(accepted.length);
    // Maxes rise with the bid's place, so the last accepted bid holds the highest accepted max.
    expect(closed.winner?.bidderId).toBe(accepted[accepted.length - 1]?.member?.user.id);
  }, 60_000);
});
