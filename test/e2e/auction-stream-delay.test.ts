/**
 * One clock for everyone, whatever their delay, through the local runtime: an auction with
 * `stream-delay:3` whose hammer falls 3 s after the stated end the overlay counts down to.
 * A chat bid is judged by when Twitch signed it (when its viewer typed it), however late it
 * is delivered; the embed counts down to the hammer itself.
 */
import { eventSubMessage, deliverEventSub } from '../../shared/local/twitch-eventsub-delivery';
import { chatNotification } from '../../shared/local/twitch-chat-events';
import { auctionPath } from '../../shared/auctions';
import { auctionWorld, latestEmbed, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { botSaid, chatBiddingOn, signInChatter, type Chatter } from '../support/chat-bidding';
import { say, textOf } from '../support/marketplace';
import { ADMIN, command } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let broadcasterId: string;
const channel = 'delaykeebs';
const ana: Chatter = { login: 'ana_delay', userId: '520000001' };
const bo: Chatter = { login: 'bo_delay', userId: '520000002' };

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  broadcasterId = await chatBiddingOn(rt, builder, channel);
  await signInChatter(rt, ana);
  await signInChatter(rt, bo);
}, 60_000);
afterAll(() => rt.close());

interface Board {
  endsAt: string;
  hammerAt: string;
  streamDelaySeconds: number;
  leader: string | null;
  bidCount: number;
  status: string;
}
const board = async (auctionId: string) => (await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).json()) as Board;

/** A chat message typed (signed by Twitch) at `typedAt`, delivered to /webhooks/twitch at `deliveredAtMs`. */
async function chatBidTypedThenDelivered(chatter: Chatter, text: string, typedAt: number, deliveredAtMs: number): Promise<void> {
  const [subscription] = await rt.twitch.enabledSubscriptions('channel.chat.message', broadcasterId);
  const message = eventSubMessage({
    messageType: 'notification',
    subscription: subscription!,
    event: chatNotification({
      broadcaster: { userId: broadcasterId, login: channel, displayName: channel },
      chatter: { userId: chatter.userId, login: chatter.login, displayName: chatter.login },
      text,
    }),
    clock,
    at: new Date(typedAt),
  });
  clock.ms = deliveredAtMs;
  expect((await deliverEventSub(`${rt.url}/webhooks/twitch`, rt.config.secrets.TWITCH_EVENTSUB_SECRET as string, message)).status).toBe(204);
  await rt.settle();
  clock.advance(1_100);
  await rt.tasks.runDueNow();
  await rt.settle();
}

const said = async () => (await botSaid(rt, channel)).map((m) => m.text).join('\n');

describe('an auction with stream-delay 3', () => {
  it('judges a chat bid typed before the stated end plus 3 s, and refuses one typed after it', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'sudden-death': true, 'stream-delay': 3 });
    const auction = await liveAuction(rt, builder);
    expect(auction.streamDelaySeconds).toBe(3);
    const end = Date.parse(auction.endsAt);

    // The overlay counts down to the stated end; the hammer (and the embed's countdown) is 3 s later.
    const before = await board(auction.auctionId);
    expect(Date.parse(before.endsAt)).toBe(end);
    expect(Date.parse(before.hammerAt)).toBe(end + 3_000);
    expect(before.streamDelaySeconds).toBe(3);
    expect(textOf(latestEmbed(rt, auction))).toContain(`<t:${Math.floor((end + 3_000) / 1000)}:R>`);

    // Typed 2.5 s after the stated end (the viewer's overlay still showed time left), delivered after the hammer, within the settle window.
    await chatBidTypedThenDelivered(ana, '!bid 40', end + 2_500, end + 3_100);
    expect(await said()).toContain('ana_delay (Twitch) leads at $40.00');
    // Typed 3.2 s after the stated end: the hammer had fallen on every screen (delivered, too, within the settle window).
    await chatBidTypedThenDelivered(bo, '!bid 90', end + 3_200, end + 4_800);
    expect(await said()).toContain('@bo_delay: bidding has closed');

    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({
      status: 'awaiting-payment',
      bidCount: 1,
      winner: { bidderId: `twitch:${ana.userId}`, priceCents: 4_000 },
    });
    // Once sold, the overlay keeps the stated end and names the hammer's moment.
    expect(await board(auction.auctionId)).toMatchObject({ endsAt: new Date(end).toISOString(), hammerAt: new Date(end + 3_000).toISOString() });
  });

  it('refuses a delay over 60 seconds at once, privately, saying what to type', async () => {
    const res = await rt.sendInteraction(
      command({ name: 'c500', path: ['auction', 'start'], options: { item: 'Tofu65', price: 25, duration: '2m', 'stream-delay': 61 }, userId: builder }),
    );
    const body = (await res.json()) as { type: number; data: { content: string; flags: number } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toContain('**stream-delay**');
    expect(body.data.content).toContain('from 0 (off) to 60');
  });

  it('runs an auction that names no delay with the server’s default, once an admin sets one', async () => {
    const saved = await say(rt, '800000000000000001', { path: ['auction', 'settings'], options: { 'stream-delay': 12 }, permissions: ADMIN });
    expect(textOf(saved)).toContain('**a 12s stream delay**');
    await startAuction(rt, builder, { price: 25, duration: '1m' });
    const auction = await liveAuction(rt, builder);
    expect(auction.streamDelaySeconds).toBe(12);
    const shown = await board(auction.auctionId);
    expect(Date.parse(shown.hammerAt) - Date.parse(shown.endsAt)).toBe(12_000);
  });
});
