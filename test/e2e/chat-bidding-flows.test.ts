/**
 * Chat bidding's people-facing flows end to end, as `npm start` runs them: `/c500 chat-bidding
 * on` and `off` through really signed interactions, the broadcaster's consent and a chatter's
 * sign-in through the local Twitch authorize page and the real callbacks, and the pay page a
 * winner from chat opens, with the cookies a browser would keep.
 */
import { chatBiddingPath, twitchBidderPath } from '../../shared/chatbids';
import { orderPath, type Order } from '../../shared/orders';
import { builderPath } from '../../shared/onboarding';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { ADMIN } from '../support/interactions';
import { dmsTo, linkIn, linkTwitch, say, setUpGuild, textOf, twitchAuthorizeBehind } from '../support/marketplace';
import { Browser } from '../support/chat-bidding';
import { anOrder } from '../support/orders';

let rt: TestRuntime;
const host = '812000000000000101';
const stranger = '812000000000000102';
const admin = '800000000000000001';
const ana = { login: 'ana_keys', userId: '510000001' };
const bo = { login: 'bo_keys', userId: '510000002' };

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt, admin);
});
afterAll(() => rt.close());

const chatBidding = (broadcasterId: string) => rt.store.get(chatBiddingPath(broadcasterId));
const chatSubscriptions = (broadcasterId: string) => rt.twitch.enabledSubscriptions('channel.chat.message', broadcasterId);

