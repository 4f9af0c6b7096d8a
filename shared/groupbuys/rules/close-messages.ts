/**
 * @module close-messages
 * What the close says, from values: the DMs of the money half (the post is the front half's,
 * which says the group buy's state and the count funded): nobody charged (the MOQ was not met), a receipt for a
 * charged pledge, a pay link for a card that needs its buyer, a lapsed link, a waitlisted
 * pledge moved up, and the builder's result once funded. Names stay out of the channel.
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney, linkButtonRow } from '../../common';
import { chargedCents, type Order } from '../../orders';
import { groupBuyLimits, type GroupBuy } from './group-buy';
import { monthName, unitsText } from './group-buy-messages';
import { shortfallText } from './call-off-messages';
import { bankWantsYou } from './refusal-words';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const money = (cents: number, currency: string) => formatMoney({ cents, currency });

/** What the order charges, in words: `$258.00` or, with shipping, `$258.00 ($250.00 and $8.00 shipping)`. */
const chargedText = (order: Order) =>
  order.shippingCents
    ? `${money(chargedCents(order), order.currency)} (${money(order.amountCents, order.currency)} and ${money(order.shippingCents, order.currency)} shipping)`
    : money(chargedCents(order), order.currency);

/**
 * The first link's window in hours, as the pledge's terms promised it: Discord's `<t:…:R>`
 * rounds 72 hours to "in 3 days" (and a client a moment late shows "in 2 days").
 */
const windowText = `within ${groupBuyLimits.payLinkMs / 3_600_000} hours, `;

export const closeDms = {
  /** To each pledger when the MOQ was not met. */
  notMet: (groupBuy: GroupBuy, pledgedUnits: number): DiscordMessage => ({
    content: `**${groupBuy.title}** closed with ${unitsText(pledgedUnits)} pledged, short of its minimum of ${unitsText(groupBuy.moq)}. Nobody was charged, and your saved card will not be used for it.`,
  }),
  /** To the builder when the MOQ was not met. */
  notMetBuilder: (groupBuy: GroupBuy, pledgedUnits: number, pledgers: number): DiscordMessage => ({
    content: `Your group buy **${groupBuy.title}** closed short of its minimum: ${unitsText(pledgedUnits)} from ${pledgers} ${pledgers === 1 ? 'member' : 'members'}, of ${unitsText(groupBuy.moq)}. Nobody was charged, and everyone who joined was told.`,
  }),
  /** The buyer's receipt for a charged pledge (or one paid on its link). */
  receipt: (order: Order, shipsMonth: string): DiscordMessage => ({
    content: [
      `**${order.title}** reached its minimum: your card was charged ${chargedText(order)} (order \`${order.orderId}\`).`,
      `The builder is paid as production is proven live. If it has not shipped by the end of ${monthName(shipsMonth)}, you may cancel for a refund of what was not yet sent to the builder.`,
    ].join('\n'),
  }),
  /**
   * A card that needs its buyer: the link, the deadline and why. A bank that asks its buyer to
   * confirm (3-D Secure) declined nothing, so it is told as a step to take, not as a refusal.
   */
  payLink: (order: Order, link: string, payBy: string, refusal: string, renewed: boolean): DiscordMessage => {
    const confirm = refusal === bankWantsYou;
    const why = confirm
      ? `**${order.title}** reached its minimum. Your bank asks you to confirm this payment yourself (a check such as 3-D Secure), which C500 can’t do for you: nothing was declined.`
      : `**${order.title}** reached its minimum, but your saved card could not be charged without you (${refusal}).`;
    return {
      content: [
        renewed ? `A fresh link for **${order.title}** (${chargedText(order)}): Stripe's links last a day, your deadline is unchanged.` : why,
        `${confirm ? 'Confirm with your bank and pay' : 'Pay'} ${chargedText(order)} on the link ${renewed ? '' : windowText}by <t:${unix(payBy)}:f> (<t:${unix(payBy)}:R>) to keep your place; after that it goes to the waitlist.`,
      ].join('\n'),
      components: [linkButtonRow(confirm ? 'Confirm and pay' : 'Pay now', link)],
    };
  },
  /**
   * What a pay link's DM becomes once the pledge is paid (on that link or another): no button
   * left to press, and that it is paid. `components: []`, as an edit that leaves them out keeps them.
   */
  payLinkPaid: (order: Order): DiscordMessage => ({
    content: `**${order.title}**: paid, ${chargedText(order)} (order \`${order.orderId}\`). Nothing more to pay here; your receipt says what comes next.`,
    components: [],
  }),
  /** The pay link's deadline passed unpaid. */
  lapsed: (groupBuy: GroupBuy): DiscordMessage => ({
    content: `Your pay window for **${groupBuy.title}** closed unpaid. Nothing was charged, and your place went to the waitlist.`,
  }),
  /** A waitlisted pledge moved up: its card is charged now. */
  promoted: (groupBuy: GroupBuy): DiscordMessage => ({
    content: `A place opened in **${groupBuy.title}**: you were first on the waitlist, so your saved card is being charged now.`,
  }),
  /** Funded without them: the waitlist is let go. */
  waitlistReleased: (groupBuy: GroupBuy): DiscordMessage => ({
    content: `**${groupBuy.title}** is funded and no place opened for the waitlist. Nothing was charged, and your saved card will not be used for it.`,
  }),
  /** The builder's result once nobody is left to charge or wait on. */
  funded: (groupBuy: GroupBuy, counts: { charged: number; paid: number; lapsed: number }): DiscordMessage => ({
    content: [
      `Your group buy **${groupBuy.title}** is funded: **${unitsText(groupBuy.fundedUnits ?? 0)}**, from ${counts.charged + counts.paid} ${counts.charged + counts.paid === 1 ? 'buyer' : 'buyers'} (${counts.paid} paid on a link after their card asked for them; ${counts.lapsed} let their link lapse).`,
      'Each buyer’s pledge is now an order: its production steps, proved live, release your share as a commission’s do.',
      ...((groupBuy.fundedUnits ?? 0) < groupBuy.moq ? [shortfallText(groupBuy)] : []),
    ].join('\n'),
  }),
};
