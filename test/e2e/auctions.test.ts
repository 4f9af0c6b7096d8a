/**
 * Live auctions end to end on the local runtime and a real Redis: start, bids by command
 * and button, proxy bids, the throttled embed, counter-bids, the hammer, the winner's
 * checkout, second chances, strikes, cancel and the overlay.
 */
import { auctionPath, auctionsCollection, bidderPath, historyChunkPath, type Auction } from '../../shared/auctions/rules/auction';
import { ordersCollection } from '../../shared/orders';
import { buttonPress, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkIn, pay, postsIn, say, sessions, textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import {
  AUCTION_CHANNEL,
  auctionWorld,
  bid,
  bidButtons,
  bidCommand,
  embedHistory,
  latestEmbed,
  liveAuction,
  pressBid,
  runToHammer,
  startAuction,
  type TestClock,
} from '../support/auctions';
import { localTasksCollection } from '../../shared/local/cloud-tasks/task-queue';
import { personPseudonym } from '../../shared/log';

describe('live auctions', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;

  beforeEach(async () => {
    ({ rt, clock, builder } = await auctionWorld());
  });
  afterEach(() => rt.close());
  const answerOfBid = (interaction: ReturnType<typeof bidCommand>) => answerOf(rt, interaction);

  it('starts an auction: the embed with bid buttons is posted and the hammer is scheduled for its end', async () => {
    const answer = await startAuction(rt, builder, { price: 25, duration: '90s' });
    const auction = await liveAuction(rt, builder);
    expect(textOf(answer)).toContain(`Auction id \`${auction.auctionId}\``);
    expect(auction).toMatchObject({ status: 'live', startCents: 2500, counterBidSeconds: 10, suddenDeath: false, channelId: AUCTION_CHANNEL });
    const embed = latestEmbed(rt, auction);
    expect(textOf(embed)).toContain('Tofu65 in e-white');
    expect(bidButtons(embed).map((b) => b.label)).toEqual(['Bid $25.00', '$27.00', '$30.00']);
    const task = await rt.store.query(localTasksCollection, { where: [['name', '==', `hammer-${auction.auctionId}-v0`]] });
    expect(task).toHaveLength(1);
    // After the sealed final call (20 s for the stream delay nobody set: 15 s, Twitch's normal latency) and the settle window: bids made in time but still on their way count.
    expect(auction).toMatchObject({ streamDelaySeconds: 15, finalCallSeconds: 20 });
    expect(Date.parse((task[0]?.data as { runAt: string }).runAt)).toBe(Date.parse(auction.endsAt) + 20_000 + 2_000);
    // And the final call's start, at the stated end: chat is told.
    const call = await rt.store.query(localTasksCollection, { where: [['name', '==', `final-call-${auction.auctionId}-v0`]] });
    expect(Date.parse((call[0]?.data as { runAt: string }).runAt)).toBe(Date.parse(auction.endsAt));
  });

  it('refuses a builder who cannot be paid yet, and names every wrong option at once without starting anything', async () => {
    expect(textOf(await startAuction(rt, snowflake()))).toContain('/c500 onboard');
    const wrong = await startAuction(rt, builder, { price: '12.345', duration: '90', reserve: 10 });
    expect(textOf(wrong)).toMatch(/price.*more than two decimals/s);
    expect(textOf(wrong)).toContain('`90s`');
    expect(await rt.store.query(auctionsCollection)).toHaveLength(0);
  });

  it('allows one live auction per channel and says which one is running', async () => {
    await startAuction(rt, builder);
    const first = await liveAuction(rt, builder);
    expect(textOf(await startAuction(rt, builder, { item: 'Second board' }))).toContain(first.auctionId);
  });

  it('answers a bid of "12.345" or "-5" at once with what to type, and places nothing', async () => {
    await startAuction(rt, builder);
    for (const amount of ['12.345', '-5']) {
      const res = await rt.sendInteraction(bidCommand(snowflake(), amount));
      const body = (await res.json()) as { type: number; data: { content: string; flags: number } };
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      expect(body.data.content).toMatch(/two decimals|negative/);
    }
    const tooLowMax = await rt.sendInteraction(bidCommand(snowflake(), 30, { max: 20 }));
    expect(((await tooLowMax.json()) as { data: { content: string } }).data.content).toContain('max');
    await rt.settle();
    const board = await (await fetch(`${rt.url}/overlay/auction/${(await liveAuction(rt, builder)).auctionId}`)).json();
    expect(board).toMatchObject({ bidCount: 0, leader: null });
  });

  it('edits each bidder’s answer: leading, too low, and outbid later without a DM', async () => {
    await startAuction(rt, builder, { price: 25 });
    const [ann, bo] = [snowflake(), snowflake()];
    const annBid = bidCommand(ann, 25);
    await rt.sendInteraction(annBid);
    await rt.settle();
    expect(textOf(rt.edits(annBid.token).pop()?.message ?? {})).toContain('You lead at **$25.00**');
    expect(textOf(await bid(rt, bo, 25.5))).toContain('Too low: the next minimum is **$26.00**');
    // A second later: one bidder's bids within a second are told to slow down.
    clock.advance(1_000);
    expect(textOf(await bid(rt, bo, 26))).toContain('You lead at **$26.00**');
    expect(textOf(rt.edits(annBid.token).pop()?.message ?? {})).toContain('You’ve been outbid');
    expect(dmsTo(rt, ann)).toHaveLength(0);
  });

  it('leaves a leader’s answer alone once their token is past its 15 minutes: no edit Discord would refuse with 401', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1h' });
    const [ann, bo] = [snowflake(), snowflake()];
    const annBid = bidCommand(ann, 25);
    expect(textOf(await answerOfBid(annBid))).toContain('You lead');
    clock.advance(16 * 60_000);
    expect(textOf(await bid(rt, bo, 26))).toContain('You lead at **$26.00**');
    expect(rt.edits(annBid.token).map((e) => textOf(e.message))).toEqual([expect.stringContaining('You lead at **$25.00**')]);
    expect(rt.outbox.refused).toEqual([]);
  });

  it('GIVEN a lot sold THEN no bidder’s answer still says they lead or when bidding ends: each says the result', async () => {
    await startAuction(rt, builder, { price: 20, duration: '90s' });
    const auction = await liveAuction(rt, builder);
    const [bo, dee] = [snowflake(), snowflake()];
    const boBid = buttonPress(bidButtons(latestEmbed(rt, auction))[0]?.customId as string, bo, { channelId: AUCTION_CHANNEL });
    expect(textOf(await answerOf(rt, boBid))).toContain('You lead');
    clock.advance(1_000);
    await rt.settle();
    const deeBid = buttonPress(bidButtons(latestEmbed(rt, auction))[0]?.customId as string, dee, { channelId: AUCTION_CHANNEL });
    expect(textOf(await answerOf(rt, deeBid))).toContain('You lead');
    await runToHammer(rt, clock, auction.auctionId);
    const lastOf = (token: string) => textOf(rt.edits(token).pop()?.message ?? {});
    expect(lastOf(deeBid.token)).toContain('You won');
    expect(lastOf(boBid.token)).toContain('sold for');
    for (const token of [boBid.token, deeBid.token]) expect(lastOf(token)).not.toMatch(/You lead|Bidding ends/);
  });

  it('bids for a max bidder one step at a time, like eBay', async () => {
    await startAuction(rt, builder, { price: 25 });
    const [ann, bo] = [snowflake(), snowflake()];
    expect(textOf(await bid(rt, ann, 25, { max: 40 }))).toContain('We’ll bid for you up to $40.00');
    expect(textOf(await bid(rt, bo, 30))).toContain('Outbid at once');
    const board = await (await fetch(`${rt.url}/overlay/auction/${(await liveAuction(rt, builder)).auctionId}`)).json();
    expect(board).toMatchObject({ price: '$32.00', bidCount: 2 });
  });

  it('bids exactly what a button shows', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const [, plusTwo] = bidButtons(latestEmbed(rt, auction));
    expect(textOf(await pressBid(rt, snowflake(), plusTwo?.customId as string))).toContain('You lead at **$27.00**');
  });

  it('edits the embed at most once a second however many bid, and the last state always shows', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const posted = embedHistory(rt, auction).length;
    const bids = Array.from({ length: 40 }, (_, i) => bidCommand(snowflake(), 25 + i));
    await Promise.all(bids.map((b) => rt.sendInteraction(b)));
    await rt.settle();
    expect(embedHistory(rt, auction).length - posted).toBe(1); // the leading edit
    clock.advance(1_000);
    await rt.tasks.runDueNow();
    await rt.settle();
    const edits = embedHistory(rt, auction).slice(posted);
    expect(edits).toHaveLength(2); // plus one trailing edit, never one per bid
    const board = (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as { price: string; bidCount: number };
    expect(textOf(latestEmbed(rt, auction))).toContain(`Price\n${board.price}\nLeader`);
    expect(textOf(latestEmbed(rt, auction))).toContain(`Bids\n${board.bidCount}\n`);
  });

  it('puts time back on the clock for a late bid, and the hammer for the old end does nothing', async () => {
    await startAuction(rt, builder, { price: 25, duration: '30s' });
    const auction = await liveAuction(rt, builder);
    clock.advance(25_000);
    await bid(rt, snowflake(), 25);
    const board = (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as { endsAt: string; status: string };
    expect(Date.parse(board.endsAt)).toBeGreaterThan(Date.parse(auction.endsAt));
    expect(await rt.store.query(localTasksCollection, { where: [['name', '==', `hammer-${auction.auctionId}-v1`]] })).toHaveLength(1);
    clock.ms = Date.parse(auction.endsAt);
    await rt.tasks.runDueNow();
    await rt.settle();
    expect((await liveAuction(rt, builder)).status).toBe('live');
    await runToHammer(rt, clock, auction.auctionId);
    expect((await liveAuction(rt, builder)).status).toBe('awaiting-payment');
  });

  it('never extends a sudden-death auction: its final call starts at the stated end, and closes at the final call’s', async () => {
    // No stream delay, the least final call (the final call's own tests are in auction-final-call).
    await startAuction(rt, builder, { price: 25, duration: '30s', 'sudden-death': true, 'stream-delay': 0, 'final-call': 5 });
    clock.advance(29_000);
    await bid(rt, snowflake(), 25);
    clock.advance(1_000);
    expect(textOf(await bid(rt, snowflake(), 40))).toContain('Your bid is in for the final call');
    clock.advance(5_000);
    expect(textOf(await bid(rt, snowflake(), 60))).toContain('Auction closed');
  });

  it('drops the hammer: result and full bid history in Firestore, the result posted, the winner’s checkout by DM, once however often it fires', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const [ann, bo] = [snowflake(), snowflake()];
    await bid(rt, ann, 25);
    await bid(rt, bo, 30, { max: 50 });
    clock.advance(1_000);
    await bid(rt, ann, 40);
    await runToHammer(rt, clock, auction.auctionId);
    // The hammer delivered again, by hand, as Cloud Tasks may.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${rt.url}/tasks/auction-close`, { method: 'POST', body: JSON.stringify({ auctionId: auction.auctionId, version: 0 }) });
      expect(res.status).toBe(200);
    }
    await rt.settle();
    const closed = (await rt.store.get(auctionPath(auction.auctionId))) as Auction;
    expect(closed).toMatchObject({ status: 'awaiting-payment', bidCount: 3, priceCents: 4200, winner: { bidderId: bo, priceCents: 4200 }, historyChunks: 1 });
    const history = await rt.store.get(historyChunkPath(auction.auctionId, 0));
    expect(history?.bids.map((b) => b.bidderId)).toEqual([ann, bo, ann]);
    expect(postsIn(rt, AUCTION_CHANNEL).filter((p) => textOf(p).includes('SOLD'))).toHaveLength(1);
    expect(dmsTo(rt, bo)).toHaveLength(1);
    expect(textOf(dmsTo(rt, bo)[0] ?? {})).toContain('You won Tofu65 in e-white');
    expect((await sessions(rt)).filter((s) => s.metadata.auction_id === auction.auctionId)).toHaveLength(1);
    // A winner who cancels the checkout is told about the pay window and the runner-up, not a drop.
    const won = (await sessions(rt)).find((s) => s.metadata.auction_id === auction.auctionId) as unknown as { cancel_url: string };
    expect(new URL(won.cancel_url).searchParams.get('kind')).toBe('auction');
    const cancelPage = await (await fetch(`${rt.url}/checkout/cancel?order=x&kind=auction`)).text();
    expect(cancelPage).toContain('offered to the next bidder');
    expect(textOf(latestEmbed(rt, auction))).toContain(`Sold to <@${bo}> for $42.00`);

    await pay(rt, linkIn(dmsTo(rt, bo)[0] ?? {}));
    expect((await rt.store.get(auctionPath(auction.auctionId)))?.status).toBe('paid');
  });

  it('settles an auction whose hammer task gave up during an outage, when the sweep runs, once however often it runs', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const bo = snowflake();
    await bid(rt, bo, 30);
    // Cloud Tasks dropped the hammer after its last retry: here, the task is simply gone.
    expect(await rt.tasks.cancel('auction-close', `hammer-${auction.auctionId}-v0`)).toBe(true);
    clock.ms = Date.parse(auction.endsAt) + rt.config.auctions.settleMs + 60_000;
    expect(await rt.runScheduled('auctionSweep')).toEqual({ status: 200, body: { settled: [], lost: [], failed: [] } });
    expect((await rt.store.get(auctionPath(auction.auctionId)))?.status).toBe('live');

    clock.advance(5 * 60_000);
    expect(await rt.runScheduled('auctionSweep')).toEqual({ status: 200, body: { settled: [auction.auctionId], lost: [], failed: [] } });
    expect(await rt.runScheduled('auctionSweep')).toEqual({ status: 200, body: { settled: [], lost: [], failed: [] } });
    await rt.settle();
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({
      status: 'awaiting-payment',
      winner: { bidderId: bo, priceCents: 3000 },
      historyChunks: 1,
    });
    expect(postsIn(rt, AUCTION_CHANNEL).filter((p) => textOf(p).includes('SOLD'))).toHaveLength(1);
    expect(dmsTo(rt, bo)).toHaveLength(1);
    // The channel is free for the next auction.
    expect(textOf(await bid(rt, snowflake(), 60))).toContain('no live auction in this channel');
  });

  it('ends unsold with no bids, or with the reserve not met', async () => {
    await startAuction(rt, builder, { price: 25 });
    const quiet = await liveAuction(rt, builder);
    await runToHammer(rt, clock, quiet.auctionId);
    expect(await rt.store.get(auctionPath(quiet.auctionId))).toMatchObject({ status: 'unsold', unsoldReason: 'no-bids' });
    expect(textOf(postsIn(rt, AUCTION_CHANNEL).pop() ?? {})).toContain('nobody bid');

    await startAuction(rt, builder, { price: 25, reserve: 100 });
    const reserved = await liveAuction(rt, builder);
    await bid(rt, snowflake(), 50);
    await runToHammer(rt, clock, reserved.auctionId);
    expect(await rt.store.get(auctionPath(reserved.auctionId))).toMatchObject({ status: 'unsold', unsoldReason: 'reserve-not-met' });
  });

  it('offers a second chance to the runner-up at their own last bid when the winner does not pay, and strikes the winner', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const [winner, second, third] = [snowflake(), snowflake(), snowflake()];
    await bid(rt, third, 25);
    await bid(rt, second, 30);
    await bid(rt, winner, 45);
    await runToHammer(rt, clock, auction.auctionId);
    const winnerSession = (await sessions(rt)).find((s) => s.metadata.buyer_pseudonym === personPseudonym(winner));
    await fetch(`${rt.url}/_local/stripe/sessions/${winnerSession?.id}/expire`, { method: 'POST' });
    await rt.settle();

    const offer = dmsTo(rt, second).pop() ?? {};
    expect(textOf(offer)).toContain('Second chance!');
    expect(textOf(offer)).toContain('$30.00');
    expect(linkIn(offer)).not.toBe(winnerSession?.url);
    expect(await rt.store.get(bidderPath(winner))).toMatchObject({ strikes: 1, banned: false });
    expect(textOf(dmsTo(rt, winner).pop() ?? {})).toContain('strike (1 of 2)');
    // The OBS board follows the offer: the runner-up at their price, never the first winner.
    const board = async () =>
      (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as {
        headline: string;
        leader: string | null;
        leaderRole: string | null;
        price: string;
      };
    const offered = await board();
    expect(offered).toMatchObject({ headline: expect.stringContaining('Second chance: offered to'), leaderRole: 'offered to', price: '$30.00' });
    expect(offered.headline).toContain('$30.00');

    await pay(rt, linkIn(offer));
    const paid = await rt.store.query(ordersCollection, { where: [['buyerId', '==', second]] });
    expect(paid[0]?.data).toMatchObject({ status: 'paid', amountCents: 3000, source: 'auction', offerRank: 1 });
    const sold = await board();
    expect(sold).toMatchObject({ headline: expect.stringMatching(/^Sold to .* for \$30\.00$/), leaderRole: 'won by', price: '$30.00', leader: offered.leader });
  });

  it('ends unsold after the last runner-up within the depth lets it lapse, and bans a bidder at the strike limit', async () => {
    const expireOffers = async () => {
      for (const s of (await sessions(rt)).filter((x) => x.status === 'open'))
        await fetch(`${rt.url}/_local/stripe/sessions/${s.id}/expire`, { method: 'POST' });
      await rt.settle();
    };
    const flake = snowflake();
    for (let round = 0; round < 2; round++) {
      await startAuction(rt, builder, { price: 25, item: `Board ${round}` });
      const auction = await liveAuction(rt, builder);
      await bid(rt, snowflake(), 25);
      await bid(rt, snowflake(), 26);
      await bid(rt, snowflake(), 27);
      await bid(rt, flake, 60);
      await runToHammer(rt, clock, auction.auctionId);
      for (let i = 0; i < 3; i++) await expireOffers();
      expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ status: 'unsold', unsoldReason: 'no-one-paid' });
    }
    expect(await rt.store.get(bidderPath(flake))).toMatchObject({ strikes: 2, banned: true });
    await startAuction(rt, builder, { price: 25, item: 'Board 3' });
    expect(textOf(await bid(rt, flake, 25))).toContain('You can’t bid');
  });

  it('lets the builder cancel before the first bid, and only then', async () => {
    await startAuction(rt, builder);
    const auction = await liveAuction(rt, builder);
    const stranger = await rt.sendInteraction(bidCommand(snowflake(), 25));
    expect(stranger.status).toBe(200);
    await rt.settle();
    expect(textOf(await startAuctionCancel(rt, builder))).toContain('already has bids');

    await runToHammer(rt, clock, auction.auctionId);
    await startAuction(rt, builder, { item: 'Quiet board' });
    const quiet = await liveAuction(rt, builder);
    expect(textOf(await startAuctionCancel(rt, snowflake(), quiet.auctionId))).toContain('Only the builder');
    expect(textOf(await startAuctionCancel(rt, builder))).toContain('is cancelled');
    expect(textOf(latestEmbed(rt, quiet))).toContain('Cancelled');
    expect(
      await rt.store.query(localTasksCollection, {
        where: [
          ['name', '==', `hammer-${quiet.auctionId}-v0`],
          ['state', '==', 'cancelled'],
        ],
      }),
    ).toHaveLength(1);
  });

  it('serves the overlay board as briefly cached JSON, and the OBS page', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    await bid(rt, snowflake(), 30);
    const res = await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`);
    expect(res.headers.get('cache-control')).toContain('max-age=1');
    expect(await res.json()).toMatchObject({
      auctionId: auction.auctionId,
      item: 'Tofu65 in e-white',
      status: 'live',
      price: '$30.00',
      leader: 'Keeb Fan',
      bidCount: 1,
      nextMinimum: '$32.00',
      headline: 'Live',
    });
    expect((await fetch(`${rt.url}/overlay/auction/nosuchauction1`)).status).toBe(404);
    const page = await fetch(`${rt.url}/overlay/auction?id=${auction.auctionId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/overlay/auction/');
  });
});

function startAuctionCancel(rt: TestRuntime, userId: string, auctionId?: string) {
  return say(rt, userId, { path: ['auction', 'cancel'], options: auctionId ? { auction: auctionId } : {} });
}
