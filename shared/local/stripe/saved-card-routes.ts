/**
 * @module stripe/saved-card-routes
 * The served Stripe API's part for cards saved now and charged later: customers, a setup-mode
 * Checkout Session (created beside payment mode in api-routes), its SetupIntent and the card
 * it saved, and off-session PaymentIntents. A refused charge is answered as Stripe answers it,
 * a 402 `card_error` carrying the PaymentIntent (left `requires_payment_method`); the rate
 * limiter's refusal is a 429 `rate_limit`, made before anything is done and kept under no key.
 * A refused intent is confirmed again on session (on-session-world) as Stripe confirms it.
 */
import type { LocalPayments } from './payments';
import { collections, docIn, type LocalPaymentIntent } from './objects';
import { idOf as id, type Found, type StripeApiCall, type StripeApiRoute as Route } from './api-call';
import { StripeApiError } from './api-errors';
import { formString } from './api-form';
import { cardSetupRequest, customerRequest, offSessionRequest } from './saved-card-requests';
import type { OnSessionConfirmation } from './on-session-world';
import type { TestCardKind } from './test-cards';

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
    // Deleted as Stripe deletes one: `{ id, object, deleted: true }`, its cards detached; a second delete is a 404.
    { method: 'DELETE', path: /^\/v1\/customers\/([^/]+)$/, answer: (call) => payments.removeCustomer(id(call)) },
    { method: 'POST', path: /^\/v1\/payment_methods\/([^/]+)\/detach$/, answer: (call) => payments.detach(id(call)) },
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
    {
      // Confirmed again with the buyer there (Stripe's recovery of an off-session payment): the same PaymentIntent.
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      answer: async (call) => {
        const answer = await payments.confirmIntent(id(call), onSessionConfirmation(call));
        if (answer.result === 'refused')
          throw new StripeApiError(answer.status, 'invalid_request_error', answer.message, {
            code: answer.code,
            ...(answer.param ? { param: answer.param } : {}),
          });
        // A decline on session is Stripe's 402, as off session; waiting on authentication is an answer.
        return answer.intent.status === 'requires_payment_method' ? answerOf(answer.intent) : answer.intent;
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      answer: async (call) => {
        const change = await payments.cancelIntent(id(call), cancellationReason(call));
        if (change.result === 'unknown')
          throw new StripeApiError(404, 'invalid_request_error', `No such payment_intent: '${id(call)}'`, { code: 'resource_missing' });
        if (change.result === 'unchanged')
          throw new StripeApiError(
            400,
            'invalid_request_error',
            `You cannot cancel this PaymentIntent because it has a status of ${change.object.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
            { code: 'payment_intent_unexpected_state' },
          );
        return change.object;
      },
    },
  ];
}

/** Stripe's test PaymentMethods the API takes by name, as the test cards they stand for. */
const testPaymentMethods: Record<string, TestCardKind> = {
  pm_card_visa: 'works',
  pm_card_authenticationRequired: 'authentication_required',
  pm_card_chargeCustomerFail: 'declined',
};

/** A confirm's form: the browser's `client_secret`, the card (a saved one or a test card by name), and `return_url`. */
function onSessionConfirmation(call: StripeApiCall): OnSessionConfirmation {
  const [clientSecret, paymentMethod, returnUrl] = [
    formString(call.form, 'client_secret'),
    formString(call.form, 'payment_method'),
    formString(call.form, 'return_url'),
  ];
  const testCard = paymentMethod !== undefined && Object.hasOwn(testPaymentMethods, paymentMethod) ? testPaymentMethods[paymentMethod] : undefined;
  return {
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    ...(testCard ? { card: testCard } : paymentMethod !== undefined ? { paymentMethodId: paymentMethod } : {}),
    ...(returnUrl !== undefined ? { returnUrl } : {}),
  };
}

const cancellationReasons = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const;

/** Stripe's `cancellation_reason`, one of its four words, or none. */
function cancellationReason(call: StripeApiCall): LocalPaymentIntent['cancellation_reason'] {
  const given = formString(call.form, 'cancellation_reason');
  if (given === undefined) return null;
  const known = cancellationReasons.find((reason) => reason === given);
  if (!known)
    throw new StripeApiError(400, 'invalid_request_error', `Invalid cancellation_reason: must be one of ${cancellationReasons.join(', ')}`, {
      param: 'cancellation_reason',
    });
  return known;
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
    ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    doc_url: error.doc_url,
    payment_intent: intent,
  });
}
