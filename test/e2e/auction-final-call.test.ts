/**
 * The sealed final call through the local runtime (issue 61): after the stated end the lot
 * takes bids for its final call, from Discord and from Twitch chat, answers each privately and
 * moves nothing public (the overlay's price and leader, the card); at its end the result names
 * the higher bid in Discord and in chat. A chat bid is judged by when Twitch signed it (when
 * its viewer typed it), however late it is delivered: typed after the final call, it is refused.
 */
import { deliverEventSub } from '../../shared/local/twitch-eventsub-delivery';
import { auctionPath, incrementAt } from '../../shared/auctions';
import { auctionWorld, bidCommand, embedHistory, latestEmbed, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { bidInPrivate, botSaid, chatBiddingOn, signInChatter, signedChatMessage, type Chatter } from '../support/chat-bidding';
import { answerOf, liftBidderLimits, postsIn, say, textOf } from '../support/marketplace';
import { ADMIN, buttonPress, command, snowflake } from '../support/interactions';
import { confirmEraseButtonId, eraseButtonId } from '../../shared/privacy/rules/privacy-messages';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let broadcasterId: string;
const channel = 'finalcallkeebs';
const ana: Chatter = { login: 'ana_delay', userId: '520000001' };
const bo: Chatter = { login: 'bo_delay', userId: '520000002' };
const dee = '700000000000000031';
const eli = '700000000000000032';

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  await liftBidderLimits(rt);
  broadcasterId = await chatBiddingOn(rt, builder, channel);
  await signInChatter(rt, ana);
  await signInChatter(rt, bo);
}, 60_000);
afterAll(() => rt.close());

interface Board {
  phase: string;
  endsAt: string;
  finalCallEndsAt: string;
  hammerAt: string;
  finalCallSeconds: number;
  streamDelaySeconds: number;
  price: string;
  leader: string | null;
  bidCount: number;
  status: string;
}
const board = async (auctionId: string) => (await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).json()) as Board;

/** A chat message typed (signed by Twitch) at `typedAt`, delivered to /webhooks/twitch at `deliveredAtMs`. */
async function chatBidTypedThenDelivered(chatter: Chatter, text: string, typedAt: number, deliveredAtMs: number): Promise<void> {
  const message = await signedChatMessage(rt, clock, { broadcasterId, login: channel }, chatter, text, new Date(typedAt));
  clock.ms = deliveredAtMs;
  expect((await deliverEventSub(`${rt.url}/webhooks/twitch`, rt.config.secrets.TWITCH_EVENTSUB_SECRET as string, message)).status).toBe(204);
  await rt.settle();
  clock.advance(1_100);
  await rt.tasks.runDueNow();
  await rt.settle();
}

async function runDueTasks(): Promise<void> {
  await rt.settle();
  await rt.tasks.runDueNow();
  await rt.settle();
}

const said = async () => (await botSaid(rt, channel)).map((m) => m.text).join('\n');

/** A page's words as the viewer reads them: its text, without markup. */
const wordsOf = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const fin = (rt: TestRuntime) =>
  rt
    .settle()
    .then(() => rt.tasks.runDueNow())
    .then(() => rt.settle());

