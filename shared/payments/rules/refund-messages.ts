/**
 * @module refund-messages
 * `/c500 refund`: what the one who refunds and the buyer are told.
 */
import type { DiscordMessage } from '../../ports';
import { clip, privateNote } from '../../discord';
import { formatMoney } from '../../common';
import { refusedGiveBack, type GivenRefund, type Order, type OrderDispute } from '../../orders';
import type { RefundRefusal } from './given-refunds';

const money = (order: Order, cents: number) => formatMoney({ cents, currency: order.currency });
const titleOf = (order: Order) => clip(order.title, 100);
/** A reason in quotes, with nothing in it Discord would turn into a mention or markup. */
const quoted = (reason: string) => `“${reason.replace(/[<>@]/g, '').replace(/[*_`~|\\]/g, (c) => `\\${c}`)}”`;

export function buyerRefundGiven(order: Order, refund: GivenRefund, whole: boolean): DiscordMessage {
  const what = whole ? 'the whole of your payment' : money(order, refund.amountCents);
  // Named for who gave it: an admin's refund is not the builder's word (their name is not the buyer's to see).
  const giver = refund.byUserId === order.builderId ? order.builderName : 'An admin of the server';
  const lead = `${giver} refunded ${what} for **${titleOf(order)}** (\`${order.orderId}\`)`;
  const reason = refund.reason ? ` Reason: ${quoted(refund.reason)}.` : '';
  return { allowed_mentions: { parse: [] }, content: `${lead}.${reason} It can take a few days to show on your statement.` };
}

export function refundGiven(order: Order, refund: GivenRefund, leftCents: number): DiscordMessage {
  const rest =
    leftCents > 0 ? ` ${money(order, leftCents)} is left that could still be refunded.` : ' Nothing is left to refund: the order is refunded in full.';
  const stock = leftCents === 0 && order.dropKind === 'ready-to-ship' && order.status !== 'shipped' ? ' Its unit goes back on sale.' : '';
  return privateNote(
    `Refunded ${money(order, refund.amountCents)} of order \`${order.orderId}\` (**${titleOf(order)}**) to ${order.buyerName}, who got a DM.${rest}${stock}`,
  );
}

const refusalText: Record<RefundRefusal, (orderId: string, order?: Order) => string> = {
  'not-found': (id) => `There is no order \`${id}\` in this server. Check the id in the DM you got when it was paid.`,
  'not-yours': (id) => `Order \`${id}\` isn’t one of your orders: only its builder or an admin of this server can refund it.`,
  'not-paid': (id, order) => `Order \`${id}\` is **${order?.status ?? 'unpaid'}**: only a paid order can be refunded.`,
  refunded: (id) => `Order \`${id}\` is already refunded in full.`,
  'ask-admin': (id) =>
    `Your money for order \`${id}\` was already released to you, so taking it back is up to an admin of this server: ask one to run \`/c500 refund order:${id}\`.`,
  'admin-gives-back': (id) =>
    `Order \`${id}\` was never sold: its payment came after the lot was gone, C500 gave it back by itself, and the buyer's bank sent that refund back. Giving it again is up to an admin of this server: ask one to run \`/c500 refund order:${id}\`.`,
  disputed: (id, order) =>
    order?.dispute?.state === 'lost'
      ? `The buyer's bank already gave them the disputed money of order \`${id}\` back: a refund too would pay them twice, so nothing was refunded.`
      : `The buyer disputed the payment of order \`${id}\` with their bank, which decides now: a refund too could pay them twice, so nothing was refunded. Its builder can tell the bank their side: \`/c500 dispute note order:${id} text:<what happened>\`.`,
};

