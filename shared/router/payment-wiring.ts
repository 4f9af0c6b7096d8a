/**
 * @module payment-wiring
 * Payments with the modules that take money: each registers what it does around its own
 * orders or checkouts (see payments' payment-modules), put together here, above them all,
 * so that payments imports none of them: what the Stripe subscriber and the checkouts'
 * expiry are handed.
 */
import type { Platform } from '../platform';
import { auctionPaymentWiring } from './auction-wiring';
import { type AuctionPaymentDeps, auctionPayments, stopRevokedBuilderAuctions, trustPayingBuyers } from '../auctions';
import { dropPayments } from '../marketplace';
import { showCheckoutPayments, showCheckoutKind, showLots } from '../shows';
import { merchPayments } from '../races';
import { prizePayments } from '../giveaways';
import { anotherCardKind, anotherCardSaved, cardSaved, cardSetupKind, groupBuyPayments } from '../groupbuys';
import { updateBuilderAccount } from '../onboarding';
import { disputeFactOf, handleStripeEvent, type PaymentModules, type PaymentDeps, type StripeEvent } from '../payments';
import { disputeArrivedFirst, disputeEventSeen, disputesBefore } from '../disputes';
import { releaseAfterReconnect } from '../live';
import { markActed } from '../privacy';

/** Merch sales take the deployment's currency (a guild's race currency until it sets its own). */
export type PaymentWiringDeps = AuctionPaymentDeps & { currency: string };

export function paymentModules(deps: PaymentWiringDeps): PaymentModules {
  return {
    orders: {
      drop: dropPayments(deps),
      auction: auctionPayments({ ...deps, lots: showLots(deps) }),
      giveaway: prizePayments(deps),
      groupbuy: groupBuyPayments({ ...deps, platformFeeBps: deps.marketplace.platformFeeBps }),
    },
    bundles: { [showCheckoutKind]: showCheckoutPayments(deps) },
    others: merchPayments(deps),
    // A group buy's Join saves a card in setup mode: the pledge counts once Stripe says it is saved.
    // A pledge's pay page saves another card in setup mode of its own kind: it confirms the pledge's one PaymentIntent, never a new pledge.
    cardSetups: { [cardSetupKind]: (event) => cardSaved(deps, event), [anotherCardKind]: (event) => anotherCardSaved(deps, event) },
    accountUpdated: async (event) => {
      await updateBuilderAccount(deps, event);
      // A builder who revoked C500 and connected a new account: what waited on them goes out.
      await releaseAfterReconnect(deps, event.data.object.id);
    },
    buyersPaid: async (orders) => {
      await trustPayingBuyers(deps, orders);
      // A payment writes the buyer's name and address on their order: should they have erased lately, their next erasure searches again.
      for (const buyerId of new Set(orders.map((order) => order.buyerId))) await markActed(deps, buyerId);
    },
    disputesBefore: (tx, chargeId) => disputesBefore(tx, chargeId),
    disputeArrivedFirst: (disputeId) => disputeArrivedFirst(deps, disputeId),
    builderRevoked: (builderId) => stopRevokedBuilderAuctions({ ...deps, lots: showLots(deps) }, builderId),
  };
}

export function withPaymentModules<D extends PaymentWiringDeps>(deps: D): D & PaymentDeps {
  return { ...deps, modules: paymentModules(deps) };
}

/** For the Stripe subscriber and the checkouts' expiry. */
export function paymentDeps(platform: Platform): PaymentDeps & PaymentWiringDeps {
  return {
    ...withPaymentModules({ ...auctionPaymentWiring(platform), currency: platform.config.marketplace.currency }),
    publicBaseUrl: platform.config.publicBaseUrl,
  };
}

/**
 * A verified Stripe event to the module whose fact it is: a dispute's to disputes, which
 * decides when money moves and asks payments what moved (so its path enters payments once);
 * every other to payments, which hands each module its own part.
 */
export async function receiveStripeEvent(deps: PaymentDeps & PaymentWiringDeps, event: StripeEvent): Promise<void> {
  const dispute = disputeFactOf(event);
  if (dispute) return disputeEventSeen(deps, dispute);
  await handleStripeEvent(deps, event);
}
