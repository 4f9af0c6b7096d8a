/**
 * `/bid/<auction id>`: a viewer's sealed bid in a final call, placed in private. Signed out, the
 * Twitch sign-in first; signed in, a form whose token is theirs alone; the bid goes into the
 * same book as every other, answered the same way whoever leads; a form sent twice is one bid.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { TaskQueue } from '../../ports';
import { auctionPath, type Auction } from '../../auctions';
import { auctionTerms } from '../../../test/support/auction-book-fixtures';
import { twitchBidderPath } from '../rules/chat-bidding';
import { setChatterCookie } from '../rules/chatter-cookie';
import { chatBidderReach } from '../use-cases/chat-reach';
import { answerSealedBid } from '../use-cases/answer-sealed-bid';
import type { ChatDeps } from '../use-cases/chat-deps';

const AUCTION = 'auct0076';
const key = 'k'.repeat(40);
const app = { stateKey: key, publicBaseUrl: 'https://c500.example' };

async function world() {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const book = new InMemoryAuctionBook(undefined, () => nowMs);
  const outbox = new InMemoryChatOutbox();
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const chat: ChatDeps = {
    store,
    book,
    discord: new DiscordOutbox(undefined, { clock }),
    tasks,
    clock,
    outbox,
    currency: 'usd',
    publicBaseUrl: app.publicBaseUrl,
    botUserId: '100000001',
    trustedOnRecord: async () => true,
  };
  const bidders = chatBidderReach({ store: () => store, discord: () => chat.discord, outbox, tasks, clock, publicBaseUrl: app.publicBaseUrl });
  await store.set(auctionPath(AUCTION), {
    auctionId: AUCTION,
    guildId: '900000000000000001',
    channelId: '910000000000000001',
    builderId: '800000000000000009',
    status: 'live',
    startedAt: clock.now().toISOString(),
    endsAt: new Date(nowMs + 60_000).toISOString(),
  } as Auction);
  await book.open(
    auctionTerms({
      auctionId: AUCTION,
      channelId: '910000000000000001',
      builderId: '800000000000000009',
      endsAtMs: nowMs + 60_000,
      finalCallMs: 20_000,
      startCents: 1_000,
      opensAtMs: nowMs,
      suddenDeath: true,
      counterBidMs: 0,
    }),
  );
  const signedIn = async (id: string, login: string) => {
    await store.set(twitchBidderPath(id), { twitchUserId: id, login, displayName: login, linkedAt: clock.now().toISOString() });
    const cookie = setChatterCookie({ kind: 'bid', id, expiresAtMs: nowMs + 3_600_000 }, key, nowMs, { secure: false });
    return cookie.split(';')[0] as string;
  };
  const deps = { chat, bidders, app };
  const get = (cookies?: string, auctionId = AUCTION) => answerSealedBid(deps, { method: 'GET', auctionId, cookies });
  const post = (cookies: string, token: string, amount: string) => answerSealedBid(deps, { method: 'POST', auctionId: AUCTION, cookies, token, amount });
  const tokenOf = (html = '') => /name="token" value="([^"]+)"/.exec(html)?.[1] as string;
  return { book, signedIn, get, post, tokenOf, advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
}

describe('the private bid page of a final call', () => {
  it('sends a viewer who is not signed in to the Twitch sign-in, and back to the page after', async () => {
    const w = await world();
    expect(await w.get()).toEqual({ status: 303, location: `https://c500.example/twitch/bidder?next=${encodeURIComponent(`/bid/${AUCTION}`)}` });
  });

  it('says bidding is still open before the final call, and places nothing', async () => {
    const w = await world();
    const page = await w.get(await w.signedIn('42', 'ana'));
    expect(page.html).toContain('Bidding is still open');
    expect(page.html).not.toContain('<form');
  });

  it('takes a sealed bid typed in the form and answers it the same way whoever leads', async () => {
    const w = await world();
    const ana = await w.signedIn('42', 'ana');
    const bo = await w.signedIn('43', 'bo');
    w.advance(61_000);
    const form = await w.get(ana);
    expect(form.html).toContain('Signed in with Twitch as <strong>ana</strong>');
    const first = await w.post(ana, w.tokenOf(form.html), '40');
    expect(first.html).toContain('Your bid is in, sealed until the final call ends');
    const second = await w.post(bo, w.tokenOf((await w.get(bo)).html), '25');
    // bo's lower bid and ana's higher one get the same words: nothing says where either stands.
    expect(second.html).toBe(first.html);
    expect(await w.book.holdsBidder(AUCTION, 'twitch:42')).toBe(true);
    expect(await w.book.holdsBidder(AUCTION, 'twitch:43')).toBe(true);
  });

  it('places a form sent twice once, and refuses another viewer’s form', async () => {
    const w = await world();
    const ana = await w.signedIn('42', 'ana');
    const bo = await w.signedIn('43', 'bo');
    w.advance(61_000);
    const token = w.tokenOf((await w.get(ana)).html);
    await w.post(ana, token, '40');
    await w.post(ana, token, '40');
    const stolen = await w.post(bo, token, '90');
    expect(stolen.status).toBe(403);
    expect(await w.book.holdsBidder(AUCTION, 'twitch:43')).toBe(false);
    // At the hammer, the book holds one bid of ana's: the form's nonce named it both times.
    w.advance(30_000);
    const closed = await w.book.hammer(AUCTION, (await w.book.read(AUCTION))?.version ?? 0, w.now());
    expect(closed.kind === 'closed' ? closed.bids.filter((b) => b.bidderId === 'twitch:42') : []).toHaveLength(1);
  });

  it('shows the form again with what to type when the amount cannot be read', async () => {
    const w = await world();
    const ana = await w.signedIn('42', 'ana');
    w.advance(61_000);
    const again = await w.post(ana, w.tokenOf((await w.get(ana)).html), 'lots');
    expect(again.html).toContain('Not placed: &quot;lots&quot; isn’t an amount');
    expect(again.html).toContain('<form');
    expect(await w.book.holdsBidder(AUCTION, 'twitch:42')).toBe(false);
  });

  it('says bidding has closed once the final call is over, and finds no auction for a malformed id', async () => {
    const w = await world();
    const ana = await w.signedIn('42', 'ana');
    w.advance(81_000);
    expect((await w.get(ana)).html).toContain('Bidding has closed');
    expect((await w.get(ana, '../etc')).status).toBe(404);
  });
});
