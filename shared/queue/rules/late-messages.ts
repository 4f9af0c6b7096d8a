/**
 * @module late-messages
 * What the buyer and the builder are told when a commission runs late or its date moves,
 * and the answers to the buyer's Cancel and Keep waiting buttons. A group buy's order (source
 * `groupbuy`) is late the same way, at the end of its ship month, but it is no commission
 * and has no place in a queue: it is spoken of as the group buy's order, and its builder is
 * never pointed at `/c500 queue delay`, which does not move a ship month (it refuses such
 * an order).
 */
import type { DiscordMessage } from '../../ports';
import { clip, privateNote } from '../../discord';
import { formatMoney } from '../../common';
import { closedDmNotices } from '../../payments';
import { type Order } from '../../orders';
import { cancelButtonId, waitButtonId, type CancelRefusal } from './late';

const dateOf = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;
const moneyOf = (order: Pick<Order, 'currency'>, cents: number) => formatMoney({ cents, currency: order.currency });
const title = (order: Pick<Order, 'title'>) => clip(order.title, 100);
const fromGroupBuy = (order: Pick<Order, 'source'>) => order.source === 'groupbuy';
/** How the buyer's order is named: their commission, or their order from a group buy. */
const yourOrder = (order: Pick<Order, 'source'>) => (fromGroupBuy(order) ? 'group buy order' : 'commission');

function choiceButtons(orderId: string, disabled = false) {
  return [
    {
      type: 1,
      components: [
        { type: 2, style: 4, label: 'Cancel and refund', custom_id: cancelButtonId(orderId), ...(disabled ? { disabled } : {}) },
        { type: 2, style: 2, label: 'Keep waiting', custom_id: waitButtonId(orderId), ...(disabled ? { disabled } : {}) },
      ],
    },
  ];
}

/** The edit of the message the choice was on, once cancelled: its text stays, its buttons can no longer be pressed. */
export function choiceMade(orderId: string): DiscordMessage {
  return { components: choiceButtons(orderId, true) };
}

/** To the buyer, once per promised date: it passed without `done`. */
export function lateNotice(order: Order, promisedAt: string, refundCents: number, sentCents: number): DiscordMessage {
  const sent = sentCents > 0 ? ` (${moneyOf(order, sentCents)} already went to ${order.builderName} for the steps proved live, and stays theirs)` : '';
  const promise = fromGroupBuy(order) ? `was to ship by the end of its ship month, ${dateOf(promisedAt)},` : `was promised by ${dateOf(promisedAt)}`;
  return {
    allowed_mentions: { parse: [] },
    content: `Your ${yourOrder(order)} **${title(order)}** (\`${order.orderId}\`) from ${order.builderName} ${promise} and isn’t done yet. You can cancel it and get back ${moneyOf(order, refundCents)}${sent}, or keep waiting: this choice stays open until it is done.`,
    components: choiceButtons(order.orderId),
  };
}

/**
 * In the drop's channel, when the buyer's DMs are closed: a mention that they may choose,
 * with the buttons (which answer only them), and nothing private: no amount, no reason. A
 * buyer who hid their name from the lines is not named beside an order or its lateness.
 */
export function closedDmChoice(order: Pick<Order, 'buyerId' | 'orderId' | 'source'>, why: 'late' | 'moved', nameHidden: boolean): DiscordMessage {
  const notice = nameHidden
    ? closedDmNotices.commissionChoiceUnnamed(order.buyerId)
    : fromGroupBuy(order)
      ? closedDmNotices.groupBuyLate(order.buyerId, order.orderId)
      : closedDmNotices.commissionChoice(order.buyerId, order.orderId, why);
  return { ...notice, components: choiceButtons(order.orderId) };
}

/** To the builder, once per promised date. */
export function builderLateNotice(order: Order, promisedAt: string, delayUsed: boolean): DiscordMessage {
  if (fromGroupBuy(order)) return builderGroupBuyLateNotice(order, promisedAt);
  const move = delayUsed
    ? 'You have already moved its date once.'
    : `If you need more time, move the date once with \`/c500 queue delay order:${order.orderId} weeks:<n> reason:<why>\`; the buyer is told and may still cancel.`;
  return {
    allowed_mentions: { parse: [] },
    content: `Order \`${order.orderId}\` (**${title(order)}** for ${clip(order.buyerName, 60)}) passed the date you promised, ${dateOf(promisedAt)}, without \`done\`. The buyer may now cancel for a refund of what you have not been paid. ${move}`,
  };
}

