/**
 * The journal's rules as values: an entry balances or is refused, balances are folds, a
 * person's debt is attributed to the orders that made it, and reconciliation matches Stripe's
 * lines by the object they moved money for.
 */
import fc from 'fast-check';
import { entryOf, entryProblem, post, sameMoney, type JournalEntry } from '../rules/entry';
import { balanceOf, debtsByOrder, heldFor, openPending, owedBy, pendingOn, pendingPastTime, refundedOf, reversedFrom, sentTo, unbalanced } from '../rules/fold';
import { lineGroup, matchLedger, unclearedAccounts, unexplainedByCurrency } from '../rules/reconcile';
import type { BalanceTransactionLine } from '../../ports';
import { entry } from './journal-entries';

describe('a journal entry', () => {
  it('balances when its postings sum to zero, and is refused otherwise, with one side, or a zero or fractional amount', () => {
    expect(entryProblem(entry('a', 'charge', [post.stripe(100), post.fees(-10), post.held('o', -90)]))).toBeUndefined();
    expect(entryProblem(entry('b', 'charge', [post.stripe(100), post.fees(-10)]))).toContain('does not balance: its postings sum to 90 usd');
    expect(entryProblem(entry('c', 'charge', [post.stripe(100)]))).toContain('a movement has two sides');
    expect(entryProblem(entry('d', 'charge', [post.stripe(0.5), post.fees(-0.5)]))).toContain('not a whole, non-zero amount');
    expect(entryProblem(entry('e', 'charge', [post.stripe(1), { account: 'held', amountCents: -1 }]))).toContain('names no order');
    expect(entryProblem(entry('f', 'refused-reversal', [{ account: 'owed-to-c500', amountCents: 1 }, post.held('o', -1)]))).toContain('names nobody');
  });

  it('leaves out postings of nothing, and is no entry at all when nothing moves', () => {
    const head = { entryId: 'x', kind: 'charge' as const, at: 't', guildId: 'g', currency: 'USD' };
    expect(entryOf(head, [post.stripe(0), post.fees(0)])).toBeUndefined();
    expect(entryOf(head, [post.stripe(5), post.fees(0), post.held('o', -5)])).toMatchObject({
      currency: 'usd',
      postings: [post.stripe(5), post.held('o', -5)],
    });
  });
});

describe('the folds', () => {
  const paid = entry('charge:o', 'charge', [post.stripe(40_000), post.fees(-4_000), post.held('o', -36_000)], { orderId: 'o' });
  const released = entry('transfer:tr', 'release', [post.held('o', 30_000), post.stripe(-30_000)], { orderId: 'o' });

  it('read held money, fees and Stripe’s balance from the entries', () => {
    expect(heldFor([paid, released], 'usd', 'o')).toBe(6_000);
    expect(balanceOf([paid, released], 'usd', 'platform-fees')).toBe(-4_000);
    expect(balanceOf([paid, released], 'usd', 'stripe-balance')).toBe(10_000);
    expect(heldFor([paid], 'eur', 'o')).toBe(0);
  });

  it('find every entry that does not balance', () => {
    const broken = { ...released, postings: [post.held('o', 30_000), post.stripe(-29_999)] };
    expect(unbalanced([paid, broken])).toEqual([{ entryId: 'transfer:tr', currency: 'usd', sumCents: 1 }]);
  });

  it('attribute what a person owes to the orders that made it: settlements pay the oldest first, a forgiveness its own order', () => {
    const raised = (id: string, orderId: string, cents: number, at: string) =>
      entry(id, 'refused-reversal', [post.owed('b', cents), post.held(orderId, -cents)], { orderId, at });
    const journal = [
      raised('r1', 'o1', 3_000, '2026-11-01T00:00:00Z'),
      raised('r2', 'o2', 2_000, '2026-11-02T00:00:00Z'),
      entry('n', 'netting', [post.held('o3', 2_500), post.owed('b', -2_500)], { orderId: 'o3', at: '2026-11-03T00:00:00Z' }),
      entry('f', 'forgiven', [post.held('o2', 1_000), post.owed('b', -1_000)], { orderId: 'o2', at: '2026-11-04T00:00:00Z' }),
    ];
    expect(debtsByOrder(journal, 'usd')).toEqual([
      { personId: 'b', orderId: 'o1', owedCents: 500 },
      { personId: 'b', orderId: 'o2', owedCents: 1_000 },
    ]);
    expect(owedBy(journal, 'usd', 'b')).toBe(1_500);
  });

  it('always attributes exactly what each person owes, whatever the moves', () => {
    const move = fc.record({
      person: fc.constantFrom('a', 'b'),
      order: fc.constantFrom('o1', 'o2', 'o3'),
      cents: fc.integer({ min: 1, max: 5_000 }),
      raise: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(move, { maxLength: 30 }), (moves) => {
        const owed = new Map<string, number>();
        const journal = moves.flatMap((m, i) => {
          const before = owed.get(m.person) ?? 0;
          const cents = m.raise ? m.cents : Math.min(m.cents, before);
          if (cents === 0) return [];
          owed.set(m.person, before + (m.raise ? cents : -cents));
          const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
          return [
            m.raise
              ? entry(`r${i}`, 'refused-reversal', [post.owed(m.person, cents), post.held(m.order, -cents)], { orderId: m.order, at })
              : entry(`s${i}`, 'paid-outside', [post.to('paid-outside', cents), post.owed(m.person, -cents)], { at }),
          ];
        });
        const parts = debtsByOrder(journal, 'usd');
        return ['a', 'b'].every((p) => parts.filter((x) => x.personId === p).reduce((s, x) => s + x.owedCents, 0) === owedBy(journal, 'usd', p));
      }),
    );
  });
});

