/**
 * @module close-rules
 * What the close decides and what it makes, as values: whether the MOQ was met by the
 * pledges with a saved card, the order a charged pledge becomes, the pace of the charging,
 * the pay link's window, and which waitlisted pledges a lapse moves up. Pure.
 */
import { shortIdFrom } from '../../common';
import { newOrder, type Order } from '../../orders';
import { checkoutDeadline } from '../../payments';
import { checkoutWindowMarginMs, stripeCheckoutWindow } from '../../stripe-limits';
import { countsTowardMoq, groupBuyLimits, moqMet, pledgeAmountCents, promisedAtOf, type GroupBuy, type Pledge, type PledgeStatus } from './group-buy';

/**
 * Stripe allows 25 PaymentIntent creates a second (in a sandbox, and per endpoint in live
 * mode): a batch makes at most 20, and the next batch starts a second after this one ended,
 * so no second of Stripe's ever sees two batches, and 5 a second are left to everything else.
 */
export const chargePace = { batchSize: 20, spacingMs: 1_000 } as const;

/** The units pledged with a saved card, and whether they reach the MOQ: what the close decides on. */
export function closeOutcome(groupBuy: Pick<GroupBuy, 'moq'>, pledges: readonly Pick<Pledge, 'status' | 'quantity'>[]): { units: number; met: boolean } {
  const units = pledges.filter((p) => countsTowardMoq(p.status)).reduce((sum, p) => sum + p.quantity, 0);
  return { units, met: moqMet(groupBuy, units) };
}

/**
 * The pledges a close that did not meet its MOQ lets go: nothing was charged to any of them.
 * One still saving its card never counted and is left as it is (its checkout, completed after
 * the close, finds the window closed).
 */
export const releasedAtClose: readonly PledgeStatus[] = ['pledged', 'waitlisted'];

/** The order a pledge becomes: one per member and group buy, named by both, so every retry finds the same one. */
export const groupBuyOrderId = (groupBuyId: string, buyerId: string): string => shortIdFrom(`groupbuy-order:${groupBuyId}:${buyerId}`);

/**
 * The order a pledge's charge pays, made (awaiting its payment) before Stripe is asked: its
 * amount is the one the charge asks for under the pledge's key. It carries the group buy's
 * tranches and the end of its ship month as the promised date, so milestones proved live
 * release the builder's share and a late order gives its buyer the refund right, as a
 * commission's; it has no queue terms and never takes a place in the builder's line. Its
 * shipping is the pledge's, fixed when the card was saved: charged on top of the price, and
 * kept as a drop's order keeps what its checkout charged for shipping (no fee on it; the
 * builder's in full at release).
 */
export function pledgeOrder(groupBuy: GroupBuy, pledge: Pledge, made: { now: Date; platformFeeBps: number }): Order {
  const order = newOrder({
    orderId: groupBuyOrderId(groupBuy.groupBuyId, pledge.buyerId),
    source: 'groupbuy',
    sourceId: groupBuy.groupBuyId,
    dropKind: 'commission',
    guildId: groupBuy.guildId,
    title: pledge.quantity > 1 ? `${groupBuy.title} ×${pledge.quantity}` : groupBuy.title,
    buyerId: pledge.buyerId,
    buyerName: pledge.buyerName,
    builderId: groupBuy.builderId,
    builderName: groupBuy.builderName,
    amountCents: pledgeAmountCents(groupBuy, pledge.quantity),
    currency: groupBuy.currency,
    platformFeeBps: made.platformFeeBps,
    createdAt: made.now.toISOString(),
    commission: {
      terms: { slots: 0, leadWeeks: 0, oneAtATime: false, tranches: groupBuy.tranches },
      promisedAt: promisedAtOf(groupBuy.shipsMonth),
    },
  });
  return {
    ...order,
    ...(pledge.shippingAddress ? { shippingAddress: pledge.shippingAddress } : {}),
    ...(pledge.shippingCents !== undefined ? { shippingCents: pledge.shippingCents } : {}),
  };
}

/** Until when a card that needs its buyer may be paid on its link: in whole seconds, as Stripe keeps a session's deadline. */
export const payByOf = (now: Date): string => new Date(Math.floor((now.getTime() + groupBuyLimits.payLinkMs) / 1000) * 1000).toISOString();

/**
 * The deadline of a pay link made now. Stripe takes a session's from 30 minutes to 24 hours
 * ahead (payments' checkout-window), so a 72-hour window is a chain of links, the last ending
 * at `payBy` exactly: each link lasts as long as Stripe allows, except the one before the last
 * when the last would be left too short a window for Stripe; that one ends earlier instead.
 * @example payLinkDeadline(payBy, payBy - 72 h) // payBy - 48 h - 2 min: the longest Stripe takes
 */
export function payLinkDeadline(payBy: string, now: Date): Date {
  const payByMs = Date.parse(payBy);
  const longestMs = Math.floor((now.getTime() + stripeCheckoutWindow.longestMs - checkoutWindowMarginMs) / 1000) * 1000;
  if (payByMs <= longestMs) return checkoutDeadline(new Date(payByMs), now);
  // What the next (last) link needs to be one Stripe takes, ending at `payBy`.
  const room = stripeCheckoutWindow.shortestMs + 2 * checkoutWindowMarginMs;
  return new Date(payByMs - longestMs < room ? payByMs - 2 * room : longestMs);
}

/** The units the group buy has sold or may still sell to those in it: every pledge charged, paid, or still to be. */
const holdsUnits: readonly PledgeStatus[] = ['pledged', 'charged', 'needs-buyer', 'paid'];

/**
 * The waitlisted pledges that move up once units are free (a pay link lapsed): first come
 * (by when the card was saved), while each fits under the cap. Without a cap nobody waits.
 */
export function waitlistToPromote(groupBuy: Pick<GroupBuy, 'cap'>, pledges: readonly Pledge[]): Pledge[] {
  if (groupBuy.cap === undefined) return [];
  let free = groupBuy.cap - pledges.filter((p) => holdsUnits.includes(p.status)).reduce((sum, p) => sum + p.quantity, 0);
  const waiting = pledges
    .filter((p) => p.status === 'waitlisted')
    .sort((a, b) => (a.pledgedAt ?? a.joinedAt).localeCompare(b.pledgedAt ?? b.joinedAt) || a.buyerId.localeCompare(b.buyerId));
  const promoted: Pledge[] = [];
  for (const pledge of waiting) {
    // The line keeps its order: one that does not fit is not passed over by a smaller one behind it.
    if (pledge.quantity > free) break;
    free -= pledge.quantity;
    promoted.push(pledge);
  }
  return promoted;
}
