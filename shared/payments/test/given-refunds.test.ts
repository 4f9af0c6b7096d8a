/**
 * `/c500 refund`'s rules: who may refund an order, how much, and under which key.
 */
import { givenRefundKey, givenRefundsHeld, readRefundForm, refundAmount, refundRefusal, refundableCents, type RefundAsker } from '../rules/given-refunds';
import { buyerRefundGiven, refundRefusals } from '../rules/refund-messages';
import { spreadOverOrders } from '../../orders';
import { givenRefund, paidOrderWithRefunds } from './refund-fixtures';

const order = paidOrderWithRefunds;

const builder: RefundAsker = { userId: 'builder', guildId: 'g1', isAdmin: false };
const admin: RefundAsker = { userId: 'admin', guildId: 'g1', isAdmin: true };
const given = givenRefund;

describe('who may refund an order', () => {
  it('lets its builder refund a paid order before the release', () => {
    expect(refundRefusal(order(), builder)).toBeUndefined();
    expect(refundRefusal(order({ status: 'shipped' }), builder)).toBeUndefined();
  });

  it('tells its builder to ask an admin once the money was released (or is being released)', () => {
    expect(refundRefusal(order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } }), builder)).toBe('ask-admin');
    expect(
      refundRefusal(order({ payouts: { builder: { releasing: { idempotencyKey: 'release:k3v9m2qa:1', amountCents: 9_000, coveredCents: 0 } } } }), builder),
    ).toBe('ask-admin');
  });

  it('lets an admin of the order’s server refund it before and after the release', () => {
    expect(refundRefusal(order(), admin)).toBeUndefined();
    expect(refundRefusal(order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } }), admin)).toBeUndefined();
  });

  it('refuses another member, and anyone in another server as if the order did not exist', () => {
    expect(refundRefusal(order(), { userId: 'someone', guildId: 'g1', isAdmin: false })).toBe('not-yours');
    expect(refundRefusal(order(), { ...builder, guildId: 'g2' })).toBe('not-found');
    expect(refundRefusal(order(), { ...admin, guildId: 'g2' })).toBe('not-found');
    expect(refundRefusal(undefined, admin)).toBe('not-found');
  });

  it('refuses an order that was never paid or is already refunded in full', () => {
    expect(refundRefusal(order({ status: 'awaiting-payment', chargeId: undefined }), builder)).toBe('not-paid');
    expect(refundRefusal(order({ status: 'expired' }), builder)).toBe('not-paid');
    expect(refundRefusal(order({ status: 'refunded' }), builder)).toBe('refunded');
  });
});

describe('a disputed order', () => {
  const disputed = (state: 'open' | 'won' | 'lost') =>
    order({
      status: 'building',
      payouts: { builder: { transferId: 'tr_1' } },
      dispute: { disputeId: 'dp_1', state, amountCents: 10_000, reason: 'fraudulent', openedAt: '2026-11-25T00:00:00Z' },
    });

  it('refuses a refund while the bank decides and after it gave the buyer their money back, to an admin too, and says why', () => {
    expect(refundRefusal(disputed('open'), admin)).toBe('disputed');
    expect(refundRefusal(disputed('lost'), admin)).toBe('disputed');
    // Its builder is told of the dispute, not sent to an admin who would be refused too.
    expect(refundRefusal(disputed('open'), builder)).toBe('disputed');
    expect(refundRefusals.of('disputed', 'k3v9m2qa', disputed('open')).content).toContain('/c500 dispute note order:k3v9m2qa');
    expect(refundRefusals.of('disputed', 'k3v9m2qa', disputed('lost')).content).toContain('would pay them twice');
    // Said of an order read before its dispute reached it, or of none, it is the open dispute's.
    expect(refundRefusals.of('disputed', 'k3v9m2qa', order()).content).toContain('which decides now');
    expect(refundRefusals.of('disputed', 'k3v9m2qa').content).toContain('which decides now');
  });

  it('lets an admin refund once the dispute is won, as any released order', () => {
    expect(refundRefusal(disputed('won'), admin)).toBeUndefined();
    expect(refundRefusal(disputed('won'), builder)).toBe('ask-admin');
  });
});

