/**
 * @module payment-wiring
 * Payments with the modules that take money: each registers what it does around its own
 * orders or checkouts (see payments' payment-modules), put together here, above them all,
 * so that payments imports none of them.
 */
import { auctionPaymentDeps, type Platform } from '../platform';
import type { AuctionPaymentDeps } from '../auctions/use-cases/auction-deps';
import { auctionPayments } from '../auctions/use-cases/auction-payments';
import { dropPayments } from '../marketplace/use-cases/drop-payments';
import { showCheckoutPayments } from '../shows/use-cases/show-checkout-payments';
import { showCheckoutKind } from '../shows/rules/show-checkout';
import { showLots } from '../shows/use-cases/show-lots';
import { merchPayments } from '../races/use-cases/merch-payments';
import { updateBuilderAccount } from '../onboarding/use-cases/update-builder-account';
import type { PaymentModules } from '../payments/use-cases/payment-modules';
import type { PaymentDeps } from '../payments/use-cases/apply-payment';

/** Merch sales take the deployment's currency (a guild's race currency until it sets its own). */
export type PaymentWiringDeps = AuctionPaymentDeps & { currency: string };

export function paymentModules(deps: PaymentWiringDeps): PaymentModules {
  return {
    orders: { drop: dropPayments(deps), auction: auctionPayments({ ...deps, lots: showLots(deps) }) },
    bundles: { [showCheckoutKind]: showCheckoutPayments(deps) },
    others: merchPayments(deps),
    accountUpdated: (event) => updateBuilderAccount(deps, event),
  };
}

export function withPaymentModules<D extends PaymentWiringDeps>(deps: D): D & PaymentDeps {
  return { ...deps, modules: paymentModules(deps) };
}

/** For the Stripe subscriber and the checkouts' expiry. */
export function paymentDeps(platform: Platform): PaymentDeps {
  return withPaymentModules({ ...auctionPaymentDeps(platform), currency: platform.config.marketplace.currency });
}
