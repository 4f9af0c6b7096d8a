/**
 * @module release-by-hand
 * `/order release order:<id>`: a server's admin lets an order's held last payout go without
 * waiting for its delivery (orders' delivery-gate), for a parcel the carrier never scanned, or
 * one returned and reshipped outside C500. Who may, which orders, and the words. Pure.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import type { Order } from '../../orders';

export type ReleaseByHandJudgement =
  | { kind: 'free' }
  /** This very command delivered again, or an admin's release already recorded: the release is asked for again, nothing more. */
  | { kind: 'already'; byUserId: string; at: string }
  | { kind: 'refused'; reason: 'not-found' | 'not-held' | 'not-proved' | 'released' };

/** Whether the admin's release may be recorded on `order` (read in the admin's own server only: another's is "no such order"). */
export function judgeReleaseByHand(order: Order | undefined, guildId: string | undefined): ReleaseByHandJudgement {
  if (!order || order.guildId !== guildId) return { kind: 'refused', reason: 'not-found' };
  if (order.payoutFreed) return { kind: 'already', byUserId: order.payoutFreed.byUserId, at: order.payoutFreed.at };
  // Sold before the gate: its proof released it, nothing is held for a delivery.
  if (order.lastPayoutAt !== 'delivery') return { kind: 'refused', reason: 'not-held' };
  if (order.payouts.builder.transferId) return { kind: 'refused', reason: 'released' };
  // Only a proved order has a last payout waiting (payout-freed comes from building or shipped).
  if (!order.proof || (order.status !== 'building' && order.status !== 'shipped')) return { kind: 'refused', reason: 'not-proved' };
  return { kind: 'free' };
}

const day = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;

/** What the admin is told. */
export const releaseByHandAnswers = {
  needsAdmin: privateNote(
    'Only server admins can release a held payout (you need **Administrator** or **Manage Server**). The buyer’s **Received**, or the carrier’s delivery, releases it too.',
  ),
  badOrder: (orderId: string) => privateNote(`\`${orderId}\` is not an order id: it is the 8 letters and digits in the order’s DMs.`),
  refused: (orderId: string, reason: Extract<ReleaseByHandJudgement, { kind: 'refused' }>['reason'], order?: Order) =>
    privateNote(
      {
        'not-found': `There is no order \`${orderId}\` in this server.`,
        'not-held': `Order \`${orderId}\` was sold before payouts waited for delivery: its proof on stream released it. Nothing is held.`,
        released: `Order \`${orderId}\`’s last payout has left already. Nothing is held.`,
        'not-proved': `Order \`${orderId}\` is **${order?.status ?? 'unknown'}**: only an order its builder proved on stream has a last payout waiting. Nothing was changed.`,
      }[reason],
    ),
  released: (order: Order, sentLabel: string | undefined) =>
    privateNote(
      sentLabel
        ? `Released by hand: order \`${order.orderId}\`’s last payout, ${sentLabel}, went to <@${order.builderId}>. It is recorded with your name.`
        : `Released by hand: order \`${order.orderId}\` no longer waits for its delivery, recorded with your name. Its payout still waits for something else (a dispute, a fraud review, or the builder’s Stripe account); it leaves once that clears.`,
    ),
  already: (order: Pick<Order, 'orderId'>, byUserId: string, at: string) =>
    privateNote(`Order \`${order.orderId}\`’s last payout was released by hand by <@${byUserId}> on ${day(at)}.`),
};

/** The builder's DM: an admin let the payout go before the delivery. */
export function builderReleasedByHand(order: Order): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `A server admin released the last payout of **${order.title}** (\`${order.orderId}\`) without waiting for its delivery.`,
  };
}
