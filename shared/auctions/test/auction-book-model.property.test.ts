/**
 * The reference model under random bid sequences, checked against facts computed apart
 * from it: which bids it must take, who leads (the highest max, the earlier one on a tie), what the price must be
 * (a closed form over the accepted bids), how many bids count, and that a redelivered bid
 * changes nothing.
 */
import fc from 'fast-check';
import { AuctionBookModel } from '../rules/auction-book-model';
import { defaultLadder, type AuctionTerms, type BidRequest } from '../rules/auction-book';

const t0 = 1_700_000_000_000;
const bidders = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'];

function terms(startCents: number, reserveCents: number): AuctionTerms {
  return {
    auctionId: 'a1',
    guildId: 'g1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder',
    item: 'Keyboard',
    currency: 'usd',
    startCents,
    reserveCents,
    // Before the earliest bid a step can make (late by up to 2.5 s): these properties are about prices.
    opensAtMs: t0 - 3_000,
    endsAtMs: t0 + 3_600_000,
    counterBidMs: 30_000,
    suddenDeath: false,
    settleMs: 2_000,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
  };
}

/** A bid relative to the minimum at its turn, so that most are accepted and some are too low. */
interface BidStep {
  kind: 'bid';
  bidder: number;
  /** Cents above (or below) the next minimum. */
  over: number;
  /** Cents of max above the amount. */
  extra: number;
  /** The max is the reserve itself (when that is at least the amount): where "meets" is decided. */
  atReserve: boolean;
  dt: number;
  /** How long before it reached the book the bid was made: bids arrive out of the order they were made in. */
  late: number;
}
interface RedeliverStep {
  kind: 'redeliver';
  pick: number;
}

const bidStep: fc.Arbitrary<BidStep> = fc.record({
  kind: fc.constant('bid' as const),
  bidder: fc.nat({ max: bidders.length - 1 }),
  // Mostly whole dollars, so that maxes meet each other and the reserve exactly (ties matter).
  over: fc.oneof(
    fc.constant(0),
    fc.integer({ min: -3, max: 30 }).map((d) => d * 100),
    fc.integer({ min: -300, max: 3_000 }),
  ),
  extra: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 60 }).map((d) => d * 100),
    fc.integer({ min: 0, max: 6_000 }),
  ),
  atReserve: fc.nat({ max: 9 }).map((n) => n === 0),
  dt: fc.nat({ max: 3_000 }),
  late: fc.oneof(fc.constant(0), fc.nat({ max: 2_500 })),
});
const maxOf = (step: BidStep, amountCents: number, reserveCents: number) => (step.atReserve ? Math.max(amountCents, reserveCents) : amountCents + step.extra);
const redeliverStep: fc.Arbitrary<RedeliverStep> = fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() });
const start = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((d) => d * 100),
  fc.integer({ min: 100, max: 6_000 }),
);
const reserve = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 2, max: 40 }).map((d) => d * 500),
  fc.integer({ min: 1_000, max: 20_000 }),
);

/** The outcomes that put a bid in the book, as the bidding guide names them (not read from the code). */
const isAccepted = (outcome: string) => ['leading', 'raised-max', 'outbid'].includes(outcome);

/**
 * One step of the default ladder, restated from the bidding guide rather than read from the
 * ladder the model uses: under $30 → $1, $30 → $2, $50 → $3, $100 → $5, $300 → $10,
 * $1,000 → $20, $2,000 and up → $50.
 */
function stepAt(priceCents: number): number {
  if (priceCents >= 200_000) return 5_000;
  if (priceCents >= 100_000) return 2_000;
  if (priceCents >= 30_000) return 1_000;
  if (priceCents >= 10_000) return 500;
  if (priceCents >= 5_000) return 300;
  if (priceCents >= 3_000) return 200;
  return 100;
}

/**
 * The leader by definition: the highest max among accepted bids; on a tie the one made
 * first (however late it reached the book), then the first to reach it.
 */
function leaderOf(accepted: readonly { bidderId: string; maxCents: number; atMs: number }[]): { bidderId: string; maxCents: number } | undefined {
  let best: { bidderId: string; maxCents: number; atMs: number } | undefined;
  for (const bid of accepted) if (!best || bid.maxCents > best.maxCents || (bid.maxCents === best.maxCents && bid.atMs < best.atMs)) best = bid;
  return best;
}

