/**
 * @module stripe/objects
 * The Stripe objects the local simulator keeps: accounts, Checkout Sessions, payment
 * intents, charges, transfers and reversals, shaped as Stripe's API answers them (so the
 * simulator's events and lists read like Stripe's), the `_localStripe*` collections of the
 * document store they live in, and how a payment's objects are made. Kept apart from the
 * world that changes them (world.ts) and the port that asks for them (payments.ts),
 * which both build on these shapes.
 */
import { randomBytes } from 'node:crypto';
import { collectionPath, docPath, type CheckoutShipping, type CollectionPath, type DocPath } from '../../ports';
import type { ServiceAgreement } from '../../onboarding';
import type { LocalEarlyFraudWarning, LocalPayout } from './after-payment-objects';
import type { LocalBalanceTransaction, LocalDispute, LocalRefund } from './money-objects';
import type { LocalCustomText, LocalCustomer, LocalDeletedCustomer, LocalPaymentError, LocalSavedCard, LocalSetupIntent } from './saved-card-objects';
import type { TestCardKind } from './test-cards';
import { customerDetailsOf, type LocalCustomerDetails } from './customer-details';

export type { LocalCustomerDetails } from './customer-details';
export * from './after-payment-objects';
export * from './money-objects';
export * from './saved-card-objects';

export type LocalAccount = {
  id: string;
  object: 'account';
  type: 'express';
  country: string;
  tos_acceptance: { service_agreement: ServiceAgreement };
  email: string | null;
  /** Stripe enables charges only with `card_payments`, which a transfers-only account never has. */
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: { transfers: 'active' | 'inactive' };
  /** Who pays Stripe's fees for it: with the platform paying (`application`, as C500 creates them), Connect bills the platform each month. */
  controller: { fees: { payer: AccountFeesPayer } };
  metadata: Record<string, string>;
  created: number;
};

/** Stripe's `controller.fees.payer`: `account` pays its own; the others are the platform's to pay. */
export type AccountFeesPayer = 'account' | 'application' | 'application_express' | 'application_custom';

export type LocalCheckoutSession = {
  id: string;
  object: 'checkout.session';
  /** `setup`: the buyer saves a card (`setup_intent`) and pays nothing; no lines, no amounts. */
  mode: 'payment' | 'setup';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  payment_intent: string | null;
  /** A setup-mode session's, once the buyer gave a card. */
  setup_intent: string | null;
  /** The buyer's Stripe customer, when the session was opened for one. */
  customer: string | null;
  /** Null in setup mode: nothing is paid. */
  amount_subtotal: number | null;
  amount_total: number | null;
  currency: string;
  /** Our order id; null for a Payment Link's session. */
  client_reference_id: string | null;
  metadata: Record<string, string>;
  created: number;
  expires_at: number;
  /** Stripe clears it once the session is no longer open. */
  url: string | null;
  success_url: string;
  cancel_url: string;
  livemode: false;
  /** As Stripe answers with `expand: ['line_items']`. */
  line_items: { object: 'list'; data: Array<{ object: 'item'; description: string; quantity: number; amount_total: number; currency: string }> };
  /** Null unless the session asks for an address. */
  shipping_address_collection: { allowed_countries: string[] } | null;
  /** The options the buyer picks from: the rate's id, as Stripe answers without expanding it. */
  shipping_options: Array<{ shipping_amount: number; shipping_rate: string | LocalShippingRate }>;
  /** The option paid for, once the buyer chose one. */
  shipping_cost: { amount_subtotal: number; amount_tax: number; amount_total: number; shipping_rate: string } | null;
  /** Shown beside the button: a setup-mode session's consent. */
  custom_text: LocalCustomText;
  /** Where the pinned API version (basil and later) puts what the buyer gave; null until then. */
  collected_information: { business_name: null; individual_name: null; shipping_details: LocalShippingDetails | null } | null;
  /** The buyer as Checkout knew them once the session completed; null while it is open. */
  customer_details: LocalCustomerDetails | null;
};

