/**
 * @module prize-payments
 * What a giveaway's prize is to payments (registered for orders from `giveaway`): nothing to
 * pay, so no Checkout Session ever names one and Stripe never pays, refunds or lapses one.
 * Payments still asks every order's module where the order was made (to mention a buyer or
 * builder whose DMs are closed): the giveaway's channel.
 */
import type { DocumentStore } from '../../ports';
import { type OrderSource } from '../../payments';
import { sourceIdOf } from '../../orders';
import { giveawayPath } from '../rules/giveaway';

export function prizePayments(deps: { store: DocumentStore }): OrderSource {
  return {
    paid: async () => () => undefined,
    refunded: async () => undefined,
    changed: async () => undefined,
    channelOf: async (order) => (await deps.store.get(giveawayPath(sourceIdOf(order))))?.channelId,
    lapsed: async () => undefined,
  };
}
