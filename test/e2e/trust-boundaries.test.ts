/**
 * Everything a person acts on belongs to the server and channel it was posted in. From
 * another server, another channel or a DM, a typed id or a replayed button id finds
 * nothing, and nothing changes: no bid in the book, no checkout, no place on a grid.
 */
import { auctionPath, type Auction } from '../../shared/auctions';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import { bidButtonCustomId } from '../../shared/auctions/rules/auction';
import { joinButtonId } from '../../shared/races/rules/race';
import { buttonPress, command, snowflake } from '../support/interactions';
import { AUCTION_CHANNEL, auctionWorld, liveAuction, startAuction } from '../support/auctions';
import { MARKETPLACE, answerOf, postDrop, sessions, textOf } from '../support/marketplace';
import { RACE_CHANNEL, lobby, lobbyMessages, lobbyOf, race } from '../support/races';
import type { TestRuntime } from '../support/local-runtime';

const OTHER_GUILD = '900000000000000077';
const OTHER_CHANNEL = '930000000000000077';

let rt: TestRuntime;
let builder: string;
let auction: Auction;
beforeAll(async () => {
  ({ rt, builder } = await auctionWorld());
  await startAuction(rt, builder, { price: 25 });
  auction = await liveAuction(rt, builder);
});
afterAll(() => rt.close());

/** The overlay's view of the book, less its clock (the book's own, which moves between two reads). */
const bookBids = async () => {
  const { serverTime: _clock, ...view } = (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as {
    serverTime?: string;
    bidCount?: number;
    price?: string;
  };
  return view;
};
const elsewhere = [
  ['another server', { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL }],
  ['another channel of this server', { guildId: '900000000000000001', channelId: OTHER_CHANNEL }],
] as const;

describe('an auction', () => {
  it.each(elsewhere)('takes no bid typed with its id from %s', async (_where, where) => {
    const before = await bookBids();
    const typed = { ...command({ name: 'bid', options: { amount: 30, auction: auction.auctionId } }), guild_id: where.guildId, channel_id: where.channelId };
    expect(textOf(await answerOf(rt, typed))).toContain('no such auction in this channel');
    expect(await bookBids()).toEqual(before);
  });

  it.each(elsewhere)('takes no bid from its button replayed in %s', async (_where, where) => {
    const before = await bookBids();
    expect(textOf(await answerOf(rt, buttonPress(bidButtonCustomId(auction.auctionId, 3_000), snowflake(), where)))).toContain(
      'no such auction in this channel',
    );
    expect(await bookBids()).toEqual(before);
  });

  it('takes no bid from a button replayed in a DM', async () => {
    const dm = {
      ...buttonPress(bidButtonCustomId(auction.auctionId, 3_000), snowflake()),
      guild_id: undefined,
      member: undefined,
      user: { id: snowflake(), username: 'dm' },
      channel_id: OTHER_CHANNEL,
    };
    expect(textOf(await answerOf(rt, dm))).toMatch(/server/);
    expect((await bookBids()).bidCount ?? 0).toBe(0);
  });

  it('refuses a button carrying more than the most a card payment can be, as a typed bid would be refused', async () => {
    const answer = await answerOf(rt, buttonPress(`bid:${auction.auctionId}:100000000`, snowflake(), { channelId: AUCTION_CHANNEL }));
    expect(textOf(answer)).toMatch(/ended|isn’t|can’t/);
    expect((await bookBids()).bidCount ?? 0).toBe(0);
  });

  it('cannot be cancelled from another channel, even by its builder', async () => {
    const cancel = {
      ...command({ name: 'c500', path: ['auction', 'cancel'], options: { auction: auction.auctionId }, userId: builder }),
      channel_id: OTHER_CHANNEL,
    };
    expect(textOf(await answerOf(rt, cancel))).toContain('no such auction');
    expect((await rt.store.get(auctionPath(auction.auctionId)))?.status).toBe('live');
  });

  it('still takes the same bid from its own channel', async () => {
    expect(textOf(await answerOf(rt, buttonPress(bidButtonCustomId(auction.auctionId, 2_500), snowflake(), { channelId: AUCTION_CHANNEL })))).toContain(
      'You lead',
    );
  });
});

describe('a drop', () => {
  it.each(elsewhere)('opens no checkout and holds no stock when Buy Now is replayed in %s', async (_where, where) => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 2', title: `Guarded ${where.channelId.slice(-3)}${where.guildId.slice(-2)}` });
    const before = (await sessions(rt)).length;
    expect(textOf(await answerOf(rt, buttonPress(`buy:${drop!.dropId}`, snowflake(), where)))).toContain('no longer for sale');
    expect((await sessions(rt)).length).toBe(before);
    expect((await dropWithStock(rt.store, drop!.dropId))?.stockAvailable).toBe(2);
  });

  it('sells from its own post', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 2', title: 'Sold at home' });
    expect(textOf(await answerOf(rt, buttonPress(`buy:${drop!.dropId}`, snowflake(), { channelId: MARKETPLACE })))).toContain('held for you');
  });
});

describe('a race lobby', () => {
  it.each(elsewhere)('puts nobody on the grid from a Join replayed in %s', async (_where, where) => {
    const host = snowflake();
    await race(rt, host, 'open', { title: 'Guarded grid' });
    const opened = await lobbyOf(rt, host);
    expect(textOf(await answerOf(rt, buttonPress(joinButtonId(opened.lobbyId), snowflake(), where)))).toMatch(/lobby/i);
    expect((await lobby(rt, opened.lobbyId)).racers).toEqual([]);
    expect(textOf(await answerOf(rt, buttonPress(joinButtonId(opened.lobbyId), snowflake(), { channelId: RACE_CHANNEL })))).toMatch(/grid|in/i);
  });
});

describe('a task route called directly', () => {
  it('edits a lobby message at most once a second however often it is called, and changes nothing when nothing changed', async () => {
    const host = snowflake();
    await race(rt, host, 'open', { title: 'Hammered route' });
    const opened = await lobbyOf(rt, host);
    await answerOf(rt, buttonPress(joinButtonId(opened.lobbyId), snowflake(), { channelId: RACE_CHANNEL }));
    await rt.settle();
    const edits = () => lobbyMessages(rt, opened).length;
    const before = edits();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${rt.url}/tasks/race-message`, {
          method: 'POST',
          body: JSON.stringify({ lobbyId: opened.lobbyId }),
          headers: { 'content-type': 'application/json' },
        }).then((r) => r.status),
      ),
    );
    await rt.settle();
    expect(edits() - before).toBeLessThanOrEqual(1);
    expect(statuses.every((s) => s === 204 || s === 425)).toBe(true);
  });
});

describe('after every hostile request in this file', () => {
  it('has left no job dead-lettered', async () => {
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
  });
});
