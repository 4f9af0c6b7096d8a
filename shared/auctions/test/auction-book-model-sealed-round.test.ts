/**
 * The sealed final call as a blind, second-price round (issue 76), on the reference model: it
 * begins on the book's clock and freezes what the public sees; every sealed bid gets the same
 * answer whoever leads; every sealed bid is a max and the winner pays one step over the next;
 * a tie between equal maxes goes by the committed draw, never by speed; an erasure in it moves
 * nothing public.
 */
import fc from 'fast-check';
import { AuctionBookModel } from '../rules/auction-book-model';
import { drawRank } from '../rules/sealed-draw';
import { incrementAt, type BidResult } from '../rules/auction-book';
import { bid, terms, t0 } from './book-model-fixtures';

const end = t0 + 60_000;
/** A final call of 20 s with a 10 s soft close before it, on a book whose clock the test moves. */
function book(over: Parameters<typeof terms>[0] = {}) {
  let clockMs = t0 + 1_000;
  const model = new AuctionBookModel(() => clockMs);
  model.open(terms({ finalCallMs: 20_000, counterBidMs: 10_000, settleMs: 2_000, drawSeed: 'seed-1', ...over }));
  return {
    model,
    at: (ms: number) => void (clockMs = ms),
    place: (who: string, amountCents: number, more: Parameters<typeof bid>[2] = {}) => model.placeBid({ auctionId: 'a1' }, bid(who, amountCents, more)),
    result: () => {
      const closed = model.hammer('a1', model.read('a1')?.version ?? 0, end + 60_000);
      if (closed.kind !== 'closed') throw new Error(`not closed: ${closed.kind}`);
      return closed.snapshot;
    },
  };
}
/** What a bidder's answer tells them: everything but the bid's own identity. */
const told = (r: BidResult) => r;

describe('the final call begins on the book’s clock', () => {
  it('keeps a bid stamped before the end that reaches the book after the final call began from moving anything public, and never extends', () => {
    const b = book();
    b.place('ann', 1_000, { atMs: t0 + 2_000 });
    const before = b.model.read('a1');
    // Stamped 500 ms before the end (inside the soft close), decided once the book's clock passed it.
    const late = b.place('bob', 5_000, { atMs: end - 500, receivedAtMs: end + 1_000 });
    expect(late.outcome).toBe('sealed');
    expect(late.extended).toBe(false);
    expect(b.model.read('a1')).toStrictEqual(before);
    expect(b.result()).toMatchObject({ leaderId: 'bob', endsAtMs: end });
  });

  it('seals a bid from a process whose clock runs slow once anything on the book’s clock has begun the final call', () => {
    const b = book();
    b.place('ann', 1_000, { atMs: t0 + 2_000 });
    b.at(end + 1);
    // An erasure of nobody bidding, once the book's clock passed the end: the final call has begun.
    expect(b.model.withdraw('a1', 'nobody')).toBe('not-bidding');
    const before = b.model.read('a1');
    const slow = b.place('bob', 5_000, { atMs: end - 2_000, receivedAtMs: end - 1_000 });
    expect(slow).toMatchObject({ outcome: 'sealed', extended: false });
    expect(b.model.read('a1')).toStrictEqual(before);
  });
});

describe('one answer for every sealed bid', () => {
  it('gives the shown leader’s probe under the shown minimum the same answer before and after a sealed outbid', () => {
    const b = book();
    b.place('ann', 1_000, { atMs: t0 + 2_000 });
    const probe = () => b.place('ann', 100, { atMs: end + 1_000 });
    const before = probe();
    b.place('bob', 9_000, { atMs: end + 2_000 });
    const after = probe();
    expect(before.outcome).toBe('too-low');
    expect(told(after)).toStrictEqual(told(before));
  });

  it('gives the shown leader’s bid above the shown minimum the same answer before and after a sealed outbid', () => {
    const b = book();
    b.place('ann', 1_000, { maxCents: 3_000, atMs: t0 + 2_000 });
    const bidAgain = () => b.place('ann', 1_100, { atMs: end + 1_000 });
    const before = bidAgain();
    b.place('bob', 9_000, { atMs: end + 2_000 });
    const after = bidAgain();
    expect(before.outcome).toBe('sealed');
    expect(told(after)).toStrictEqual(told(before));
  });

  it('answers every sealed bid over the shown minimum alike, whatever its amount and whoever leads', async () => {
    await fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('ann', 'bob', 'cat'), fc.integer({ min: 1_100, max: 20_000 })), { minLength: 1, maxLength: 8 }), (bids) => {
        const b = book();
        b.place('ann', 1_000, { atMs: t0 + 2_000 });
        const answers = bids.map(([who, cents], i) => b.place(who, cents, { atMs: end + 1_000 + i }));
        for (const a of answers) expect(a).toStrictEqual(answers[0]);
      }),
    );
  });
});

