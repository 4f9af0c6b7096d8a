/**
 * A marketplace priced in yen, end to end. Stripe counts JPY in whole yen (a zero-decimal
 * currency), so every amount typed, shown, charged, split and transferred is whole yen:
 * a ¥2,400 drop is charged 2400, never 240000.
 */
import { auctionPath, type Auction } from '../../shared/auctions';
import { ordersCollection } from '../../shared/orders';
import { snowflake } from '../support/interactions';
import { auctionWorld, bid, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import {
  MARKETPLACE,
  dmsTo,
  linkIn,
  linkTwitch,
  order,
  pay,
  postDrop,
  postsIn,
  pressBuyNow,
  say,
  sessionIdIn,
  sessions,
  streamEvent,
  textOf,
  transfers,
  shipAndReceive,
} from '../support/marketplace';
import { kofiPayment, payout, racing, walletOf } from '../support/races';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
const buyer = snowflake();

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld({ env: { C500_CURRENCY: 'jpy' } }));
  await linkTwitch(rt, builder, 'yenkeebs');
});
afterAll(() => rt.close());

describe('a drop in yen', () => {
  it('is posted, charged, split and released in whole yen', async () => {
    const { drop } = await postDrop(rt, builder, { price: '2400' });
    expect(drop).toMatchObject({ priceCents: 2400, currency: 'jpy' });
    expect(textOf(postsIn(rt, MARKETPLACE).at(-1) ?? {})).toContain('2,400 JPY');

    const answer = await pressBuyNow(rt, buyer, drop!.dropId);
    const session = (await sessions(rt)).find((s) => s.id === sessionIdIn(linkIn(answer))) as unknown as { amount_total: number; currency: string };
    expect(session).toMatchObject({ amount_total: 2400, currency: 'jpy' });
    await pay(rt, linkIn(answer));
    const [paid] = (await rt.store.query(ordersCollection, { where: [['sourceId', '==', drop!.dropId]] })).map((d) => d.data);
    expect(paid).toMatchObject({ status: 'paid', amountCents: 2400, platformFeeCents: 240, builderShareCents: 2160, currency: 'jpy' });

    await streamEvent(rt, 'yenkeebs', 'online');
    const proved = textOf(await say(rt, builder, { path: ['live'], options: { mode: `order:${paid!.orderId}` } }));
    // The delivery gate: the proof sends nothing; the buyer's Received sends the share, in whole yen.
    expect(proved).toContain('your payout leaves once it is delivered');
    expect((await transfers(rt)).filter((t) => t.transfer_group === paid!.orderId)).toEqual([]);
    await shipAndReceive(rt, builder, buyer, paid!.orderId);
    expect((await transfers(rt)).filter((t) => t.transfer_group === paid!.orderId)).toEqual([expect.objectContaining({ amount: 2160 })]);
    expect((await order(rt, paid!.orderId))?.status).toBe('shipped');
  });

  it('refuses a yen price with decimals, or under Stripe’s ¥50, saying what to type', async () => {
    expect(textOf((await postDrop(rt, builder, { price: '2400.50', title: 'Half yen' })).answer)).toContain('JPY has none');
    expect(textOf((await postDrop(rt, builder, { price: '49', title: 'Too cheap' })).answer)).toContain('`50` (50 JPY)');
  });
});

describe('an auction in yen', () => {
  it('takes bids in whole yen and charges the winner the hammer price in yen', async () => {
    await startAuction(rt, builder, { price: 3000, duration: '2m' });
    const auction = await liveAuction(rt, builder);
    expect(auction).toMatchObject({ startCents: 3000, currency: 'jpy' });
    const [ann, bo] = [snowflake(), snowflake()];
    expect(textOf(await bid(rt, ann, 3000))).toContain('3,000 JPY');
    expect(textOf(await bid(rt, bo, '3500.5'))).toContain('JPY has none');
    expect(textOf(await bid(rt, bo, 5000))).toContain('5,000 JPY');
    await runToHammer(rt, clock, auction.auctionId);

    const closed = (await rt.store.get(auctionPath(auction.auctionId))) as Auction;
    expect(closed.winner).toMatchObject({ bidderId: bo, priceCents: 5000 });
    const checkout = (await sessions(rt)).find((s) => s.metadata.auction_id === auction.auctionId) as unknown as { amount_total: number; currency: string };
    expect(checkout).toMatchObject({ amount_total: 5000, currency: 'jpy' });
    expect(textOf(dmsTo(rt, bo).at(-1) ?? {})).toContain('5,000 JPY');
  });
});

describe('a race in yen', () => {
  it('splits a Ko-fi order in whole yen and pays a racer out in yen', async () => {
    const host = snowflake();
    const racers = [snowflake(), snowflake(), snowflake()];
    await racing(rt, host, racers, 'Yen Kart');
    await kofiPayment(rt, '2400', { currency: 'JPY' });
    await rt.settle();
    // 20 % of ¥2,400 is ¥480, ¥160 each: never fractions of a yen.
    const pending = await Promise.all(racers.map(async (r) => (await walletOf(rt, r))?.pendingCents));
    expect(pending).toEqual([160, 160, 160]);

    expect(textOf(await payout(rt, host, racers[0] as string, '160.5'))).toContain('JPY has none');
    expect(textOf(await payout(rt, host, racers[0] as string, 160))).toContain('160 JPY');
    expect(await walletOf(rt, racers[0] as string)).toMatchObject({ pendingCents: 0, paidCents: 160, currency: 'jpy' });
  });
});
