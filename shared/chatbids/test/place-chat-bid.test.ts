/**
 * A `!bid` from Twitch chat, one at a time, on the in-memory book (the same rules as the
 * Lua book) and the in-memory store: what reaches the book, what chat is told, and what a
 * chat bid sets off for the Discord bidders around it.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { auctionPath, blockBidder, type Auction } from '../../auctions';
import { twitchChannelPath } from '../../onboarding';
import { auctionTerms } from '../../../test/support/auction-book-fixtures';
import { chatBiddingPath, twitchBidderPath } from '../rules/chat-bidding';
import type { ChatBidJob } from '../rules/chat-bid-job';
import { ChatMemory } from '../use-cases/chat-memory';
import { chatBidderReach } from '../use-cases/chat-reach';
import { placeChatBid } from '../use-cases/place-chat-bid';
import { recordChatter } from '../use-cases/sign-in-chatter';
import { ADMIN, command } from '../../../test/support/interactions';
import type { ChatDeps } from '../use-cases/chat-deps';

const BROADCASTER = '5551';
const OWNER = '800000000000000009';
const CHANNEL = '910000000000000001';
const AUCTION = 'auct0001';
const GUILD = '900000000000000001';

async function world(options: { on?: boolean; suddenDeath?: boolean; finalCallMs?: number } = {}) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const book = new InMemoryAuctionBook(undefined, () => nowMs);
  const outbox = new InMemoryChatOutbox();
  const scheduled: ScheduledTask[] = [];
  const deleted: string[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const deps: ChatDeps = {
    store,
    book,
    discord: new DiscordOutbox(undefined, { clock }),
    tasks,
    clock,
    outbox,
    currency: 'usd',
    publicBaseUrl: 'https://c500.example',
    botUserId: '100000001',
    trustedOnRecord: async () => false,
    deleteChatMessage: async (message) => (deleted.push(message.messageId), 'deleted'),
  };
  await store.set(chatBiddingPath(BROADCASTER), {
    broadcasterId: BROADCASTER,
    login: 'keebstream',
    ownerId: OWNER,
    guildId: GUILD,
    on: options.on ?? true,
    changedBy: OWNER,
    changedAt: clock.now().toISOString(),
  });
  const startedAt = clock.now().toISOString();
  await store.set(auctionPath(AUCTION), { auctionId: AUCTION, guildId: GUILD, channelId: CHANNEL, builderId: OWNER, status: 'live', startedAt } as Auction);
  await book.open(
    auctionTerms({
      auctionId: AUCTION,
      channelId: CHANNEL,
      builderId: OWNER,
      endsAtMs: nowMs + 60_000,
      settleMs: 2_000,
      startCents: 1_000,
      opensAtMs: nowMs,
      suddenDeath: options.suddenDeath ?? false,
      counterBidMs: options.suddenDeath ? 0 : 10_000,
      finalCallMs: options.finalCallMs ?? 0,
    }),
  );
  const memory = new ChatMemory(store, clock);
  const reach = chatBidderReach({ store: () => store, discord: () => deps.discord, outbox, tasks, clock, publicBaseUrl: deps.publicBaseUrl });
  const signIn = (id: string, login: string) =>
    store.set(twitchBidderPath(id), { twitchUserId: id, login, displayName: login, linkedAt: clock.now().toISOString() });
  let seq = 0;
  const chat = (chatterId: string, login: string, text: string, at = nowMs): ChatBidJob => ({
    chatMessageId: `msg-${++seq}`,
    broadcasterId: BROADCASTER,
    broadcasterLogin: 'keebstream',
    chatterId,
    chatterLogin: login,
    chatterName: login,
    text,
    sentAtMs: at,
  });
  const bid = (job: ChatBidJob) => placeChatBid(deps, memory, reach, job);
  const said = async () => (await outbox.takeAll(BROADCASTER)).map((l) => (l.group ? `@${l.group.login}: ${l.text}` : l.text));
  /** The hammer, as the auction's end and close task leave it: closed in the book and in the store. */
  const close = async () => {
    nowMs += 62_000;
    await book.hammer(AUCTION, (await book.read(AUCTION))?.version ?? 0, nowMs);
    await store.update(auctionPath(AUCTION), { status: 'unsold', closedAt: clock.now().toISOString() });
  };
  return { deps, book, store, outbox, scheduled, deleted, signIn, chat, bid, said, close, advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
}

