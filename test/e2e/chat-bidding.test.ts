/**
 * Bids from Twitch chat end to end, as `npm start` runs them: chat bidding turned on by the
 * builder, chatters signed in with Twitch, `!bid` said in chat and delivered to
 * /webhooks/twitch as really signed EventSub notifications, Discord members bidding in the
 * same book, the bot's replies as the local Twitch records them (its limits enforced), the
 * hammer told in chat, and the winner paying on our page after signing in with Twitch.
 */
import { deliverEventSub } from '../../shared/local/twitch-eventsub-delivery';
import { chatBiddingPath } from '../../shared/chatbids';
import { auctionWorld, bid, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { bidInPrivate, botSaid, chatBiddingOn, sayInChat, signInChatter, signedChatMessage, type Chatter } from '../support/chat-bidding';
import { dmsTo, order, pay, say, textOf } from '../support/marketplace';
import { ADMIN, snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let broadcasterId: string;
const channel = 'lavkeebs';
const ana: Chatter = { login: 'ana_keys', userId: '510000001' };
const bo: Chatter = { login: 'bo_keys', userId: '510000002' };
const cy: Chatter = { login: 'cy_keys', userId: '510000003' };
const member = snowflake();

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  broadcasterId = await chatBiddingOn(rt, builder, channel);
}, 60_000);
afterAll(() => rt.close());

/** Lets chat bids land and the reply task (due within a second) say what they came to. */
async function settleChat(): Promise<void> {
  await rt.settle();
  clock.advance(1_100);
  await rt.tasks.runDueNow();
  await rt.settle();
}

/** A chat message as Twitch would deliver it to the channel's subscription, signed when `at` says. */
const chatDelivery = (chatter: Chatter, text: string, at?: Date) => signedChatMessage(rt, clock, { broadcasterId, login: channel }, chatter, text, at);

const overlay = async (auctionId: string) =>
  (await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).json()) as { leader: string | null; priceCents: number; bidCount: number; endsAt: string };

describe('an auction with bids from Twitch chat and Discord', () => {
  let auctionId: string;
  let boBrowser: Awaited<ReturnType<typeof signInChatter>>;

  beforeAll(async () => {
    await signInChatter(rt, ana);
    boBrowser = await signInChatter(rt, bo);
    await startAuction(rt, builder, { price: 25, duration: '2m' });
    auctionId = (await liveAuction(rt, builder)).auctionId;
  });

  it('takes a signed-in chatter’s !bid into the book, shown by their Twitch display name', async () => {
    await sayInChat(rt, channel, ana, '!bid 30');
    await settleChat();
    const board = await overlay(auctionId);
    expect(board.leader).toContain('ana_keys');
    expect(board.leader).toContain('Twitch');
    expect((await botSaid(rt, channel)).map((m) => m.text).join('\n')).toContain('ana_keys (Twitch) leads at $30.00');
  });

  it('lets Discord and chat bidders outbid each other with proxy maxes, in one book', async () => {
    clock.advance(1_500);
    const discordAnswer = await bid(rt, member, 40, { max: 60 });
    expect(textOf(discordAnswer)).toMatch(/leading|You lead/i);
    clock.advance(1_500);
    await sayInChat(rt, channel, bo, '!bid 50 max 100');
    await settleChat();
    const board = await overlay(auctionId);
    expect(board.leader).toContain('bo_keys');
    // The member's max ($60) answered at once, and bo's max leads one step ($3) above it.
    const said = (await botSaid(rt, channel)).map((m) => m.text).join('\n');
    expect(said).toContain('bo_keys (Twitch) leads at $63.00');
    // ana, outbid earlier by the member, was told in chat.
    expect(said).toContain('@ana_keys: you were outbid');
    clock.advance(1_500);
    expect(textOf(await bid(rt, member, 120))).toMatch(/lead/i);
    expect((await overlay(auctionId)).leader).not.toContain('bo_keys');
  });

  it('tells a chatter who never signed in, once, with the sign-in link, and counts none of their bids', async () => {
    await sayInChat(rt, channel, cy, '!bid 500');
    clock.advance(1_500);
    await sayInChat(rt, channel, cy, '!bid 600');
    await settleChat();
    const lines = (await botSaid(rt, channel)).filter((m) => m.text.includes('@cy_keys to bid from chat, sign in with Twitch once'));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toContain(`${rt.url}/twitch/bidder`);
    expect((await overlay(auctionId)).leader).not.toContain('cy_keys');
  });

  it('ignores chat that is not a bid, and counts a redelivered notification once', async () => {
    const before = (await overlay(auctionId)).bidCount;
    await sayInChat(rt, channel, ana, 'gg what a board');
    clock.advance(1_500);
    const message = await chatDelivery(ana, '!bid 200');
    const secret = rt.config.secrets.TWITCH_EVENTSUB_SECRET as string;
    expect((await deliverEventSub(`${rt.url}/webhooks/twitch`, secret, message)).status).toBe(204);
    expect((await deliverEventSub(`${rt.url}/webhooks/twitch`, secret, message)).status).toBe(204);
    await settleChat();
    expect((await overlay(auctionId)).bidCount).toBe(before + 1);
  });

  it('tells the chat winner in chat, and they pay on our page after signing in with Twitch', async () => {
    clock.advance(1_500);
    await sayInChat(rt, channel, bo, '!bid 300');
    await settleChat();
    await runToHammer(rt, clock, auctionId);
    await settleChat();
    const sold = (await botSaid(rt, channel)).find((m) => m.text.includes('SOLD! @bo_keys wins'));
    expect(sold?.text).toMatch(/Pay by \d\d:\d\d UTC: http/);
    const payUrl = /(http\S+\/pay\/[0-9a-z-]+)/.exec(sold?.text ?? '')?.[1] as string;

    // Someone else's browser is sent to sign in first and never reaches the checkout.
    const stranger = await fetch(payUrl, { redirect: 'manual' });
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get('location')).toContain('/twitch/bidder?next=');

    const toCheckout = await boBrowser.get(payUrl);
    expect(toCheckout.status).toBe(303);
    const checkoutUrl = toCheckout.headers.get('location') as string;
    expect(checkoutUrl).toContain('/_local/stripe/checkout/');
    expect((await pay(rt, checkoutUrl)).status).toBe(200);
    const orderId = payUrl.split('/').pop() as string;
    expect(await order(rt, orderId)).toMatchObject({ status: 'paid', buyerId: `twitch:${bo.userId}` });
  });

  it('never sent the channel more than Twitch allows in any 30 seconds, each message within 500 characters', async () => {
    const said = await botSaid(rt, channel);
    expect(said.every((m) => !m.dropped)).toBe(true);
    expect(said.every((m) => [...m.text].length <= 500)).toBe(true);
  });
});

