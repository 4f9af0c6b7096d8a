/**
 * @module stripe/saved-card-objects
 * The objects of a card saved now and charged later, shaped as Stripe's API answers them
 * (the fields C500 reads, and those stripe-node's types name as always there): a Customer,
 * the SetupIntent a setup-mode Checkout Session confirms, the card PaymentMethod it saves on
 * the customer, and what a PaymentIntent says when its charge was refused.
 */

/** A buyer at Stripe: saved cards belong to one. */
export type LocalCustomer = {
  id: string;
  object: 'customer';
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};

/** What Stripe keeps of a deleted customer, and answers for it: its id and that it is gone. */
export type LocalDeletedCustomer = { id: string; object: 'customer'; deleted: true };

/** Whether a kept customer is one Stripe still has: a deleted one is refused as unknown wherever it is named. */
export const isLiveCustomer = (customer: { stripe: LocalCustomer | LocalDeletedCustomer } | undefined): boolean =>
  customer !== undefined && !('deleted' in customer.stripe);

/** What a setup-mode session confirms once the buyer gives a card: `succeeded` with the card it saved. */
export type LocalSetupIntent = {
  id: string;
  object: 'setup_intent';
  status: 'succeeded';
  customer: string;
  payment_method: string;
  /** Saved for charges made while the buyer is away. */
  usage: 'off_session';
  payment_method_types: ['card'];
  metadata: Record<string, string>;
  created: number;
  last_setup_error: null;
  cancellation_reason: null;
  description: null;
  livemode: false;
};

/** A card saved on a customer, as Stripe shows it: brand and last four, never the number. */
export type LocalSavedCard = {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: { brand: 'visa'; last4: string; exp_month: number; exp_year: number; funding: 'credit'; country: 'US' };
  /** The customer it is saved on; `null` once detached (by `detach`, or its customer's deletion): it can be charged no more. */
  customer: string | null;
  billing_details: { address: null; email: null; name: null; phone: null; tax_id: null };
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};

/** Why a PaymentIntent's last charge was refused (its `last_payment_error`), in the words of Stripe's `card_error`. */
export type LocalPaymentError = {
  type: 'card_error';
  code: string;
  /** None for a refusal that is not the bank's decline (an authentication the buyer failed), as Stripe leaves it out. */
  decline_code?: string;
  message: string;
  doc_url: string;
};

/** The text a Checkout page shows beside its parts (`custom_text`): C500 sets only the one beside the button. */
export type LocalCustomText = {
  after_submit: null;
  shipping_address: null;
  submit: { message: string } | null;
  terms_of_service_acceptance: null;
};