export const refundRefusals = {
  of: (refusal: RefundRefusal, orderId: string, order?: Order) => privateNote(refusalText[refusal](orderId, order)),
  amount: (problem: string) => privateNote(`${problem} For the whole of what is left, leave \`amount\` out: \`/c500 refund order:<id>\`.`),
  nothingLeft: (order: Order) => privateNote(`Nothing is left to refund on order \`${order.orderId}\`: earlier refunds took all of it.`),
  tooMuch: (order: Order, leftCents: number) =>
    privateNote(
      `At most ${money(order, leftCents)} is left to refund on order \`${order.orderId}\`. Type an amount up to that, or leave \`amount\` out to refund all of it.`,
    ),
  badOrder: (typed: string) =>
    privateNote(`\`${typed.replace(/`/g, "'").slice(0, 40) || ' '}\` isn’t an order id. Type the id from the order’s DM: \`/c500 refund order:k3v9m2qa\`.`),
  refused: (order: Order, why: string) =>
    privateNote(`Stripe refused to refund order \`${order.orderId}\`: ${clip(why, 300)} Nothing was refunded; check the order and try again.`),
};

/** To the builder and whoever gave the refund: a refund the card's bank did not take (Stripe's `failure_reason`). */
export function refundFailedDm(order: Order, amountCents: number, reason: string, inLine = false): DiscordMessage {
  const content =
    `⚠️ A refund of ${money(order, amountCents)} on order \`${order.orderId}\` failed (${reason.replaceAll('_', ' ')}): the buyer's card did not take it, ` +
    `so they do not have that money back and the order counts as sold again.${inLine ? ` ${placeNote(order)}` : ''} What the refund took back from the builder stays with C500 until the buyer ` +
    `is refunded another way or again with \`/c500 refund order:${order.orderId}\`; that refund takes nothing more from anyone.`;
  return { content: content.slice(0, 2000), allowed_mentions: { parse: [] } };
}

/** To the buyer of a commission a failed refund put back in its builder's line: the order is theirs again, and where it stands. */
export function buyerBackInLineDm(order: Order, amountCents: number): DiscordMessage {
  const content =
    `A refund of ${money(order, amountCents)} for **${titleOf(order)}** (\`${order.orderId}\`) failed: your card's bank did not take it, so you do not have that money back ` +
    `and the order is yours again. ${placeNote(order)} If it isn’t done by then, you can cancel for a refund of what they were not paid.`;
  return { content: content.slice(0, 2000), allowed_mentions: { parse: [] } };
}

const placeNote = (order: Order) => {
  const promisedAt = order.commission?.promisedAt;
  const by = promisedAt ? `, promised by <t:${Math.floor(Date.parse(promisedAt) / 1000)}:D>` : '';
  return `It has its place in ${clip(order.builderName, 100)}’s queue (\`/c500 queue line\`)${by}.`;
};

/** Where an admin records how a buyer owed money outside Stripe was paid back: the server's money check. */
const moneyCheckOf = (order: Order) => `the server's money check (\`/dashboard/guild/${order.guildId}/reconciliation\`)`;

/**
 * `/c500 refund` of a lot whose payment C500 gave back by itself and whose refund failed at the
 * bank (given-back-again): what the admin is told, and the buyer's one message.
 */
