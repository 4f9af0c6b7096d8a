/**
 * @module debt-messages
 * What a builder or a show host hears when a refund or a dispute leaves them owing C500:
 * the money had already gone out to them (paid out from their Stripe account, or their cut
 * paid by hand), so it is now their debt on the server, and how it is settled.
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney } from '../../common';
import type { Order, Party } from '../../orders';

const settled =
  'Your next sales on this server pay it first; an admin can also record it paid outside C500. `/c500 profile` and your dashboard show what you owe.';

/** Why the debt was made: a refund or a dispute, after a payout from the person's account or a cut paid by hand. */
export type DebtCause = { by: 'dispute' | 'refund'; handPaid: boolean };

/** The DM, once per debt entry: the order, the amount, why, and how it is settled. */
export function debtRecordedDm(order: Pick<Order, 'orderId' | 'currency'>, party: Party, amountCents: number, cause: DebtCause): DiscordMessage {
  const amount = formatMoney({ cents: amountCents, currency: order.currency });
  const share = party === 'host' ? 'host’s cut' : 'share';
  const what = cause.by === 'dispute' ? `A dispute took back the payment for order \`${order.orderId}\`` : `Order \`${order.orderId}\` was refunded`;
  const why = cause.handPaid
    ? `after your ${share} was paid by hand`
    : `and Stripe could not take your ${share} back from your Stripe account (it was already paid out)`;
  return { content: `💸 ${what} ${why}: you now owe C500 ${amount} on this server. ${settled}`, allowed_mentions: { parse: [] } };
}
