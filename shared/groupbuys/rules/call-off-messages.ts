/**
 * @module call-off-messages
 * What calling a group buy off says, from values: the builder's answers to
 * `/groupbuy cancel` (each refusal says why and what to do instead), the DMs of the members
 * it lets go or refunds, and the builder's word once every refund was asked.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { formatMoney } from '../../common';
import { chargedCents, type Order } from '../../orders';
import type { GroupBuy } from './group-buy';
import { unitsText } from './group-buy-messages';

const joinedTold = (n: number) =>
  n === 0 ? 'Nobody had joined.' : n === 1 ? 'The one person who joined is being told.' : `The ${n.toLocaleString('en-US')} people who joined are being told.`;

export const cancelAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: \`/groupbuy cancel id:<group buy id>\`.`),
  notFound: (groupBuyId: string) => privateNote(`There is no group buy \`${groupBuyId}\` of yours in this server. Its id is at the foot of its post.`),
  already: (groupBuy: GroupBuy) => privateNote(`**${groupBuy.title}** was already called off.`),
  notMet: (groupBuy: GroupBuy) => privateNote(`**${groupBuy.title}** closed short of its minimum: nobody was charged, so there is nothing to call off.`),
  charging: (groupBuy: GroupBuy) =>
    privateNote(
      `**${groupBuy.title}** is charging its pledges now. Once every pledge is charged or let go you get a DM with the result, and may call it off then.`,
    ),
  proved: (groupBuy: GroupBuy, orderId: string) =>
    privateNote(
      `A step of **${groupBuy.title}** was already proved live or shipped (order \`${orderId}\`), so it can’t be called off as a whole: give refunds order by order with \`/c500 refund order:<id>\`, or ask a server admin.`,
    ),
  milestoneProved: (groupBuy: GroupBuy) =>
    privateNote(
      `Production of **${groupBuy.title}** was already proved live (${(groupBuy.milestones ?? []).map((m) => m.milestone).join(', ')}), so it can’t be called off as a whole: give refunds order by order with \`/c500 refund order:<id>\`, or ask a server admin.`,
    ),
  beforeClose: (groupBuy: GroupBuy, joined: number) =>
    privateNote(`Called off: **${groupBuy.title}** takes no more pledges and nobody is charged. ${joinedTold(joined)}`),
  afterClose: (groupBuy: GroupBuy, orders: number) =>
    privateNote(
      `Called off: the ${orders.toLocaleString('en-US')} ${orders === 1 ? 'order' : 'orders'} of **${groupBuy.title}** are being refunded in full, and each buyer told. I’ll DM you once every refund is made.`,
    ),
};

export const callOffDms = {
  /** To each member who had joined, when it is called off before its close. */
  released: (groupBuy: GroupBuy): DiscordMessage => ({
    content: `**${groupBuy.title}** was called off by its builder before its close. Nobody was charged, and your saved card will not be used for it.`,
    allowed_mentions: { parse: [] },
  }),
  /** To each buyer, once their order's refund was made. */
  refunded: (groupBuy: GroupBuy, order: Order, refundedCents: number): DiscordMessage => ({
    content: `**${groupBuy.title}** was called off by its builder: order \`${order.orderId}\` is refunded in full, ${formatMoney({ cents: refundedCents, currency: order.currency })} back to your card (a few days to show on your statement).`,
    allowed_mentions: { parse: [] },
  }),
  /** To a buyer whose refund Stripe refused: a person refunds them by hand. */
  refundRefused: (groupBuy: GroupBuy, order: Order): DiscordMessage => ({
    content: `**${groupBuy.title}** was called off by its builder. Stripe did not make the refund of order \`${order.orderId}\` (${formatMoney({ cents: chargedCents(order), currency: order.currency })}) automatically: C500’s team has been asked to refund you by hand.`,
    allowed_mentions: { parse: [] },
  }),
  /** To the builder, once no order is left to refund. */
  allRefunded: (groupBuy: GroupBuy, orders: number): DiscordMessage => ({
    content: `Every buyer of **${groupBuy.title}** was refunded in full (${orders.toLocaleString('en-US')} ${orders === 1 ? 'order' : 'orders'}). It is called off.`,
    allowed_mentions: { parse: [] },
  }),
};

/** The builder's result once funded, when lapsed pay links left it below its minimum: the shortfall, and that they may call it off. */
export function shortfallText(groupBuy: GroupBuy): string {
  const funded = groupBuy.fundedUnits ?? 0;
  return `That is **${unitsText(funded)} of the minimum ${unitsText(groupBuy.moq)}**: pay links lapsed and the waitlist could not fill their units. It goes ahead, as its minimum was met at the close. If you can’t make it at this count, call it off with \`/groupbuy cancel id:${groupBuy.groupBuyId}\` before you prove any milestone: every buyer is refunded in full.`;
}
