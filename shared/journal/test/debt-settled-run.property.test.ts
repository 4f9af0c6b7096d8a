/**
 * A debt's journal entries lose the person's id (the retention sweep) only in runs that bring
 * their `owed-to-c500` account back to zero (`settledRun` on that account). For any sequence of
 * debts raised and paid down (never below zero, as the debts module moves them), with racer
 * money of the same person beside them, and any order of entries asked to end, the entries still
 * named fold to the whole debt: ending a run never makes an owed debt look settled, nor the reverse.
 */
import fc from 'fast-check';
import { post, type JournalEntry } from '../rules/entry';
import { accountSettled, owedBy, settledRun } from '../rules/fold';
import { entry } from './journal-entries';

const person = 'p1';

const movement = fc.record({
  cents: fc.integer({ min: -900, max: 900 }).filter((cents) => cents !== 0),
  racing: fc.boolean(),
});

/**
 * Each movement as it is written: a debt raised against an order's held money or paid outside
 * (no lower than zero: what the account really moved), or the same person's racer earning, which
 * moves their other account and never their debt.
 */
function journalOf(moves: ReadonlyArray<{ cents: number; racing: boolean }>): JournalEntry[] {
  let owed = 0;
  return moves.flatMap(({ cents, racing }, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const entryId = `debt:g:${person}:e${String(i).padStart(3, '0')}`;
    if (racing) return [entry(entryId, 'racer-earning', [post.racer(person, -Math.abs(cents)), post.to('merch-revenue', Math.abs(cents))], { at })];
    const moved = cents > 0 ? cents : -Math.min(owed, -cents);
    if (moved === 0) return [];
    owed += moved;
    const against = cents > 0 ? post.held('o1', -moved) : post.to('paid-outside', -moved);
    return [entry(entryId, cents > 0 ? 'refused-reversal' : 'paid-outside', [post.owed(person, moved), against], { at, orderId: 'o1' })];
  });
}

/** Some debts, then a payment that clears what is left: an account that settles. */
const settlingMoves = fc.array(movement, { minLength: 1, maxLength: 10 }).map((moves) => [...moves, { cents: -1_000_000, racing: false }]);

describe('a debt’s entries ended in settled runs (property)', () => {
  it('leave the named entries folding to the whole debt, whatever is asked to end and in what order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(settlingMoves, fc.array(movement, { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat()),
        (parts, asks) => {
          const journal = journalOf(parts.flat());
          const whole = owedBy(journal, 'usd', person);
          let named = journal;
          for (const ask of asks) {
            if (named.length === 0) break;
            const through = (named[ask % named.length] as JournalEntry).entryId;
            const run = settledRun(named, person, through, 'owed-to-c500');
            if (!run) continue;
            expect(run.map((e) => e.entryId)).toContain(through);
            expect(accountSettled(run, person, 'owed-to-c500')).toBe(true);
            const ended = new Set(run.map((e) => e.entryId));
            named = named.filter((e) => !ended.has(e.entryId));
            expect(owedBy(named, 'usd', person)).toBe(whole);
            expect(accountSettled(named, person, 'owed-to-c500')).toBe(accountSettled(journal, person, 'owed-to-c500'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('end nothing of a debt still owed from the asked entry on', () => {
    const journal = journalOf([
      { cents: 500, racing: false },
      { cents: -500, racing: false },
      { cents: 300, racing: false },
    ]);
    expect(settledRun(journal, person, `debt:g:${person}:e000`, 'owed-to-c500')?.map((e) => e.entryId)).toEqual([
      `debt:g:${person}:e000`,
      `debt:g:${person}:e001`,
    ]);
    expect(settledRun(journal, person, `debt:g:${person}:e002`, 'owed-to-c500')).toBeUndefined();
  });
});
