/**
 * The shipping a US builder who also ships to Canada asks of a checkout: what the payments
 * port carries to Stripe, for the adapter's and the simulator's tests alike.
 */
import type { CheckoutShipping } from '../../shared/ports';

export const usAndCanadaShipping = (domesticCents = 800, internationalCents = 2_500): CheckoutShipping => ({
  allowedCountries: ['CA', 'US'],
  homeCountry: 'US',
  options: [
    { scope: 'domestic', displayName: 'Shipping to an address in US', amountCents: domesticCents, deliveryDays: { minimum: 5, maximum: 8 } },
    { scope: 'international', displayName: 'Shipping to an address outside US', amountCents: internationalCents, deliveryDays: { minimum: 8, maximum: 18 } },
  ],
});
