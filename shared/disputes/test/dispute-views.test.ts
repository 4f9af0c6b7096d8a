/**
 * dispute.ts: how Stripe's statuses read as a dispute's state, which of two views of a
 * dispute is kept, how a `charge.dispute.*` object is read, and when the evidence goes in.
 */
import { converge, stateOf, submissionAtMs } from '../rules/dispute';
import { parseDispute, type SeenDispute } from '../../payments';

const seen = (over: Partial<SeenDispute> = {}): SeenDispute => ({
  disputeId: 'dp_1',
  chargeId: 'ch_1',
  amountCents: 24_000,
  currency: 'usd',
  reason: 'fraudulent',
  status: 'needs_response',
  dueBy: 1_780_000_000,
  balance: {},
  seenAt: 100,
  ...over,
});
const now = '2026-05-20T10:00:00.000Z';
const later = '2026-05-21T10:00:00.000Z';

describe('a dispute’s state from Stripe’s status', () => {
  it.each([
    ['lost', 'lost'],
    ['won', 'won'],
    ['warning_closed', 'won'],
    ['prevented', 'won'],
    ['needs_response', 'open'],
    ['under_review', 'open'],
    ['warning_needs_response', 'open'],
    ['warning_under_review', 'open'],
  ])('reads %s as %s', (status, state) => {
    expect(stateOf(status)).toBe(state);
  });
});

describe('two views of one dispute', () => {
  it('closes a dispute first seen already decided, and leaves one first seen open without a close', () => {
    expect(converge(undefined, seen({ status: 'won' }), now)).toMatchObject({ state: 'won', closedAt: now, firstSeenAt: now, orderIds: [] });
    expect(converge(undefined, seen(), now)).not.toHaveProperty('closedAt');
  });

  it('keeps the view further along, whichever arrives first: an inquiry, then a chargeback, then its review', () => {
    const steps = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'];
    for (const [i, earlier] of steps.entries()) {
      for (const further of steps.slice(i + 1)) {
        const kept = converge(undefined, seen({ status: further, seenAt: 100 }), now);
        // The earlier step arrives later and at a later second: still behind, so ignored.
        expect(converge(kept, seen({ status: earlier, seenAt: 200 }), later).status).toBe(further);
        const back = converge(undefined, seen({ status: earlier, seenAt: 200 }), now);
        expect(converge(back, seen({ status: further, seenAt: 100 }), later).status).toBe(further);
      }
    }
  });

  it('at the same step takes the later second’s amount, reason and due date, and never an earlier one', () => {
    const kept = converge(undefined, seen({ seenAt: 100, amountCents: 24_000, reason: 'fraudulent', dueBy: 1_780_000_000 }), now);
    const newer = converge(kept, seen({ seenAt: 200, amountCents: 20_000, reason: 'duplicate', dueBy: 1_790_000_000 }), later);
    expect(newer).toMatchObject({ amountCents: 20_000, reason: 'duplicate', dueBy: 1_790_000_000, seenAt: 200 });
    const older = converge(newer, seen({ seenAt: 150, amountCents: 1, reason: 'old' }), later);
    expect(older).toMatchObject({ amountCents: 20_000, reason: 'duplicate', seenAt: 200 });
    const sameSecond = converge(newer, seen({ seenAt: 200, amountCents: 2 }), later);
    expect(sameSecond.amountCents).toBe(20_000);
  });

  it('keeps the due date it knew when a newer view carries none', () => {
    const kept = converge(undefined, seen({ seenAt: 100, dueBy: 1_780_000_000 }), now);
    expect(converge(kept, seen({ seenAt: 200, dueBy: undefined, status: 'under_review' }), later).dueBy).toBe(1_780_000_000);
  });

  it('treats a closed dispute as final: a late open view changes nothing but the money it shows, and the close keeps its first time', () => {
    const open = converge(undefined, seen({ seenAt: 100 }), now);
    const won = converge(open, seen({ status: 'won', seenAt: 200 }), later);
    expect(won).toMatchObject({ state: 'won', status: 'won', closedAt: later });
    const stale = converge(
      won,
      seen({ status: 'under_review', seenAt: 300, balance: { txn_1: { amountCents: -24_000, feeCents: 1_500 } } }),
      '2026-06-01T00:00:00.000Z',
    );
    expect(stale).toMatchObject({ state: 'won', status: 'won', closedAt: later, feeCents: 1_500 });
    const lostLater = converge(won, seen({ status: 'lost', seenAt: 400 }), '2026-06-02T00:00:00.000Z');
    expect(lostLater).toMatchObject({ state: 'won', closedAt: later });
  });

  it('stays open without a close time while the views are open', () => {
    const open = converge(undefined, seen({ seenAt: 100 }), now);
    expect(converge(open, seen({ status: 'under_review', seenAt: 200 }), later)).not.toHaveProperty('closedAt');
  });
});

