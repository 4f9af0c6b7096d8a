import { advanceFor, advanceKey, advancedNetCents, advancesHolding, builderEntitledCents, spreadTakeBack } from '../rules/advances';
import type { Advance, OrderCommission } from '../../orders';
import type { Order, Refunds } from '../../orders';
import { paidOrder } from './refund-fixtures';
import { releasableAfterLoss } from '../rules/dispute-rules';
import { reversalEntry, transferEntry } from '../../orders';
import type { JournalEntry } from '../../journal';

const terms = {
  slots: 3,
  leadWeeks: 6,
  oneAtATime: false,
  tranches: [
    { milestone: 'parts-in' as const, percent: 30 },
    { milestone: 'done' as const, percent: 70 },
  ],
};
const commission = (fields: Partial<OrderCommission> = {}): OrderCommission => ({ terms, ticket: 1, ...fields });
const sent = (amountCents: number, fields: Partial<Advance> = {}): Advance => ({
  milestone: 'parts-in',
  idempotencyKey: 'tranche:k3v9m2qa:parts-in',
  amountCents,
  transferId: 'tr_1',
  ...fields,
});
// $100 paid, $10 fee, $90 the builder's.
const order = ({ refundedCents = 0, ...fields }: Partial<Order & Refunds> = {}, c: Partial<OrderCommission> = {}): Order & Refunds => ({
  ...paidOrder({ dropKind: 'commission', commission: commission(c), ...fields }),
  refundedCents,
});

/** The order's journal: each tranche Stripe made as its transfer, then the reversals given. */
const journal = (o: Order, ...more: Array<JournalEntry | undefined>): JournalEntry[] =>
  [
    ...(o.commission?.advances ?? []).map((a) => (a.transferId ? transferEntry(o, a.transferId, a.amountCents, '2026-11-22T12:00:00Z', 'builder') : undefined)),
    ...more,
  ].filter((e): e is JournalEntry => e !== undefined);
const reversed = (o: Order, transferId: string, cents: number, disputeId?: string) =>
  reversalEntry(o, transferId, `k:${transferId}:${cents}:${disputeId ?? ''}`, cents, '2026-11-23T12:00:00Z', 'builder', disputeId);
/** What proving the milestone sends, the order's journal as its tranches made it. */
const advance = (o: Order & Refunds, milestone: Parameters<typeof advanceFor>[1]) => advanceFor(o, milestone, journal(o));