describe('a second-price round', () => {
  it('takes a sealed bid’s amount as its max: the winner pays one step over the next best, never their own bid', () => {
    const b = book();
    b.place('ann', 3_000, { atMs: t0 + 2_000 });
    expect(b.place('bob', 15_000, { atMs: end + 1_000 }).outcome).toBe('sealed');
    expect(b.result()).toMatchObject({ leaderId: 'bob', priceCents: 3_200 });
  });

  it('charges the shown price’s next step to a lone sealed bidder on a lot nobody bid on in the open', () => {
    const b = book();
    b.place('bob', 15_000, { atMs: end + 1_000 });
    expect(b.result()).toMatchObject({ leaderId: 'bob', priceCents: 1_000 });
  });

  it('lifts the price to the reserve when the winner’s max meets it', () => {
    const b = book({ reserveCents: 10_000 });
    b.place('ann', 3_000, { atMs: t0 + 2_000 });
    b.place('bob', 15_000, { atMs: end + 1_000 });
    expect(b.result()).toMatchObject({ leaderId: 'bob', priceCents: 10_000 });
  });

  it('gives the win to the highest max at one step over the second, whatever order the sealed bids arrive in', async () => {
    await fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 12, max: 400 }), { minLength: 2, maxLength: 6 }), fc.nat(), (dollars, shuffle) => {
        const maxes = dollars.map((d) => d * 100);
        const order = [...maxes.keys()].sort((x, y) => ((x * 7919 + shuffle) % 13) - ((y * 7919 + shuffle) % 13));
        const b = book();
        order.forEach((i, n) => b.place(`u${i}`, maxes[i] as number, { atMs: end + 1_000 + n }));
        const sorted = [...maxes].sort((x, y) => y - x);
        const [best, second] = sorted as [number, number];
        expect(b.result()).toMatchObject({ leaderId: `u${maxes.indexOf(best)}`, priceCents: Math.min(best, second + incrementAt(second)) });
      }),
    );
  });
});

describe('a tie between equal maxes in the final call', () => {
  const rankedFirst = (seed: string, a: string, c: string) => (drawRank(seed, a) < drawRank(seed, c) ? a : c);

  it('goes to the same bidder whichever of them bid first, chosen by the committed draw', async () => {
    await fc.assert(
      fc.property(fc.string({ minLength: 1 }), (seed) => {
        const winners = [
          ['ann', 'bob'],
          ['bob', 'ann'],
        ].map(([first, second]) => {
          const b = book({ drawSeed: seed });
          b.place(first as string, 5_000, { atMs: end + 1_000 });
          b.place(second as string, 5_000, { atMs: end + 2_000 });
          return b.result();
        });
        expect(winners[0]?.leaderId).toBe(rankedFirst(seed, 'ann', 'bob'));
        expect(winners[1]).toMatchObject({ leaderId: winners[0]?.leaderId, priceCents: 5_000 });
      }),
    );
  });

  it('ranks the open bidding’s leader by the draw too once a sealed bid meets their max', () => {
    const seed = 'seed-1';
    const b = book({ drawSeed: seed });
    b.place('ann', 1_000, { maxCents: 5_000, atMs: t0 + 2_000 });
    b.place('bob', 5_000, { atMs: end + 1_000 });
    expect(b.result()).toMatchObject({ leaderId: rankedFirst(seed, 'ann', 'bob'), priceCents: 5_000 });
  });

  it('still goes to the earlier max in open bidding, where the later bidder is told at once', () => {
    const b = book();
    b.place('ann', 1_000, { maxCents: 5_000, atMs: t0 + 2_000 });
    expect(b.place('bob', 5_000, { atMs: t0 + 3_000 }).outcome).toBe('outbid');
  });
});

describe('an erasure in the final call', () => {
  it('changes nothing public when it comes before any sealed bid', () => {
    const b = book();
    b.place('ann', 1_000, { maxCents: 4_000, atMs: t0 + 2_000 });
    b.place('bob', 2_000, { atMs: t0 + 3_000 });
    b.at(end + 1_000);
    const shown = b.model.read('a1');
    expect(b.model.withdraw('a1', 'bob')).toBe('withdrawn');
    expect(b.model.read('a1')).toStrictEqual(shown);
  });

  it('changes only the sealed result when the erased member’s sealed bid would have set it', () => {
    const b = book();
    b.place('ann', 1_000, { atMs: t0 + 2_000 });
    b.place('bob', 9_000, { atMs: end + 1_000 });
    b.place('cat', 5_000, { atMs: end + 2_000 });
    b.at(end + 3_000);
    const shown = b.model.read('a1');
    b.model.withdraw('a1', 'bob');
    expect(b.model.read('a1')).toStrictEqual(shown);
    expect(b.result()).toMatchObject({ leaderId: 'cat', priceCents: 1_100 });
  });
});
