/**
 * @module pay-link
 * A card that needs its buyer (the bank wants them to authenticate, or the card was declined)
 * does not end the pledge: it becomes `needs-buyer` with why and a deadline (`payBy`, 72
 * hours on), and its order (awaiting payment since its key was fixed) gets a Checkout Session
 * in payment mode on the buyer's own Stripe customer, for the same amount, whose metadata
 * names the order and the group buy. Paying it is a checkout's payment like any other
 * (payments' `checkout.session.completed`): the order is paid exactly as an off-session
 * charge pays it, and the group buy's `paid` hook moves the pledge to `paid`.
 *
 * Stripe's sessions last 24 hours at most, so the window is a chain of links: each one's
 * deadline is fixed on the pledge before Stripe is asked (a retry asks for the very same
 * session under the same key), its expiry is armed as every checkout's is (payments'
 * `checkout-expiry`), and when it expires before `payBy` the next link is made and sent. The
 * last one ends at `payBy` exactly (close-rules' `payLinkDeadline`): its expiry lapses the
 * pledge (lapse-pledge).
 *
 * A buyer whose DMs are closed is mentioned in the group buy's channel instead, at the first
 * link: that they must pay within 72 hours, and that `/c500 profile` shows them the link (the
 * current one, whichever it is); nothing else of theirs is said there.
 */
import { randomBytes } from 'node:crypto';
import { checkoutLink, checkoutReturnUrls } from '../../common';
import { tellOnce } from '../../discord';
import { applyOrderFact, chargedCents, checkoutMetadata, orderPath, type Order } from '../../orders';
import { canStillSend, closedDmNotices, scheduleCheckoutExpiry } from '../../payments';
import type { CheckoutLineItem, CheckoutSession } from '../../ports';
import { pledgePath, type GroupBuy, type Pledge } from '../rules/group-buy';
import { payByOf, payLinkDeadline } from '../rules/close-rules';
import { closeDms } from '../rules/close-messages';
import type { GroupBuyMoneyDeps } from './close-deps';
import { openIntentPayLink } from './intent-pay-link';
import { keepPayLinkDm } from './pay-link-dms';
import { personPseudonym } from '../../log';

type LinkClaim =
  | { kind: 'ended' }
  | { kind: 'open'; pledge: Pledge; order: Order; session: CheckoutSession; link: number }
  | { kind: 'create'; pledge: Pledge; order: Order; deadline: Date; link: number };

/**
 * The pledge's card needs its buyer: `needs-buyer` (why, until when) and a link owed, then its
 * pay link. `refusedIntentId`: the off-session PaymentIntent the bank refused, which the buyer
 * confirms on session, that very intent (the pledge's pay page, keyed by a random `payKey`: one
 * PaymentIntent per pledge). Without one (no saved card was found, or Stripe refused before
 * making an intent) they pay on a Checkout link with any card.
 */
export async function askBuyer(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string, refusal: string, refusedIntentId?: string): Promise<void> {
  const path = pledgePath(groupBuy.groupBuyId, buyerId);
  await deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(path);
    if (pledge?.status !== 'pledged') return;
    tx.update(path, {
      status: 'needs-buyer',
      refusal,
      payBy: payByOf(deps.clock.now()),
      payLinkOwed: true,
      ...(refusedIntentId ? { paymentIntentId: refusedIntentId, payKey: randomBytes(16).toString('hex') } : {}),
    });
  });
  await sendOwedPayLink(deps, groupBuy, buyerId);
}

/**
 * The first pay link made and sent (asking the buyer began it; a batch run again after a failure
 * between finishes it), then none is owed. Read first: a pledge moved on since owes none either.
 */
export async function sendOwedPayLink(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string): Promise<void> {
  await openPayLink(deps, groupBuy, buyerId);
  const path = pledgePath(groupBuy.groupBuyId, buyerId);
  if ((await deps.store.get(path))?.payLinkOwed) await deps.store.update(path, { payLinkOwed: false });
}

/** The pledge's current pay link, made if it has none that is still open, and sent to the buyer once per link. */
export async function openPayLink(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string): Promise<void> {
  const pledge = await deps.store.get(pledgePath(groupBuy.groupBuyId, buyerId));
  if (pledge?.payKey && pledge.paymentIntentId) return openIntentPayLink(deps, groupBuy, buyerId);
  const claim = await claimLink(deps, groupBuy, buyerId);
  if (claim.kind === 'ended') return;
  const session = claim.kind === 'open' ? claim.session : await makeLink(deps, groupBuy, claim);
  if (!session) return;
  // Without its expiry the link would never end here (the local Stripe expires a session only when asked, and Stripe's own event may be lost).
  await scheduleCheckoutExpiry(deps.tasks, { orderId: claim.order.orderId }, session.expiresAt, claim.link > 1);
  const link = checkoutLink(deps.publicBaseUrl, claim.order.orderId, session.sessionId);
  const dm = closeDms.payLink(claim.order, link, claim.pledge.payBy as string, claim.pledge.refusal ?? 'your bank asked for you', claim.link > 1);
  // The first link's mention says the deadline and where the link is; a renewed one is where the first said to look.
  const fallback =
    claim.link === 1
      ? { channelId: groupBuy.channelId, notice: closedDmNotices.groupBuyPayLink(buyerId, groupBuy.title, claim.pledge.payBy as string) }
      : undefined;
  await tellOnce(deps, `groupbuy-pay-link:${groupBuy.groupBuyId}:${claim.link}`, buyerId, dm, fallback, {
    onSent: (sent) => keepPayLinkDm(deps, groupBuy.groupBuyId, buyerId, sent),
    mustArrive: true,
  });
}