describe('reconciliation’s rules', () => {
  const line = (id: string, reportingCategory: string, amountCents: number, fields: Partial<BalanceTransactionLine> = {}): BalanceTransactionLine => ({
    id,
    type: reportingCategory,
    reportingCategory,
    amountCents,
    feeCents: 0,
    netCents: amountCents,
    currency: 'usd',
    created: 1,
    ...fields,
  });

  it('puts a refund with its charge, a reversal with its transfer and a dispute’s lines under the dispute, net of the fee', () => {
    expect(lineGroup(line('t1', 'refund', -5, { sourceId: 're_1', sourceChargeId: 'ch_1' }))).toEqual({ group: 'charge:ch_1', cents: -5 });
    expect(lineGroup(line('t2', 'transfer_reversal', 5, { sourceId: 'trr_1', sourceTransferId: 'tr_1' }))).toEqual({ group: 'transfer:tr_1', cents: 5 });
    expect(lineGroup(line('t3', 'dispute', -100, { sourceId: 'dp_1', feeCents: 15, netCents: -115 }))).toEqual({ group: 'dispute:dp_1', cents: -115 });
    expect(lineGroup(line('t4', 'payout', -100, { sourceId: 'po_1' }))).toEqual({ group: 'payout:po_1', cents: -100 });
    expect(lineGroup(line('t5', 'fee', -200))).toEqual({ group: 'line:t5', cents: -200 });
  });

  it('matches a charge and its fee, and reports a line with no entry and an entry with no line', () => {
    const lines = [line('t1', 'charge', 1_000, { sourceId: 'ch_1', feeCents: 59, netCents: 941 }), line('t2', 'transfer', -700, { sourceId: 'tr_9' })];
    const entries = [
      entry('charge:o', 'charge', [post.stripe(1_000), post.fees(-100), post.held('o', -900)], { orderId: 'o', stripeId: 'ch_1' }),
      entry('stripe-fee:t1', 'stripe-fee', [post.to('stripe-fees', 59), post.stripe(-59)], { stripeId: 't1' }),
      entry('transfer:tr_2', 'release', [post.held('o', 900), post.stripe(-900)], { orderId: 'o', stripeId: 'tr_2' }),
    ];
    const report = matchLedger(lines, entries, 'all');
    expect(report).toMatchObject({ balanceTransactions: 2, matched: 1 });
    expect(report.unexplained.map((u) => [u.side, u.group, u.stripeCents, u.journalCents])).toEqual([
      ['journal', 'transfer:tr_2', 0, -900],
      ['stripe', 'transfer:tr_9', -700, 0],
    ]);
  });

  it('adds up what is unexplained per currency as absolute amounts, so differences of opposite signs never cancel out', () => {
    const found = (currency: string, stripeCents: number, journalCents: number) => ({ currency, stripeCents, journalCents });
    expect(unexplainedByCurrency([found('usd', 0, -900), found('usd', -700, 0), found('eur', 1_000, 995), found('usd', 900, 0)])).toEqual([
      { currency: 'eur', cents: 5 },
      { currency: 'usd', cents: 2_500 },
    ]);
    expect(unexplainedByCurrency([found('usd', 40, 40)])).toEqual([]);
    expect(unexplainedByCurrency([])).toEqual([]);
  });

  it('holds an order done with to nothing held, and at most its fee given back', () => {
    const order = (doneWith: boolean) => ({ orderId: 'o', currency: 'usd', platformFeeCents: 100, doneWith });
    const paid = entry('c', 'charge', [post.stripe(1_000), post.fees(-100), post.held('o', -900)], { orderId: 'o' });
    const out = entry('t', 'release', [post.held('o', 900), post.stripe(-900)], { orderId: 'o' });
    expect(unclearedAccounts([paid, out], [order(true)])).toEqual([]);
    expect(unclearedAccounts([paid], [order(false)])).toEqual([]);
    expect(unclearedAccounts([paid], [order(true)])).toEqual([expect.objectContaining({ account: 'held', orderId: 'o', balanceCents: 900 })]);
    const twice = entry('t2', 'release', [post.held('o', 900), post.stripe(-900)], { orderId: 'o' });
    expect(unclearedAccounts([paid, out, twice], [order(true)])).toEqual([
      expect.objectContaining({ balanceCents: -900, why: expect.stringContaining('beyond its fee') }),
    ]);
  });

  it('lists a buyer owed money outside Stripe until an entry pays it, and refuses such a posting that names no order', () => {
    const owed = entry('b', 'owed-to-buyer', [post.held('o', 1_000), post.buyer('o', -1_000)], { orderId: 'o' });
    expect(unclearedAccounts([owed], [])).toEqual([expect.objectContaining({ account: 'owed-to-buyer', orderId: 'o', balanceCents: 1_000, currency: 'usd' })]);
    const paid = entry('p', 'buyer-paid-outside', [post.buyer('o', 1_000), post.to('paid-by-hand', -1_000)], { orderId: 'o' });
    expect(unclearedAccounts([owed, paid], [])).toEqual([]);
    expect(entryProblem(entry('x', 'owed-to-buyer', [post.to('owed-to-buyer', -5), post.stripe(5)]))).toContain('names no order');
  });
});