/** A shipping rate Stripe makes from a session's `shipping_rate_data`. */
export type LocalShippingRate = {
  id: string;
  object: 'shipping_rate';
  active: true;
  type: 'fixed_amount';
  display_name: string;
  fixed_amount: { amount: number; currency: string };
  delivery_estimate: { minimum: { unit: 'business_day'; value: number }; maximum: { unit: 'business_day'; value: number } };
  tax_behavior: 'unspecified';
  metadata: Record<string, string>;
  livemode: false;
};

/** A shipping address as Stripe gives it (`collected_information.shipping_details`). */
export type LocalShippingDetails = {
  name: string;
  address: { line1: string; line2: string | null; city: string; state: string | null; postal_code: string; country: string };
};

export type LocalCharge = {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  paid: true;
  status: 'succeeded';
  payment_intent: string;
  currency: string;
  transfer_group: string | null;
  metadata: Record<string, string>;
  created: number;
  balance_transaction: string | null;
  /** Set once a dispute is opened on it. */
  disputed?: boolean;
};

export type LocalTransfer = {
  id: string;
  object: 'transfer';
  amount: number;
  currency: string;
  destination: string;
  source_transaction: string | null;
  transfer_group: string;
  metadata: Record<string, string>;
  created: number;
  amount_reversed: number;
  reversed: boolean;
  balance_transaction: string | null;
};

export type LocalTransferReversal = {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  currency: string;
  transfer: string;
  metadata: Record<string, string>;
  created: number;
  balance_transaction: string | null;
};

export type LocalPaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  /**
   * `processing` while a delayed method (a bank debit) settles; `requires_payment_method` once it
   * failed; `requires_action` while the buyer, back on session, authenticates; `canceled` once cancelled.
   */
  status: 'succeeded' | 'processing' | 'requires_payment_method' | 'requires_action' | 'canceled';
  /** While `requires_action`: where the buyer authenticates (a server-side confirm with a `return_url`), or Stripe.js's step. */
  next_action: LocalNextAction | null;
  /** Unix seconds, once cancelled (Stripe's `canceled_at`). */
  canceled_at: number | null;
  cancellation_reason: 'abandoned' | 'duplicate' | 'fraudulent' | 'requested_by_customer' | null;
  /** No charge until a delayed method's debit succeeds. */
  latest_charge: string | null;
  transfer_group: string | null;
  metadata: Record<string, string>;
  created: number;
  /** An off-session charge's customer and saved card; a Checkout payment's customer, if it named one. */
  customer: string | null;
  payment_method: string | null;
  /** Why its last charge was refused (an off-session card that needs the buyer, or declined). */
  last_payment_error: LocalPaymentError | null;
  /**
   * What lets the buyer's browser confirm it on session (`pi_…_secret_…`, Stripe.js with the
   * publishable key); null on those made before the local Stripe kept one.
   */
  client_secret: string | null;
};

/** Stripe's `next_action` of a PaymentIntent that waits on its buyer's authentication. */
export type LocalNextAction =
  { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } } | { type: 'use_stripe_sdk'; use_stripe_sdk: Record<string, never> };

/** A stored object: its Stripe shape, a creation sequence for newest-first lists, and what Stripe keeps privately. */
export type Stored<T> = {
  stripe: T;
  sequence: number;
  imageUrl?: string;
  paymentIntentData?: { transfer_group: string; metadata: Record<string, string> };
  /** A session's shipping rates (Stripe keeps them as objects of their own), in the order of its options. */
  shippingRates?: LocalShippingRate[];
  /** What the session's shipping was asked with: which option is for which addresses (the buyer's default pick). */
  shippingQuote?: CheckoutShipping;
  /** A connected account's: what it holds (transfers in, reversals and payouts to its bank out, a payout sent back in again). */
  balance?: number;
  /** A connected account's: it revoked the platform's access (`account.application.deauthorized`); calls for it are refused. */
  deauthorized?: boolean;
  /** A dispute's: the creation sequence when it closed, so an auditor can order it among the transfers (Stripe's dispute has no close time). */
  closedSequence?: number;
  /** A setup-mode session's SetupIntent data (`setup_intent_data.metadata`). */
  setupIntentData?: { metadata: Record<string, string> };
  /** A PaymentIntent's: made off session (`off_session: true`), as `GET /_local/stripe/payment-intents` lists it. */
  offSession?: boolean;
  /** A saved card's: which test card it is, which decides what charging it does (test-cards). */
  card?: TestCardKind;
  /** A payout's or a balance transaction's: the connected account whose balance it is on (none: the platform's). */
  account?: string;
};