/** The link to send: the one recorded and still open, the one fixed and not yet made, or a new one (its deadline fixed now). */
function claimLink(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, buyerId: string): Promise<LinkClaim> {
  const path = pledgePath(groupBuy.groupBuyId, buyerId);
  return deps.store.runTransaction(async (tx): Promise<LinkClaim> => {
    const pledge = await tx.get(path);
    if (pledge?.status !== 'needs-buyer' || !pledge.orderId || !pledge.payBy) return { kind: 'ended' };
    const order = await tx.get(orderPath(pledge.orderId));
    if (order?.status !== 'awaiting-payment') return { kind: 'ended' };
    const now = deps.clock.now().getTime();
    const link = pledge.payLinks ?? 0;
    const fixedMs = pledge.payLinkExpiresAt === undefined ? Number.NaN : Date.parse(pledge.payLinkExpiresAt);
    const recorded = order.checkoutSessionId !== undefined && order.checkoutUrl !== undefined && Date.parse(order.checkoutExpiresAt ?? '') === fixedMs;
    if (recorded && fixedMs > now) {
      const session = { sessionId: order.checkoutSessionId as string, url: order.checkoutUrl as string, expiresAt: order.checkoutExpiresAt as string };
      return { kind: 'open', pledge, order, session, link };
    }
    // Fixed and not recorded (a crash between): asked again as it was, while Stripe still takes that deadline.
    if (!recorded && Number.isFinite(fixedMs) && canStillSend(new Date(fixedMs), deps.clock.now()))
      return { kind: 'create', pledge, order, deadline: new Date(fixedMs), link };
    const deadline = payLinkDeadline(pledge.payBy, deps.clock.now());
    tx.update(path, { payLinks: link + 1, payLinkExpiresAt: deadline.toISOString() });
    return { kind: 'create', pledge: { ...pledge, payLinks: link + 1, payLinkExpiresAt: deadline.toISOString() }, order, deadline, link: link + 1 };
  });
}

/** Asks Stripe for the link's session under its own key, and records it on the pledge and the order, if the pledge still waits on it. */
async function makeLink(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, claim: Extract<LinkClaim, { kind: 'create' }>): Promise<CheckoutSession | undefined> {
  const { order, pledge } = claim;
  const session = await deps.payments.createCheckoutSession({
    // The buyer by their keyed pseudonym: Stripe keeps its keys, and is sent no Discord id in them.
    idempotencyKey: `groupbuy-pay:${groupBuy.groupBuyId}:${personPseudonym(pledge.buyerId)}:${claim.link}`,
    orderId: order.orderId,
    itemName: order.title,
    ...(groupBuy.imageUrl ? { imageUrl: groupBuy.imageUrl } : {}),
    amountCents: chargedCents(order),
    ...(order.shippingCents ? { lineItems: payLinkLines(order) } : {}),
    currency: order.currency,
    expiresAt: claim.deadline,
    metadata: checkoutMetadata(order, personPseudonym),
    ...(pledge.customerId ? { customerId: pledge.customerId } : {}),
    ...checkoutReturnUrls(deps.publicBaseUrl, order.orderId, 'groupbuy'),
  });
  const recorded = await deps.store.runTransaction(async (tx) => {
    const [now, current] = [await tx.get(pledgePath(groupBuy.groupBuyId, pledge.buyerId)), await tx.get(orderPath(order.orderId))];
    if (now?.status !== 'needs-buyer' || now.payLinks !== claim.link || current?.status !== 'awaiting-payment') return false;
    tx.update(pledgePath(groupBuy.groupBuyId, pledge.buyerId), { payLinkSessionId: session.sessionId });
    applyOrderFact(tx, current, { kind: 'checkout-opened', session });
    return true;
  });
  if (recorded) return session;
  // Nobody may pay for a pledge that moved on (paid on an earlier link, lapsed): the session ends now.
  await deps.payments.expireCheckoutSession(session.sessionId);
  return undefined;
}

/**
 * A pay link for a pledge with shipping asks for the same total as the charge at the close:
 * the units, and the shipping fixed from the address on a line of its own (no address is asked
 * again: the order has it).
 */
function payLinkLines(order: Order): CheckoutLineItem[] {
  const country = order.shippingAddress?.country;
  return [
    { name: order.title, amountCents: order.amountCents },
    { name: country ? `Shipping to ${country}` : 'Shipping', amountCents: order.shippingCents ?? 0 },
  ];
}
