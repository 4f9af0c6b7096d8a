/**
 * @module order-messages
 * What buyers and builders are told as an order's money moves: paid, refunded, a delayed
 * payment failed.
 */
import type { DiscordMessage } from '../../ports';
import { builderDueCents, chargedCents, type Order, type ShippingAddress } from '../../orders';
import { colors, clip } from '../../discord';
import { amountStep, formatMoney } from '../../common';
import { dueBy, nextStep } from './tranches';

const amountOf = (order: Order) => formatMoney({ cents: order.amountCents, currency: order.currency });
const moneyOf = (order: Pick<Order, 'currency'>, cents: number) => formatMoney({ cents, currency: order.currency });

/** Said to both sides when a builder has no shipping profile: no address was asked. */
export const arrangeShippingNote = 'No shipping was set up for this item, so no address was asked: pick up or arrange shipping by DM.';

/**
 * The address as a label reads, one line each. Only ever in the order's builder's own DM
 * (and their own pages): never a channel, a log line or anyone else's message.
 */
export function addressLines(address: ShippingAddress): string {
  const cityLine = [address.city, address.state, address.postalCode].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, cityLine, address.country].filter(Boolean).join('\n');
}

/** The builder's word on a mismatch between the option chosen and the address (see shipping's rates). */
function mismatchNote(order: Order): string {
  const m = order.shippingMismatch;
  if (!m) return '';
  const paid = moneyOf(order, m.paidCents);
  const due = moneyOf(order, m.dueCents);
  return m.paidCents < m.dueCents
    ? `\n⚠️ The buyer chose shipping for ${paid}, but their address (${m.country}) costs ${due} at your rates: settle the difference with them before you send it.`
    : m.paidCents > m.dueCents
      ? `\n⚠️ The buyer paid ${paid} for shipping, but their address (${m.country}) costs ${due} at your rates: refund them the difference.`
      : `\n⚠️ You have no shipping rate for ${m.country}: check with the buyer before you send it.`;
}
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
          { name: 'Paid', value: moneyOf(order, chargedCents(order)), inline: true },
          { name: 'Builder', value: order.builderName, inline: true },
          order.shippingCents === undefined
            ? { name: 'Shipping', value: arrangeShippingNote }
            : { name: 'Shipping', value: `${moneyOf(order, order.shippingCents)} to the address you gave at checkout${buyerMismatchNote(order)}` },
          // A commission from a queue: the date the builder promised, and where to see the line.
          ...(order.commission?.promisedAt
            ? [
                {
                  name: 'Promised by',
                  value: `<t:${Math.floor(Date.parse(order.commission.promisedAt) / 1000)}:D>: your place in ${order.builderName}’s queue is in \`/c500 queue line\`. If it isn’t done by then, you can cancel for a refund of what they were not paid.`,
                },
              ]
            : []),
        ],
        footer: { text: 'Check your orders any time with /c500 profile' },
      },
    ],
  });
}

/** Only to the order's builder: it carries the address to ship to, and the packing slip's link (the slip asks them to sign in). */
export function builderNewOrder(order: Order, publicBaseUrl?: string): DiscordMessage {
  const lead = `New paid order \`${order.orderId}\`: **${clip(order.title, 200)}** (${amountOf(order)}) for ${clip(order.buyerName, 100)}. ${proofAdvice(order)}`;
  const slip = order.shippingAddress && publicBaseUrl ? `\nPacking slip to print: ${publicBaseUrl}/dashboard/builder/orders/${order.orderId}/slip` : '';
  return dm({ content: `${lead}\n${shipToText(order)}${slip}` });
}

/**
 * How the builder proves the order live and what that releases. A commission is proved step
 * by step: the command proves its next step, so the DM names that step and its part only.
 */
