/**
 * @module saved-cards (Stripe)
 * A card saved now and charged later, over stripe-node: a Customer per buyer, Checkout in
 * `setup` mode (card only, the buyer's consent shown beside the button, an address if asked),
 * the session read back with its SetupIntent expanded, and one off-session PaymentIntent per
 * charge (`off_session: true`, `confirm: true`), keyed so a replay never charges twice.
 *
 * Stripe answers a charge the card's bank will not take with a 402 `card_error` that carries
 * the PaymentIntent, left `requires_payment_method`: that is an answer here, not an error
 * (`authentication_required` when the bank wants the buyer, `declined` otherwise). A 429 is
 * Stripe's rate limit (or a lock on the object): nothing was made and stripe-node does not
 * retry it, so it is answered `rate_limited` for the caller to try again later, same key.
 *
 * A refused intent is confirmed again with its buyer there (Stripe's recovery, `confirm` with a
 * `return_url`): charged, or sent to the bank's page (`next_action.redirect_to_url`), or declined.
 */
import Stripe from 'stripe';
import type { CardSetup, CardSetupRequest, IntentAfterCancel, OffSessionCharge, OffSessionChargeRequest, OnSessionPayment, Payments } from '../../ports';
import { PaymentRefused } from '../../errors';
import { assertCents, refusalsAreFinal as finalRefusals, stripeRateLimitWaits, type RateLimitWaits } from './stripe-refusals';

type SavedCardCalls = Pick<
  Payments,
  | 'createCustomer'
  | 'createCardSetupSession'
  | 'readCardSetup'
  | 'chargeOffSession'
  | 'cancelPaymentIntent'
  | 'findPledgeCharge'
  | 'detachPaymentMethod'
  | 'deleteCustomer'
  | 'confirmOnSession'
>;

/** The statuses Stripe cancels a PaymentIntent from; it refuses the rest (`payment_intent_unexpected_state`). */
const cancellable = new Set<string>(['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing']);