describe('reading a charge.dispute object', () => {
  const object = (over: Record<string, unknown> = {}) => ({
    id: 'dp_1',
    charge: 'ch_1',
    payment_intent: 'pi_1',
    amount: 24_000,
    currency: 'usd',
    reason: 'fraudulent',
    status: 'needs_response',
    evidence_details: { due_by: 1_780_000_000 },
    balance_transactions: [{ id: 'txn_1', amount: -24_000, fee: 1_500 }],
    ...over,
  });

  it('reads its id, charge, payment, amount, reason, status, due date and balance transactions', () => {
    expect(parseDispute(object(), 123)).toEqual({
      disputeId: 'dp_1',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
      amountCents: 24_000,
      currency: 'usd',
      reason: 'fraudulent',
      status: 'needs_response',
      dueBy: 1_780_000_000,
      balance: { txn_1: { amountCents: -24_000, feeCents: 1_500 } },
      seenAt: 123,
    });
  });

  it.each([
    ['an id that is not a dispute’s', { id: 'ch_1' }],
    ['an id that is not text', { id: 7 }],
    ['no charge', { charge: null }],
    ['an amount that is text', { amount: '24000' }],
    ['a fractional amount', { amount: 1.5 }],
    ['a negative amount', { amount: -1 }],
    ['no currency', { currency: undefined }],
    ['no status', { status: 5 }],
  ])('refuses one with %s', (_, over) => {
    expect(parseDispute(object(over), 1)).toBeUndefined();
  });

  it('takes a zero amount, and a dispute with no payment intent, due date or balance transactions', () => {
    const bare = parseDispute(object({ amount: 0, payment_intent: null, evidence_details: null, balance_transactions: undefined }), 1);
    expect(bare).toMatchObject({ amountCents: 0, balance: {} });
    expect(bare).not.toHaveProperty('paymentIntentId');
    expect(bare).not.toHaveProperty('dueBy');
    expect(parseDispute(object({ evidence_details: { due_by: Number.POSITIVE_INFINITY } }), 1)).not.toHaveProperty('dueBy');
    expect(parseDispute(object({ evidence_details: { due_by: '1780000000' } }), 1)).not.toHaveProperty('dueBy');
  });

  it('keeps only balance transactions with an id, an amount and a fee', () => {
    const txs = [
      { id: 'txn_ok', amount: -100, fee: 15 },
      { id: 1, amount: -1, fee: 1 },
      { id: 'txn_a', amount: '1', fee: 1 },
      { id: 'txn_f', amount: 1, fee: null },
      null,
    ];
    expect(parseDispute(object({ balance_transactions: txs }), 1)?.balance).toEqual({ txn_ok: { amountCents: -100, feeCents: 15 } });
  });

  it('keeps 60 characters of a reason and says “general” when there is none', () => {
    expect(parseDispute(object({ reason: 'r'.repeat(100) }), 1)?.reason).toBe('r'.repeat(60));
    expect(parseDispute(object({ reason: null }), 1)?.reason).toBe('general');
  });
});

describe('when the evidence goes in', () => {
  const nowMs = Date.parse('2026-05-20T10:00:00.000Z');

  it('goes a day before it is due, at once when that has passed, and at once with no due date', () => {
    const dueIn3Days = nowMs / 1000 + 3 * 86_400;
    expect(submissionAtMs(dueIn3Days, nowMs)).toBe(nowMs + 2 * 86_400_000);
    expect(submissionAtMs(nowMs / 1000 + 3_600, nowMs)).toBe(nowMs);
    expect(submissionAtMs(undefined, nowMs)).toBe(nowMs);
  });
});