/** A month of Connect fees billed: the lines it wrote, so billing it again writes nothing. */
export type ConnectFeeBill = { month: string; billedAt: number; lines: string[] };

/** What an idempotency key answers: the object it made (its path), or the refusal Stripe keeps under it. */
export type IdempotencyRecord = { request: string; path?: string; refused?: string; refusedCode?: string };

export const collections = {
  accounts: collectionPath<Stored<LocalAccount>>('_localStripeAccounts'),
  sessions: collectionPath<Stored<LocalCheckoutSession>>('_localStripeSessions'),
  paymentIntents: collectionPath<Stored<LocalPaymentIntent>>('_localStripePaymentIntents'),
  charges: collectionPath<Stored<LocalCharge>>('_localStripeCharges'),
  transfers: collectionPath<Stored<LocalTransfer>>('_localStripeTransfers'),
  reversals: collectionPath<Stored<LocalTransferReversal>>('_localStripeTransferReversals'),
  disputes: collectionPath<Stored<LocalDispute>>('_localStripeDisputes'),
  idempotency: collectionPath<IdempotencyRecord>('_localStripeIdempotency'),
  refunds: collectionPath<Stored<LocalRefund>>('_localStripeRefunds'),
  balanceTransactions: collectionPath<Stored<LocalBalanceTransaction>>('_localStripeBalanceTransactions'),
  earlyFraudWarnings: collectionPath<Stored<LocalEarlyFraudWarning>>('_localStripeEarlyFraudWarnings'),
  payouts: collectionPath<Stored<LocalPayout>>('_localStripePayouts'),
  /** Connected accounts' own balance transactions (their payouts and payouts sent back), apart from the platform's. */
  accountBalanceTransactions: collectionPath<Stored<LocalBalanceTransaction>>('_localStripeAccountBalanceTransactions'),
  connectFeeBills: collectionPath<ConnectFeeBill>('_localStripeConnectFeeBills'),
  customers: collectionPath<Stored<LocalCustomer | LocalDeletedCustomer>>('_localStripeCustomers'),
  setupIntents: collectionPath<Stored<LocalSetupIntent>>('_localStripeSetupIntents'),
  paymentMethods: collectionPath<Stored<LocalSavedCard>>('_localStripePaymentMethods'),
};
export const sequencePath = docPath<{ value: number }>('_localStripe/sequence');

export const docIn = <T>(collection: CollectionPath<T>, id: string): DocPath<T> => docPath<T>(`${collection}/${id}`);

/** What a new Checkout Session is opened with: its lines, who it is for, and where the buyer goes after. */
export type SessionFields = {
  lines: ReadonlyArray<{ name: string; amountCents: number }>;
  currency: string;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  expiresAt: number;
  successUrl: string;
  cancelUrl: string;
  shipping?: CheckoutShipping;
  customerId?: string;
};

/** An open Checkout Session as Stripe shapes it, with `line_items` expanded: its total is what its lines add up to. */
export function openSession(
  fields: SessionFields,
  now: number,
  checkoutUrl: (sessionId: string) => string,
): { session: LocalCheckoutSession; rates: LocalShippingRate[] } {
  const id = newId('cs');
  const rates = (fields.shipping?.options ?? []).map((option): LocalShippingRate => ({
    id: newId('shr'),
    object: 'shipping_rate',
    active: true,
    type: 'fixed_amount',
    display_name: option.displayName,
    fixed_amount: { amount: option.amountCents, currency: fields.currency },
    delivery_estimate: {
      minimum: { unit: 'business_day', value: option.deliveryDays.minimum },
      maximum: { unit: 'business_day', value: option.deliveryDays.maximum },
    },
    tax_behavior: 'unspecified',
    metadata: {},
    livemode: false,
  }));
  return { session: sessionOf(id, fields, now, checkoutUrl, rates), rates };
}

