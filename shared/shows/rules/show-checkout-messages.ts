/**
 * @module show-checkout-messages
 * What a show's winners, builders and host read about paying and being paid: a DM for each
 * lot won, one checkout link per builder, Pay now's answer, the receipt, the builder's new
 * orders and the host's cut. A mention in the channel for someone whose DMs are closed
 * holds nothing private (no amount, no link).
 */
import type { DiscordMessage } from '../../ports';
import { shipToText } from '../../payments';
import { builderDueCents, type Order } from '../../orders';
import { colors, privateNote, EPHEMERAL, clip, discordLimits } from '../../discord';
import { formatMoney } from '../../common';
import { maxOrdersPerLive } from '../../orders';
import { noShippingNote, shippingAtCheckoutNote } from '../../shipping';
import { lotsTotal, type ShowCheckout, type ShowCheckoutLot } from './show-checkout';

const money = (cents: number, currency: string) => formatMoney({ cents, currency });
const at = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:t>`;
const relative = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
const dm = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: { parse: [] }, ...message });
const howToOpen = 'To get these by DM, open your DMs for this server: click the server name → **Privacy Settings** → turn on **Direct Messages**.';
const mention = (userId: string, text: string): DiscordMessage => ({ content: `<@${userId}> ${text}\n${howToOpen}`, allowed_mentions: { users: [userId] } });
const payHow = 'press **Pay now** on the run sheet or type `/c500 show pay` in the show’s channel';

/** One line per lot, cut short with a count of the rest rather than past what an embed holds. */
function lotLines(lots: readonly Pick<ShowCheckoutLot, 'title' | 'orderId' | 'amountCents'>[], currency: string): string {
  const lines = lots.map((l) => `• **${clip(l.title, 100)}** (\`${l.orderId}\`): ${money(l.amountCents, currency)}`);
  const room = discordLimits.embedDescription - 200;
  const shown: string[] = [];
  for (const line of lines) {
    if (shown.join('\n').length + line.length + 1 > room) break;
    shown.push(line);
  }
  return shown.length === lines.length ? shown.join('\n') : `${shown.join('\n')}\n…and ${lines.length - shown.length} more`;
}

export interface LotWon {
  item: string;
  auctionId: string;
  priceCents: number;
  currency: string;
  builderName: string;
  showTitle: string;
}

/** Right after the hammer: what they won, and that they pay once per builder. */
export function lotWonDm(won: LotWon): DiscordMessage {
  return dm({
    content: `**You won ${clip(won.item, 100)}** (auction \`${won.auctionId}\`) for **${money(won.priceCents, won.currency)}** in **${clip(won.showTitle, 80)}**! You pay once for everything you win from ${won.builderName} in this show: I’ll DM you one checkout when the show ends, or ${payHow} to pay now. Your money is held until ${won.builderName} shows your board on stream.`,
  });
}

export function lotWonNotice(buyerId: string, item: string): DiscordMessage {
  return mention(
    buyerId,
    `you won **${clip(item, 100)}**! I couldn’t DM you. You pay once per builder: ${payHow} to get your checkout (only you see it), and pay before it expires.`,
  );
}

/** The show is over: one checkout for what they won from one builder. */
export function checkoutLinkDm(checkout: ShowCheckout, url: string, expiresAt: string): DiscordMessage {
  const total = money(checkout.amountCents ?? lotsTotal(checkout.lots), checkout.currency);
  const count = checkout.lots.length;
  return dm({
    embeds: [
      {
        title: `Your checkout: ${count} lot${count === 1 ? '' : 's'} from ${checkout.builderName}`,
        color: colors.peach,
        description: `${lotLines(checkout.lots, checkout.currency)}\n\n**Total ${total}**, one payment. Pay by ${at(expiresAt)} (${relative(expiresAt)}); after that each lot goes to its next bidder.\n${checkout.shippingQuote ? shippingAtCheckoutNote : noShippingNote}`,
        footer: { text: `${checkout.showTitle}: your money is held until ${checkout.builderName} shows your board on stream.` },
      },
    ],
    components: [payButtons([{ checkout, url }])],
  });
}