describe('/c500 chat-bidding on and off', () => {
  let broadcasterId: string;

  it('tells a member who has not linked a Twitch channel to run /c500 link-twitch first', async () => {
    const answer = await say(rt, stranger, { path: ['chat-bidding', 'on'] });
    expect(answer.flags).toBe(64);
    expect(textOf(answer)).toContain('Run `/c500 link-twitch` first');
  });

  it('sends nobody to Twitch from our consent link when its state was forged', async () => {
    expect((await linkTwitch(rt, host, 'lavshow')).status).toBe(200);
    const link = new URL(linkIn(await say(rt, host, { path: ['chat-bidding', 'on'] })));
    link.searchParams.set('start', `${(link.searchParams.get('start') as string).slice(0, -4)}AAAA`);
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toBeNull();
  });

  it('answers the linked host with a consent link; authorizing as their channel turns chat bidding on and subscribes its chat', async () => {
    expect((await linkTwitch(rt, host, 'lavshow')).status).toBe(200);
    const answer = await say(rt, host, { path: ['chat-bidding', 'on'] });
    expect(textOf(answer)).toContain('Twitch needs your OK for C500’s bot');
    // Our own short link, on to Twitch's consent page.
    expect(linkIn(answer).startsWith(`${rt.url}/twitch/chat/callback?start=`)).toBe(true);
    const consent = await twitchAuthorizeBehind(linkIn(answer));
    expect(consent.searchParams.get('scope')).toBe('channel:bot');

    // Someone else's Twitch account cannot give the consent for this channel.
    const wrong = await new Browser(rt).open(consent.toString(), { login: 'notlavshow', userId: '520000009' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('That is not your linked channel');

    const page = await new Browser(rt).open(linkIn(await say(rt, host, { path: ['chat-bidding', 'on'] })), { login: 'lavshow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Chat bidding is on for twitch.tv/lavshow');
    await rt.settle();

    broadcasterId = (await rt.store.get(builderPath(host)))?.twitch?.userId as string;
    const subscriptions = await chatSubscriptions(broadcasterId);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.condition).toEqual({ broadcaster_user_id: broadcasterId, user_id: rt.config.twitchBot.userId });
    expect(await chatBidding(broadcasterId)).toMatchObject({ on: true, ownerId: host, login: 'lavshow', subscriptionId: subscriptions[0]?.id });
    expect(dmsTo(rt, host).filter((m) => textOf(m).includes('Chat bidding is on for twitch.tv/lavshow'))).toHaveLength(1);
  });

  it('turns on at once when the consent is already there', async () => {
    const answer = await say(rt, host, { path: ['chat-bidding', 'on'] });
    expect(textOf(answer)).toContain('Chat bidding was already on for **twitch.tv/lavshow**');
    expect(answer.components ?? []).toEqual([]);
  });

  it('refuses a channel option that cannot be a Twitch login at once, and an admin’s off from another member', async () => {
    expect(textOf(await say(rt, host, { path: ['chat-bidding', 'off'], options: { channel: 'not a login!' } }))).toContain('`channel` is a Twitch login');
    expect(textOf(await say(rt, stranger, { path: ['chat-bidding', 'off'], options: { channel: 'lavshow' } }))).toContain('Only the member whose channel');
    expect((await chatBidding(broadcasterId))?.on).toBe(true);
  });

  it('turns chat bidding off and unsubscribes the chat; on again needs no new consent', async () => {
    expect(textOf(await say(rt, host, { path: ['chat-bidding', 'off'] }))).toContain('Chat bidding is off for **twitch.tv/lavshow**');
    expect(await chatSubscriptions(broadcasterId)).toEqual([]);
    expect(await chatBidding(broadcasterId)).toMatchObject({ on: false, changedBy: host });

    expect(textOf(await say(rt, host, { path: ['chat-bidding', 'on'] }))).toContain('Chat bidding is on for **twitch.tv/lavshow**');
    expect(await chatSubscriptions(broadcasterId)).toHaveLength(1);
    expect(textOf(await say(rt, admin, { path: ['chat-bidding', 'off'], options: { channel: 'lavshow' }, permissions: ADMIN }))).toContain(
      'Chat bidding is off',
    );
    expect(await chatSubscriptions(broadcasterId)).toEqual([]);
  });
});

describe('a chatter’s sign-in', () => {
  it('signs a chatter in through Twitch (no scope) and records them, so their bids count', async () => {
    const browser = new Browser(rt);
    const start = await browser.get('/twitch/bidder');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') as string);
    expect(authorize.searchParams.get('scope')).toBe('');
    const page = await browser.open(authorize.toString(), ana);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can bid from chat now');
    expect(await rt.store.get(twitchBidderPath(ana.userId))).toMatchObject({ twitchUserId: ana.userId, login: ana.login, linkedAt: expect.any(String) });
  });

  it('signs nobody in from a callback link another browser started', async () => {
    const theirs = new Browser(rt);
    const start = await theirs.get('/twitch/bidder');
    const toCallback = await theirs.get(`${start.headers.get('location')}&login=${bo.login}&user_id=${bo.userId}`);
    const callback = toCallback.headers.get('location') as string;
    const res = await new Browser(rt).get(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This sign-in started somewhere else');
    expect(await rt.store.get(twitchBidderPath(bo.userId))).toBeUndefined();
  });
});

describe('the pay page of a win from chat', () => {
  const orderId = 'chat-order-0001';
  const checkoutUrl = 'https://checkout.stripe.com/c/pay/cs_test_chat_0001';
  const order = (fields: Partial<Order> = {}): Order =>
    anOrder({
      orderId,
      source: 'auction',
      sourceId: 'auction-0001',
      dropKind: 'auction',
      offerRank: 0,
      guildId: '900000000000000001',
      title: 'Lavender 65%',
      buyerId: `twitch:${ana.userId}`,
      buyerName: 'ana_keys',
      builderId: host,
      builderName: 'Lav',
      amountCents: 52_000,
      platformFeeCents: 5_200,
      builderShareCents: 46_800,
      createdAt: new Date().toISOString(),
      checkoutSessionId: 'cs_test_chat_0001',
      checkoutUrl,
      checkoutExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      ...fields,
    });

  beforeAll(() => rt.store.set(orderPath(orderId), order()));

  it('sends someone signed out to sign in with Twitch first, whether or not the order exists', async () => {
    for (const id of [orderId, 'no-such-order']) {
      const res = await new Browser(rt).get(`/pay/${id}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${rt.url}/twitch/bidder?next=${encodeURIComponent(`/pay/${id}`)}`);
    }
  });

  it('brings the winner back after signing in and sends them on to their checkout', async () => {
    const browser = new Browser(rt);
    const back = await browser.open(`/pay/${orderId}`, ana);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(checkoutUrl);
  });

  it('shows a chatter signed in as someone else nothing of the order', async () => {
    const browser = new Browser(rt);
    const res = await browser.open(`/pay/${orderId}`, bo);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('This payment is not yours');
    expect(html).not.toContain('Lavender');
    expect(html).not.toContain(checkoutUrl);
  });

  it('takes a forged or edited session cookie for nobody', async () => {
    const res = await fetch(`${rt.url}/pay/${orderId}`, {
      redirect: 'manual',
      headers: { cookie: `__session=t.${ana.userId}.${Date.now() + 3_600_000}.${'A'.repeat(43)}` },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/twitch/bidder?next=');
  });

  it('answers a malformed order id with 404', async () => {
    for (const id of ['NOT-AN-ID', 'a', 'x'.repeat(41), 'ord_1234', '%3Cscript%3E']) expect((await new Browser(rt).get(`/pay/${id}`)).status).toBe(404);
  });

  it('says a paid order is paid, and one that passed on so', async () => {
    const browser = new Browser(rt);
    await rt.store.set(orderPath(orderId), order({ status: 'paid', paidAt: new Date().toISOString() }));
    const paid = await browser.open(`/pay/${orderId}`, ana);
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Paid, thank you');
    await rt.store.set(orderPath(orderId), order({ status: 'expired' }));
    expect(await (await browser.get(`/pay/${orderId}`)).text()).toContain('This win has passed on');
  });
});