describe('a commission’s tranches as money', () => {
  it('sends 30 % of the builder’s share at parts-in, and nothing for a milestone no tranche names', () => {
    expect(advance(order(), 'parts-in')).toBe(2_700);
    expect(advance(order({}, { advances: [sent(2_700)] }), 'assembly')).toBe(0);
  });

  it('sends nothing before done for a commission without tranches, and never sends done as a tranche', () => {
    expect(advance(order({}, { terms: { ...terms, tranches: [] } }), 'sound-test')).toBe(0);
    expect(advance(order(), 'done')).toBe(0);
  });

  it('counts the shipping the buyer paid in the builder’s due, as the release does', () => {
    expect(advance(order({ shippingCents: 1_000 }), 'parts-in')).toBe(3_000);
  });

  it('never sends more than the builder may hold after a refund', () => {
    // $80 of $100 refunded: the builder may hold $18 of their $90.
    expect(advance(order({ refundedCents: 8_000 }), 'parts-in')).toBe(1_800);
  });

  it('lets the builder hold exactly what a release after a lost dispute would send, to the cent, refunds and rounding included', () => {
    // $100 paid, $90 the builder's: the parts of 7¢ refunded and 7¢ lost (6.3 each) round to 6 apart, and 13 together.
    for (const [refunded, disputed] of [
      [0, 10_000],
      [7, 7],
      [4_998, 5_002],
      [2_501, 3_333],
      [9_999, 1],
    ] as const) {
      const lost = order({
        refundedCents: refunded,
        dispute: { disputeId: 'dp_1', state: 'lost', amountCents: disputed, reason: 'fraudulent', openedAt: '2026-11-22T12:00:00Z' },
      } as Partial<Order>);
      expect(builderEntitledCents(lost)).toBe(releasableAfterLoss(lost));
    }
  });

  it('holds back the disputed part while a dispute is open, and takes nothing for a won one', () => {
    const dispute = { disputeId: 'dp_1', state: 'open' as const, amountCents: 10_000, reason: 'fraudulent', openedAt: '2026-11-22T12:00:00Z' };
    expect(builderEntitledCents(order({ dispute } as Partial<Order>))).toBe(0);
    expect(builderEntitledCents(order({ dispute: { ...dispute, state: 'won' } } as Partial<Order>))).toBe(9_000);
  });

  it('lets a cancelled commission’s builder keep exactly what its tranches sent', () => {
    expect(builderEntitledCents(order({ refundedCents: 7_300 }, { ended: 'cancelled', keptCents: 2_700, advances: [sent(2_700)] }))).toBe(2_700);
  });

  it('takes a refund after a cancel out of what the cancelled commission’s builder kept, cent for cent', () => {
    const cancelled = (fields: Partial<Order & Refunds>) => order(fields, { ended: 'cancelled', keptCents: 2_700, advances: [sent(2_700)] });
    // $100 charged, $73 given back by the cancel: the $27 left of the charge is all the builder's.
    expect(builderEntitledCents(cancelled({ refundedCents: 8_000 }))).toBe(2_000);
    expect(builderEntitledCents(cancelled({ refundedCents: 10_000 }))).toBe(0);
    // Before the cancel's own refund lands, a smaller refund leaves the kept part whole.
    expect(builderEntitledCents(cancelled({ refundedCents: 1_000 }))).toBe(2_700);
  });

  it('takes a dispute after a cancel out of what the cancelled commission’s builder kept', () => {
    const dispute = { disputeId: 'dp_1', state: 'open' as const, amountCents: 2_700, reason: 'fraudulent', openedAt: '2026-11-22T12:00:00Z' };
    const cancelled = order({ refundedCents: 7_300, dispute } as Partial<Order & Refunds>, { ended: 'cancelled', keptCents: 2_700, advances: [sent(2_700)] });
    expect(builderEntitledCents(cancelled)).toBe(0);
    expect(builderEntitledCents({ ...cancelled, dispute: { ...dispute, state: 'won' } })).toBe(2_700);
  });

  it('counts what a tranche still holds: less reversals, a refused one not at all, a won dispute’s return again', () => {
    const partly = order({}, { advances: [sent(2_700), sent(500, { refusal: 'no', transferId: undefined })] });
    expect(advancedNetCents(partly, journal(partly, reversed(partly, 'tr_1', 700)))).toBe(2_000);
    const returned = { disputeId: 'dp_1', state: 'won' as const, amountCents: 10_000, reason: 'x', openedAt: 'x', returnedAt: '2026-11-23T00:00:00Z' };
    const won = order({ dispute: returned } as Partial<Order>, { advances: [sent(2_700)] });
    expect(advancedNetCents(won, journal(won, reversed(won, 'tr_1', 2_700, 'dp_1')))).toBe(2_700);
    // Not yet answered by Stripe: the amount fixed is the builder's, as it will be once sent.
    expect(advancedNetCents(order({}, { advances: [sent(900, { transferId: undefined })] }), [])).toBe(900);
  });

  it('takes back from the newest transfer first, each at most what it holds, and never more than is due', () => {
    const transfers = [
      { transferId: 'release', holdsCents: 500 },
      { transferId: 'tranche-2', holdsCents: 1_000 },
      { transferId: 'tranche-1', holdsCents: 2_000 },
    ];
    expect(spreadTakeBack(1_200, transfers)).toEqual([
      { transferId: 'release', amountCents: 500 },
      { transferId: 'tranche-2', amountCents: 700 },
    ]);
    expect(spreadTakeBack(10_000, transfers).reduce((s, p) => s + p.amountCents, 0)).toBe(3_500);
    expect(spreadTakeBack(-5, transfers)).toEqual([]);
  });

  it('lists the tranches sent, newest first, less what reversals pending on them will take', () => {
    const o = order(
      { pendingReversals: [{ part: 'builder', idempotencyKey: 'k', amountCents: 300, refundedCents: 1, transferId: 'tr_2' }] },
      {
        advances: [sent(2_700), sent(1_000, { milestone: 'assembly', transferId: 'tr_2' }), sent(400, { milestone: 'sound-test', transferId: undefined })],
      },
    );
    expect(advancesHolding(o, journal(o))).toEqual([
      { transferId: 'tr_2', holdsCents: 700 },
      { transferId: 'tr_1', holdsCents: 2_700 },
    ]);
  });
});

