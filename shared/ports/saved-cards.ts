/**
 * @module saved-cards
 * A card saved now and charged later, in Stripe's words: a Customer per buyer, Checkout in
 * `setup` mode (a SetupIntent that saves a PaymentMethod on that customer, nothing charged),
 * and later one off-session PaymentIntent per charge. What a pledge of a group buy stands
 * on: the buyer consents on Stripe's page to a charge that may come, and C500 makes it only
 * if it does.
 */

/** As every create at Stripe here, named by a key from our own ids (payments' `Idempotent`, kept apart so the two files do not import each other). */
interface Keyed {
  idempotencyKey: string;
}

/** A buyer at Stripe. Saved cards belong to a customer, and an off-session charge names both. */
export interface CustomerRequest extends Keyed {
  /** Strings only, as Stripe stores them: whose customer this is (a member's id, never a name). */
  metadata: Record<string, string>;
  email?: string;
  name?: string;
}

/**
 * Checkout in `setup` mode: the buyer gives a card (and an address, if asked) for later use,
 * agreeing to `consentText`, and is charged nothing. The card is saved on `customerId`.
 */
export interface CardSetupRequest extends Keyed {
  /** A customer made by `createCustomer` (the session saves the card on it). */
  customerId: string;
  /** Stripe asks for it in setup mode (the payment methods it offers depend on it): the currency the card will be charged in. */
  currency: string;
  /** What the buyer agrees to, shown beside the button (Stripe's `custom_text.submit.message`, at most 1,200 characters). */
  consentText: string;
  /** On the session and on its SetupIntent (`setup_intent_data.metadata`). */
  metadata: Record<string, string>;
  /** Our reference for the session (`client_reference_id`), if any. */
  clientReferenceId?: string;
  successUrl: string;
  cancelUrl: string;
  /** From 30 minutes to 24 hours after now, as for any Checkout Session. */
  expiresAt: Date;
  /** ISO 3166-1 alpha-2 codes from Stripe's list: the buyer is asked for a shipping address in one of them. None: no address is asked. */
  shippingCountries?: string[];
}

/** A shipping address as Stripe gives it back (`collected_information.shipping_details`). */
export interface StripeShippingDetails {
  name: string;
  address: { line1: string; line2: string | null; city: string; state: string | null; postal_code: string; country: string };
}

/** A setup-mode session as it stands: open, expired, or complete with the card it saved. */
export interface CardSetup {
  sessionId: string;
  status: 'open' | 'complete' | 'expired';
  customerId: string;
  metadata: Record<string, string>;
  /** Once complete: the SetupIntent and the PaymentMethod it saved on the customer. */
  setupIntentId?: string;
  paymentMethodId?: string;
  /** Once complete, when the session asked for an address. */
  shipping?: StripeShippingDetails;
  /** When Stripe stops taking a card on it (its `expires_at`): a session complete is one completed before this. */
  expiresAt: string;
  /**
   * Once complete: when Stripe made the card it saved (the PaymentMethod's `created`, the
   * moment the buyer submitted the page). What the close judges a card by when its event has
   * not come yet: Stripe retries an event for days.
   */
  savedAt?: string;
}

/**
 * One charge of a saved card while the buyer is away (`off_session: true`, `confirm: true`).
 * The key makes a replay answer the first attempt's PaymentIntent, never a second charge.
 */
export interface OffSessionChargeRequest extends Keyed {
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  currency: string;
  metadata: Record<string, string>;
  /** The charge's `transfer_group`, when its money is later transferred in parts. */
  transferGroup?: string;
}

/**
 * How an off-session charge went. `authentication_required`: the bank wants the buyer, who
 * must come back and pay on session (the PaymentIntent is left `requires_payment_method`).
 * `declined`: the card was refused (Stripe's `code` and, when the bank gave one,
 * `declineCode`). `rate_limited`: Stripe answered 429; nothing was made, and the same request
 * with the same key may be tried again later.
 */
export type OffSessionCharge =
  | { outcome: 'succeeded'; paymentIntentId: string; chargeId: string }
  | { outcome: 'authentication_required'; paymentIntentId: string; message: string }
  | { outcome: 'declined'; paymentIntentId: string; code: string; declineCode?: string; message: string }
  | { outcome: 'rate_limited' };

/**
 * A PaymentIntent the bank refused off session, confirmed again with its buyer there (Stripe's
 * recovery: the same PaymentIntent, never a second): on its own saved card, the buyer sent back
 * to `returnUrl` after the bank's step.
 */
export interface OnSessionConfirmRequest {
  paymentIntentId: string;
  returnUrl: string;
  /**
   * Another card, saved on the intent's customer (a setup-mode session the buyer completed):
   * the same PaymentIntent confirmed with it (`payment_method`), never a second intent. Stripe
   * refuses one saved on another customer. None: the intent's own card.
   */
  paymentMethodId?: string;
  /** A confirm that is not a press but a step of ours that may run again (a webhook redelivered): Stripe answers a replay as the first. */
  idempotencyKey?: string;
}

/**
 * How it went. `requires_action`: the bank wants the buyer, who is sent to `redirectUrl`
 * (Stripe's page) and comes back to the return URL; the payment's event says the rest.
 * `declined`: the card was refused again, the intent still waits. `ended`: Stripe refused to
 * confirm it, as it has succeeded or was cancelled (its `status`).
 */
/**
 * A PaymentIntent as Stripe left it after it was asked to cancel: `canceled` (now or before),
 * or `succeeded` with its charge when its buyer paid first (Stripe refuses to cancel it then),
 * or another status Stripe would not cancel from.
 */
export type IntentAfterCancel = { status: 'canceled' } | { status: 'succeeded'; chargeId: string } | { status: 'other'; stripeStatus: string };

export type OnSessionPayment =
  | { outcome: 'succeeded'; paymentIntentId: string; chargeId: string }
  | { outcome: 'requires_action'; paymentIntentId: string; redirectUrl: string }
  | { outcome: 'declined'; paymentIntentId: string; code: string; declineCode?: string; message: string }
  | { outcome: 'ended'; paymentIntentId: string; status: string }
  | { outcome: 'rate_limited' };