export function checkoutLinkNotice(buyerId: string, builderName: string): DiscordMessage {
  return mention(
    buyerId,
    `your checkout for what you won from ${builderName} is open, but I couldn’t DM you the link. To get it (only you see it), ${payHow}, and pay before it expires.`,
  );
}

/** One link button a builder, five to a row. */
function payButtons(opened: ReadonlyArray<{ checkout: ShowCheckout; url: string }>): unknown {
  const buttons = opened.map(({ checkout, url }) => ({
    type: 2,
    style: 5,
    label: clip(`Pay ${money(checkout.amountCents ?? lotsTotal(checkout.lots), checkout.currency)} to ${checkout.builderName}`, discordLimits.buttonLabel),
    url,
  }));
  return { type: 1, components: buttons };
}

function buttonRows(opened: ReadonlyArray<{ checkout: ShowCheckout; url: string }>): unknown[] {
  const rows: unknown[] = [];
  for (let i = 0; i < opened.length && rows.length < discordLimits.actionRows; i += discordLimits.rowComponents)
    rows.push(payButtons(opened.slice(i, i + discordLimits.rowComponents)));
  return rows;
}

/** Pay now's answer: a link for each builder they won from, only to them. */
export function payNowAnswer(showTitle: string, opened: ReadonlyArray<{ checkout: ShowCheckout; url: string; expiresAt: string }>): DiscordMessage {
  const lines = opened.map(
    ({ checkout, expiresAt }) =>
      `• **${checkout.builderName}**: ${checkout.lots.length} lot${checkout.lots.length === 1 ? '' : 's'}, ${money(checkout.amountCents ?? lotsTotal(checkout.lots), checkout.currency)}, pay by ${at(expiresAt)}`,
  );
  return {
    flags: EPHEMERAL,
    allowed_mentions: { parse: [] },
    content: clip(
      `Your checkouts for **${clip(showTitle, 80)}**, one per builder:\n${lines.join('\n')}\nA lot you win from a builder after paying them starts a new checkout. Unpaid lots go to their next bidders when a checkout expires.`,
      discordLimits.content,
    ),
    components: buttonRows(opened),
  };
}

export const payNowRefusals = {
  nothingToPay: (showTitle: string) =>
    privateNote(
      `You have nothing to pay for in **${clip(showTitle, 80)}**: you haven’t won a lot that is waiting for payment. Win one, then press **Pay now**.`,
    ),
  allPaid: (showTitle: string) =>
    privateNote(`Everything you won in **${clip(showTitle, 80)}** is paid. \`/c500 profile\` shows your orders (only you see it).`),
  stripeDown: privateNote('Stripe couldn’t open your checkout just now. Nothing was charged: press **Pay now** again in a moment.'),
};

/** The buyer's receipt for one show checkout: every lot it paid. */
export function showReceipt(checkout: ShowCheckout, orders: readonly Order[]): DiscordMessage {
  return dm({
    embeds: [
      {
        title: `Receipt: ${orders.length} lot${orders.length === 1 ? '' : 's'} from ${checkout.builderName}`,
        color: colors.mint,
        description: `${lotLines(orders.map(lotLine), checkout.currency)}\n\n**Paid ${money(lotsTotal(orders) + shippingOf(orders), checkout.currency)}**${shippingOf(orders) > 0 ? ` (shipping ${money(shippingOf(orders), checkout.currency)} included)` : ''}. ${checkout.builderName} gets your money once they show each board on their stream, and you get a DM with the link when they do.`,
        footer: { text: `${checkout.showTitle}: check your orders any time with /c500 profile` },
      },
    ],
  });
}

