/**
 * The soak's "checkouts paid" is Stripe's word, not the soak's attempt: a run once said 2 paid
 * while every drop order ended expired, because the count went up whether or not the local
 * Stripe took the payment.
 */
import type { Paid, SoakClient } from '../../../scripts/soak/client';
import { payAndCount } from '../../../scripts/soak/paying';

/** A buyer's side of the local Stripe whose pay step answers `answer` (undefined: not paid, the checkout lapsed or the card refused). */
const stripeAnswering = (answer: Paid | undefined): Pick<SoakClient, 'pay'> => ({ pay: async () => answer });

describe('the soak counts a checkout paid by Stripe’s word', () => {
  it('does not count a checkout whose payment Stripe did not take', async () => {
    const counts: Record<string, number> = {};
    const made = await payAndCount(stripeAnswering(undefined), counts, 'checkouts paid', 'cs_lapsed');
    expect(made).toBeUndefined();
    expect(counts['checkouts paid'] ?? 0).toBe(0);
  });

  it('counts a checkout Stripe says was paid, once, and hands back its order', async () => {
    const counts: Record<string, number> = { 'checkouts paid': 3 };
    const made = await payAndCount(stripeAnswering({ session: 'cs_paid', orderId: 'o1' }), counts, 'checkouts paid', 'cs_paid');
    expect(made).toEqual({ session: 'cs_paid', orderId: 'o1' });
    expect(counts['checkouts paid']).toBe(4);
  });
});
