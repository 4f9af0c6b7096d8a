/**
 * @module stripe/setup-sessions
 * Checkout in `setup` mode as the local Stripe keeps it: what Stripe refuses in such a
 * session, the open session (no lines, no amounts, `no_payment_required`, the consent beside
 * the button), and what the buyer's saving a card makes of it: a card PaymentMethod on the
 * customer, a `succeeded` SetupIntent that names it, and the session complete with the
 * address given. Pure: values in, values out; the world keeps them (saved-card-world).
 */
import type { CardSetupRequest } from '../../ports';
import { stripeShippingCountries } from '../../shipping';
import { closed, newId, noCustomText, type LocalCheckoutSession, type LocalShippingDetails, type Stored } from './objects';
import type { LocalSavedCard, LocalSetupIntent } from './saved-card-objects';
import { testCards, type TestCardKind } from './test-cards';

/** Stripe's `custom_text` messages are at most 1,200 characters. */
const consentLimit = 1_200;
const stripeCountries = new Set(stripeShippingCountries);

/** Why Stripe would refuse this setup-mode session, if it would (worded here, not Stripe's own text). */
export function setupRequestProblem(request: CardSetupRequest): string | undefined {
  if (!/^[a-z]{3}$/.test(request.currency)) return `Invalid currency: '${request.currency}' is not a three-letter code in lower case.`;
  const consent = request.consentText.trim();
  if (consent === '' || request.consentText.length > consentLimit)
    return `custom_text[submit][message] is from 1 to ${consentLimit} characters (${request.consentText.length} given).`;
  const countries = request.shippingCountries;
  if (countries && countries.length === 0) return 'shipping_address_collection[allowed_countries] must name at least one country.';
  const unknown = countries?.find((c) => !stripeCountries.has(c));
  return unknown ? `Invalid shipping_address_collection[allowed_countries]: '${unknown}' is not a supported country.` : undefined;
}

/** An open setup-mode session for the customer: nothing to pay, the consent beside the button. */
export function openSetupSession(request: CardSetupRequest, now: number, checkoutUrl: (sessionId: string) => string): LocalCheckoutSession {
  const id = newId('cs');
  return {
    id,
    object: 'checkout.session',
    mode: 'setup',
    status: 'open',
    // Stripe's word for a setup-mode session from the start: there is nothing to pay.
    payment_status: 'no_payment_required',
    payment_intent: null,
    // Made when the buyer confirms, as a payment-mode session's PaymentIntent is.
    setup_intent: null,
    customer: request.customerId,
    amount_subtotal: null,
    amount_total: null,
    currency: request.currency,
    client_reference_id: request.clientReferenceId ?? null,
    metadata: request.metadata,
    created: now,
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    url: checkoutUrl(id),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    livemode: false,
    line_items: { object: 'list', data: [] },
    shipping_address_collection: request.shippingCountries ? { allowed_countries: [...request.shippingCountries] } : null,
    shipping_options: [],
    shipping_cost: null,
    custom_text: { ...noCustomText, submit: { message: request.consentText } },
    collected_information: null,
    customer_details: null,
  };
}

/** What saving a card on the page makes: the card on the customer, the SetupIntent that saved it, and the session complete. */
export interface SavedCard {
  session: LocalCheckoutSession;
  setupIntent: LocalSetupIntent;
  paymentMethod: LocalSavedCard;
}

/** The buyer saves `card` (and gives `address`, when the session asks for one) on an open setup-mode session. */
export function saveCardOn(stored: Stored<LocalCheckoutSession>, card: TestCardKind, address: LocalShippingDetails | undefined, now: number): SavedCard {
  const session = stored.stripe;
  const customer = session.customer;
  if (!customer) throw new Error(`setup session ${session.id} has no customer to save the card on`);
  const paymentMethod: LocalSavedCard = {
    id: newId('pm'),
    object: 'payment_method',
    type: 'card',
    card: { brand: 'visa', last4: testCards[card].last4, exp_month: 12, exp_year: new Date(now * 1000).getUTCFullYear() + 3, funding: 'credit', country: 'US' },
    customer,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    metadata: {},
    created: now,
    livemode: false,
  };
  const setupIntent: LocalSetupIntent = {
    id: newId('seti'),
    object: 'setup_intent',
    status: 'succeeded',
    customer,
    payment_method: paymentMethod.id,
    usage: 'off_session',
    payment_method_types: ['card'],
    metadata: stored.setupIntentData?.metadata ?? {},
    created: now,
    last_setup_error: null,
    cancellation_reason: null,
    description: null,
    livemode: false,
  };
  const collected = session.shipping_address_collection && address ? { business_name: null, individual_name: null, shipping_details: address } : null;
  return { session: { ...closed({ ...session, collected_information: collected }, 'complete'), setup_intent: setupIntent.id }, setupIntent, paymentMethod };
}
