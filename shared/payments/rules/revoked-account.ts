/**
 * @module revoked-account
 * A builder who revoked C500's access to their Stripe account: which of their orders wait on
 * them, and what a server's admin is told.
 */
import type { DiscordMessage } from '../../ports';
import { clip } from '../../discord';
import { reconnectStripe } from '../../onboarding';
import type { Order } from '../../orders';

/** Paid and not refunded in full, with the builder's share not yet sent: its release waits for a new account. */
export function awaitsRelease(order: Pick<Order, 'status' | 'payouts'>): boolean {
  return (order.status === 'paid' || order.status === 'building' || order.status === 'shipped') && order.payouts.builder.transferId === undefined;
}

export function revokedAdminDm(builderName: string, builderId: string, waitingOrders: number): DiscordMessage {
  const orders = waitingOrders === 1 ? '1 order' : `${waitingOrders} orders`;
  return {
    allowed_mentions: { parse: [] },
    content:
      `${clip(builderName, 80)} (<@${builderId}>) disconnected C500 from their Stripe account: their drops and auctions take no new payments, ` +
      `and the money of ${orders} of theirs in this server waits (held, not retried). It is released once they run \`/c500 onboard\` and Stripe has checked the new account; ` +
      'ask them to, or refund the buyers with `/c500 refund`.',
  };
}

/** A won dispute's return to a person whose account is revoked: what they are told (held until they reconnect, not theirs yet). */
export function returnHeldDm(orderId: string, amount: string): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content:
      `A dispute on order ${clip(orderId, 80)} was won, but your Stripe account is disconnected from C500: the ${amount} it took back from you is held on C500 (not lost) until you reconnect Stripe. ` +
      reconnectStripe,
  };
}

/** The same return, as a server's admin hears it. */
export function returnHeldAdminDm(personName: string, personId: string, orderId: string, amount: string): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content:
      `A dispute on order ${clip(orderId, 80)} was won, but ${clip(personName, 80)} (<@${personId}>) disconnected C500 from their Stripe account, ` +
      `so the ${amount} it took back from them waits on C500 (held, not retried). It is sent once they run \`/c500 onboard\` and Stripe has checked the new account.`,
  };
}
