/**
 * @module label-messages
 * Labels in one press: the rates offered to the builder, what a press answers, what the
 * builder and the buyer are told, and every refusal in words that say what to do instead.
 */
import type { DiscordMessage } from '../../ports';
import { dmNote, privateNote } from '../../discord';
import { formatMoney } from '../../common';
import type { LabelPayer, OfferedRate, Order, OrderLabel } from '../../orders';
import { rateButtonId } from './labels';

const money = (cents: number, currency: string) => formatMoney({ cents, currency });
const rateText = (r: OfferedRate) => `${r.carrier} ${r.service} ${money(r.amountCents, r.currency)}${r.deliveryDays ? ` (${r.deliveryDays} d)` : ''}`;

/** The builder's choice of rates: one button each, cheapest first; who pays is said before the press. */
export function rateOffer(order: Pick<Order, 'orderId' | 'title'>, rates: readonly OfferedRate[], payer: LabelPayer, customs: boolean): DiscordMessage {
  const who =
    payer === 'platform'
      ? 'Shipping was free on this listing, so C500 pays for the label.'
      : 'The label’s cost is taken from your share of this order when it is paid out.';
  return {
    ...privateNote(
      `Labels for **${order.title}** (\`${order.orderId}\`), cheapest first. ${who}${customs ? ' A customs form is filled from the listing.' : ''}\nPress one to buy it; typing \`tracking:\` instead still works.`,
    ),
    components: [
      {
        type: 1,
        components: rates.map((r, i) => ({ type: 2, style: 1, label: rateText(r).slice(0, 80), custom_id: rateButtonId(order.orderId, i) })),
      },
    ],
  };
}

/** A label chosen but not yet recorded bought (a press cut short): its one button finishes it, never buying a second. */
export function finishOffer(order: Pick<Order, 'orderId'>, index: number): DiscordMessage {
  return {
    ...privateNote(`A label was chosen for \`${order.orderId}\` but its purchase was not finished. Press to finish it (nothing is bought twice).`),
    components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Finish buying this label', custom_id: rateButtonId(order.orderId, index) }] }],
  };
}

/** The press's answer: the label to print. */
export function labelBought(order: Pick<Order, 'orderId' | 'buyerName'>, label: OrderLabel): DiscordMessage {
  return {
    ...privateNote(
      `Label bought for \`${order.orderId}\`: ${label.rate.carrier} ${label.rate.service}, tracking ${label.trackingCode ?? ''}. ${order.buyerName} got the tracking by DM.\nLabel: ${label.labelUrl ?? ''}`,
    ),
    components: label.labelUrl ? [{ type: 1, components: [{ type: 2, style: 5, label: 'Open the label', url: label.labelUrl }] }] : [],
  };
}

/** The builder's DM: the label's link, kept where they find it again. */
export function builderLabelDm(order: Pick<Order, 'orderId' | 'title'>, label: OrderLabel): DiscordMessage {
  return dmNote(
    `Your label for **${order.title}** (\`${order.orderId}\`): ${label.labelUrl ?? ''}\n${label.rate.carrier} ${label.rate.service}, tracking ${label.trackingCode ?? ''}, ${money(label.rate.amountCents, label.rate.currency)}.`,
  );
}

/** The buyer's DM when the carrier could not verify their address: nothing was bought. */
export function buyerFixAddress(order: Pick<Order, 'orderId' | 'title' | 'builderName'>, problems: readonly string[]): DiscordMessage {
  return dmNote(
    `${order.builderName} is ready to ship **${order.title}** (\`${order.orderId}\`), but the carrier could not verify your address: ${problems.join(' ').slice(0, 300) || 'it was not found'}.\nPlease send ${order.builderName} your corrected address (street, city, ZIP or postal code), so they can ship it.`,
  );
}

export const labelRefusals = {
  noAddress: (orderId: string) =>
    privateNote(
      `Order \`${orderId}\` has no shipping address, so no label can be bought for it. Ship it your way and type \`/c500 ship order:${orderId} tracking:<number>\`.`,
    ),
  noShipFrom: privateNote(
    'Say where you ship from first: `/c500 shipping from:<street>, <city>, <state>, <ZIP>` (your country is your Stripe account’s). Then `/c500 ship` again.',
  ),
  badAddress: (orderId: string, problems: readonly string[]) =>
    privateNote(
      `The carrier could not verify the buyer’s address for \`${orderId}\` (${problems.join(' ').slice(0, 300) || 'not found'}). Nothing was bought; the buyer was asked by DM to send you a corrected one.`,
    ),
  noRates: (orderId: string, currency: string) =>
    privateNote(
      `The carrier offers no label for \`${orderId}\` priced in ${currency.toUpperCase()}. Ship it your way and type \`/c500 ship order:${orderId} tracking:<number>\`.`,
    ),
  carrierRefused: (orderId: string, words: string) =>
    privateNote(
      `The carrier refused the label for \`${orderId}\`: ${words.slice(0, 300)}. Nothing was charged; try again, or ship it your way and type the tracking.`,
    ),
  stale: (orderId: string) => privateNote(`Those rates for \`${orderId}\` are no longer on offer. Type \`/c500 ship order:${orderId}\` for fresh ones.`),
  notCovered: (order: Pick<Order, 'orderId' | 'currency'>, cents: number) =>
    privateNote(
      `This label (${money(cents, order.currency)}) is more than what C500 still holds for you on \`${order.orderId}\` after what you owe, so it cannot be taken from your share. Buy it on the carrier’s site and type \`/c500 ship order:${order.orderId} tracking:<number>\`.`,
    ),
  already: (order: Pick<Order, 'orderId'>, label: OrderLabel) =>
    privateNote(`A label was bought for \`${order.orderId}\` already (tracking ${label.trackingCode ?? ''}): ${label.labelUrl ?? ''}`),
};
