/**
 * given-refunds.ts: what is released, and what is left to refund on a lot paid with others
 * in one charge, where the charge's total (not the lot's part) holds a given refund.
 */
import { givenRefundsTotal, isReleased, refundAmount, refundableCents } from '../rules/given-refunds';
import type { Order, Refunds } from '../../orders';
import { givenRefund, paidOrderWithRefunds } from './refund-fixtures';

const order = paidOrderWithRefunds;

const given = givenRefund;

describe('a released order', () => {
  it('counts a show lot whose host cut went out, by transfer, by hand or as nothing, as released', () => {
    expect(isReleased(order())).toBe(false);
    expect(isReleased(order({ payouts: { builder: {}, host: { via: 'transfer' } } }))).toBe(true);
    expect(isReleased(order({ payouts: { builder: {}, host: { via: 'manual' } } }))).toBe(true);
    expect(isReleased(order({ payouts: { builder: {}, host: { via: 'none' } } }))).toBe(true);
  });
});

describe('what is left to refund on a lot paid with others in one charge', () => {
  // The lot's part of the charge's refunds is 1,000; the charge's total is 4,000, 3,000 of it our given refund.
  const lot = (fields: Partial<Order & Refunds> = {}) => order({ showCheckoutId: 'sc_1', refundedCents: 1_000, chargeRefundedCents: 4_000, ...fields });

  it('no longer reserves a given refund the charge’s total holds, though the lot’s own part is lower', () => {
    expect(refundableCents(lot({ givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 4_000 })] }))).toBe(9_000);
  });

  it('reserves a given refund the charge’s total does not hold yet', () => {
    expect(refundableCents(lot({ givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 5_000 })] }))).toBe(6_000);
  });

  it('reserves a given refund when no charge total has come for the lot yet', () => {
    expect(
      refundableCents(
        lot({ refundedCents: 0, chargeRefundedCents: undefined, givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 3_000 })] }),
      ),
    ).toBe(7_000);
  });

  it('compares an order of its own charge with its own refunded total', () => {
    expect(
      refundableCents(
        order({ refundedCents: 1_000, chargeRefundedCents: 4_000, givenRefunds: [given(3_000, { refundId: 're_1', chargeRefundedCents: 4_000 })] }),
      ),
    ).toBe(6_000);
  });
});

describe('how much may be refunded', () => {
  it('takes an amount of exactly what is left', () => {
    expect(refundAmount(order({ refundedCents: 4_000 }), 6_000)).toEqual({ ok: true, amountCents: 6_000 });
  });
});

describe('what the given refunds add up to', () => {
  it('is nothing on an order with none', () => {
    expect(givenRefundsTotal(order())).toBe(0);
    expect(givenRefundsTotal(order({ givenRefunds: [] }))).toBe(0);
  });

  it('adds up the refunds asked or answered, and leaves out those Stripe refused', () => {
    expect(
      givenRefundsTotal(order({ givenRefunds: [given(1_000), given(2_500, { refundId: 're_1' }), given(4_000, { refusal: 'insufficient funds' })] })),
    ).toBe(3_500);
  });
});
