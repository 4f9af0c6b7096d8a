/**
 * A racer's journal entries lose their name (the retention sweep) only in runs that empty their
 * account (`settledRun`). For any sequence of credits, reversals and payouts in two currencies,
 * and any order of entries asked to end, the entries still named always fold to the account's
 * whole balance: ending a run never makes a settled account look open, nor an open one settled.
 */
import fc from 'fast-check';
import { post, type JournalEntry } from '../rules/entry';
import { accountSettled, payableTo, settledRun } from '../rules/fold';
import { entry } from './journal-entries';

const racer = 'r1';

const movement = fc.record({
  cents: fc.integer({ min: -900, max: 900 }).filter((cents) => cents !== 0),
  currency: fc.constantFrom('usd', 'eur'),
});

/** Each movement as the races module writes it: a credit (or its reversal) against merch revenue, a payout against clearing. */
function journalOf(moves: ReadonlyArray<{ cents: number; currency: string }>): JournalEntry[] {
  return moves.map(({ cents, currency }, i) =>
    entry(
      `e${String(i).padStart(3, '0')}`,
      cents > 0 ? 'racer-earning' : 'racer-payout',
      [post.racer(racer, -cents), post.to(cents > 0 ? 'merch-revenue' : 'payout-clearing', cents)],
      {
        currency,
        personId: racer,
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      },
    ),
  );
}

/** Some credits, then payouts that bring each currency back to zero: an account that settles. */
const settlingMoves = fc.array(movement, { minLength: 1, maxLength: 12 }).map((moves) => {
  const left = new Map<string, number>();
  for (const m of moves) left.set(m.currency, (left.get(m.currency) ?? 0) + m.cents);
  return [...moves, ...[...left].filter(([, cents]) => cents !== 0).map(([currency, cents]) => ({ currency, cents: -cents }))];
});

describe('a racer’s entries ended in settled runs (property)', () => {
  it('leave the named entries folding to the whole account’s balance in every currency, whatever is asked to end and in what order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(settlingMoves, fc.array(movement, { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat()),
        (parts, asks) => {
          const journal = journalOf(parts.flat());
          const whole = { usd: payableTo(journal, 'usd', racer), eur: payableTo(journal, 'eur', racer) };
          let named = journal;
          for (const ask of asks) {
            if (named.length === 0) break;
            const through = (named[ask % named.length] as JournalEntry).entryId;
            const run = settledRun(named, racer, through, 'racer-payable');
            if (!run) continue;
            expect(run.map((e) => e.entryId)).toContain(through);
            expect(accountSettled(run, racer, 'racer-payable')).toBe(true);
            const ended = new Set(run.map((e) => e.entryId));
            named = named.filter((e) => !ended.has(e.entryId));
            expect({ usd: payableTo(named, 'usd', racer), eur: payableTo(named, 'eur', racer) }).toEqual(whole);
            expect(accountSettled(named, racer, 'racer-payable')).toBe(accountSettled(journal, racer, 'racer-payable'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('end nothing of an account that never returns to zero from the asked entry on', () => {
    const journal = journalOf([
      { cents: 500, currency: 'usd' },
      { cents: -500, currency: 'usd' },
      { cents: 300, currency: 'usd' },
    ]);
    expect(settledRun(journal, racer, 'e000', 'racer-payable')?.map((e) => e.entryId)).toEqual(['e000', 'e001']);
    expect(settledRun(journal, racer, 'e002', 'racer-payable')).toBeUndefined();
    expect(settledRun(journal, racer, 'nobody', 'racer-payable')).toBeUndefined();
  });
});
