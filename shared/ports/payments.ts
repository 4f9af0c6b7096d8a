/**
 * @module payments
 * Stripe Connect with separate charges and transfers, as the functions see it.
 */
import type {
  CardSetup,
  CardSetupRequest,
  CustomerRequest,
  OffSessionCharge,
  OffSessionChargeRequest,
  OnSessionConfirmRequest,
  OnSessionPayment,
  IntentAfterCancel,
} from './saved-cards';

/** Where a builder is paid, and under which of Stripe's service agreements (see onboarding's connect-account). */
export type ServiceAgreement = 'full' | 'recipient';

/** A connected account's country and agreement. */
export interface AccountTerms {
  /** ISO 3166-1 alpha-2, as Stripe takes it: `US`, `GB`, `DE`. */
  country: string;
  serviceAgreement: ServiceAgreement;
}

/** Every call that creates something at Stripe names an idempotency key from our own ids. */
export interface Idempotent {
  idempotencyKey: string;
}

/** One line of a Checkout Session that pays for several things (a show winner's lots from one builder). */
export interface CheckoutLineItem {
  name: string;
  amountCents: number;
}

export interface CheckoutRequest extends Idempotent {
  /** Our order id (or a show checkout's): the session's `client_reference_id` and the payment's `transfer_group`. */
  orderId: string;
  itemName: string;
  imageUrl?: string;
  /** The total charged: with `lineItems`, their sum. */
  amountCents: number;
  /** One line per thing paid for; without them the session has one line, `itemName` at `amountCents`. */
  lineItems?: CheckoutLineItem[];
  currency: string;
  expiresAt: Date;
  /** Strings only, as Stripe stores them: order, drop, buyer, builder and guild ids. */
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  /** The buyer's Stripe customer, when they have one (a saved card's owner paying on session): sent only when given. */
  customerId?: string;
  /** A shipped item's: the address is asked for and the shipping charged on top of `amountCents`. None: nothing is shipped (pick-up or arranged). */
  shipping?: CheckoutShipping;
}

/**
 * What a checkout of a shipped item asks Stripe: the countries an address may be in
 * (`shipping_address_collection.allowed_countries`) and the fixed-amount options the buyer
 * picks from (`shipping_options[].shipping_rate_data`). Stripe cannot tie an option to a
 * country, so each option says which it is for (`scope`, against `homeCountry`), for the
 * check when the session completes; Stripe is sent only what it takes.
 */
export interface CheckoutShipping {
  /** ISO 3166-1 alpha-2 codes from Stripe's list, sorted. */
  allowedCountries: string[];
  /** The builder's own country: an address there is domestic. */
  homeCountry: string;
  options: CheckoutShippingOption[];
}

export interface CheckoutShippingOption {
  scope: 'domestic' | 'international';
  displayName: string;
  /** Whole minor units, zero for free shipping. */
  amountCents: number;
  /** Business days from payment to the door: handling plus the carrier's usual time. */
  deliveryDays: { minimum: number; maximum: number };
}

export interface CheckoutSession {
  sessionId: string;
  /** Where the buyer pays: Stripe's hosted page, or the local simulator's. */
  url: string;
  expiresAt: string;
}

export interface TransferRequest extends Idempotent {
  amountCents: number;
  currency: string;
  /** The builder's connected account. */
  destination: string;
  /**
   * The charge the money came from: Stripe holds the transfer until those funds are
   * available. None for a racer's payout, which comes from the platform's balance.
   */
  sourceTransaction?: string;
  transferGroup: string;
  metadata: Record<string, string>;
}

/** A builder's Express account: where they are paid, and under which agreement (see onboarding/rules/connect-account). */
export interface ConnectedAccountRequest extends Idempotent, AccountTerms {
  /** C500's builder: Stripe is sent only their keyed pseudonym (`builder_pseudonym`), never the id. */
  builderId: string;
  email?: string;
}

export interface ReversalRequest extends Idempotent {
  transferId: string;
  amountCents: number;
  metadata: Record<string, string>;
}

/** Money back to the buyer from the platform's charge (a builder's or an admin's `/c500 refund`). */
export interface RefundRequest extends Idempotent {
  chargeId: string;
  amountCents: number;
  metadata: Record<string, string>;
}

export interface RefundMade {
  refundId: string;
  /** The charge's refunded total right after this refund: every refund before it and this one. */
  chargeRefundedCents: number;
  /** The refund's `created` (Stripe's Unix seconds). */
  created?: number;
}

/**
 * The evidence fields of a dispute C500 fills (Stripe's names; each a text, the combined
 * length at most 150,000 characters). Files are not sent: the proof is a clip or VOD link.
 */
export interface DisputeEvidence {
  product_description?: string;
  customer_name?: string;
  shipping_address?: string;
  shipping_carrier?: string;
  shipping_tracking_number?: string;
  shipping_date?: string;
  service_date?: string;
  uncategorized_text?: string;
}

export interface DisputeUpdateRequest extends Idempotent {
  disputeId: string;
  evidence: DisputeEvidence;
  /** False stages the evidence (visible in the dashboard); true sends it to the bank, once and for good. */
  submit: boolean;
}

export interface ConnectedAccountStatus {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Whether the account can take transfers: all a builder needs to be paid. */
  transfersActive: boolean;
}

/**
 * One line of the platform's own Stripe balance (Stripe's `BalanceTransaction`): what Stripe
 * really moved and kept, which the platform's result is read from (never C500's own amounts).
 */
