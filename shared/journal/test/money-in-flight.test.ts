/**
 * Money in flight (pending entries) and a person's own accounts: what a reservation holds on an
 * account, of one order or one person; which reservations are open, oldest first, and past their
 * time; and when a person's account is empty, so its entries may lose their name together.
 */
import { post, type JournalEntry } from '../rules/entry';
import { accountSettled, openPending, pendingOn, pendingPastTime, settledRun } from '../rules/fold';
import { entry } from './journal-entries';

const racer = '810000000000000001';
const other = '810000000000000002';
const timeoutAt = '2026-11-28T00:00:00.000Z';
const inFlight = { pending: { timeoutAt } };

describe('what money in flight holds on an account', () => {
  const journal = [
    entry('release-pending:o1', 'release-in-flight', [post.held('o1', 3_000, 'builder'), post.stripe(-3_000)], { orderId: 'o1', ...inFlight }),
    entry('release-pending:o2', 'release-in-flight', [post.held('o2', 500, 'host'), post.stripe(-500)], { orderId: 'o2', ...inFlight }),
    entry('payout-pending:r1', 'racer-payout', [post.racer(racer, 700), post.to('payout-clearing', -700)], { personId: racer, ...inFlight }),
    entry('payout-pending:r2', 'racer-payout', [post.racer(other, 40), post.to('payout-clearing', -40)], { personId: other, ...inFlight }),
  ];

  it('is what every open reservation holds on it, or only one order’s, or only one person’s', () => {
    expect(pendingOn(journal, 'usd', 'held')).toBe(3_500);
    expect(pendingOn(journal, 'usd', 'held', { orderId: 'o2' })).toBe(500);
    expect(pendingOn(journal, 'usd', 'stripe-balance')).toBe(-3_500);
    expect(pendingOn(journal, 'usd', 'racer-payable')).toBe(740);
    expect(pendingOn(journal, 'usd', 'racer-payable', { personId: racer })).toBe(700);
    expect(pendingOn(journal, 'usd', 'racer-payable', { personId: other })).toBe(40);
    expect(pendingOn(journal, 'usd', 'racer-payable', { personId: '810000000000000009' })).toBe(0);
  });
});

describe('open reservations', () => {
  const at = (time: string, entryId: string): JournalEntry =>
    entry(entryId, 'release-in-flight', [post.held('o', 100, 'builder'), post.stripe(-100)], { orderId: 'o', at: time, ...inFlight });
  const late = at('2026-11-27T15:00:00.000Z', 'a-late');
  const earlyB = at('2026-11-27T09:00:00.000Z', 'release-pending:b');
  const earlyA = at('2026-11-27T09:00:00.000Z', 'release-pending:a');

  it('are listed oldest first, and those of the same instant by their id', () => {
    expect(openPending([late, earlyB, earlyA]).map((e) => e.entryId)).toEqual(['release-pending:a', 'release-pending:b', 'a-late']);
  });

  it('are past their time only once the clock is past their timeout, not at it', () => {
    expect(pendingPastTime([late], timeoutAt)).toEqual([]);
  });
});

describe('a person’s account emptied, with money of theirs in flight', () => {
  const credit = entry('race-ledger:kofi-1-credit-0', 'racer-earning', [post.racer(racer, -300), post.to('merch-revenue', 300)], { personId: racer });
  // A payout reserved, then paid by another entry, and the reservation voided: the account is empty only once it is voided.
  const reserved = entry('payout-pending:p1', 'racer-payout', [post.racer(racer, 300), post.to('payout-clearing', -300)], { personId: racer, ...inFlight });
  const paid = entry('race-ledger:payout-p1', 'racer-payout', [post.racer(racer, 300), post.to('payout-clearing', -300)], { personId: racer });
  const voided = entry('payout-voided:p1', 'racer-payout', [], { resolves: { entryId: 'payout-pending:p1', how: 'void' } });
  // Another racer's credit, and the racer's debt netted, in between: neither moves this racer's payable.
  const others = entry('race-ledger:kofi-1-credit-1', 'racer-earning', [post.racer(other, -200), post.to('merch-revenue', 200)], { personId: other });
  const debt = entry('debt:g:k:netting-1', 'netting', [post.owed(racer, -50), post.to('paid-outside', 50)]);
  const journal = [credit, others, reserved, debt, paid, voided];

  it('is settled only when nothing is on it and nothing of theirs is in flight', () => {
    expect(accountSettled([credit, paid], racer, 'racer-payable')).toBe(true);
    expect(accountSettled([credit, reserved, paid], racer, 'racer-payable')).toBe(false);
    expect(accountSettled(journal, racer, 'racer-payable')).toBe(true);
    expect(accountSettled([credit, paid, others], racer, 'racer-payable')).toBe(true);
    expect(accountSettled([credit, paid, debt], racer, 'racer-payable')).toBe(true);
  });

  it('ends its run where it is empty and nothing is in flight, through the asked entry, that one included', () => {
    expect(settledRun(journal, racer, credit.entryId, 'racer-payable')).toEqual(journal);
    expect(settledRun(journal, racer, voided.entryId, 'racer-payable')).toEqual(journal);
    expect(settledRun([credit, others, paid], racer, paid.entryId, 'racer-payable')).toEqual([credit, others, paid]);
    expect(settledRun([credit, debt, paid], racer, paid.entryId, 'racer-payable')).toEqual([credit, debt, paid]);
  });
});
