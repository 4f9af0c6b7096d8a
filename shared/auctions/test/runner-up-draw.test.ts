/**
 * Second chance on tied sealed bids (issue 76): the runner-ups after a tie between equal maxes
 * in the final call are ranked by the committed draw that decided the winner, never by who bid
 * first, whichever order the bids were made and delivered in. Read from the store the hammer wrote.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { AuctionBookModel } from '../rules/auction-book-model';
import { auctionPath, type Auction } from '../rules/auction';
import { drawRank, drawnStandings } from '../rules/sealed-draw';
import { closeAuction } from '../use-cases/close-auction';
import { bid, terms, t0 } from './book-model-fixtures';
import { hammerDeps, liveAuction } from './hammer-world';

const seed = 'the-committed-seed';
const end = t0 + 60_000;
const finalCallMs = 20_000;
const tied = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004'];
/** The tied bidders as the draw ranks them: the first wins the tie, the next two are the runner-ups. */
const drawOrder = [...tied].sort((a, b) => (drawRank(seed, a) < drawRank(seed, b) ? -1 : 1));
const lower = '100000000000000009';

/** An open bid at $30, then four equal $50 maxes sealed in the final call, made and delivered in `order`. */
async function hammeredWith(order: readonly string[]) {
  const store = new LocalDocumentStore();
  const clock = { now: () => new Date(end + finalCallMs + 1_000) };
  const book = new InMemoryAuctionBook(new AuctionBookModel());
  await book.open(terms({ endsAtMs: end, finalCallMs, drawSeed: seed, suddenDeath: true }));
  await book.placeBid({ auctionId: 'a1' }, bid(lower, 3_000, { atMs: t0 + 1_000 }));
  for (const [i, bidderId] of order.entries()) await book.placeBid({ auctionId: 'a1' }, bid(bidderId, 5_000, { atMs: end + 1_000 + i * 1_000 }));
  const deps = await hammerDeps(liveAuction(end, finalCallMs, { drawSeed: seed }), { store, book, clock, secondChanceDepth: 3 });
  await expect(closeAuction(deps, { auctionId: 'a1', version: 0 })).resolves.toBe('closed');
  return store.get<Auction>(auctionPath('a1'));
}

describe('the runner-ups of a tie between equal sealed maxes', () => {
  it.each([
    ['made and delivered in the draw’s order', drawOrder],
    ['made and delivered in the reverse of the draw’s order', [...drawOrder].reverse()],
  ])('are ranked by the committed draw, the winner’s tie too, when %s', async (_, order) => {
    const recorded = await hammeredWith(order);
    expect(recorded?.winner?.bidderId).toBe(drawOrder[0]);
    // Three deep: the two the draw ranks next among the equal maxes, then the lower open bid.
    expect(recorded?.runnerUps?.map((r) => r.bidderId)).toEqual([drawOrder[1], drawOrder[2], drawOrder[3]]);
    // Each is offered what the proxy rule sets without those above them: another equal max ($50),
    // then for the last of the tie one step over the open $30.
    expect(recorded?.runnerUps?.map((r) => r.offerCents)).toEqual([5_000, 5_000, 3_200]);
  });
});

describe('the order standings are offered in', () => {
  const st = (bidderId: string, topCents: number, atMs: number) => ({ bidderId, topCents, atMs });

  it('keeps equal maxes all set in open bidding in the order they were made', () => {
    const ranked = drawnStandings([st('late', 5_000, end - 10), st('early', 5_000, end - 20), st('top', 9_000, end - 5)], { endsAtMs: end, drawSeed: seed });
    expect(ranked.map((s) => s.bidderId)).toEqual(['top', 'early', 'late']);
  });

  it('draws a tie that any final-call max is part of, and an auction without a seed by the empty one', () => {
    const standings = tied.map((id, i) => st(id, 5_000, i === 0 ? end - 1 : end + i));
    expect(drawnStandings(standings, { endsAtMs: end, drawSeed: seed }).map((s) => s.bidderId)).toEqual(drawOrder);
    const unseeded = [...tied].sort((a, b) => (drawRank('', a) < drawRank('', b) ? -1 : 1));
    expect(drawnStandings(standings, { endsAtMs: end }).map((s) => s.bidderId)).toEqual(unseeded);
  });
});
