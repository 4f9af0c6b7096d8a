/**
 * @module order-messages
 * What buyers and builders are told as an order's money moves: paid, refunded, a delayed
 * payment failed.
 */
import type { DiscordMessage } from '../../ports';
import type { Order } from './order';
import { colors, clip } from '../../discord';
import { formatMoney } from '../../common';

const amountOf = (order: Order) => formatMoney({ cents: order.amountCents, currency: order.currency });
const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });

export function buyerReceipt(order: Order): DiscordMessage {
  return dm({
    embeds: [
      {
        title: `Receipt: ${order.title}`,
        color: colors.mint,
        description: `Thanks for your order! ${order.builderName} gets your money once they show your order on their stream, and you get a DM with the link when they do.`,
        fields: [
          { name: 'Order', value: `\`${order.orderId}\``, inline: true },
          { name: 'Paid', value: amountOf(order), inline: true },
          { name: 'Builder', value: order.builderName, inline: true },
        ],
        footer: { text: 'Check your orders any time with /c500 profile' },
      },
    ],
  });
}

export function builderNewOrder(order: Order): DiscordMessage {
  return dm({
    content: `New paid order \`${order.orderId}\`: **${order.title}** (${amountOf(order)}) for ${order.buyerName}. Go live on your linked Twitch channel and run \`/c500 live mode:order:${order.orderId}\` while you build it: your ${formatMoney({ cents: order.builderShareCents, currency: order.currency })} is released then.`,
  });
}

export function buyerRefunded(order: Order): DiscordMessage {
  return dm({ content: `Your payment for **${order.title}** (\`${order.orderId}\`) was refunded. It can take a few days to show on your statement.` });
}

/**
 * A delayed method (a bank debit) completed the checkout, then failed: nothing was charged,
 * and the order ended as an unpaid one does.
 */
export function buyerPaymentFailed(order: Order): DiscordMessage {
  const lead = `Your bank payment for **${order.title}** (\`${order.orderId}\`) didn’t go through, so nothing was charged and the order is cancelled.`;
  const next =
    order.source === 'auction'
      ? 'The win lapsed as an unpaid one does: the item goes to the next bidder in line, if there is one.'
      : `${order.dropKind === 'ready-to-ship' ? 'Its unit is back on sale. ' : ''}To buy it after all, press **Buy Now** on the drop again and pay another way.`;
  return dm({ content: `${lead} ${next}` });
}

/** The host's cut of one lot went out: by transfer, or owed by hand. */
export function hostCutDm(order: Order, cents: number, how: 'transfer' | 'no-account' | 'refused'): DiscordMessage {
  const lead = `Your host’s cut of **${clip(order.title, 100)}** (order \`${order.orderId}\`)`;
  const cut = formatMoney({ cents, currency: order.currency });
  const content =
    how === 'transfer'
      ? `${lead} is on its way: ${cut}, sent to your Stripe account now that ${order.builderName} showed it on stream.`
      : how === 'no-account'
        ? `${lead} is ${cut}. You have no Stripe account that can take it, so it is recorded for the platform to pay you by hand. Run \`/c500 onboard\` to be paid automatically next time.`
        : `${lead} is ${cut}. Stripe refused to send it to your account, so it is recorded for the platform to pay you by hand. Check \`/c500 onboard\` so the next one goes through.`;
  return dm({ content });
}