describe('an order’s money, folded', () => {
  const journal = [
    entry('charge', 'charge', [post.stripe(10_000), post.fees(-1_000), post.held('o1', -9_000)]),
    entry('refund', 'refund', [post.held('o1', 3_000), post.stripe(-3_000)]),
    entry('failed', 'refund-failed', [post.held('o1', -1_000), post.stripe(1_000)]),
    entry('other', 'refund', [post.held('o2', 700), post.stripe(-700)]),
    entry('release', 'release', [post.held('o1', 5_000, 'builder'), post.stripe(-5_000)]),
    entry('cut', 'release', [post.held('o1', 900, 'host'), post.stripe(-900)]),
    entry('back', 'reversal', [post.stripe(1_200), post.held('o1', -1_200, 'builder')]),
    entry('eur', 'refund', [post.held('o1', 50), post.stripe(-50)], { currency: 'eur' }),
  ];

  it('counts what was refunded net of refunds that failed, in its currency alone', () => {
    expect(refundedOf(journal, 'usd', 'o1')).toBe(2_000);
    expect(refundedOf(journal, 'usd', 'o2')).toBe(700);
    expect(refundedOf(journal, 'eur', 'o1')).toBe(50);
  });

  it('counts what each party was sent and what reversals took back, each its own', () => {
    expect(sentTo(journal, 'usd', 'o1', 'builder')).toBe(5_000);
    expect(sentTo(journal, 'usd', 'o1', 'host')).toBe(900);
    expect(reversedFrom(journal, 'usd', 'o1', 'builder')).toBe(1_200);
    expect(reversedFrom(journal, 'usd', 'o1', 'host')).toBe(0);
  });
});

