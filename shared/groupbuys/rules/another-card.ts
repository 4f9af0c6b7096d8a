/**
 * @module another-card
 * A pledge whose card was refused at the close is paid on its one PaymentIntent whatever the
 * card does: the buyer who wants (or needs) another card saves it in Checkout in `setup` mode on
 * the pledge's own Stripe customer (as Join saves one; C500 never sees a card number), and that
 * session's completion confirms the pledge's existing PaymentIntent with the new card. A session
 * of this `kind` is never a new pledge's card: payments routes it apart from Join's. Pure.
 */
import { checkoutWindowMarginMs, stripeCheckoutWindow } from '../../stripe-limits';
import { formatMoney } from '../../common';
import type { Pledge } from './group-buy';

/** The `kind` of a pledge's another-card session: payments hands its completion to the repay use case, never to Join's `cardSaved`. */
export const anotherCardKind = 'groupbuy-repay';

/** What the session (and its SetupIntent) carries: C500's ids and the buyer's keyed pseudonym, never a Discord id or a name. */
export function anotherCardMetadata(groupBuyId: string, buyerPseudonym: string, orderId: string): Record<string, string> {
  return { kind: anotherCardKind, group_buy_id: groupBuyId, order_id: orderId, buyer_pseudonym: buyerPseudonym };
}

/**
 * The session lasts until the pledge's `payBy` when Stripe's window (30 minutes to 24 hours)
 * allows it; a card saved after `payBy` confirms nothing (the pledge has lapsed, its intent
 * cancelled), and is detached.
 */
export function anotherCardExpiry(payBy: string, nowMs: number): Date {
  const earliest = nowMs + stripeCheckoutWindow.shortestMs + checkoutWindowMarginMs;
  const latest = nowMs + stripeCheckoutWindow.longestMs - checkoutWindowMarginMs;
  return new Date(Math.floor(Math.min(Math.max(Date.parse(payBy), earliest), latest) / 1000) * 1000);
}

/** What the buyer agrees to beside Stripe's button: this card, charged now for this pledge. */
export function anotherCardConsent(title: string, amountCents: number, currency: string): string {
  return `Your pledge to ${title} is charged ${formatMoney({ cents: amountCents, currency })} on this card as soon as you save it.`.slice(0, 1200);
}

/** Where Stripe sends the buyer once the card is saved: back to the pay page, which names the session (Stripe fills it in). */
export const anotherCardReturn = (payLink: string): string => `${payLink}&repay={CHECKOUT_SESSION_ID}`;

/** A Checkout Session's id as Stripe shapes it: what the pay page's `repay` may carry. */
export const isSessionIdShaped = (id: string): boolean => /^cs_[A-Za-z0-9_]{1,200}$/.test(id);

/** The pledge's record of the newest other card its buyer saved, and how its confirm went. */
export type PledgeRepay = NonNullable<Pledge['repay']>;

/**
 * Whether a completed another-card session is the one to confirm with: not one confirmed
 * already (a redelivery), nor one whose card was saved before the card already used (its
 * event came late: the buyer's newer card stands).
 */
export function repayToConfirm(repay: PledgeRepay | undefined, sessionId: string, savedAt: string): 'confirm' | 'done' | 'older' {
  if (!repay) return 'confirm';
  if (repay.sessionId === sessionId) return repay.answer ? 'done' : 'confirm';
  return Date.parse(savedAt) < Date.parse(repay.savedAt) ? 'older' : 'confirm';
}