/** The attacks of issue 61 that broke the close before the final call, replayed as they were run. */
describe('the close’s attacks, replayed against the final call', () => {
  it('attack 1: with a 12 s delay and sudden death, bids made after zero are sealed, nothing public moves, and the result is the proxy rule’s over them all', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 12, 'sudden-death': true });
    const auction = await liveAuction(rt, builder);
    const callMs = (auction.finalCallSeconds ?? 0) * 1000;
    // Long enough for a viewer 12 s behind to see it begin and still react.
    expect(callMs).toBeGreaterThanOrEqual(17_000);
    const end = Date.parse(auction.endsAt);
    clock.ms = end - 20_000;
    expect(textOf(await answerOf(rt, bidCommand(dee, 30)))).toContain('You lead at **$30.00**');
    clock.ms = end + 200;
    await fin(rt);
    const shown = await board(auction.auctionId);
    expect(shown).toMatchObject({ phase: 'final-call', price: '$30.00', bidCount: 1 });
    // The low-latency chatter, 6.5 s after his own overlay read zero, types it in chat: everyone saw it, so it is
    // not taken; he is given the private page. A Discord bidder 11.5 s after it.
    await chatBidTypedThenDelivered(ana, '!bid 40', end + 6_500, end + 7_000);
    expect(await said()).toContain(
      `@ana_delay: the final call is sealed, so a bid typed in chat isn't taken: bid in private at ${rt.url}/bid/${auction.auctionId}`,
    );
    clock.ms = end + 11_500;
    expect(textOf(await answerOf(rt, bidCommand(eli, 50)))).toContain('Your bid is in for the final call');
    // A viewer 12 s behind sees the final call begin at end + 12 s and bids, in private, before its end: counted.
    clock.ms = end + callMs - 500;
    expect(await bidInPrivate(rt, bo, auction.auctionId, '60')).toContain('Your bid is in, sealed until the final call ends');
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'final-call', price: '$30.00', bidCount: 1 });
    expect(await said()).not.toMatch(/leads at \$(40|50|60)\.00|SOLD/);
    // Typed at the final call's end: too late on every screen.
    await chatBidTypedThenDelivered(ana, '!bid 90', end + callMs + 200, end + callMs + 300);
    await runToHammer(rt, clock, auction.auctionId);
    // A second-price round over the counted bids: bo's $60 is a max, over the next best ($50), and pays one step over it.
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({
      winner: { bidderId: `twitch:${bo.userId}`, priceCents: 5_000 + incrementAt(5_000, auction.ladder) },
    });
    clock.advance(1_100);
    await fin(rt);
    expect(await said()).toContain('@ana_delay: bidding has closed');
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'sold' });
  });

  it('attack 2: at the defaults, a viewer as far behind as the final call covers who bids on seeing it begin is counted, not shut out', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m' });
    const auction = await liveAuction(rt, builder);
    const callMs = (auction.finalCallSeconds ?? 0) * 1000;
    const covered = callMs - 5_000;
    expect(covered).toBeGreaterThanOrEqual((auction.streamDelaySeconds ?? 0) * 1000);
    const end = Date.parse(auction.endsAt);
    clock.ms = end - 30_000;
    expect(textOf(await answerOf(rt, bidCommand(dee, 30)))).toContain('You lead');
    // That viewer sees the final call begin `covered` ms late, and takes 4.9 s to bid on the private page.
    clock.ms = end + covered + 4_900;
    expect(await bidInPrivate(rt, bo, auction.auctionId, '45')).toContain('Your bid is in, sealed until the final call ends');
    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ winner: { bidderId: `twitch:${bo.userId}` } });
  });

  it('attack 3: a counter-bid window no longer than the delay still moves the end in the open, and the final call follows the new end', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 12, 'counter-bid': 10 });
    const auction = await liveAuction(rt, builder);
    const end = Date.parse(auction.endsAt);
    clock.ms = end - 30_000;
    await answerOf(rt, bidCommand(dee, 30));
    clock.ms = end - 2_000;
    expect(textOf(await answerOf(rt, bidCommand(eli, 35)))).toContain('You lead');
    await rt.settle();
    const moved = await board(auction.auctionId);
    const newEnd = Date.parse(moved.endsAt);
    expect(newEnd).toBeGreaterThan(end);
    // Past the old end, before the new one: still open bidding, on the overlay and the card, never a final call or a result.
    clock.ms = end + 1_000;
    await fin(rt);
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'bidding', price: '$35.00' });
    expect(textOf(latestEmbed(rt, auction))).toContain(`<t:${Math.floor(newEnd / 1000)}:T>`);
    expect(textOf(latestEmbed(rt, auction))).not.toContain('Final call:');
    clock.ms = newEnd + 200;
    await fin(rt);
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'final-call', price: '$35.00' });
    expect(textOf(latestEmbed(rt, auction))).toContain('Final call:');
    await runToHammer(rt, clock, auction.auctionId);
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'sold', price: '$35.00' });
  });
});