describe('a bid from Twitch chat', () => {
  it('is a bid in the same book, by the chatter as twitch:<id>, shown by their display name', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('leading');
    const board = await w.book.read(AUCTION);
    expect(board?.leaderId).toBe('twitch:42');
    expect(board?.leaderName).toBe('ana (Twitch)');
    expect(await w.said()).toEqual(['ana (Twitch) leads at $25.00 · next $26.00']);
  });

  it('tells a chatter who never signed in, once, with the link, and places nothing', async () => {
    const w = await world();
    expect(await w.bid(w.chat('43', 'bo', '!bid 25'))).toBe('not-signed-in');
    expect(await w.bid(w.chat('43', 'bo', '!bid 30'))).toBe('not-signed-in');
    expect(await w.said()).toEqual(['@bo to bid from chat, sign in with Twitch once: https://c500.example/twitch/bidder']);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('ignores chat in a channel whose chat bidding is off, and the bot’s own messages', async () => {
    const off = await world({ on: false });
    await off.signIn('42', 'ana');
    expect(await off.bid(off.chat('42', 'ana', '!bid 25'))).toBe('chat-bidding-off');
    const on = await world();
    expect(await on.bid(on.chat('100000001', 'c500bot', '!bid 25'))).toBe('ignored');
    expect(await on.said()).toEqual([]);
  });

  it('answers a !bid it cannot read with how to bid, naming the chatter', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    expect(await w.bid(w.chat('42', 'ana', '!bid lots'))).toBe('unreadable');
    expect(await w.said()).toEqual(['@ana: "lots" isn’t an amount: try !bid 50']);
  });

  it('groups those who bid too low into one line with the next amount', async () => {
    const w = await world();
    for (const [id, login] of [
      ['42', 'ana'],
      ['43', 'bo'],
      ['44', 'cy'],
    ] as const)
      await w.signIn(id, login);
    await w.bid(w.chat('42', 'ana', '!bid 50'));
    w.advance(1_100);
    await w.bid(w.chat('43', 'bo', '!bid 20'));
    w.advance(1_100);
    await w.bid(w.chat('44', 'cy', '!bid 30'));
    expect(await w.said()).toEqual(['ana (Twitch) leads at $50.00 · next $53.00', '@bo: too low, next $53.00', '@cy: too low, next $53.00']);
  });

  it('tells the chatter a proxy max outbid, in chat, when another chatter’s max takes the lead', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    await w.signIn('43', 'bo');
    await w.bid(w.chat('42', 'ana', '!bid 25'));
    w.advance(1_100);
    expect(await w.bid(w.chat('43', 'bo', '!bid 30 max 80'))).toBe('leading');
    const lines = await w.said();
    expect(lines).toContain('@ana: you were outbid, next $32.00');
    expect(lines).toContain('bo (Twitch) leads at $30.00 · next $32.00');
  });

  it('is judged at the moment Twitch signed it: made before a sudden-death end and delivered after, it counts (sealed); made after, refused', async () => {
    const w = await world({ suddenDeath: true });
    await w.signIn('42', 'ana');
    const endsAt = w.now() + 60_000;
    const made = w.chat('42', 'ana', '!bid 25', endsAt - 500);
    w.advance(60_000 + 1_000);
    expect(await w.bid(made)).toBe('sealed');
    const late = w.chat('43', 'bo', '!bid 40', endsAt + 500);
    await w.signIn('43', 'bo');
    expect(await w.bid(late)).toBe('closed');
  });

  it('answers a !bid that arrives just after the hammer with “bidding has closed”, as one just before it', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    await w.signIn('43', 'bo');
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('leading');
    await w.said();
    await w.close();
    w.advance(30_000);
    expect(await w.bid(w.chat('43', 'bo', '!bid 40'))).toBe('closed');
    expect(await w.said()).toEqual(['@bo: bidding has closed']);
  });

  it('tells a chatter “bidding has closed” when the book lost the live auction (Redis restarted empty), not nothing', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    await w.signIn('43', 'bo');
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('leading');
    await w.said();
    // The store still says live; the book no longer knows the auction, so its hammer will end it unsold.
    w.deps.book = new InMemoryAuctionBook();
    expect(await w.bid(w.chat('43', 'bo', '!bid 40'))).toBe('closed');
    expect(await w.said()).toEqual(['@bo: bidding has closed']);
  });

  it('says nothing to a !bid long after the channel’s last auction ended', async () => {
    const w = await world();
    await w.signIn('43', 'bo');
    await w.close();
    w.advance(6 * 60_000);
    expect(await w.bid(w.chat('43', 'bo', '!bid 40'))).toBe('no-live-auction');
    expect(await w.said()).toEqual([]);
  });

  it('refuses a chatter whose Twitch account is linked to a blocked member, however recently they linked it', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    await w.book.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 0, blocked: ['800000000000000077'] });
    await w.store.set(twitchChannelPath('42'), { builderId: '800000000000000077', login: 'ana', linkedAt: new Date(w.now()).toISOString() });
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('blocked');
    expect(await w.said()).toEqual(['@ana: bidding is paused for your account: ask the admins of this channel’s Discord server why']);
  });

  it('GIVEN a chatter linked to a member C500 blocked after a chargeback WHEN they !bid THEN chat hears that bidding is paused and to ask the server’s admins, and nothing of a dispute', async () => {
    const w = await world();
    const member = '800000000000000078';
    await w.signIn('44', 'cy');
    await w.book.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 0, blocked: [member] });
    await w.store.set(twitchChannelPath('44'), { builderId: member, login: 'cy', linkedAt: new Date(w.now()).toISOString() });
    expect(await w.bid(w.chat('44', 'cy', '!bid 25'))).toBe('blocked');
    const said = await w.said();
    expect(said).toEqual(['@cy: bidding is paused for your account: ask the admins of this channel’s Discord server why']);
    expect(said.join(' ')).not.toMatch(/disput|chargeback|bank|blocked/i);
  });

  it('refuses the builder’s bid from a Twitch account linked to them, as their own auction', async () => {
    const w = await world();
    await w.signIn('47', 'maker');
    await w.store.set(twitchChannelPath('47'), { builderId: OWNER, login: 'maker', linkedAt: new Date(w.now()).toISOString() });
    expect(await w.bid(w.chat('47', 'maker', '!bid 25'))).toBe('own-auction');
    expect(await w.said()).toEqual(['@maker: you can’t bid on your own auction']);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('refuses a !bid Twitch signed before the auction opened, and counts none of it', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    const before = w.chat('42', 'ana', '!bid 25', w.now() - 1_000);
    w.advance(2_000);
    expect(await w.bid(before)).toBe('too-early');
    expect(await w.said()).toEqual(['@ana: that bid came before the auction opened, bid again']);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(0);
  });

  it('holds a block by Twitch login for a chatter it has seen, after they rename on Twitch', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('leading');
    const trust = { store: w.store, book: w.book, clock: w.deps.clock, marketplace: { currency: 'usd' } };
    await blockBidder(trust, command({ name: 'c500', path: ['block'], options: { twitch: 'ana' }, userId: '800000000000000100', permissions: ADMIN }));
    w.advance(2_000);
    expect(await w.bid(w.chat('42', 'ana_renamed', '!bid 40'))).toBe('blocked');
  });

  it('holds a block by Twitch login for a signed-in chatter who never bid, after they rename on Twitch', async () => {
    const w = await world();
    await recordChatter(w.deps, { userId: '42', login: 'ana', displayName: 'Ana', scopes: [] });
    const trust = { store: w.store, book: w.book, clock: w.deps.clock, marketplace: { currency: 'usd' } };
    await blockBidder(trust, command({ name: 'c500', path: ['block'], options: { twitch: 'ana' }, userId: '800000000000000100', permissions: ADMIN }));
    expect(await w.bid(w.chat('42', 'ana_renamed', '!bid 40'))).toBe('blocked');
  });

  it('counts a redelivered chat message once', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    const job = w.chat('42', 'ana', '!bid 25');
    await w.bid(job);
    await w.bid(job);
    expect((await w.book.read(AUCTION))?.bidCount).toBe(1);
  });

  it('schedules one reply task per channel and second, however many bids the second brings', async () => {
    const w = await world();
    await w.signIn('42', 'ana');
    await w.signIn('43', 'bo');
    await w.bid(w.chat('42', 'ana', '!bid 25'));
    await w.bid(w.chat('43', 'bo', '!bid 26'));
    const names = new Set(w.scheduled.filter((t) => t.queue === 'chat-replies').map((t) => t.name));
    expect(names.size).toBe(1);
  });

  it('answers a !bid typed in the sealed final call with the private bid page’s link, deletes it, and never takes it as a bid', async () => {
    const w = await world({ suddenDeath: true, finalCallMs: 20_000 });
    await w.signIn('42', 'ana');
    await w.signIn('43', 'bo');
    expect(await w.bid(w.chat('42', 'ana', '!bid 25'))).toBe('leading');
    await w.said();
    w.advance(60_000 + 1_000);
    const typed = w.chat('43', 'bo', '!bid 60');
    expect(await w.bid(typed)).toBe('final-call-in-private');
    expect(await w.said()).toEqual([
      `@bo: the final call is sealed, so a bid typed in chat isn't taken: bid in private at https://c500.example/bid/${AUCTION}`,
    ]);
    expect(w.deleted).toEqual([typed.chatMessageId]);
    // Nothing of it reached the book: ana still leads at her price, and bo has no max there.
    expect(await w.book.read(AUCTION)).toMatchObject({ bidCount: 1, priceCents: 2_500 });
    expect(await w.book.holdsBidder(AUCTION, 'twitch:43')).toBe(false);
  });

  it('gives the link, not a sealed bid, to a !bid typed just before the final call that is read after it began', async () => {
    const w = await world({ suddenDeath: true, finalCallMs: 20_000 });
    await w.signIn('43', 'bo');
    const typed = w.chat('43', 'bo', '!bid 60', w.now() + 60_000 - 500);
    w.advance(60_000 + 500);
    expect(await w.bid(typed)).toBe('final-call-in-private');
    expect(await w.book.holdsBidder(AUCTION, 'twitch:43')).toBe(false);
  });

  it('never takes a !bid typed in the final call and read after its end: bidding has closed', async () => {
    const w = await world({ suddenDeath: true, finalCallMs: 20_000 });
    await w.signIn('43', 'bo');
    const typed = w.chat('43', 'bo', '!bid 60', w.now() + 60_000 + 19_500);
    w.advance(60_000 + 20_500);
    expect(await w.bid(typed)).toBe('closed');
    expect(await w.said()).toEqual(['@bo: bidding has closed']);
    expect(await w.book.holdsBidder(AUCTION, 'twitch:43')).toBe(false);
  });
});