/** The builder's new paid orders from one winner's checkout, each to prove on its own. */
export function builderShowOrders(checkout: ShowCheckout, orders: readonly Order[]): DiscordMessage {
  const ids = orders.map((o) => o.orderId);
  const share = orders.reduce((sum, o) => sum + builderDueCents(o), 0);
  // `/c500 live` proves a limited number of orders at a time.
  const command =
    ids.length === 1
      ? `\`/c500 live mode:order:${ids[0]}\` while you build it`
      : ids.length <= maxOrdersPerLive
        ? `\`/c500 live mode:orders:${ids.join(',')}\` while you build them (or \`mode:order:<id>\` one at a time)`
        : `\`/c500 live mode:orders:<id>,<id>\` with up to ${maxOrdersPerLive} of these ids at a time while you build them`;
  return dm({
    embeds: [
      {
        title: `New paid order${ids.length === 1 ? '' : 's'} from ${checkout.showTitle}`,
        color: colors.mint,
        description: `${lotLines(orders.map(lotLine), checkout.currency)}\n\nFor ${checkout.buyerName}. Go live on your linked Twitch channel and run ${command}: your ${money(share, checkout.currency)} is released then, after the host’s cut and the platform fee.\n\n${shipToText(checkoutShipping(checkout, orders))}`,
      },
    ],
  });
}

const shippingOf = (orders: readonly Order[]) => orders.reduce((sum, o) => sum + (o.shippingCents ?? 0), 0);

/** The checkout's shipping as one: its lots' parts added up, and the one address they all go to. */
function checkoutShipping(checkout: ShowCheckout, orders: readonly Order[]): Parameters<typeof shipToText>[0] {
  const [first] = orders;
  // Stryker disable next-line ObjectLiteral: shipToText reads no currency when no shipping was paid
  if (first?.shippingCents === undefined) return { currency: checkout.currency };
  return {
    currency: checkout.currency,
    shippingCents: shippingOf(orders),
    ...(first.shippingAddress ? { shippingAddress: first.shippingAddress } : {}),
    ...(first.shippingMismatch ? { shippingMismatch: first.shippingMismatch } : {}),
  };
}

const lotLine = (o: Order) => ({ title: o.title, orderId: o.orderId, amountCents: o.amountCents });

/** A delayed method (a bank debit) paid the show checkout, then failed: its lots lapse as an unpaid checkout's do. */
export function showPaymentFailed(checkout: ShowCheckout): DiscordMessage {
  return dm({
    embeds: [
      {
        title: `Your bank payment for ${checkout.lots.length} lot${checkout.lots.length === 1 ? '' : 's'} from ${checkout.builderName} didn’t go through`,
        color: colors.rose,
        description: `${lotLines(checkout.lots, checkout.currency)}\n\nNothing was charged. The lots lapsed as an unpaid checkout’s do: each is offered to its next bidder.`,
        footer: { text: `${checkout.showTitle}: check your orders any time with /c500 profile` },
      },
    ],
  });
}

export const showPaymentNotices = {
  paymentFailed: (buyerId: string, orderIds: readonly string[]) =>
    mention(
      buyerId,
      `your bank payment for orders ${orderIds.map((id) => `\`${id}\``).join(', ')} didn’t go through, so nothing was charged and they lapsed, but I couldn’t DM you about it. \`/c500 profile\` shows your orders (only you see it).`,
    ),
  receipt: (buyerId: string, orderIds: readonly string[]) =>
    mention(
      buyerId,
      `your show checkout is paid (orders ${orderIds.map((id) => `\`${id}\``).join(', ')}), but I couldn’t DM you the receipt. \`/c500 profile\` shows your orders (only you see it).`,
    ),
  newOrders: (builderId: string, orderIds: readonly string[]) =>
    mention(
      builderId,
      `you have new paid orders ${orderIds.map((id) => `\`${id}\``).join(', ')} from the show, but I couldn’t DM you about them. \`/c500 profile\` lists the orders waiting for you (only you see it).`,
    ),
};