describe('attack 7: a member who erases themselves while their max leads', () => {
  it('is taken out of the live book at once: their max bids no more, the next best leads, and the result never names them', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m' });
    const auction = await liveAuction(rt, builder);
    const end = Date.parse(auction.endsAt);
    const erin = '700000000000000037';
    clock.ms = end - 40_000;
    expect(textOf(await answerOf(rt, bidCommand(erin, 30, { max: 90 })))).toContain('You lead');
    expect(textOf(await answerOf(rt, bidCommand(dee, 40, { max: 60 })))).toContain('Outbid at once');
    // Their only trace is in the live book: /c500 privacy says so, and offers to erase it.
    const privacy = textOf(await answerOf(rt, command({ name: 'c500', path: ['privacy'], userId: erin })));
    expect(privacy).toContain('1 × your bid and max in an auction still live');
    // On the message /c500 privacy answered with, just now.
    const onAnswer = { messageId: snowflake() };
    expect(textOf(await answerOf(rt, buttonPress(eraseButtonId(erin), erin, onAnswer)))).toContain('Erase everything C500 may let go about you?');
    expect(textOf(await answerOf(rt, buttonPress(confirmEraseButtonId(erin), erin, onAnswer)))).not.toContain('keeps nothing');
    await rt.settle();
    // At once, not at the hammer: dee leads at his own bid, and the card and overlay say so.
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'bidding', price: '$40.00', bidCount: 2 });
    expect(textOf(latestEmbed(rt, auction))).toContain(`<@${dee}>`);
    // Her $90 max no longer answers: a bid of $70 leads rather than being outbid at once.
    expect(textOf(await answerOf(rt, bidCommand(eli, 70)))).toContain('You lead at **$70.00**');
    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ winner: { bidderId: eli, priceCents: 7_000 } });
    expect(JSON.stringify(rt.outbox.entries.filter((e) => e.kind === 'dm' && e.userId === erin))).not.toContain('You won');
  });
});

