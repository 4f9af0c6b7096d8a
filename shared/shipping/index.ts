/**
 * @module shipping
 * Shipping profiles (`/c500 shipping`) and what a checkout of a shipped item asks: the
 * countries an address may be in, the combined rates, the delivery estimate, and the check
 * of the option the buyer chose against their address when the session completes.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { shippingRoutes } from './routes';
export { type ShippingDestinations, allowedCountries, parseDestinations, stripeShippingCountries } from './rules/countries';
export { type ShippingProfile, changeProfile, shippingAmount, shippingProfilePath, shippingProfilesCollection } from './rules/profile';
export { type ShippingCheck, deliveryEstimate, mismatchText, quoteShipping, shippingCents, shippingCheck, shippingTo } from './rules/rates';
export { noShippingNote, shippingAtCheckoutNote } from './rules/shipping-messages';
export { type ShipFrom, parseShipFrom } from './rules/ship-from';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as QuoteCheckout from './use-cases/quote-checkout';
import type * as SetShipping from './use-cases/set-shipping';
export const quoteCheckoutShipping: typeof QuoteCheckout.quoteCheckoutShipping = (...args) =>
  (require('./use-cases/quote-checkout') as typeof QuoteCheckout).quoteCheckoutShipping(...args);
export const setShipping: typeof SetShipping.setShipping = (...args) => (require('./use-cases/set-shipping') as typeof SetShipping).setShipping(...args);

/** The use case of the job `/c500 shipping` defers to a subscriber. */
export const shippingJobs = { 'set-shipping': setShipping } satisfies JobUseCases<typeof shippingRoutes>;
