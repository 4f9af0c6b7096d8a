/**
 * The final call's announcement and the hammer follow the book's clock (issue 76): run by a
 * process whose clock runs fast or slow, chat's FINAL CALL line and the 🔒 card come when the
 * book says the final call began, never before (while it still takes open bids) nor held back
 * after; and no SOLD comes before the book's clock has passed the final call and its settle
 * window. The book's clock and the process's are two clocks here, ten seconds apart.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { AuctionBookModel } from '../rules/auction-book-model';
import { auctionPath, type Auction } from '../rules/auction';
import { closeAuction } from '../use-cases/close-auction';
import { TaskNotDueYet } from '../../errors';
import { discordMembersOnly } from '../../../test/support/bidders';
import { bid, terms, t0 } from './book-model-fixtures';
import { hammerDeps, liveAuction } from './hammer-world';

const end = t0 + 60_000;
const finalCallMs = 20_000;
const skewMs = 10_000;
const member = '100000000000000001';

/** An auction with one open bid; the book's clock at `bookNow`, the process's `skew` ms off it. */
async function world(skew: number) {
  let bookNow = t0 + 1_000;
  const clock = { now: () => new Date(bookNow + skew) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const book = new InMemoryAuctionBook(new AuctionBookModel(), () => bookNow);
  const toldFinalCall: number[] = [];
  await book.open(terms({ endsAtMs: end, finalCallMs, suddenDeath: true }));
  expect((await book.placeBid({ auctionId: 'a1' }, bid(member, 3_000, { atMs: t0 + 1_000 }))).outcome).toBe('leading');
  const deps = await hammerDeps(liveAuction(end, finalCallMs), {
    store,
    book,
    clock,
    discord,
    bidders: { ...discordMembersOnly, tellFinalCall: async () => void toldFinalCall.push(bookNow) },
  });
  const cardTitles = () => discord.entries.flatMap((e) => (e.kind === 'edit' ? [e.message.embeds?.[0]?.title] : []));
  return { deps, book, store, discord, toldFinalCall, cardTitles, at: (ms: number) => void (bookNow = ms) };
}

const finalCall = { auctionId: 'a1', version: 0, call: 'final-call' as const };
const hammer = { auctionId: 'a1', version: 0 };

describe('the final call announced by a process whose clock runs fast', () => {
  it('says nothing while the book still takes open bids, and asks to be run again when the book’s clock reaches the end', async () => {
    const w = await world(skewMs);
    w.at(end - 3_000);
    const early = await closeAuction(w.deps, finalCall).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(TaskNotDueYet);
    // Due 3 s from now on the book's clock, told on the process's own (which reads 10 s ahead).
    expect((early as TaskNotDueYet).atMs).toBe(end - 3_000 + skewMs + 3_000);
    expect(w.toldFinalCall).toEqual([]);
    expect(w.cardTitles()).toEqual([]);
    // The book still takes open bids then, as nothing said otherwise.
    expect((await w.book.placeBid({ auctionId: 'a1' }, bid('200000000000000002', 5_000, { atMs: end - 2_000, receivedAtMs: end - 2_000 }))).outcome).toBe(
      'leading',
    );
    w.at(end);
    await expect(closeAuction(w.deps, finalCall)).resolves.toBe('closed');
    expect(w.toldFinalCall).toEqual([end]);
    expect(w.cardTitles()).toEqual(['🔒 Final call: Keyboard']);
  });

  it('lets no SOLD come before the book’s clock has passed the final call, and a bid made in it still counts', async () => {
    const w = await world(skewMs);
    w.at(end + finalCallMs - 5_000);
    await expect(closeAuction(w.deps, hammer)).rejects.toBeInstanceOf(TaskNotDueYet);
    expect((await w.store.get<Auction>(auctionPath('a1')))?.status).toBe('live');
    expect((await w.book.placeBid({ auctionId: 'a1' }, bid('200000000000000003', 9_000, { atMs: end + 10_000, receivedAtMs: end + 15_000 }))).outcome).toBe(
      'sealed',
    );
    w.at(end + finalCallMs);
    await expect(closeAuction(w.deps, hammer)).resolves.toBe('closed');
    expect((await w.store.get<Auction>(auctionPath('a1')))?.winner?.bidderId).toBe('200000000000000003');
  });
});

describe('the final call announced by a process whose clock runs slow', () => {
  it('is announced as soon as the book says it began, though the process’s clock still reads before the end', async () => {
    const w = await world(-skewMs);
    w.at(end + 500);
    await expect(closeAuction(w.deps, finalCall)).resolves.toBe('closed');
    expect(w.toldFinalCall).toEqual([end + 500]);
    expect(w.cardTitles()).toEqual(['🔒 Final call: Keyboard']);
  });

  it('brings the hammer when the book’s clock has passed the final call, though the process’s clock still reads inside it', async () => {
    const w = await world(-skewMs);
    w.at(end + finalCallMs);
    await expect(closeAuction(w.deps, hammer)).resolves.toBe('closed');
    expect((await w.store.get<Auction>(auctionPath('a1')))?.status).toBe('awaiting-payment');
  });
});
