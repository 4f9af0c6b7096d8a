/**
 * refunds.ts: the keys a refund is recorded and waits under, so a refund and the sale (or
 * payment) it refunds find each other whichever comes first.
 */
import { refundWaitKey, saleKey, saleRefundPath, waitingRefundsPath } from '../rules/refunds';

describe('the key of a shop’s sale or refund', () => {
  it('keeps letters, digits, underscores and dashes, and turns anything else into an underscore', () => {
    expect(saleKey('shopify', 'gid://shopify/Order/4004')).toBe('shopify-gid___shopify_Order_4004');
    expect(saleKey('kofi', 'a b.c')).toBe('kofi-a_b_c');
    expect(saleKey('stripe', 'pi_3Ab-9')).toBe('stripe-pi_3Ab-9');
  });

  it('records a refund and its wait under those keys', () => {
    expect(String(saleRefundPath('kofi', 're/1'))).toBe('saleRefunds/kofi-re_1');
    expect(String(waitingRefundsPath('stripe-pi-pi_1'))).toBe('waitingRefunds/stripe-pi-pi_1');
  });
});

describe('what a refund that came first waits under', () => {
  it('waits for a Stripe payment under its payment intent, which the charge’s refund also names', () => {
    expect(refundWaitKey('stripe', 'cs_1', 'pi_1')).toBe('stripe-pi-pi_1');
  });

  it('waits for a Stripe sale under the sale’s id when no payment intent is known', () => {
    expect(refundWaitKey('stripe', 'cs_1')).toBe('stripe-cs_1');
    expect(refundWaitKey('stripe', 'cs_1', '')).toBe('stripe-cs_1');
  });

  it('waits for another shop’s sale under the sale’s id, even with a payment intent', () => {
    expect(refundWaitKey('kofi', 'k1', 'pi_1')).toBe('kofi-k1');
    expect(refundWaitKey('shopify', '4004', 'pi_1')).toBe('shopify-4004');
  });
});