export const givenBackAgainWords = {
  given: (order: Order, refund: GivenRefund) =>
    privateNote(
      refund.givesBack === refusedGiveBack
        ? `Refunded ${money(order, refund.amountCents)} of order \`${order.orderId}\` (**${titleOf(order)}**) to ${order.buyerName}: their payment came after the lot was gone, and Stripe had refused C500's own refund of it. They got a DM, and ${moneyCheckOf(order)} no longer lists it.`
        : `Refunded ${money(order, refund.amountCents)} of order \`${order.orderId}\` (**${titleOf(order)}**) to ${order.buyerName} again: the refund C500 made by itself when their payment came too late had failed at their bank. They got a DM, and ${moneyCheckOf(order)} no longer lists it.`,
    ),
  already: (order: Order, refund: GivenRefund) =>
    privateNote(
      `The failed refund of order \`${order.orderId}\` was already given again (${money(order, refund.amountCents)}): nothing more was refunded. If that refund fails too, C500 tells you again.`,
    ),
  failedSince: (order: Order, refund: GivenRefund) =>
    privateNote(
      `The refund of ${money(order, refund.amountCents)} given again on order \`${order.orderId}\` was made, but the buyer's bank has sent it back too: they are still owed it. Run \`/c500 refund order:${order.orderId}\` once they give a new card, or pay them back another way and record it on ${moneyCheckOf(order)}.`,
    ),
  nothingOwed: (order: Order) =>
    privateNote(
      `Nothing is owed to or held for the buyer of order \`${order.orderId}\`: its payment was given back (or given again), their bank's chargeback paid them, or an admin recorded how they were paid back. Nothing was refunded.`,
    ),
  notExact: (order: Order, owedCents: number) =>
    privateNote(
      `Giving a failed refund again refunds exactly what failed: ${money(order, owedCents)} on order \`${order.orderId}\`. Leave \`amount\` out: \`/c500 refund order:${order.orderId}\`.`,
    ),
  refused: (order: Order, refund: GivenRefund, why: string) =>
    privateNote(
      refund.givesBack === refusedGiveBack
        ? `Stripe refused to refund order \`${order.orderId}\`: ${clip(why, 300)} Nothing was refunded, and ${money(order, refund.amountCents)} stays held for its buyer on ${moneyCheckOf(order)}. ` +
            `If the charge is disputed, the bank's chargeback pays them back and the line clears by itself; otherwise run \`/c500 refund order:${order.orderId}\` again later.`
        : `Stripe refused to refund order \`${order.orderId}\` again: ${clip(why, 300)} Nothing was refunded, and its buyer is still owed ${money(order, refund.amountCents)}. ` +
            `Pay them back another way (a bank transfer, PayPal, store credit), then record it on ${moneyCheckOf(order)} with **Record the buyer paid back**.`,
    ),
  /** A chargeback of the charge is open: Stripe refuses a refund until the bank decides, whose ruling says what is left to do. */
  waitsForDispute: (order: Order, dispute: Pick<OrderDispute, 'disputeId' | 'amountCents'>, dueCents: number) =>
    privateNote(
      `The buyer's bank is deciding dispute \`${dispute.disputeId}\` on order \`${order.orderId}\` (${money(order, dispute.amountCents)} charged back): Stripe refuses any refund of a charge while its chargeback is open, so nothing was refunded. ` +
        `The other ${money(order, dueCents)} is still the buyer's, and ${moneyCheckOf(order)} lists it as waiting for the bank. Once the bank decides, C500 lists it again there with what to do: ` +
        `if C500 wins, run \`/c500 refund order:${order.orderId}\` then; if the buyer wins, Stripe refuses any refund of the charge, so pay them back another way and record it there with **Record the buyer paid back**.`,
    ),
  /** A chargeback of part of it was lost: Stripe refuses any refund of the charge for good, so the rest is paid back by hand. */
  chargedBackLost: (order: Order, dispute: Pick<OrderDispute, 'disputeId' | 'amountCents'>, dueCents: number) =>
    privateNote(
      `The buyer's bank decided dispute \`${dispute.disputeId}\` on order \`${order.orderId}\` for the buyer, who got ${money(order, dispute.amountCents)} back through it; Stripe refuses any refund of a charge charged back and lost, so nothing was refunded. ` +
        `The other ${money(order, dueCents)} is still theirs: pay them back another way (a bank transfer, PayPal, store credit), then record it on ${moneyCheckOf(order)} with **Record the buyer paid back**.`,
    ),
  buyer: (order: Order, refund: GivenRefund): DiscordMessage => ({
    allowed_mentions: { parse: [] },
    content:
      refund.givesBack === refusedGiveBack
        ? `Your payment of ${money(order, refund.amountCents)} for **${titleOf(order)}** (\`${order.orderId}\`) came after it was no longer waiting for you, and C500 could not refund it at once. An admin of the server has refunded it now; it can take a few days to show on your statement.`
        : `The refund of ${money(order, refund.amountCents)} for **${titleOf(order)}** (\`${order.orderId}\`), made because your payment came after it was no longer waiting for you, was sent back by your card's bank. An admin of the server refunded it again; it can take a few days to show on your statement.`,
  }),
};