describe('bidder trust for chatters', () => {
  const dee: Chatter = { login: 'dee_keys', userId: '510000004' };
  const eve: Chatter = { login: 'eve_keys', userId: '510000005' };
  let auctionId: string;
  const said = async () => (await botSaid(rt, channel)).map((m) => m.text).join('\n');

  beforeAll(async () => {
    await signInChatter(rt, dee);
    await signInChatter(rt, eve);
    await startAuction(rt, builder, { price: 25, duration: '5m' });
    auctionId = (await liveAuction(rt, builder)).auctionId;
  });

  it('refuses a chatter an admin blocked by Twitch login, even before they ever bid', async () => {
    const blocked = await say(rt, '800000000000000001', { path: ['block'], options: { twitch: dee.login }, permissions: ADMIN });
    expect(textOf(blocked)).toContain(dee.login);
    clock.advance(1_500);
    await sayInChat(rt, channel, dee, '!bid 30');
    await settleChat();
    expect(await said()).toContain('@dee_keys: bidding is paused for your account: ask the admins of this channel’s Discord server why');
    expect((await overlay(auctionId)).bidCount).toBe(0);
  });

  it('holds a chatter who never paid to the new-bidder limit, naming it', async () => {
    clock.advance(1_500);
    await sayInChat(rt, channel, eve, '!bid 501');
    await settleChat();
    expect(await said()).toContain('@eve_keys: until you’ve paid for a win on C500 you can bid up to $500.00');
    expect((await overlay(auctionId)).bidCount).toBe(0);
  });

  it('tells a chatter bidding again within a second to slow down, keeping their first bid', async () => {
    clock.advance(1_500);
    await sayInChat(rt, channel, eve, '!bid 30');
    await sayInChat(rt, channel, eve, '!bid 35');
    await settleChat();
    expect(await said()).toContain('@eve_keys: slow down: one bid a second');
    expect((await overlay(auctionId)).bidCount).toBe(1);
    await runToHammer(rt, clock, auctionId);
  });
});

