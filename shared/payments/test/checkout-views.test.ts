import { statusSentence } from '../rules/checkout-views';
import { orderStatuses } from '../../orders';

describe('the sentence the success page shows for an order’s status', () => {
  it('tells the winner of an auction it waits for the payment of their win', () => {
    expect(statusSentence('awaiting-payment', 'auction')).toBe("We're waiting for Stripe to confirm your payment for your auction win.");
  });

  it('says the same as a drop for an auction status that means the same', () => {
    expect(statusSentence('shipped', 'auction')).toBe(statusSentence('shipped', 'drop'));
    expect(statusSentence('shipped', 'auction')).toBe('It is on its way to you.');
  });

  it('reads an order of no known source as a drop', () => {
    expect(statusSentence('awaiting-payment')).toBe("We're waiting for Stripe to confirm your payment.");
    expect(statusSentence('expired')).toContain('went back to the drop');
  });
});

describe('the success page’s status line', () => {
  it('does not begin with the word its pill already shows (no “Paid Paid.”)', () => {
    for (const status of orderStatuses)
      for (const source of ['drop', 'auction'] as const) expect(statusSentence(status, source).toLowerCase()).not.toMatch(new RegExp(`^${status}\\b`));
  });
});
