/**
 * @module marketplace-wiring
 * What the functions around drops and their orders are handed: the commands that call
 * Stripe (a Buy Now, onboarding, payouts, refunds, a late commission's cancel), with the
 * marketplace's own answers to the commission queue (a freed slot, a drop's channel); the
 * queue's late check (a buyer with closed DMs told in their drop's or group buy's channel); the order sweep.
 */
import type { Platform } from '../platform';
import type { Order } from '../orders';
import type { DocumentStore } from '../ports';
import { dropChannelOf, freeSlot, type sweepOrders } from '../marketplace';
import { groupBuyChannelOf } from '../groupbuys';
import { releaseWaitingOrder } from '../live';
import { paymentDeps } from './payment-wiring';
import type { checkLate } from '../queue';
import type { CommandDepsOn } from './command-jobs';

/** The `stripe-commands` subscriber's deps: the queue learns from the marketplace when a slot frees and where a drop was posted. */
export function stripeCommandDeps(platform: Platform): CommandDepsOn<'stripe-commands'> {
  const { config } = platform;
  const store = platform.store();
  const discord = platform.discord();
  return {
    store,
    discord,
    payments: platform.payments(),
    tasks: platform.tasks(),
    clock: platform.clock,
    marketplace: config.marketplace,
    publicBaseUrl: config.publicBaseUrl,
    platformCountry: config.platformCountry,
    freeSlot: (orderId: string) => freeSlot({ store, discord, clock: platform.clock }, orderId),
    orderChannel: orderChannelOf(store),
    // Only a parcel's Refund reaches it: a reship's label is read back at the carrier before the reship gives way.
    get carrier() {
      return platform.carrier();
    },
  };
}

/**
 * Where the queue tells a buyer whose DMs are closed of a late (or moved) order: its drop's
 * channel, or its group buy's (a group buy's order is typed a commission and late the same way).
 */
export function orderChannelOf(store: DocumentStore): (order: Order) => Promise<string | undefined> {
  return (order) => (order.source === 'groupbuy' ? groupBuyChannelOf({ store }, order) : dropChannelOf({ store }, order));
}

/** A commission's promised date: the buyer and builder are told where the drop was posted. */
export function lateCheckDeps(platform: Platform): Parameters<typeof checkLate>[0] {
  const store = platform.store();
  return { store, discord: platform.discord(), clock: platform.clock, orderChannel: orderChannelOf(store) };
}

/** The order sweep. */
export function orderSweepDeps(platform: Platform): Parameters<typeof sweepOrders>[0] {
  return {
    store: platform.store(),
    clock: platform.clock,
    delivery: platform.config.delivery,
    discord: platform.discord(),
    // A delivered order's last payout, once its window passed: made only then, with everything a release needs.
    releaseWaiting: async (orderId) => void (await releaseWaitingOrder(paymentDeps(platform), orderId)),
  };
}
