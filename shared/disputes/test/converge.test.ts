import { converge, stateOf, submissionAtMs } from '../rules/dispute';
import { parseDispute, type SeenDispute } from '../../payments';

const now = '2026-05-01T00:00:00.000Z';
const seen = (status: string, seenAt: number, extra: Partial<SeenDispute> = {}): SeenDispute => ({
  disputeId: 'dp_1',
  chargeId: 'ch_1',
  paymentIntentId: 'pi_1',
  amountCents: 24000,
  currency: 'usd',
  reason: 'product_not_received',
  status,
  dueBy: 1_800_000_000,
  balance: { txn_w: { amountCents: -24000, feeCents: 1500 } },
  seenAt,
  ...extra,
});

/** Every order of arrival of these views. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('a dispute’s record', () => {
  it('ends the same whatever order its events arrive in, each twice', () => {
    const views = [
      seen('needs_response', 100),
      seen('needs_response', 101),
      seen('under_review', 105),
      seen('won', 110, { balance: { txn_w: { amountCents: -24000, feeCents: 1500 }, txn_r: { amountCents: 24000, feeCents: 0 } } }),
    ];
    const results = orders([...views, ...views.slice(0, 2)]).map((order) =>
      JSON.stringify(order.reduce<ReturnType<typeof converge> | undefined>((kept, view) => converge(kept, view, now), undefined)),
    );
    expect(new Set(results).size).toBe(1);
    const end = JSON.parse(results[0] as string) as ReturnType<typeof converge>;
    expect(end).toMatchObject({ state: 'won', status: 'won', feeCents: 1500 });
  });

  it('records a closed dispute seen before it was created, and an older update after the close changes nothing', () => {
    const closed = converge(undefined, seen('lost', 200), now);
    expect(closed).toMatchObject({ state: 'lost', closedAt: now });
    expect(converge(closed, seen('needs_response', 100), now)).toMatchObject({ state: 'lost', status: 'lost' });
    expect(converge(closed, seen('under_review', 300), now)).toMatchObject({ state: 'lost' });
  });

  it('takes the later of two open views, and never steps back at the same second', () => {
    const review = converge(undefined, seen('under_review', 100), now);
    expect(converge(review, seen('needs_response', 100), now).status).toBe('under_review');
    expect(converge(review, seen('needs_response', 90, { dueBy: 1 }), now).dueBy).toBe(1_800_000_000);
  });

  it('counts Stripe’s fee once however often its balance transaction is seen', () => {
    let kept = converge(undefined, seen('needs_response', 1), now);
    kept = converge(kept, seen('needs_response', 2), now);
    expect(kept.feeCents).toBe(1500);
  });

  it('reads an inquiry closed without a chargeback as won', () => {
    expect(stateOf('warning_closed')).toBe('won');
    expect(stateOf('warning_needs_response')).toBe('open');
  });
});

describe('parseDispute', () => {
  it('reads Stripe’s dispute object, its due date and balance transactions', () => {
    const parsed = parseDispute(
      {
        id: 'dp_9',
        charge: 'ch_9',
        payment_intent: 'pi_9',
        amount: 500,
        currency: 'usd',
        reason: 'fraudulent',
        status: 'needs_response',
        evidence_details: { due_by: 42 },
        balance_transactions: [{ id: 'txn_1', amount: -500, fee: 1500 }],
      },
      7,
    );
    expect(parsed).toEqual({
      disputeId: 'dp_9',
      chargeId: 'ch_9',
      paymentIntentId: 'pi_9',
      amountCents: 500,
      currency: 'usd',
      reason: 'fraudulent',
      status: 'needs_response',
      dueBy: 42,
      balance: { txn_1: { amountCents: -500, feeCents: 1500 } },
      seenAt: 7,
    });
  });

  it('refuses what is not a dispute', () => {
    expect(parseDispute({ id: 'ch_1', charge: 'ch_1', amount: 1, currency: 'usd', status: 'lost' }, 1)).toBeUndefined();
    expect(parseDispute({ id: 'dp_1', amount: 1, currency: 'usd', status: 'lost' }, 1)).toBeUndefined();
  });
});

describe('the evidence’s submission time', () => {
  it('is a day before it is due, or at once when that is sooner', () => {
    const due = 1_800_000_000;
    expect(submissionAtMs(due, 0)).toBe(due * 1000 - 86_400_000);
    expect(submissionAtMs(due, due * 1000 - 3_600_000)).toBe(due * 1000 - 3_600_000);
  });
});