/** To the builder of a group buy's order at the end of its ship month: a ship month is not moved, so no command to move it is offered. */
function builderGroupBuyLateNotice(order: Order, promisedAt: string): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `Order \`${order.orderId}\` (**${title(order)}** for ${clip(order.buyerName, 60)}) from your group buy passed the end of its ship month, ${dateOf(promisedAt)}, without \`done\`. The buyer may now cancel for a refund of what you have not been paid. A group buy’s ship month can’t be moved: prove your progress live, and tell your buyers in the group buy’s channel when it will ship.`,
  };
}

/** To the buyer, when the builder moved the date. */
export function delayNotice(order: Order, weeks: number, reason: string, promisedAt: string, refundCents: number): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `${order.builderName} moved the date of your commission **${title(order)}** (\`${order.orderId}\`) by ${weeks} ${weeks === 1 ? 'week' : 'weeks'}, to ${dateOf(promisedAt)}. Their reason: “${clip(reason, 200)}”. You can cancel now and get back ${moneyOf(order, refundCents)}, or keep waiting.`,
    components: choiceButtons(order.orderId),
  };
}

export const cancelAnswers = {
  cancelled: (order: Order, refundedCents: number, keptCents: number) =>
    privateNote(
      `Cancelled: ${fromGroupBuy(order) ? `your order **${title(order)}** (\`${order.orderId}\`) from ${order.builderName}’s group buy, and` : `**${title(order)}** (\`${order.orderId}\`) is out of ${order.builderName}’s queue and`} ${moneyOf(order, refundedCents)} is on its way back to you (a few days to show on your statement).${keptCents > 0 ? ` The ${moneyOf(order, keptCents)} ${order.builderName} was paid for the steps proved live stays theirs.` : ''}`,
    ),
  refused: (order: Order, why: string) =>
    privateNote(
      `Stripe did not make the refund for \`${order.orderId}\` (“${clip(why, 200)}”). Nothing was cancelled and your place is kept: press **Cancel and refund** again in a minute, or ask a server admin to refund it with \`/c500 refund\`.`,
    ),
  of: (refusal: CancelRefusal, orderId: string): DiscordMessage =>
    privateNote(
      {
        'not-found': 'That button isn’t for one of your orders.',
        'not-late': `Order \`${orderId}\` isn’t late: you can cancel once its promised date passes, or if the builder moves it.`,
        ended: `Order \`${orderId}\` is no longer in the queue: it was finished or cancelled already.`,
        disputed: `Your dispute of order \`${orderId}\` is open with your bank: it decides the money now, so it can’t be cancelled here.`,
        'paying-builder': `A step of order \`${orderId}\` the builder proved is being sent to the builder right now: once Stripe answers, what you get back is exact. Nothing was cancelled; press **Cancel and refund** again in a minute.`,
      }[refusal],
    ),
  keepWaiting: (order: Order) =>
    privateNote(
      `You’re keeping your ${fromGroupBuy(order) ? 'order' : 'place'} for **${title(order)}** (\`${order.orderId}\`). You can still cancel from this message until it is done.`,
    ),
};

export function builderCancelled(order: Order, refundedCents: number, keptCents: number): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `${clip(order.buyerName, 60)} cancelled their late ${yourOrder(order)} \`${order.orderId}\` (**${title(order)}**): ${moneyOf(order, refundedCents)} was refunded${keptCents > 0 ? `, and the ${moneyOf(order, keptCents)} you were paid for its proved steps stays yours` : ''}.${fromGroupBuy(order) ? '' : ' Its place in your queue is free and the line moved up.'}`,
  };
}

export const delayAnswers = {
  moved: (order: Order, promisedAt: string) =>
    privateNote(
      `Moved: \`${order.orderId}\` is now promised by ${dateOf(promisedAt)}. ${clip(order.buyerName, 60)} was told, with your reason, and may cancel.`,
    ),
  notFound: (orderId: string) => privateNote(`No order \`${orderId.slice(0, 40)}\` of yours is in your queue here.`),
  groupBuy: (orderId: string) =>
    privateNote(
      `Order \`${orderId}\` is from your group buy: it is promised by the end of the group buy’s ship month, which can’t be moved. Tell your buyers in the group buy’s channel when it will ship; past the ship month each may cancel for a refund of what you have not been paid.`,
    ),
  ended: (orderId: string) => privateNote(`Order \`${orderId}\` is no longer in your queue: it was finished or cancelled.`),
  usedOnce: (orderId: string) => privateNote(`You already moved \`${orderId}\`’s date once: a date can be moved only once per order.`),
  invalid: (problem: string) => privateNote(problem),
};
