/**
 * @module stripe/saved-card-routes
 * The served Stripe API's part for cards saved now and charged later: customers, a setup-mode
 * Checkout Session (created beside payment mode in api-routes), its SetupIntent and the card
 * it saved, and off-session PaymentIntents. A refused charge is answered as Stripe answers it,
 * a 402 `card_error` carrying the PaymentIntent (left `requires_payment_method`); the rate
 * limiter's refusal is a 429 `rate_limit`, made before anything is done and kept under no key.
 */
import type { LocalPayments } from './payments';
import { collections, docIn, type LocalPaymentIntent } from './objects';
import { idOf as id, type Found, type StripeApiCall, type StripeApiRoute as Route } from './api-call';
import { StripeApiError } from './api-errors';
import { cardSetupRequest, customerRequest, offSessionRequest } from './saved-card-requests';

export function savedCardRoutes(payments: LocalPayments, found: Found): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/customers$/,
      answer: async (call) => {
        const { customerId } = await payments.createCustomer(customerRequest(call.form, call.idempotencyKey));
        return found(docIn(collections.customers, customerId), 'customer', customerId);
      },
    },
    { method: 'GET', path: /^\/v1\/customers\/([^/]+)$/, answer: (call) => found(docIn(collections.customers, id(call)), 'customer', id(call)) },
    { method: 'GET', path: /^\/v1\/setup_intents\/([^/]+)$/, answer: (call) => found(docIn(collections.setupIntents, id(call)), 'setup_intent', id(call)) },
    {
      method: 'GET',
      path: /^\/v1\/payment_methods\/([^/]+)$/,
      answer: (call) => found(docIn(collections.paymentMethods, id(call)), 'payment_method', id(call)),
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      answer: async (call) => {
        const intent = await payments.offSessionPayment(offSessionRequest(call.form, call.idempotencyKey));
        if (intent === 'rate_limited')
          throw new StripeApiError(
            429,
            'invalid_request_error',
            'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.',
            {
              code: 'rate_limit',
            },
          );
        return answerOf(intent);
      },
    },
  ];
}

/** A setup-mode session, created: the port's url, as a replayed key answers it. */
export async function setupSessionAnswer(payments: LocalPayments, call: StripeApiCall, found: Found): Promise<Record<string, unknown>> {
  const { sessionId, url } = await payments.createCardSetupSession(cardSetupRequest(call.form, call.idempotencyKey));
  return { ...(await found(docIn(collections.sessions, sessionId), 'checkout.session', sessionId)), url };
}

/** A PaymentIntent that succeeded, or Stripe's 402 for one the card's bank refused. */
function answerOf(intent: LocalPaymentIntent): Record<string, unknown> {
  const error = intent.last_payment_error;
  if (intent.status === 'succeeded' || !error) return intent;
  throw new StripeApiError(402, 'card_error', error.message, {
    code: error.code,
    decline_code: error.decline_code,
    doc_url: error.doc_url,
    payment_intent: intent,
  });
}