describe('a sudden-death auction, bids from chat judged when Twitch signed them', () => {
  it('never takes a chat bid in the final call as sealed, counting the one placed on the private page, and refuses one made after', async () => {
    await signInChatter(rt, ana);
    // No stream delay and the least final call: the hammer 5 s after the end (the final call's own tests: auction-final-call).
    await startAuction(rt, builder, { price: 25, duration: '1m', 'sudden-death': true, 'stream-delay': 0, 'final-call': 5 });
    const auctionId = (await liveAuction(rt, builder)).auctionId;
    const closesAt = Date.parse((await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).json()).finalCallEndsAt as string);
    // Placed on the private page the bot links, 300 ms before the final call's end: it counts.
    clock.ms = closesAt - 300;
    expect(await bidInPrivate(rt, ana, auctionId, '40')).toContain('Your bid is in, sealed until the final call ends');
    // Typed in chat (signed by Twitch) 400 ms before the final call's end, delivered 200 ms after it: public, so never taken.
    const early = await chatDelivery(ana, '!bid 45', new Date(closesAt - 400));
    clock.ms = closesAt + 200;
    expect((await deliverEventSub(`${rt.url}/webhooks/twitch`, rt.config.secrets.TWITCH_EVENTSUB_SECRET as string, early)).status).toBe(204);
    await settleChat();
    const said = async () => (await botSaid(rt, channel)).map((m) => m.text).join('\n');
    expect(await said()).toContain('@ana_keys: bidding has closed');
    await sayInChat(rt, channel, bo, '!bid 90');
    await settleChat();
    expect(await said()).toContain('@bo_keys: bidding has closed');
    expect(await said()).not.toContain('bo_keys (Twitch) leads at $90.00');
    await runToHammer(rt, clock, auctionId);
    await settleChat();
    // Her sealed $40 is a max: alone, it pays the shown price (the start).
    expect(await said()).toContain('SOLD! @ana_keys wins Tofu65 in e-white at $25.00');
  });

  it('tells a chatter whose !bid arrives just after the hammer that bidding has closed', async () => {
    clock.advance(5_000);
    await sayInChat(rt, channel, ana, '!bid 95');
    await settleChat();
    expect((await botSaid(rt, channel)).map((m) => m.text).join('\n')).toContain('@ana_keys: bidding has closed');
  });
});

describe('a Discord member outbidding the chat', () => {
  it('tells the chat the lot sold to a bidder in Discord, so the chatters’ last word is not a loser leading', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m' });
    const auctionId = (await liveAuction(rt, builder)).auctionId;
    clock.advance(1_500);
    await sayInChat(rt, channel, ana, '!bid 60');
    await settleChat();
    clock.advance(1_500);
    expect(textOf(await bid(rt, member, 70))).toMatch(/lead/i);
    await settleChat();
    await runToHammer(rt, clock, auctionId);
    await settleChat();
    const said = (await botSaid(rt, channel)).map((m) => m.text);
    expect(said.filter((t) => t.includes('goes to a bidder in Discord at $70.00'))).toHaveLength(1);
    expect(said.join('\n')).not.toContain(member);
  });
});

describe('Twitch ending the bot’s access', () => {
  it('turns chat bidding off and tells the builder in Discord when the broadcaster disconnects C500', async () => {
    const res = await fetch(`${rt.url}/_local/twitch/users/${channel}/authorization/revoke`, { method: 'POST' });
    expect(res.status).toBe(200);
    await rt.settle();
    expect(await rt.store.get(chatBiddingPath(broadcasterId))).toMatchObject({ on: false, changedBy: 'twitch' });
    expect(dmsTo(rt, builder).some((m) => /chat bidding/i.test(textOf(m)) && /off/i.test(textOf(m)))).toBe(true);
    // Chat said after that is not a bid anywhere.
    await startAuction(rt, builder, { price: 25, duration: '2m' });
    const auctionId = (await liveAuction(rt, builder)).auctionId;
    await sayInChat(rt, channel, ana, '!bid 30').catch(() => undefined);
    await settleChat();
    expect((await overlay(auctionId)).bidCount).toBe(0);
  });
});

describe('after all of it', () => {
  it('dead-lettered nothing: no receipt, strike or notice was sent to Discord for a chatter', async () => {
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
  });

  it('named chatters in Discord by their Twitch name, never as a mention Discord cannot show', () => {
    const everything = JSON.stringify(rt.outbox.entries);
    expect(everything).not.toContain('<@twitch:');
    expect(JSON.parse(everything).some((e: { message: { content?: string } }) => e.message.content?.includes('goes to **bo\\_keys (Twitch)**'))).toBe(true);
  });
});
