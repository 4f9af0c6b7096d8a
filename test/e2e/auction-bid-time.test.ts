/**
 * A bid is judged at the moment Discord received it (its interaction id's time), not when
 * a subscriber got to it: through the local runtime, with bids made at one moment and
 * delivered at another, as a busy Pub/Sub or a redelivery would hand them over. These
 * auctions run with no stream delay and the least final call (5 s), so the hammer is 5 s
 * after the stated end; the final call has its own tests (auction-final-call).
 */
import { auctionPath } from '../../shared/auctions';
import { snowflake } from '../support/interactions';
import { postsIn, textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import { AUCTION_CHANNEL, auctionWorld, bidCommand, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';

describe('a bid judged at the moment it was made', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;

  beforeEach(async () => {
    ({ rt, clock, builder } = await auctionWorld());
  });
  afterEach(() => rt.close());

  /** A bid made at `madeAtMs` (its id says so) that reaches the runtime at `deliveredAtMs`. */
  async function bidMadeThenDelivered(userId: string, amount: number, madeAtMs: number, deliveredAtMs: number): Promise<string> {
    clock.ms = madeAtMs;
    const interaction = bidCommand(userId, amount);
    clock.ms = deliveredAtMs;
    const res = await rt.sendInteraction(interaction);
    expect(((await res.json()) as { type: number }).type).toBe(5);
    await rt.settle();
    return textOf(rt.edits(interaction.token).pop()?.message ?? {});
  }

  const quick = { price: 25, duration: '30s', 'stream-delay': 0, 'final-call': 5 };

  it('counts a bid made 1 s before the final call’s end and delivered 1 s after it, and refuses one made 1 s after', async () => {
    await startAuction(rt, builder, { ...quick, 'sudden-death': true });
    const auction = await liveAuction(rt, builder);
    const close = Date.parse(auction.endsAt) + 5_000;
    const [intime, late] = [snowflake(), snowflake()];

    expect(await bidMadeThenDelivered(intime, 30, close - 1_000, close + 1_000)).toContain('Your bid is in for the final call');
    expect(await bidMadeThenDelivered(late, 60, close + 1_000, close + 1_500)).toContain('Auction closed');

    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({
      status: 'awaiting-payment',
      bidCount: 1,
      // A sealed bid is a max: alone, it pays the shown price (the start).
      winner: { bidderId: intime, priceCents: 2_500 },
    });
    expect(postsIn(rt, AUCTION_CHANNEL).map(textOf).join('\n')).toContain(`<@${intime}> for **$25.00**`);
  });

  it('refuses a bid made before the final call’s end that arrives after the settle window has passed', async () => {
    await startAuction(rt, builder, { ...quick, 'sudden-death': true });
    const close = Date.parse((await liveAuction(rt, builder)).endsAt) + 5_000;
    expect(await bidMadeThenDelivered(snowflake(), 30, close - 1_000, close + rt.config.auctions.settleMs)).toContain('Auction closed');
  });

  it('waits out the settle window before the hammer freezes the book', async () => {
    await startAuction(rt, builder, { ...quick, 'sudden-death': true });
    const auction = await liveAuction(rt, builder);
    const close = Date.parse(auction.endsAt) + 5_000;
    clock.ms = close;
    await rt.tasks.runDueNow();
    await rt.settle();
    // At the final call's end itself the hammer's task is not yet due: a bid made in time may still be on its way.
    expect((await liveAuction(rt, builder)).status).toBe('live');
    expect(await bidMadeThenDelivered(snowflake(), 30, close - 500, close + 1_500)).toContain('Your bid is in for the final call');
    await runToHammer(rt, clock, auction.auctionId);
    expect((await liveAuction(rt, builder)).status).toBe('awaiting-payment');
  });

  it('extends a soft close from the late-delivered bid’s own time, and the hammer for the old end does nothing', async () => {
    await startAuction(rt, builder, { ...quick, 'counter-bid': 10 });
    const auction = await liveAuction(rt, builder);
    const end = Date.parse(auction.endsAt);
    // Made 3 s before the end, delivered 2 s later (still before it): 10 s from when it was made, to a whole second.
    expect(await bidMadeThenDelivered(snowflake(), 30, end - 3_000, end - 1_000)).toContain('You lead');
    const board = (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as { endsAt: string };
    expect(Date.parse(board.endsAt)).toBe(Math.ceil((end - 3_000 + 10_000) / 1_000) * 1_000);
    // The old end's final call and hammer come due, and do nothing.
    clock.ms = end + 5_000 + rt.config.auctions.settleMs;
    await rt.tasks.runDueNow();
    await rt.settle();
    expect((await liveAuction(rt, builder)).status).toBe('live');
    // A bid made after the original end but before the new one still counts, in the open.
    expect(await bidMadeThenDelivered(snowflake(), 40, end + 2_000, end + 2_100)).toContain('You lead');
    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ status: 'awaiting-payment', bidCount: 2, priceCents: 4_000 });
  });
});