describe('how much may be refunded', () => {
  it('gives all that is left when no amount is typed, shipping included when it was charged', () => {
    expect(refundAmount(order(), undefined)).toEqual({ ok: true, amountCents: 10_000 });
    expect(refundAmount(order({ shippingCents: 1_500 }), undefined)).toEqual({ ok: true, amountCents: 11_500 });
  });

  it('refuses more than is left, and says how much is', () => {
    expect(refundAmount(order({ refundedCents: 4_000 }), 6_001)).toEqual({ ok: false, refusal: 'too-much', leftCents: 6_000 });
    expect(refundAmount(order({ refundedCents: 10_000 }), 1)).toEqual({ ok: false, refusal: 'nothing-left', leftCents: 0 });
  });

  it('reserves a refund being asked and one Stripe answered whose charge.refunded has not come yet, and counts one it held only once', () => {
    expect(refundableCents(order({ givenRefunds: [given(3_000)] }))).toBe(7_000);
    expect(refundableCents(order({ givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 3_000 })] }))).toBe(7_000);
    // charge.refunded came with a total that holds it: the order's refunded total counts it, the reservation no longer does.
    expect(refundableCents(order({ refundedCents: 3_000, givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 3_000 })] }))).toBe(7_000);
    // An outside refund of 1,000 came first; ours made the total 4,000, which has not arrived yet.
    expect(refundableCents(order({ refundedCents: 1_000, givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 4_000 })] }))).toBe(6_000);
  });

  it('reserves nothing for a refund Stripe refused', () => {
    expect(refundableCents(order({ givenRefunds: [given(3_000, { refusal: 'no' })] }))).toBe(10_000);
  });

  it('reads amounts as every typed amount, and says what to type instead of zero, a negative, three decimals or yen with decimals', () => {
    expect(readRefundForm({ amount: 25.5 }, 'usd')).toEqual({ ok: true, amountCents: 2_550 });
    expect(readRefundForm({ amount: 2400 }, 'jpy')).toEqual({ ok: true, amountCents: 2_400 });
    for (const [amount, currency] of [
      [0, 'usd'],
      [-5, 'usd'],
      [12.345, 'usd'],
      [24.5, 'jpy'],
    ] as const) {
      const form = readRefundForm({ amount }, currency);
      expect(form).toMatchObject({ ok: false, amountProblem: expect.stringMatching(/Type an amount like/) });
    }
  });

  it('keeps a reason as visible text of at most 200 characters, and none when it shows nothing', () => {
    expect(readRefundForm({ reason: 'x'.repeat(300) }, 'usd')).toMatchObject({ ok: true, reason: expect.stringMatching(/^x{199}…$/) });
    expect(readRefundForm({ reason: '\u200b ' }, 'usd')).toEqual({ ok: true });
  });
});

describe('the refund’s key and its messages', () => {
  it('keys the n-th refund of an order from the order and the count, the same on every retry', () => {
    expect(givenRefundKey('k3v9m2qa', 2)).toBe('refund:k3v9m2qa:2');
  });

  it('echoes the reason to the buyer with nothing that mentions anyone', () => {
    const dm = buyerRefundGiven(order(), given(2_500, { reason: 'Sorry @everyone <@123> *scratched*' }), false);
    expect(dm.content).toContain('$25.00');
    expect(dm.content).not.toMatch(/@everyone|<@/);
    expect(dm.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('a show charge’s refund spread over its lots', () => {
  const lots = [order({ orderId: 'a', amountCents: 3_000 }), order({ orderId: 'b', amountCents: 7_000 })];

  it('gives a lot its own given refund first, and spreads only the rest by price', () => {
    const withGiven = [{ ...lots[0]!, givenRefunds: [given(3_000)] }, lots[1]!];
    const spread = spreadOverOrders(3_000, withGiven, (o) => givenRefundsHeld(o, 3_000));
    expect(spread.map((s) => s.refundedCents)).toEqual([3_000, 0]);
    expect(spreadOverOrders(4_000, withGiven, (o) => givenRefundsHeld(o, 4_000)).map((s) => s.refundedCents)).toEqual([3_000, 1_000]);
  });

  it('spreads by price as before when no lot had a refund given, or when the total does not hold it yet', () => {
    expect(spreadOverOrders(1_000, lots).map((s) => s.refundedCents)).toEqual([300, 700]);
    const answeredLater = [{ ...lots[0]!, givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 4_000 })] }, lots[1]!];
    expect(spreadOverOrders(1_000, answeredLater, (o) => givenRefundsHeld(o, 1_000)).map((s) => s.refundedCents)).toEqual([300, 700]);
  });
});