export function savedCardCalls(stripe: Stripe, waits: RateLimitWaits = stripeRateLimitWaits): SavedCardCalls {
  const refusalsAreFinal = <T>(call: () => Promise<T>) => finalRefusals(call, waits);
  return {
    ...setUpCalls(stripe, refusalsAreFinal),

    async readCardSetup(sessionId) {
      // The SetupIntent and its card expanded: the card it saved, and when, come in the same answer.
      return cardSetupOf(await refusalsAreFinal(() => stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent.payment_method'] })));
    },

    async cancelPaymentIntent(paymentIntentId) {
      const read = () => refusalsAreFinal(() => stripe.paymentIntents.retrieve(paymentIntentId));
      const before = await read();
      if (!cancellable.has(before.status)) return afterCancelOf(before);
      try {
        return afterCancelOf(
          await refusalsAreFinal(() =>
            stripe.paymentIntents.cancel(paymentIntentId, { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel:${paymentIntentId}` }),
          ),
        );
      } catch (error) {
        // Paid or cancelled between the two calls: answered as Stripe has it now (the buyer's payment wins a race with the lapse).
        const now = afterCancelOf(await read());
        if (now.status !== 'other') return now;
        throw error;
      }
    },

    async confirmOnSession({ paymentIntentId, returnUrl, paymentMethodId, idempotencyKey }) {
      try {
        // No key for a press: each is the buyer's own new attempt; Stripe refuses one on an intent that succeeded meanwhile.
        const params: Stripe.PaymentIntentConfirmParams = { return_url: returnUrl, ...(paymentMethodId ? { payment_method: paymentMethodId } : {}) };
        return onSessionAnswerOf(await stripe.paymentIntents.confirm(paymentIntentId, params, idempotencyKey ? { idempotencyKey } : {}));
      } catch (error) {
        if (error instanceof Stripe.errors.StripeRateLimitError) return { outcome: 'rate_limited' };
        if (error instanceof Stripe.errors.StripeCardError) return declinedOf(offSessionFailureOf(error));
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'payment_intent_unexpected_state') {
          const { status } = await refusalsAreFinal(() => stripe.paymentIntents.retrieve(paymentIntentId));
          return { outcome: 'ended', paymentIntentId, status };
        }
        return refusalsAreFinal(() => Promise.reject(error));
      }
    },

    findPledgeCharge: (pledgeId) => findPledgeCharge(stripe, refusalsAreFinal, pledgeId),

    async detachPaymentMethod(paymentMethodId) {
      // Detached already (a redelivery, or the customer's deletion took it) or unknown: nothing is left to take off.
      await goneAlready(() => refusalsAreFinal(() => stripe.paymentMethods.detach(paymentMethodId)));
    },

    async deleteCustomer(customerId) {
      // Stripe answers 404 to a second delete: the customer is gone, as asked.
      await goneAlready(() => refusalsAreFinal(() => stripe.customers.del(customerId)));
    },

    async chargeOffSession(request) {
      assertCents(request.amountCents);
      try {
        const intent = await stripe.paymentIntents.create(offSessionParams(request), { idempotencyKey: request.idempotencyKey });
        // A card settles at once, and off session it never waits for the buyer: anything else is not a charge we know.
        if (intent.status !== 'succeeded' || !intent.latest_charge)
          throw new Error(`Stripe answered off-session payment ${intent.id} as ${intent.status}, neither succeeded nor refused`);
        return {
          outcome: 'succeeded',
          paymentIntentId: intent.id,
          chargeId: typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge.id,
        };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeRateLimitError) return { outcome: 'rate_limited' };
        if (error instanceof Stripe.errors.StripeCardError) return offSessionFailureOf(error);
        return refusalsAreFinal(() => Promise.reject(error));
      }
    },
  };
}

/** The pledge's off-session charge, found by its `pledge_id` metadata (Stripe's search): its success, else its refusal. */
async function findPledgeCharge(
  stripe: Stripe,
  refusalsAreFinal: <T>(call: () => Promise<T>) => Promise<T>,
  pledgeId: string,
): Promise<OffSessionCharge | undefined> {
  // Stripe's search syntax: a value in single quotes, a quote inside it escaped.
  const query = `metadata['pledge_id']:'${pledgeId.replace(/'/g, "\\'")}'`;
  const found = await refusalsAreFinal(() => stripe.paymentIntents.search({ query, limit: 10 }));
  const chosen = found.data.find((p) => p.status === 'succeeded') ?? found.data.find((p) => p.status === 'requires_payment_method');
  if (!chosen) return undefined;
  if (chosen.status === 'succeeded' && chosen.latest_charge)
    return {
      outcome: 'succeeded',
      paymentIntentId: chosen.id,
      chargeId: typeof chosen.latest_charge === 'string' ? chosen.latest_charge : chosen.latest_charge.id,
    };
  const error = chosen.last_payment_error;
  return offSessionFailureOf({
    message: error?.message ?? 'refused',
    payment_intent: { id: chosen.id },
    ...(error?.code ? { code: error.code } : {}),
    ...(error?.decline_code ? { decline_code: error.decline_code } : {}),
  });
}

/** A member's customer and a setup session for their card. */
function setUpCalls(stripe: Stripe, refusalsAreFinal: <T>(call: () => Promise<T>) => Promise<T>): Pick<Payments, 'createCustomer' | 'createCardSetupSession'> {
  return {
    async createCustomer(request) {
      const { metadata, email, name, idempotencyKey } = request;
      const customer = await refusalsAreFinal(() =>
        stripe.customers.create({ metadata, ...(email ? { email } : {}), ...(name ? { name } : {}) }, { idempotencyKey }),
      );
      return { customerId: customer.id };
    },

    async createCardSetupSession(request) {
      const session = await refusalsAreFinal(() => stripe.checkout.sessions.create(cardSetupParams(request), { idempotencyKey: request.idempotencyKey }));
      if (!session.url) throw new Error(`Stripe answered setup session ${session.id} without a url`);
      return { sessionId: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() };
    },
  };
}

/**
 * Card only: a bank debit saved here would settle days after the close. The consent is the
 * text beside the button; the SetupIntent carries the metadata too, so its own events name it.
 */
function cardSetupParams(request: CardSetupRequest): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'setup',
    customer: request.customerId,
    currency: request.currency,
    allowed_payment_method_types: ['card'],
    custom_text: { submit: { message: request.consentText } },
    metadata: request.metadata,
    setup_intent_data: { metadata: request.metadata },
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    ...(request.clientReferenceId ? { client_reference_id: request.clientReferenceId } : {}),
    ...(request.shippingCountries
      ? {
          shipping_address_collection: {
            allowed_countries: request.shippingCountries as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
          },
        }
      : {}),
  };
}

/**
 * Confirmed at once, off session: the buyer is not there to authenticate. Redirects are
 * refused so no `return_url` is needed: a saved card never redirects.
 */
function offSessionParams(request: OffSessionChargeRequest): Stripe.PaymentIntentCreateParams {
  return {
    amount: request.amountCents,
    currency: request.currency,
    customer: request.customerId,
    payment_method: request.paymentMethodId,
    off_session: true,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    metadata: request.metadata,
    ...(request.transferGroup ? { transfer_group: request.transferGroup } : {}),
  };
}

/** What a confirm answered: charged, or the bank's step (Stripe's page, then back to the return URL). */
function onSessionAnswerOf(intent: Stripe.PaymentIntent): OnSessionPayment {
  if (intent.status === 'succeeded' && intent.latest_charge)
    return {
      outcome: 'succeeded',
      paymentIntentId: intent.id,
      chargeId: typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge.id,
    };
  const redirectUrl = intent.next_action?.redirect_to_url?.url;
  if (intent.status === 'requires_action' && redirectUrl) return { outcome: 'requires_action', paymentIntentId: intent.id, redirectUrl };
  throw new Error(`Stripe answered the on-session confirm of ${intent.id} as ${intent.status}, neither charged nor waiting on the bank's page`);
}

/** A card refused on session is a decline whatever the bank said: the buyer is there, and was refused. */
function declinedOf(refusal: ReturnType<typeof offSessionFailureOf>): OnSessionPayment {
  if (refusal.outcome === 'declined') return refusal;
  return { outcome: 'declined', paymentIntentId: refusal.paymentIntentId, code: 'authentication_required', message: refusal.message };
}

/**
 * Stripe's refusal of a removal whose object is gone already: `resource_missing` (a deleted
 * customer, an unknown card), or a card on no customer (Stripe's 400 has no code for it, only
 * its words). Anything else is thrown as it came.
 */
async function goneAlready(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof PaymentRefused && (error.stripeCode === 'resource_missing' || notAttached.test(error.message))) return;
    throw error;
  }
}

/** Stripe's words for detaching a card that is on no customer. */
export const notAttached = /not attached to a customer/i;

function cardSetupOf(session: Stripe.Checkout.Session): CardSetup {
  const customerId = idOf(session.customer);
  if (session.mode !== 'setup' || !customerId) throw new PaymentRefused(`checkout session ${session.id} is not in setup mode`);
  const intent = session.setup_intent;
  const setupIntent = intent && typeof intent !== 'string' ? intent : undefined;
  const paymentMethodId = idOf(setupIntent?.payment_method);
  const method = setupIntent && typeof setupIntent.payment_method === 'object' ? setupIntent.payment_method : undefined;
  const shipping = session.collected_information?.shipping_details;
  return {
    sessionId: session.id,
    status: (['complete', 'expired'] as const).find((status) => status === session.status) ?? 'open',
    customerId,
    metadata: session.metadata ?? {},
    expiresAt: new Date(session.expires_at * 1000).toISOString(),
    ...(setupIntent && setupIntent.status === 'succeeded' ? { setupIntentId: setupIntent.id } : {}),
    ...(setupIntent?.status === 'succeeded' && paymentMethodId ? { paymentMethodId } : {}),
    ...(setupIntent?.status === 'succeeded' && method ? { savedAt: new Date(method.created * 1000).toISOString() } : {}),
    ...(shipping ? { shipping: { name: shipping.name, address: addressOf(shipping.address) } } : {}),
  };
}

function addressOf(address: Stripe.Address): NonNullable<CardSetup['shipping']>['address'] {
  return {
    line1: address.line1 ?? '',
    line2: address.line2 ?? null,
    city: address.city ?? '',
    state: address.state ?? null,
    postal_code: address.postal_code ?? '',
    country: address.country ?? '',
  };
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id);

/** What Stripe's error says of a refused off-session charge, in Stripe's own fields. */
export interface CardRefusal {
  code?: string;
  decline_code?: string;
  message: string;
  payment_intent?: { id: string };
}

/**
 * A refused off-session charge: the bank wants the buyer when either Stripe's `code` or the
 * bank's `decline_code` says `authentication_required` (Stripe sends it under `card_declined`
 * too); any other refusal is a decline.
 */
export function offSessionFailureOf(refusal: CardRefusal): Exclude<OffSessionCharge, { outcome: 'succeeded' | 'rate_limited' }> {
  const paymentIntentId = refusal.payment_intent?.id;
  if (!paymentIntentId) throw new Error(`Stripe refused an off-session charge without its PaymentIntent: ${refusal.message}`);
  if (refusal.code === 'authentication_required' || refusal.decline_code === 'authentication_required')
    return { outcome: 'authentication_required', paymentIntentId, message: refusal.message };
  return {
    outcome: 'declined',
    paymentIntentId,
    code: refusal.code ?? 'card_declined',
    ...(refusal.decline_code ? { declineCode: refusal.decline_code } : {}),
    message: refusal.message,
  };
}

/** How Stripe left an intent asked to cancel: cancelled, paid (with its charge), or in a status it would not cancel from. */
function afterCancelOf(intent: Stripe.PaymentIntent): IntentAfterCancel {
  if (intent.status === 'canceled') return { status: 'canceled' };
  const charge = intent.latest_charge;
  if (intent.status === 'succeeded' && charge) return { status: 'succeeded', chargeId: typeof charge === 'string' ? charge : charge.id };
  return { status: 'other', stripeStatus: intent.status };
}