describe('money in flight (pending entries)', () => {
  const reserve = entry('release-fixed:k1', 'release', [post.held('o', 3_000, 'builder'), post.stripe(-3_000)], {
    orderId: 'o',
    pending: { timeoutAt: '2026-11-28T00:00:00.000Z' },
  });
  const posted = entry('transfer:tr1', 'release', [post.held('o', 2_900, 'builder'), post.stripe(-2_900)], {
    orderId: 'o',
    resolves: { entryId: 'release-fixed:k1', how: 'post' },
  });
  const voided = entry('release-refused:k1', 'release', [], { orderId: 'o', resolves: { entryId: 'release-fixed:k1', how: 'void' } });

  it('counts in no posted balance, and in the pending ones until an entry posts or voids it', () => {
    expect(heldFor([reserve], 'usd', 'o')).toBe(0);
    expect(pendingOn([reserve], 'usd', 'held', { orderId: 'o' })).toBe(3_000);
    expect(pendingOn([reserve], 'usd', 'held', { orderId: 'x' })).toBe(0);
    expect(pendingOn([reserve], 'eur', 'held')).toBe(0);
    expect(pendingOn([reserve, posted], 'usd', 'held')).toBe(0);
    expect(heldFor([reserve, posted], 'usd', 'o')).toBe(-2_900);
    expect(openPending([reserve, voided])).toEqual([]);
    expect(heldFor([reserve, voided], 'usd', 'o')).toBe(0);
  });

  it('is past its time once the clock passes its timeout with nothing settling it', () => {
    expect(pendingPastTime([reserve], '2026-11-27T23:59:59.999Z')).toEqual([]);
    expect(pendingPastTime([reserve], '2026-11-28T00:00:00.001Z')).toEqual([reserve]);
    expect(pendingPastTime([reserve, posted], '2026-11-29T00:00:00.000Z')).toEqual([]);
  });

  it('is refused when it both reserves and settles, and a void is refused when it moves money; a void of nothing is an entry', () => {
    expect(entryProblem({ ...reserve, resolves: { entryId: 'x', how: 'post' } })).toContain('both reserves money and settles');
    expect(entryProblem({ ...voided, postings: posted.postings })).toContain('voids a reservation and moves money too');
    expect(entryProblem(voided)).toBeUndefined();
    expect(entryProblem(posted)).toBeUndefined();
  });
});

describe('two entries under one id', () => {
  const a = entry('refund:o:evt:0-500', 'refund', [post.held('o', 500), post.stripe(-500)], { orderId: 'o', stripeId: 'ch_1' });

  it('are the same movement when only their time differs, and postings in another order are the same postings', () => {
    expect(sameMoney(a, { ...a, at: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameMoney(a, { ...a, postings: [...a.postings].reverse() })).toBe(true);
  });

  it('differ in any amount, account, party, person, kind, server, currency, cause or phase', () => {
    const changes: Array<Partial<JournalEntry>> = [
      { entryId: 'other' },
      { kind: 'refund-failed' },
      { guildId: 'g2' },
      { currency: 'eur' },
      { orderId: 'o2' },
      { stripeId: 'ch_2' },
      { disputeId: 'dp_1' },
      { pending: { timeoutAt: 't' } },
      { resolves: { entryId: 'p', how: 'post' } },
      { postings: [post.held('o', 501), post.stripe(-501)] },
      { postings: [post.held('o', 500, 'host'), post.stripe(-500)] },
      { postings: [post.held('o2', 500), post.stripe(-500)] },
      { postings: [post.owed('b', 500), post.stripe(-500)] },
      { postings: [post.owed('c', 500), post.stripe(-500)] },
      { postings: [post.held('o', 500), post.fees(-500)] },
      { postings: [post.held('o', 500), post.stripe(-400), post.fees(-100)] },
    ];
    for (const change of changes) expect(sameMoney(a, { ...a, ...change })).toBe(false);
  });
});