describe('the edges of a commission’s tranche money', () => {
  it('keys each milestone’s tranche once, and a retry after a refusal anew', () => {
    expect(advanceKey('o1', 'parts-in')).toBe('tranche:o1:parts-in');
    expect(advanceKey('o1', 'parts-in', 0)).toBe('tranche:o1:parts-in');
    expect(advanceKey('o1', 'parts-in', 2)).toBe('tranche:o1:parts-in:2');
  });

  it('counts a won dispute’s tranche reversals again only once their return went out, and not when it was refused', () => {
    const dispute = { disputeId: 'dp_1', amountCents: 10_000, reason: 'x', openedAt: 'x' };
    const net = (d: object) => {
      const o = order({ dispute: d } as Partial<Order>, { advances: [sent(2_700)] });
      return advancedNetCents(o, journal(o, reversed(o, 'tr_1', 2_700, 'dp_1')));
    };
    expect(net({ ...dispute, state: 'won' })).toBe(0);
    expect(net({ ...dispute, state: 'won', returnedAt: 'y', returnRefusal: 'no account' })).toBe(0);
    expect(net({ ...dispute, state: 'lost', returnedAt: 'y' })).toBe(0);
    expect(net({ ...dispute, state: 'won', returnedAt: 'y' })).toBe(2_700);
  });

  it('holds a cancelled commission’s builder to what they kept only once that is written down', () => {
    expect(builderEntitledCents(order({}, { ended: 'cancelled' }))).toBe(9_000);
    expect(builderEntitledCents(order({}, { ended: 'done', keptCents: 100 }))).toBe(9_000);
    expect(builderEntitledCents(order({ commission: undefined }))).toBe(9_000);
  });

  it('sends nothing for a commission sold without terms', () => {
    expect(advance(order({ commission: undefined }), 'parts-in')).toBe(0);
  });

  it('stops taking back once what is due is met, and skips a transfer that holds nothing', () => {
    expect(
      spreadTakeBack(500, [
        { transferId: 'a', holdsCents: 500 },
        { transferId: 'b', holdsCents: 100 },
      ]),
    ).toEqual([{ transferId: 'a', amountCents: 500 }]);
    expect(
      spreadTakeBack(300, [
        { transferId: 'a', holdsCents: 0 },
        { transferId: 'b', holdsCents: -50 },
        { transferId: 'c', holdsCents: 1_000 },
      ]),
    ).toEqual([{ transferId: 'c', amountCents: 300 }]);
  });

  it('lists nothing for an order without tranches, nor a refused one', () => {
    expect(advancesHolding(order(), [])).toEqual([]);
    expect(advancesHolding(order({ commission: undefined }), [])).toEqual([]);
    expect(advancesHolding(order({}, { advances: [sent(500, { refusal: 'no' })] }), [])).toEqual([]);
  });

  it('counts only reversals pending on that very tranche', () => {
    const o = order({ pendingReversals: [{ part: 'builder', idempotencyKey: 'k', amountCents: 300, refundedCents: 1 }] }, { advances: [sent(2_700)] });
    expect(advancesHolding(o, journal(o))).toEqual([{ transferId: 'tr_1', holdsCents: 2_700 }]);
  });
});
