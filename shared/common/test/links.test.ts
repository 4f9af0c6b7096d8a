import { checkoutReturnUrls, checkoutSuccessUrl, linkButtonRow } from '../rules/links';

describe('links people open', () => {
  it('makes one row holding one link button that opens the URL', () => {
    expect(linkButtonRow('Pay', 'https://c500.example/pay/k2q9')).toEqual({
      type: 1,
      components: [{ type: 2, style: 5, label: 'Pay', url: 'https://c500.example/pay/k2q9' }],
    });
  });

  it('sends a buyer back to the success page with Stripe’s session placeholder, or to the cancel page naming the order and its kind', () => {
    expect(checkoutSuccessUrl('https://c500.example')).toBe('https://c500.example/checkout/success?session_id={CHECKOUT_SESSION_ID}');
    expect(checkoutReturnUrls('https://c500.example', 'k2q9xmbr', 'auction')).toEqual({
      successUrl: 'https://c500.example/checkout/success?session_id={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://c500.example/checkout/cancel?order=k2q9xmbr&kind=auction',
    });
  });
});