function proofAdvice(order: Order): string {
  const run = `Go live on your linked Twitch channel and run \`/c500 live mode:order:${order.orderId}\``;
  const share = builderDueCents(order);
  const commission = order.commission;
  if (!commission) return `${run} while you build it: your ${moneyOf(order, share)} is released then.`;
  const step = nextStep(commission);
  if (step === 'done') return `It’s a commission from your queue, paid at **done**: ${run} when it is done; your ${moneyOf(order, share)} is released then.`;
  const part = dueBy(share, commission.terms.tranches, step, amountStep(order.currency));
  return `It’s a commission from your queue, proved step by step: ${run} when you reach **${step}**, its next step; that releases ${moneyOf(order, part)} of your ${moneyOf(order, share)}, and each later step its part, the rest at **done**.`;
}

/** Where the builder sends it: the address and shipping paid, or that the buyer arranges it. */
export function shipToText(order: Pick<Order, 'shippingCents' | 'shippingAddress' | 'shippingMismatch' | 'currency'>): string {
  if (order.shippingCents === undefined) return arrangeShippingNote;
  const paid = `Shipping paid: ${moneyOf(order, order.shippingCents)} (yours in full at release).`;
  const to = order.shippingAddress
    ? `Ship to:\n\`\`\`\n${addressLines(order.shippingAddress)}\n\`\`\``
    : 'No address came with the payment: ask the buyer for it.';
  return `${paid}\n${to}${mismatchNote(order as Order)}`;
}

/** The buyer's word on a mismatch: no address, only what they paid and what was due. */
function buyerMismatchNote(order: Order): string {
  const m = order.shippingMismatch;
  if (!m || m.paidCents === m.dueCents) return '';
  return `. Shipping to ${m.country} costs ${moneyOf(order, m.dueCents)}, not the ${moneyOf(order, m.paidCents)} chosen: ${order.builderName} will settle the difference with you.`;
}

export function buyerRefunded(order: Order): DiscordMessage {
  return dm({ content: `Your payment for **${order.title}** (\`${order.orderId}\`) was refunded. It can take a few days to show on your statement.` });
}

/** Paid after the deadline had passed (the place gone): the whole of it given back, unasked. One order, or a show checkout's lots. */
export function buyerPaidLateRefunded(orders: readonly Order[], refundedCents: number): DiscordMessage {
  const [first] = orders;
  if (!first) throw new Error('a late payment names no order');
  const paid = moneyOf(first, refundedCents);
  const what = orders.map((o) => `**${clip(o.title, 100)}** (\`${o.orderId}\`)`).join(', ');
  const gone = orders.length === 1 ? 'the place was no longer yours' : 'they were no longer yours';
  return dm({
    content: `Your payment of ${paid} for ${what} came after its deadline had passed, so ${gone}. We refunded all ${paid} to your card: nothing is kept. It can take a few days to show on your statement.`,
  });
}

/**
 * A show checkout paid after some of its lots had moved on (passed to the next bidder when
 * their time ran out): those lots were refunded, the rest kept and paid. `movedOn` are the lots
 * refunded; `refundedCents` what went back for them (their prices and their share of shipping).
 */
export function buyerLotsMovedOnRefunded(movedOn: readonly Order[], refundedCents: number, keptCount: number): DiscordMessage {
  const [first] = movedOn;
  if (!first) throw new Error('a refund of moved-on lots names no lot');
  const one = movedOn.length === 1;
  const what = movedOn.map((o) => `**${clip(o.title, 100)}** (\`${o.orderId}\`)`).join(', ');
  const why = one ? 'its time to pay had run out, so it was no longer yours' : 'their time to pay had run out, so they were no longer yours';
  const kept =
    keptCount === 0
      ? ''
      : keptCount === 1
        ? ' The other lot you paid for is yours and paid: your receipt lists it.'
        : ` The other ${keptCount} lots you paid for are yours and paid: your receipt lists them.`;
  return dm({
    content: `Your payment included ${what}, but ${why}. We refunded ${moneyOf(first, refundedCents)} for ${one ? 'it' : 'them'} to your card.${kept} The refund can take a few days to show on your statement.`,
  });
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