function sessionOf(
  id: string,
  fields: SessionFields,
  now: number,
  checkoutUrl: (sessionId: string) => string,
  rates: LocalShippingRate[],
): LocalCheckoutSession {
  const total = fields.lines.reduce((sum, line) => sum + line.amountCents, 0);
  return {
    id,
    object: 'checkout.session',
    mode: 'payment',
    status: 'open',
    payment_status: 'unpaid',
    payment_intent: null,
    setup_intent: null,
    customer: fields.customerId ?? null,
    amount_subtotal: total,
    amount_total: total,
    currency: fields.currency,
    client_reference_id: fields.clientReferenceId,
    metadata: fields.metadata,
    created: now,
    expires_at: fields.expiresAt,
    url: checkoutUrl(id),
    success_url: fields.successUrl,
    cancel_url: fields.cancelUrl,
    livemode: false,
    line_items: {
      object: 'list',
      data: fields.lines.map((line) => ({ object: 'item', description: line.name, quantity: 1, amount_total: line.amountCents, currency: fields.currency })),
    },
    shipping_address_collection: fields.shipping ? { allowed_countries: [...fields.shipping.allowedCountries] } : null,
    shipping_options: rates.map((rate) => ({ shipping_amount: rate.fixed_amount.amount, shipping_rate: rate.id })),
    shipping_cost: null,
    custom_text: noCustomText,
    collected_information: null,
    customer_details: null,
  };
}

export const noCustomText: LocalCustomText = { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null };

/** The payment intent a session's payment makes, not yet settled: Stripe gives it the session's amount and the intent data it was opened with. */
export function paymentIntentOf(stored: Stored<LocalCheckoutSession>, id: string, now: number): LocalPaymentIntent {
  if (stored.stripe.amount_total === null) throw new Error(`checkout session ${stored.stripe.id} is in setup mode: it makes no payment`);
  const { transfer_group, metadata } = stored.paymentIntentData ?? {
    transfer_group: stored.stripe.client_reference_id ?? '',
    metadata: stored.stripe.metadata,
  };
  return {
    id,
    object: 'payment_intent',
    amount: stored.stripe.amount_total,
    currency: stored.stripe.currency,
    status: 'processing',
    latest_charge: null,
    transfer_group,
    metadata,
    created: now,
    customer: stored.stripe.customer,
    payment_method: null,
    last_payment_error: null,
    canceled_at: null,
    cancellation_reason: null,
    client_secret: clientSecretOf(id),
    next_action: null,
  };
}

/** The charge of a payment that succeeded: Stripe copies the payment intent's metadata onto it. */
export function chargeOf(intent: LocalPaymentIntent, now: number): LocalCharge {
  return {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    currency: intent.currency,
    amount_captured: intent.amount,
    amount_refunded: 0,
    refunded: false,
    paid: true,
    status: 'succeeded',
    payment_intent: intent.id,
    transfer_group: intent.transfer_group,
    metadata: intent.metadata,
    created: now,
    balance_transaction: null,
  };
}

/** A session no longer open: its url gone and, completed, the buyer's details as Checkout keeps them (what they gave is set before). */
export function closed(session: LocalCheckoutSession, status: 'complete' | 'expired'): LocalCheckoutSession {
  if (status === 'expired') return { ...session, status, url: null };
  return { ...session, status, url: null, customer_details: customerDetailsOf(session.collected_information?.shipping_details) };
}

/** A PaymentIntent's `client_secret`, as Stripe shapes it: the intent's id, then a secret of its own. */
export const clientSecretOf = (paymentIntentId: string): string => `${paymentIntentId}_secret_${randomBytes(12).toString('hex')}`;

export function newId(
  prefix: 'acct' | 'cs' | 'pi' | 'ch' | 'tr' | 'trr' | 're' | 'dp' | 'txn' | 'shr' | 'issfr' | 'po' | 'ba' | 'ca' | 'cus' | 'seti' | 'pm',
): string {
  return `${prefix}_local_${randomBytes(12).toString('hex')}`;
}

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`an amount must be a positive whole number of cents, got ${amountCents}`);
}
