/**
 * @module fraud-messages
 * What the builder, the buyer and the server's admin are told of an early fraud warning.
 */
import type { DiscordMessage } from '../../ports';
import { clip } from '../../discord';
import { formatMoney } from '../../common';
import type { Order } from '../../orders';
import type { FraudOutcome } from '../../orders';

const titleOf = (order: Order) => clip(order.title, 100);
const plain = (content: string): DiscordMessage => ({ allowed_mentions: { parse: [] }, content });

const toBuilder: Record<FraudOutcome, ((order: Order) => string) | undefined> = {
  refunded: (o) =>
    `Stripe flagged the payment for **${titleOf(o)}** (\`${o.orderId}\`) as likely fraud (the card's bank warned of it). As Stripe advises, the buyer is refunded in full before a chargeback comes: do not build or ship it; a ready-to-ship unit goes back on sale.`,
  'held-for-review': (o) =>
    `Stripe flagged the payment for **${titleOf(o)}** (\`${o.orderId}\`) as likely fraud. Its money stays held while an admin of the server reviews it: hold off building or shipping it until you hear.`,
  'after-release': (o) =>
    `Stripe flagged the payment for **${titleOf(o)}** (\`${o.orderId}\`) as likely fraud after its money went out. An admin of the server decides what happens; if you have not shipped it yet, hold it until you hear.`,
  'after-refund': undefined,
};

const toAdmin: Record<FraudOutcome, ((order: Order) => string) | undefined> = {
  refunded: (o) =>
    `Early fraud warning on order \`${o.orderId}\` (**${titleOf(o)}**, ${formatMoney({ cents: o.amountCents, currency: o.currency })}): nothing had gone out, so C500 refunded it in full, as Stripe advises. Turn that off with \`/c500 auction settings fraud-refund:False\` to review each yourself.`,
  'held-for-review': (o) =>
    `Early fraud warning on order \`${o.orderId}\` (**${titleOf(o)}**): its releases are held for your review (this server refunds none by itself). Refund it with \`/c500 refund order:${o.orderId}\` if you agree with Stripe.`,
  'after-release': (o) =>
    `Early fraud warning on order \`${o.orderId}\` (**${titleOf(o)}**) after its money went out or it shipped: nothing was refunded. What is still held waits for you; \`/c500 refund order:${o.orderId}\` refunds the buyer (what went out is then taken back from the builder).`,
  'after-refund': undefined,
};

export const fraudDms = {
  builder: (order: Order, outcome: FraudOutcome): DiscordMessage | undefined => {
    const text = toBuilder[outcome]?.(order);
    return text ? plain(text) : undefined;
  },
  admin: (order: Order, outcome: FraudOutcome): DiscordMessage | undefined => {
    const text = toAdmin[outcome]?.(order);
    return text ? plain(text) : undefined;
  },
  /** The buyer's refund: the order is cancelled (what they are told does not accuse them: the card's owner may be someone else). */
  buyer: (order: Order): DiscordMessage =>
    plain(
      `Your payment for **${titleOf(order)}** (\`${order.orderId}\`) was refunded in full: the card's bank flagged it, so the order is cancelled. It can take a few days to show on the statement.`,
    ),
  /** The refund Stripe refused (the charge is disputed already, say): the order is left to the admin. */
  refundRefused: (order: Order, why: string): DiscordMessage =>
    plain(`C500 could not refund order \`${order.orderId}\` after Stripe's fraud warning (${clip(why, 300)}): its releases stay held for your review.`),
};
