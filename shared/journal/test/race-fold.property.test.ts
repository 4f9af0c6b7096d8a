/**
 * What each race earned a racer is a fold of their journal (issue 75). For any journal of earnings
 * and payouts, of several racers, races and currencies, some still pending, some netting another
 * account of the racer's in the same entry, and in any order: each race's figure is what that
 * race's posted earnings moved to the racer's payable account, its dates are its first and last
 * of them, and the races together add up to what the wallet says they earned.
 */
import fc from 'fast-check';
import { post, type JournalEntry, type Posting } from '../rules/entry';
import { racerMoney } from '../rules/fold';
import { earlierRaces, racerEarningsByRace } from '../rules/race-fold';
import { entry } from './journal-entries';

const racer = 'r1';
const other = 'r2';

const move = fc.record({
  kind: fc.constantFrom('racer-earning' as const, 'racer-payout' as const),
  personId: fc.constantFrom(racer, other),
  cents: fc.integer({ min: -900, max: 900 }).filter((cents) => cents !== 0),
  /** Of it, an amount set against the racer's debt in the same entry (a commission netted, say): never earned. */
  nettedCents: fc.constantFrom(0, 0, 125),
  /** A second racer's payable moved in the same entry: theirs, not this racer's. */
  alsoOther: fc.boolean(),
  lobbyId: fc.constantFrom(undefined, 'lobbyfri', 'lobbysat'),
  currency: fc.constantFrom('usd', 'eur'),
  minute: fc.integer({ min: 0, max: 600 }),
  /** 0: money still in flight (a pending entry), which no posted figure counts. */
  held: fc.integer({ min: 0, max: 9 }),
});

/** Some moves, and the order a query might return their entries in. */
const movesInSomeOrder = fc
  .array(move, { maxLength: 14 })
  .chain((moves) => fc.tuple(fc.constant(moves), fc.shuffledSubarray([...moves.keys()], { minLength: moves.length, maxLength: moves.length })));

type Move = typeof move extends fc.Arbitrary<infer T> ? T : never;

function journalOf(moves: ReadonlyArray<Move>): JournalEntry[] {
  return moves.map((m, i) => {
    const postings: Posting[] = [
      post.racer(m.personId, -m.cents),
      post.to(m.kind === 'racer-earning' ? 'merch-revenue' : 'payout-clearing', m.cents - m.nettedCents),
    ];
    if (m.nettedCents) postings.push(post.owed(m.personId, m.nettedCents));
    if (m.alsoOther) postings.push(post.racer(other, -77), post.to('merch-revenue', 77));
    return entry(`race-ledger:e${i}`, m.kind, postings, {
      currency: m.currency,
      personId: m.personId,
      at: new Date(Date.UTC(2026, 10, 20) + m.minute * 60_000).toISOString(),
      ...(m.lobbyId ? { lobbyId: m.lobbyId } : {}),
      ...(m.held === 0 ? { pending: { timeoutAt: '2026-12-01T00:00:00.000Z' } } : {}),
    });
  });
}

/** The figures stated plainly: the racer's own posted earnings in the currency, grouped by race. */
function expectedRaces(moves: ReadonlyArray<Move>, currency: string) {
  const races = new Map<string, { earnedCents: number; times: string[] }>();
  journalOf(moves).forEach((e, i) => {
    const m = moves[i] as Move;
    if (m.kind !== 'racer-earning' || m.held === 0 || m.currency !== currency || m.personId !== racer) return;
    const key = m.lobbyId ?? earlierRaces;
    const race = races.get(key) ?? { earnedCents: 0, times: [] };
    races.set(key, { earnedCents: race.earnedCents + m.cents, times: [...race.times, e.at] });
  });
  return new Map(
    [...races].map(([key, race]) => {
      const times = [...race.times].sort();
      return [key, { earnedCents: race.earnedCents, firstAt: times[0], lastAt: times[times.length - 1] }];
    }),
  );
}

describe('what each race earned a racer, folded from the journal (property)', () => {
  it('is each race’s posted earnings to the racer’s own payable in the currency, dated by its first and last, whatever the order', () => {
    fc.assert(
      fc.property(movesInSomeOrder, fc.constantFrom('usd', 'USD', 'eur'), ([moves, order], asked) => {
        const journal = journalOf(moves);
        const expected = expectedRaces(moves, asked.toLowerCase());
        expect(racerEarningsByRace(journal, asked, racer)).toEqual(expected);
        expect(
          racerEarningsByRace(
            order.map((i) => journal[i] as JournalEntry),
            asked,
            racer,
          ),
        ).toEqual(expected);
        expect(racerEarningsByRace([...journal].reverse(), asked, racer)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('adds up, over the races, to what the racer’s wallet says they earned, of which what is payable is the unpaid part', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 14 }), fc.constantFrom('usd', 'eur'), (moves, currency) => {
        const journal = journalOf(moves);
        const byRace = [...racerEarningsByRace(journal, currency, racer).values()].reduce((sum, race) => sum + race.earnedCents, 0);
        const stated = journal
          .filter((e) => e.kind === 'racer-earning' && !e.pending && e.currency === currency)
          .flatMap((e) => e.postings)
          .filter((p) => p.account === 'racer-payable' && p.personId === racer)
          .reduce((sum, p) => sum - p.amountCents, 0);
        expect(byRace).toBe(stated);
        const money = racerMoney(journal, currency, racer);
        expect(money.earnedCents).toBe(stated);
        // What is payable is what they earned less what was paid out: nothing else moves the account here.
        expect(money.pendingCents).toBe(money.earnedCents - money.paidCents);
      }),
      { numRuns: 300 },
    );
  });
});

describe('earnings whose entries name no race', () => {
  it('fold into one group under a key no lobby can have (lobby ids are letters and digits)', () => {
    const old = entry('race-ledger:kofi-0-credit-0', 'racer-earning', [post.racer(racer, -700), post.to('merch-revenue', 700)], { personId: racer });
    expect([...racerEarningsByRace([old], 'usd', racer).keys()]).toEqual([earlierRaces]);
    expect(earlierRaces).not.toMatch(/^[A-Za-z0-9]*$/);
  });
});