export interface BalanceTransactionLine {
  /** `txn_…` */
  id: string;
  /** Stripe's `type` (`charge`, `payment`, `refund`, `transfer`, `adjustment`, …). */
  type: string;
  /** Stripe's `reporting_category` (`charge`, `refund`, `refund_failure`, `transfer`, `transfer_reversal`, `dispute`, `dispute_reversal`, …). */
  reportingCategory: string;
  /** Signed, in minor units: into the platform's balance positive, out of it negative. */
  amountCents: number;
  /** What Stripe kept on this line (positive), or gave back (negative). */
  feeCents: number;
  /** amount − fee. */
  netCents: number;
  currency: string;
  /** Unix seconds. */
  created: number;
  /** The object that moved the money: `ch_…`, `re_…`, `tr_…`, `trr_…`, `du_…`/`dp_…`. */
  sourceId?: string;
  /** From the source, when Stripe expanded it: the charge a refund or dispute is of (a transfer's `source_transaction`), the transfer a reversal is of. */
  sourceChargeId?: string;
  sourceTransferId?: string;
  /** A transfer's `transfer_group` (C500 names a release's and a return's by its order). */
  sourceTransferGroup?: string;
}

export interface Payments {
  /** An Express account for a builder; the key makes a retried call return the same account. */
  createConnectedAccount(request: ConnectedAccountRequest): Promise<{ accountId: string }>;
  /** A single-use onboarding link; keyed by the command that asked, so its redelivery gets the same one. */
  createOnboardingLink(request: Idempotent & { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  accountStatus(accountId: string): Promise<ConnectedAccountStatus>;
  /** A single-use link that signs the account's owner into their Express dashboard (Stripe's expires within minutes). */
  createLoginLink(request: { accountId: string }): Promise<{ url: string }>;
  createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Expires an open session (a pay window that passed); an already closed one is left alone. */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /** The charge behind a payment, which a transfer names as `source_transaction`. */
  chargeOfPayment(paymentIntentId: string): Promise<{ chargeId: string }>;
  /**
   * What the charge has refunded now, as Stripe has it (its `amount_refunded`: a refund that
   * failed is off it again). PaymentRefused when Stripe has no such charge.
   */
  refundedOfCharge(chargeId: string): Promise<number>;
  /** Throws PaymentRefused when Stripe refuses it for good (see errors.ts). */
  createTransfer(request: TransferRequest): Promise<{ transferId: string }>;
  /** Takes part of a transfer back from the connected account; PaymentRefused when its balance cannot cover it. */
  reverseTransfer(request: ReversalRequest): Promise<{ reversalId: string }>;
  /** Refunds part (or the rest) of a charge; PaymentRefused when Stripe will not (more than is left, say). */
  refund(request: RefundRequest): Promise<RefundMade>;
  /** Stages or submits a dispute's evidence; PaymentRefused when Stripe will not take it (the dispute is closed, or submitted already). */
  updateDispute(request: DisputeUpdateRequest): Promise<{ submitted: boolean }>;
  /**
   * The platform's balance transactions created in `[from, to)`, every page of them, oldest
   * first. Optional while the in-process stand-in of Stripe lists no ledger; the functions
   * reach it (and the local runtime's served Stripe) through the stripe-node adapter.
   */
  listBalanceTransactions?(range: { from: Date; to: Date }): Promise<BalanceTransactionLine[]>;
  /** A Stripe customer for a buyer; the key makes a retried call return the same one (see saved-cards). */
  createCustomer(request: CustomerRequest): Promise<{ customerId: string }>;
  /** Checkout in `setup` mode: a card saved on the customer, nothing charged. PaymentRefused when Stripe refuses the session (an unknown customer, say). */
  createCardSetupSession(request: CardSetupRequest): Promise<CheckoutSession>;
  /** A setup-mode session read back: once complete, its SetupIntent, the card it saved and the address given. */
  readCardSetup(sessionId: string): Promise<CardSetup>;
  /**
   * One off-session PaymentIntent on a saved card. A card that needs the buyer, a decline and
   * Stripe's rate limit are answers, not errors; PaymentRefused when Stripe refuses the request itself.
   */
  chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionCharge>;
  /**
   * Cancels a PaymentIntent left waiting for its buyer (`requires_payment_method`), so no
   * incomplete payment is left at Stripe; one that succeeded or is cancelled already is left as
   * it is (Stripe refuses to cancel those). Answers how Stripe left it: a lapse reads whether the
   * buyer paid first, and then the payment wins.
   */
  cancelPaymentIntent(paymentIntentId: string): Promise<IntentAfterCancel>;
  /**
   * Confirms a refused off-session PaymentIntent again with its buyer there, on its saved card
   * (Stripe's recovery: the same PaymentIntent). PaymentRefused when Stripe refuses the request
   * for another reason than the intent's state (an unknown intent, say).
   */
  confirmOnSession(request: OnSessionConfirmRequest): Promise<OnSessionPayment>;
  /**
   * The off-session charge made for a pledge, found by its `pledge_id` metadata (Stripe's
   * search), as `chargeOffSession` would have answered it; undefined when Stripe has none. What
   * is asked before a key older than Stripe's idempotency window is used again: Stripe may have
   * forgotten the key, never the PaymentIntent.
   */
  findPledgeCharge(pledgeId: string): Promise<OffSessionCharge | undefined>;
  /**
   * Takes a saved card off its customer, so it can never be charged again (Stripe's
   * `paymentMethods.detach`). A card already detached, or unknown to Stripe, is left as it is:
   * a redelivered release asks again and changes nothing.
   */
  detachPaymentMethod(paymentMethodId: string): Promise<void>;
  /**
   * Deletes a customer C500 made at Stripe (`customers.del`): Stripe detaches its cards with it
   * and keeps only `{ id, deleted: true }`. A customer deleted already, or unknown, is left as it is.
   */
  deleteCustomer(customerId: string): Promise<void>;
}
