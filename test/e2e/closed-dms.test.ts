/**
 * People whose DMs are closed, end to end on the local runtime: the outbox refuses DMs to
 * them with Discord's 403 / 50007, as Discord does. A closed DM is the person's choice,
 * not an outage: nothing is retried, everyone else still hears, and they are told in the
 * channel where to find what the DM held.
 */
import { ordersCollection } from '../../shared/orders';
import { snowflake } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { dmsTo, linkIn, onboard, pay, postDrop, postsIn, pressBuyNow, say, sessions, setUpGuild, textOf } from '../support/marketplace';
import { auctionWorld, bid, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { bidderPath } from '../../shared/auctions/rules/auction';
import { personPseudonym } from '../../shared/log';

const closeDms = async (rt: TestRuntime, userId: string) => {
  const res = await fetch(`${rt.url}/_local/discord/users/${userId}/dms/close`, { method: 'POST' });
  expect(res.status).toBe(200);
};
const refusedDmsTo = (rt: TestRuntime, userId: string) => rt.outbox.refused.filter((r) => r.kind === 'dm' && r.userId === userId);
const mentionsOf = (rt: TestRuntime, channelId: string, userId: string) => postsIn(rt, channelId).filter((m) => m.content?.startsWith(`<@${userId}>`));

describe('a payment when someone’s DMs are closed', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await startTestRuntime();
    await setUpGuild(rt);
  });
  afterEach(() => rt.close());

  async function buyAndPay(builder: string, buyer: string) {
    const { drop } = await postDrop(rt, builder);
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    const [paid] = (await rt.store.query(ordersCollection, { where: [['buyerId', '==', buyer]] })).map((d) => d.data);
    return { drop: drop!, paid: paid! };
  }

  it('tries the buyer’s receipt once, still DMs the builder their new order, and mentions the buyer in the drop’s channel', async () => {
    const [builder, buyer] = [snowflake(), snowflake()];
    await onboard(rt, builder);
    await closeDms(rt, buyer);

    const { drop, paid } = await buyAndPay(builder, buyer);

    expect(paid.status).toBe('paid');
    expect(refusedDmsTo(rt, buyer)).toHaveLength(1);
    expect(rt.bus.deadLetters).toHaveLength(0);
    expect(textOf(dmsTo(rt, builder).pop() ?? {})).toContain(`New paid order \`${paid.orderId}\``);
    const [notice, ...more] = mentionsOf(rt, drop.channelId, buyer);
    expect(more).toHaveLength(0);
    expect(notice?.allowed_mentions).toEqual({ users: [buyer] });
    expect(textOf(notice ?? {})).toMatch(/couldn’t DM you the receipt[\s\S]*\/c500 profile[\s\S]*Direct Messages/);
  });

  it('mentions the buyer in the drop’s channel when their payment is refunded, saying where to look and nothing else', async () => {
    const [builder, buyer] = [snowflake(), snowflake()];
    await onboard(rt, builder);
    await closeDms(rt, buyer);
    const { drop, paid } = await buyAndPay(builder, buyer);

    const refunded = await fetch(`${rt.url}/_local/stripe/sessions/${paid.checkoutSessionId}/refund`, { method: 'POST' });
    expect(refunded.status).toBe(200);
    await rt.settle();

    expect(refusedDmsTo(rt, buyer)).toHaveLength(2);
    const notices = mentionsOf(rt, drop.channelId, buyer).filter((m) => /refunded/.test(m.content ?? ''));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.allowed_mentions).toEqual({ users: [buyer] });
    expect(textOf(notices[0] ?? {})).toContain(`your payment for order \`${paid.orderId}\` was refunded, but I couldn’t DM you about it`);
    expect(textOf(notices[0] ?? {})).not.toMatch(/\$|https?:/);
  });

  it('still sends the buyer’s receipt when the builder’s DMs are closed, and mentions the builder instead', async () => {
    const [builder, buyer] = [snowflake(), snowflake()];
    await onboard(rt, builder);
    await closeDms(rt, builder);

    const { drop, paid } = await buyAndPay(builder, buyer);

    expect(textOf(dmsTo(rt, buyer).pop() ?? {})).toContain(`Receipt: ${paid.title}`);
    expect(refusedDmsTo(rt, builder)).toHaveLength(1);
    expect(textOf(mentionsOf(rt, drop.channelId, builder)[0] ?? {})).toContain(`new paid order \`${paid.orderId}\``);
    expect(rt.bus.deadLetters).toHaveLength(0);
  });
});

describe('an auction winner whose DMs are closed', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;
  beforeEach(async () => {
    ({ rt, clock, builder } = await auctionWorld());
  });
  afterEach(() => rt.close());

  it('is mentioned in the auction’s channel, finds the payment link in /c500 profile, and gets no strike when it lapses', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const [winner, second] = [snowflake(), snowflake()];
    await bid(rt, second, 30);
    await bid(rt, winner, 45);
    await closeDms(rt, winner);
    await runToHammer(rt, clock, auction.auctionId);

    expect(refusedDmsTo(rt, winner)).toHaveLength(1);
    expect(dmsTo(rt, winner)).toHaveLength(0);
    const [notice] = mentionsOf(rt, auction.channelId, winner);
    expect(textOf(notice ?? {})).toMatch(/you won[\s\S]*payment link[\s\S]*\/c500 profile/);
    expect(notice?.allowed_mentions).toEqual({ users: [winner] });
    const winnerSession = (await sessions(rt)).find((s) => s.metadata.buyer_pseudonym === personPseudonym(winner));
    expect(textOf(notice ?? {})).not.toContain(winnerSession!.url);
    expect(textOf(await say(rt, winner, { path: ['profile'] }))).toContain(`[Pay now](${winnerSession!.url})`);

    await fetch(`${rt.url}/_local/stripe/sessions/${winnerSession!.id}/expire`, { method: 'POST' });
    await rt.settle();

    expect(await rt.store.get(bidderPath(winner))).toBeUndefined();
    expect(refusedDmsTo(rt, winner)).toHaveLength(1);
    expect(textOf(dmsTo(rt, second).pop() ?? {})).toContain('Second chance!');
    expect(rt.bus.deadLetters).toHaveLength(0);
  });
});