describe('an auction’s sealed final call', () => {
  it('takes a Discord bid and a chat bid privately, keeps the overlay and card as they were, and names the higher one everywhere at the end', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 3 });
    const auction = await liveAuction(rt, builder);
    expect(auction).toMatchObject({ streamDelaySeconds: 3, finalCallSeconds: 10 });
    const end = Date.parse(auction.endsAt);
    const before = await board(auction.auctionId);
    expect(before).toMatchObject({ phase: 'bidding', finalCallSeconds: 10 });
    expect(Date.parse(before.finalCallEndsAt)).toBe(end + 10_000);
    // The card gives the end and the final call's end to the second.
    expect(textOf(latestEmbed(rt, auction))).toContain(`<t:${Math.floor(end / 1000)}:T>`);
    expect(textOf(latestEmbed(rt, auction))).toContain(`until <t:${Math.floor((end + 10_000) / 1000)}:T>`);

    clock.ms = end - 20_000;
    const deesBid = bidCommand(dee, 30);
    expect(textOf(await answerOf(rt, deesBid))).toContain('You lead at **$30.00**');
    await rt.settle();
    const cardBidding = textOf(latestEmbed(rt, auction));
    expect(cardBidding).toContain('Live auction');

    // The stated end passes: the final call begins, chat hears it (its replies task a moment later), and the card says it.
    clock.ms = end + 200;
    await runDueTasks();
    clock.advance(1_100);
    await runDueTasks();
    expect(await said()).toContain('FINAL CALL on Tofu65 in e-white: bids are sealed for 10s');
    const cardBefore = textOf(latestEmbed(rt, auction));
    expect(cardBefore).toContain('Final call: Tofu65 in e-white');
    expect(cardBefore).toContain(`of sealed bids, until <t:${Math.floor((end + 10_000) / 1000)}:T>`);
    expect(cardBefore).toContain('$30.00');
    const editsBefore = embedHistory(rt, auction).length;
    const boardBefore = board(auction.auctionId);
    expect(await boardBefore).toMatchObject({
      phase: 'final-call',
      price: '$30.00',
      bidCount: 1,
      headline: expect.stringMatching(/^Final call: bids are sealed for \d+ s$/),
    });

    // A Discord bid in the final call: in, sealed; nothing public moves.
    clock.ms = end + 2_000;
    const elisBid = bidCommand(eli, 50);
    const sealedAnswer = textOf(await answerOf(rt, elisBid));
    expect(sealedAnswer).toContain('Your bid is in for the final call');
    expect(sealedAnswer).not.toContain('lead');
    // A chat bid typed in the final call (4 s after the end), delivered a second later: not taken, the private page
    // linked instead; placed there, in, sealed.
    await chatBidTypedThenDelivered(ana, '!bid 40', end + 4_000, end + 5_000);
    expect(await said()).toContain(
      `@ana_delay: the final call is sealed, so a bid typed in chat isn't taken: bid in private at ${rt.url}/bid/${auction.auctionId}`,
    );
    expect(await bidInPrivate(rt, ana, auction.auctionId, '40')).toContain('Your bid is in, sealed until the final call ends');
    expect(await board(auction.auctionId)).toEqual({
      ...(await boardBefore),
      phase: 'final-call',
      serverTime: expect.any(String),
      headline: expect.any(String),
    });
    expect(embedHistory(rt, auction)).toHaveLength(editsBefore);
    expect(textOf(latestEmbed(rt, auction))).toBe(cardBefore);
    expect(await said()).not.toContain('leads at $40.00');

    // Typed 10.2 s after the stated end: the final call is over on every screen.
    await chatBidTypedThenDelivered(bo, '!bid 90', end + 10_200, end + 10_900);
    expect(await said()).toContain('@bo_delay: bidding has closed');

    await runToHammer(rt, clock, auction.auctionId);
    // Chat's replies task, a moment after the hammer.
    clock.advance(1_100);
    await runDueTasks();
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({
      status: 'awaiting-payment',
      bidCount: 3,
      // Eli's sealed $50 is a max: she pays one step over ana's $40.
      winner: { bidderId: eli, priceCents: 4_200 },
    });
    expect(
      postsIn(rt, auction.channelId)
        .map(textOf)
        .some((p) => p.includes('SOLD!') && p.includes('$42.00')),
    ).toBe(true);
    expect(await said()).toContain('SOLD! Tofu65 in e-white goes to a bidder in Discord at $42.00');
    expect(await board(auction.auctionId)).toMatchObject({ phase: 'sold', price: '$42.00' });
    // Nobody's answer still says they lead: each says the result.
    const lastAnswer = (token: string) => textOf(rt.edits(token).at(-1)?.message ?? {});
    expect(lastAnswer(deesBid.token)).toBe('🔨 **Tofu65 in e-white** sold for **$42.00** to another bidder. Your bid didn’t win this time.');
    expect(lastAnswer(elisBid.token)).toBe('🔨 **You won Tofu65 in e-white** for **$42.00**. Check your DMs to pay.');
  });

  it('gives the shown leader’s $1 probe the same answer before and after a sealed bid outbids them (issue 76’s first attack)', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 3 });
    const auction = await liveAuction(rt, builder);
    const end = Date.parse(auction.endsAt);
    const [leader, rival] = ['700000000000000041', '700000000000000042'];
    clock.ms = end - 20_000;
    expect(textOf(await answerOf(rt, bidCommand(leader, 30)))).toContain('You lead at **$30.00**');
    clock.ms = end + 1_000;
    await runDueTasks();
    const before = textOf(await answerOf(rt, bidCommand(leader, 1)));
    clock.ms = end + 3_000;
    expect(textOf(await answerOf(rt, bidCommand(rival, 80)))).toContain('Your bid is in for the final call');
    // Past the bidder's cooldown: the probe again, now that a sealed max beats the leader.
    clock.ms = end + 5_000;
    const after = textOf(await answerOf(rt, bidCommand(leader, 1)));
    expect(after).toBe(before);
    expect(before).not.toMatch(/lead|outbid/i);
    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ winner: { bidderId: rival } });
  });

  it('gives a chat leader’s $1 probe the same words before and after a sealed bid outbids them, in chat and on the private page (issue 76’s first attack)', async () => {
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 3 });
    const auction = await liveAuction(rt, builder);
    const end = Date.parse(auction.endsAt);
    // Both probes and the outbid fall inside the final call.
    expect((auction.finalCallSeconds ?? 0) * 1000).toBeGreaterThan(7_000);
    const rival = '700000000000000043';
    await chatBidTypedThenDelivered(ana, '!bid 30', end - 20_000, end - 20_000);
    expect(await said()).toContain('ana_delay (Twitch) leads at $30.00');
    clock.ms = end + 1_000;
    await runDueTasks();
    /** What the chatter sees of one probe: the bot's chat lines naming them (read from the chat stand-in), and the private page's words. */
    const probe = async (atMs: number) => {
      const before = (await botSaid(rt, channel)).length;
      await chatBidTypedThenDelivered(ana, '!bid 1', atMs, atMs);
      const inChat = (await botSaid(rt, channel))
        .slice(before)
        .flatMap((m) => m.text.split(/(?=@)/))
        .filter((line) => line.includes('@ana_delay'));
      const page = wordsOf(await bidInPrivate(rt, ana, auction.auctionId, '1'));
      return { inChat, page };
    };
    const before = await probe(end + 1_000);
    clock.ms = end + 3_500;
    expect(textOf(await answerOf(rt, bidCommand(rival, 80)))).toContain('Your bid is in for the final call');
    const after = await probe(end + 5_000);
    expect(after).toEqual(before);
    // In chat, the same words for every chat bid in the final call: the private page's link.
    expect(before.inChat).toEqual([
      `@ana_delay: the final call is sealed, so a bid typed in chat isn't taken: bid in private at ${rt.url}/bid/${auction.auctionId}`,
    ]);
    expect(before.inChat.join('\n') + before.page).not.toMatch(/lead|outbid/i);
    await runToHammer(rt, clock, auction.auctionId);
    expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ winner: { bidderId: rival } });
  });

  it('refuses a final call shorter than the stream’s delay plus 5 s at once, privately, saying the least it may be', async () => {
    const answer = await answerOf(
      rt,
      command({
        name: 'c500',
        path: ['auction', 'start'],
        options: { item: 'Tofu65', price: 25, duration: '2m', 'stream-delay': 12, 'final-call': 10 },
        userId: builder,
      }),
    );
    expect(answer.flags).toBe(64);
    expect(textOf(answer)).toContain('`final-call:17`');
  });

  it('runs an auction that names none with the server’s default, raised to what its own delay needs', async () => {
    // Too short for the server's own delay: refused, saying the least.
    const short = await say(rt, '800000000000000001', { path: ['auction', 'settings'], options: { 'stream-delay': 12, 'final-call': 15 }, permissions: ADMIN });
    expect(textOf(short)).toContain('`final-call:17`');
    const saved = await say(rt, '800000000000000001', { path: ['auction', 'settings'], options: { 'stream-delay': 3, 'final-call': 15 }, permissions: ADMIN });
    expect(textOf(saved)).toContain('**a 3s stream delay**');
    expect(textOf(saved)).toContain('**a sealed final call of 15 s**');
    await startAuction(rt, builder, { price: 25, duration: '1m', 'stream-delay': 12 });
    const auction = await liveAuction(rt, builder);
    expect(auction).toMatchObject({ streamDelaySeconds: 12, finalCallSeconds: 17 });
    const shown = await board(auction.auctionId);
    expect(Date.parse(shown.finalCallEndsAt) - Date.parse(shown.endsAt)).toBe(17_000);
  });
});
