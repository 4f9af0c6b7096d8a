/**
 * @module card-setup
 * Joining a group buy saves a card at Stripe and charges nothing: a Customer per member (kept
 * at `stripeCustomers/<member id>`: Stripe keeps an idempotency key only about a day, so the
 * customer's id is ours to keep), and Checkout in setup mode whose metadata names the group
 * buy and the member. Payments routes the session's completion here by its `kind`. Pure.
 */
import { docPath } from '../../ports';
import type { ShippingAddress } from '../../orders';
import type { CardSetup, StripeShippingDetails } from '../../ports';
import { interactionTokenLifetimeMs } from '../../discord';
import { checkoutWindowMarginMs, stripeCheckoutWindow } from '../../stripe-limits';

/** A member's customer at Stripe, made once and reused for every group buy they join. */
export interface StripeCustomer {
  /** Personal: the member's Discord id (the document's id too). */
  memberId: string;
  /** Personal (the member's record at Stripe): their saved cards hang on it. */
  customerId: string;
  createdAt: string;
}

export const stripeCustomerPath = (memberId: string) => docPath<StripeCustomer>(`stripeCustomers/${memberId}`);

/** The `kind` of a pledge's setup session: payments hands its completion to this module. */
export const cardSetupKind = 'groupbuy-pledge';

/**
 * What a pledge's setup session (and its SetupIntent) carries: the group buy, and the member by
 * keyed pseudonym only. Its completion finds the pledge by the session's own id (card-saved).
 */
export function cardSetupMetadata(groupBuyId: string, buyerPseudonym: string): Record<string, string> {
  return { kind: cardSetupKind, group_buy_id: groupBuyId, buyer_pseudonym: buyerPseudonym };
}

/** What the customer carries: whose it is, by keyed pseudonym. */
export function customerMetadata(buyerPseudonym: string): Record<string, string> {
  return { buyer_pseudonym: buyerPseudonym };
}

/** Idempotency keys: one customer a member (by their keyed pseudonym, never their id: Stripe keeps its keys), one setup session a Join. */
export const customerKey = (memberPseudonym: string) => `groupbuy-customer:${memberPseudonym}`;
export const setupSessionKey = (groupBuyId: string, interactionId: string) => `groupbuy-setup:${groupBuyId}:${interactionId}`;

/**
 * A setup session lives from 30 minutes to 24 hours after Stripe makes it (its bounds, a
 * margin inside each): until the close when that fits. Counted from the press, so every delivery of one
 * Join asks Stripe for the very same session (its key refuses other parameters), and from as late
 * as the press can still be answered (its token's 15 minutes), so Stripe's 30 minutes hold for any
 * delivery that can still show the member the link: one retried for minutes after a failure too.
 */
export function setupExpiry(closesAtMs: number, pressedAtMs: number): Date {
  const lastAnswerMs = pressedAtMs + interactionTokenLifetimeMs;
  const earliest = lastAnswerMs + stripeCheckoutWindow.shortestMs + checkoutWindowMarginMs;
  const latest = pressedAtMs + stripeCheckoutWindow.longestMs - checkoutWindowMarginMs;
  return new Date(Math.floor(Math.min(Math.max(closesAtMs, earliest), latest) / 1000) * 1000);
}

/** Whether a Join pressed at `pressedAtMs` can still be answered at `nowMs`: past its token's life nobody would see a link made for it. */
export const joinStillAnswerable = (pressedAtMs: number, nowMs: number): boolean => nowMs < pressedAtMs + interactionTokenLifetimeMs;

/**
 * Whether Stripe saved this session's card before the close: complete, with its card, made
 * before `closesAt` (Stripe stamps a card when the buyer submits its page).
 */
export function savedBeforeClose(setup: CardSetup, closesAt: string): boolean {
  if (setup.status !== 'complete' || !setup.paymentMethodId || !setup.savedAt) return false;
  return Date.parse(setup.savedAt) < Date.parse(closesAt);
}

/** Stripe's address as an order keeps one. */
export function shippingAddressOf(details: StripeShippingDetails): ShippingAddress {
  const { address } = details;
  return {
    name: details.name,
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    postalCode: address.postal_code,
    country: address.country.toUpperCase(),
  };
}