describe('the auction book model under random bids', () => {
  it('keeps its invariants: rising price, leader with the highest max, price within it, every accepted bid counted once, redeliveries inert', () => {
    fc.assert(
      fc.property(
        start,
        reserve,
        fc.array(fc.oneof({ arbitrary: bidStep, weight: 4 }, { arbitrary: redeliverStep, weight: 1 }), { maxLength: 60 }),
        (startCents, reserveCents, steps) => {
          const model = new AuctionBookModel();
          model.open(terms(startCents, reserveCents));
          const accepted: BidRequest[] = [];
          const recorded = new Map<string, string>();
          let now = t0;
          let lastPrice = startCents;
          steps.forEach((step, n) => {
            const before = model.read('a1');
            if (!before) throw new Error('the auction vanished');
            if (step.kind === 'redeliver') {
              const again = accepted[step.pick % Math.max(1, accepted.length)];
              if (!again) return;
              // The same interaction again, later: the same id, so the same time it was made.
              const result = model.placeBid({ auctionId: 'a1' }, { ...again, receivedAtMs: now });
              expect(result.repeat).toBe(true);
              expect(result.outcome).toBe(recorded.get(again.bidId));
              expect(model.read('a1')).toEqual(before);
              return;
            }
            now += step.dt;
            const amountCents = Math.max(0, before.nextMinimumCents + step.over);
            const bid: BidRequest = {
              bidId: `bid${n}`,
              guildId: 'g1',
              bidderId: bidders[step.bidder] as string,
              bidderName: `B${step.bidder}`,
              amountCents,
              maxCents: maxOf(step, amountCents, reserveCents),
              responseToken: `t${n}`,
              atMs: now - step.late,
              receivedAtMs: now,
            };
            // Whether the book must take it, by the rule and not by the model's answer: the leader
            // only by raising their max; anyone else with at least the start, or a step over the price.
            const leading = leaderOf(accepted);
            const minimum = leading ? before.priceCents + stepAt(before.priceCents) : startCents;
            expect(before.nextMinimumCents).toBe(minimum);
            const mustAccept = leading?.bidderId === bid.bidderId ? bid.maxCents > leading.maxCents : amountCents >= minimum;
            const result = model.placeBid({ auctionId: 'a1' }, bid);
            const after = result.snapshot;
            if (!after) throw new Error('no snapshot');
            expect(isAccepted(result.outcome)).toBe(mustAccept);
            if (mustAccept) {
              accepted.push(bid);
              recorded.set(bid.bidId, result.outcome);
            } else {
              expect(after).toEqual(before);
            }
            expect(result.repeat).toBe(false);
            expect(after.priceCents).toBeGreaterThanOrEqual(lastPrice);
            lastPrice = after.priceCents;
            const leader = leaderOf(accepted);
            expect(after.leaderId).toBe(leader?.bidderId);
            if (leader) expect(after.priceCents).toBeLessThanOrEqual(leader.maxCents);
            else expect(after.priceCents).toBe(startCents);
            expect(after.reserveMet).toBe(reserveCents === 0 || (leader !== undefined && leader.maxCents >= reserveCents));
            expect(after.bidCount).toBe(accepted.length);
          });
          const closed = model.hammer('a1', model.read('a1')?.version ?? 0, t0 + 10_000_000);
          if (closed.kind !== 'closed') throw new Error(closed.kind);
          expect(closed.bids.map((b) => b.bidId)).toEqual(accepted.map((b) => b.bidId));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prices every sequence without self-raises as one step over the runner-up’s max, capped at the leader’s, lifted to a met reserve', () => {
    // The oracle knows nothing of how the model gets there: it keeps the accepted bids and
    // computes the price from them alone. Let L lead with max M1 (taken by a bid of amount
    // a), and M2 be the highest max of anyone else. Then the price is max(a, min(M1, M2 +
    // step(M2))), or a when nobody else bid; lifted to the reserve when M1 meets it.
    fc.assert(
      fc.property(start, reserve, fc.array(bidStep, { maxLength: 60 }), (startCents, reserveCents, steps) => {
        const model = new AuctionBookModel();
        model.open(terms(startCents, reserveCents));
        const accepted: BidRequest[] = [];
        const oraclePrice = (): number => {
          const leader = leaderOf(accepted);
          if (!leader) return startCents;
          const taking = accepted.find((b) => b.bidderId === leader.bidderId && b.maxCents === leader.maxCents) as BidRequest;
          const others = accepted.filter((b) => b.bidderId !== leader.bidderId).map((b) => b.maxCents);
          const runnerUp = others.length ? Math.max(...others) : undefined;
          const base = runnerUp === undefined ? taking.amountCents : Math.max(taking.amountCents, Math.min(leader.maxCents, runnerUp + stepAt(runnerUp)));
          return reserveCents > 0 && leader.maxCents >= reserveCents ? Math.max(base, reserveCents) : base;
        };
        let now = t0;
        steps.forEach((step, n) => {
          const bidderId = bidders[step.bidder] as string;
          // Raising one's own max while leading keeps the price where it was: outside this closed form.
          if (bidderId === leaderOf(accepted)?.bidderId) return;
          now += step.dt;
          const price = oraclePrice();
          const minimum = accepted.length ? price + stepAt(price) : startCents;
          const amountCents = Math.max(0, minimum + step.over);
          const bid: BidRequest = {
            bidId: `bid${n}`,
            guildId: 'g1',
            bidderId,
            bidderName: bidderId,
            amountCents,
            maxCents: maxOf(step, amountCents, reserveCents),
            responseToken: `t${n}`,
            atMs: now - step.late,
            receivedAtMs: now,
          };
          const shouldAccept = amountCents >= minimum;
          if (shouldAccept) accepted.push(bid);
          const result = model.placeBid({ auctionId: 'a1' }, bid);
          expect(isAccepted(result.outcome)).toBe(shouldAccept);
          expect(result.snapshot?.priceCents).toBe(oraclePrice());
          expect(result.snapshot?.leaderId).toBe(leaderOf(accepted)?.bidderId);
          expect(result.snapshot?.nextMinimumCents).toBe(accepted.length ? oraclePrice() + stepAt(oraclePrice()) : startCents);
        });
      }),
      { numRuns: 500 },
    );
  });
});
