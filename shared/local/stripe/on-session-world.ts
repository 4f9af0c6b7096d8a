/**
 * @module stripe/on-session-world
 * A PaymentIntent confirmed again with its buyer there (Stripe's recovery of an off-session
 * payment that needed them: the same PaymentIntent, never a second one). The buyer's browser
 * confirms it with the intent's `client_secret` (Stripe.js), or the server with its secret key,
 * which needs none but is refused one that is not the intent's own. Stripe confirms only an
 * intent still waiting for its buyer (`requires_payment_method` here): one that succeeded, is
 * processing or is cancelled is refused with `payment_intent_unexpected_state`, and nothing moves.
 *
 * The card is the intent's saved one, another card saved on the same customer, or a test card
 * typed in now. A card that demands authentication: confirmed from the browser, Stripe.js runs
 * the 3-D Secure step in the page (here it passes at once, as the checkout page's does);
 * confirmed by the server, the intent is `requires_action` and its `next_action` sends the buyer
 * to Stripe's authentication page (`redirect_to_url`, given a `return_url`), which the local
 * Stripe serves at `/_local/stripe/payment-intents/<id>/authenticate`. A declined card is
 * declined again and the intent waits on. Each charge or refusal sends `payment_intent.succeeded`
 * or `payment_intent.payment_failed`, as Stripe does; `requires_action` sends
 * `payment_intent.requires_action`.
 */
import { timingSafeEqual } from 'node:crypto';
import { PaymentRefused } from '../../errors';
import type { OnSessionConfirmRequest, OnSessionPayment, Transaction } from '../../ports';
import { chargeOf, collections, docIn, newId, sequencePath, type LocalPaymentIntent } from './objects';
import { keepCharge } from './money-moves';
import { StripeOffSessionWorld } from './off-session-world';
import { offSessionOutcome, paysOnSession, type TestCardKind } from './test-cards';

/** What confirms it: the browser's secret (none with the secret key), and the card, when another than the intent's own. */
export interface OnSessionConfirmation {
  clientSecret?: string;
  /** A card saved on the intent's customer. */
  paymentMethodId?: string;
  /** A card typed in on the page now (the local Stripe's test cards). */
  card?: TestCardKind;
  /** Where Stripe's authentication page sends the buyer back (a server-side confirm's `return_url`). */
  returnUrl?: string;
}

/** Stripe's answer: the intent as it now stands (succeeded, or declined and waiting), or why it refused the request. */
export type OnSessionAnswer =
  { result: 'confirmed'; intent: LocalPaymentIntent } | { result: 'refused'; status: 400 | 404; message: string; code: string; param?: string };

export class StripeOnSessionWorld extends StripeOffSessionWorld {
  /** One PaymentIntent as it stands, or undefined. */
  async paymentIntent(paymentIntentId: string): Promise<LocalPaymentIntent | undefined> {
    return (await this.options.store.get(docIn(collections.paymentIntents, paymentIntentId)))?.stripe;
  }

  async confirmIntent(paymentIntentId: string, confirmation: OnSessionConfirmation, counted = true): Promise<OnSessionAnswer> {
    if (counted) this.takeWrite();
    const now = this.nowSeconds();
    const answer = await this.options.store.runTransaction(async (tx): Promise<OnSessionAnswer> => {
      const stored = await tx.get(docIn(collections.paymentIntents, paymentIntentId));
      if (!stored) return refusal(404, `No such payment_intent: '${paymentIntentId}'`, 'resource_missing', 'intent');
      const intent = stored.stripe;
      const refused = confirmRefusal(intent, confirmation.clientSecret);
      if (refused) return refused;
      const card = await cardOf(tx, intent, confirmation);
      if ('result' in card) return card;
      const confirmed =
        card.kind === 'authentication_required' && confirmation.clientSecret === undefined
          ? this.awaitingAuthentication(intent, card.paymentMethodId, confirmation.returnUrl)
          : await this.attempt(tx, intent, card.kind, card.paymentMethodId, now);
      tx.set(docIn(collections.paymentIntents, paymentIntentId), { ...stored, stripe: confirmed });
      return { result: 'confirmed', intent: confirmed };
    });
    if (answer.result === 'confirmed') await this.send(eventOf(answer.intent), answer.intent);
    return answer;
  }

  /**
   * The buyer on Stripe's authentication page: `complete` charges the intent, `fail` leaves it
   * waiting for a payment method with Stripe's `payment_intent_authentication_failure`. Answers
   * the intent and where the buyer goes back to; undefined for an intent not waiting on this.
   */
  async authenticate(paymentIntentId: string, outcome: 'complete' | 'fail'): Promise<{ intent: LocalPaymentIntent; returnUrl: string } | undefined> {
    const now = this.nowSeconds();
    const done = await this.options.store.runTransaction(async (tx) => {
      const stored = await tx.get(docIn(collections.paymentIntents, paymentIntentId));
      const action = stored?.stripe.next_action;
      if (stored?.stripe.status !== 'requires_action' || action?.type !== 'redirect_to_url') return undefined;
      const intent = { ...stored.stripe, next_action: null };
      const after =
        outcome === 'complete'
          ? await this.attempt(tx, intent, 'works', intent.payment_method ?? newId('pm'), now)
          : { ...intent, status: 'requires_payment_method' as const, last_payment_error: authenticationFailure };
      tx.set(docIn(collections.paymentIntents, paymentIntentId), { ...stored, stripe: after });
      return { intent: after, returnUrl: returnedTo(action.redirect_to_url.return_url, after) };
    });
    if (done) await this.send(eventOf(done.intent), done.intent);
    return done;
  }

  /** Confirmed by the server on a card that demands authentication: the buyer must pass Stripe's step first. */
  private awaitingAuthentication(intent: LocalPaymentIntent, paymentMethodId: string, returnUrl: string | undefined): LocalPaymentIntent {
    const url = `${this.options.baseUrl}/_local/stripe/payment-intents/${intent.id}/authenticate`;
    return {
      ...intent,
      status: 'requires_action',
      payment_method: paymentMethodId,
      next_action: returnUrl ? { type: 'redirect_to_url', redirect_to_url: { url, return_url: returnUrl } } : { type: 'use_stripe_sdk', use_stripe_sdk: {} },
    };
  }

  /** The port's face (the in-process fake's): a server-side confirm on the intent's saved card, as the stripe-node adapter answers it. */
  async confirmOnSession(request: OnSessionConfirmRequest): Promise<OnSessionPayment> {
    if (!this.writeAllowed()) return { outcome: 'rate_limited' };
    const confirmation = { returnUrl: request.returnUrl, ...(request.paymentMethodId ? { paymentMethodId: request.paymentMethodId } : {}) };
    const answer = await this.confirmIntent(request.paymentIntentId, confirmation, false);
    const { paymentIntentId } = request;
    if (answer.result === 'refused') {
      if (answer.code !== 'payment_intent_unexpected_state') throw new PaymentRefused(answer.message, { stripeCode: answer.code });
      return { outcome: 'ended', paymentIntentId, status: (await this.paymentIntent(paymentIntentId))?.status ?? 'unknown' };
    }
    const { intent } = answer;
    if (intent.status === 'succeeded' && intent.latest_charge) return { outcome: 'succeeded', paymentIntentId, chargeId: intent.latest_charge };
    if (intent.next_action?.type === 'redirect_to_url')
      return { outcome: 'requires_action', paymentIntentId, redirectUrl: intent.next_action.redirect_to_url.url };
    const error = intent.last_payment_error;
    return {
      outcome: 'declined',
      paymentIntentId,
      code: error?.code ?? 'card_declined',
      ...(error?.decline_code ? { declineCode: error.decline_code } : {}),
      message: error?.message ?? 'Your card was declined.',
    };
  }

  /** One attempt with the buyer there: charged (its charge and balance line kept), or declined with the card's error. */
  private async attempt(tx: Transaction, intent: LocalPaymentIntent, card: TestCardKind, paymentMethodId: string, now: number): Promise<LocalPaymentIntent> {
    if (!paysOnSession(card)) {
      const outcome = offSessionOutcome(card);
      return { ...intent, payment_method: paymentMethodId, last_payment_error: outcome.status === 'succeeded' ? null : outcome.error };
    }
    const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
    tx.set(sequencePath, { value: sequence });
    const succeeded: LocalPaymentIntent = { ...intent, status: 'succeeded', payment_method: paymentMethodId, last_payment_error: null, next_action: null };
    return { ...succeeded, latest_charge: keepCharge(tx, chargeOf(succeeded, now), sequence, sequence, now).id };
  }
}

/** Why Stripe refuses to confirm this intent with this secret, if it does: a secret not its own, or a status past waiting. */
export function confirmRefusal(intent: LocalPaymentIntent, clientSecret: string | undefined): Extract<OnSessionAnswer, { result: 'refused' }> | undefined {
  if (clientSecret !== undefined && !sameSecret(intent.client_secret, clientSecret))
    return refusal(
      400,
      'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
      'payment_intent_invalid_parameter',
      'client_secret',
    );
  if (intent.status === 'succeeded')
    return refusal(
      400,
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
      'payment_intent_unexpected_state',
    );
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_action')
    return refusal(
      400,
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
      'payment_intent_unexpected_state',
    );
  return undefined;
}

/** The card this attempt pays with, or Stripe's refusal of one that is not the customer's. */
async function cardOf(
  tx: Transaction,
  intent: LocalPaymentIntent,
  confirmation: OnSessionConfirmation,
): Promise<{ kind: TestCardKind; paymentMethodId: string } | Extract<OnSessionAnswer, { result: 'refused' }>> {
  // A card typed in now is a new PaymentMethod of the attempt's own.
  if (confirmation.card) return { kind: confirmation.card, paymentMethodId: newId('pm') };
  const paymentMethodId = confirmation.paymentMethodId ?? intent.payment_method;
  if (!paymentMethodId)
    return refusal(400, 'You cannot confirm this PaymentIntent because it’s missing a payment method.', 'payment_intent_unexpected_state', 'payment_method');
  const saved = await tx.get(docIn(collections.paymentMethods, paymentMethodId));
  if (!saved) return refusal(404, `No such PaymentMethod: '${paymentMethodId}'`, 'resource_missing', 'payment_method');
  // A card detached from its customer (or never attached) cannot pay again: Stripe refuses it as such.
  if (!saved.stripe.customer)
    return refusal(
      400,
      'The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      'payment_intent_invalid_parameter',
      'payment_method',
    );
  if (saved.stripe.customer !== intent.customer)
    return refusal(
      400,
      `The PaymentMethod ${paymentMethodId} does not belong to the Customer of this PaymentIntent.`,
      'payment_intent_invalid_parameter',
      'payment_method',
    );
  return { kind: saved.card ?? 'works', paymentMethodId };
}

const eventOf = (intent: LocalPaymentIntent): string =>
  intent.status === 'succeeded'
    ? 'payment_intent.succeeded'
    : intent.status === 'requires_action'
      ? 'payment_intent.requires_action'
      : 'payment_intent.payment_failed';

/**
 * Where Stripe sends the buyer back: the `return_url` with the intent's id, its client secret
 * and how the step went appended, as Stripe appends them (the page must read the intent's true
 * state, never these).
 */
function returnedTo(returnUrl: string, intent: LocalPaymentIntent): string {
  const url = new URL(returnUrl);
  url.searchParams.append('payment_intent', intent.id);
  if (intent.client_secret) url.searchParams.append('payment_intent_client_secret', intent.client_secret);
  url.searchParams.append('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
  return url.toString();
}

/** Stripe's error when the buyer failed (or abandoned) the bank's authentication. */
const authenticationFailure = {
  type: 'card_error' as const,
  code: 'payment_intent_authentication_failure',
  message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
  doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
};

function refusal(status: 400 | 404, message: string, code: string, param?: string): Extract<OnSessionAnswer, { result: 'refused' }> {
  return { result: 'refused', status, message, code, ...(param ? { param } : {}) };
}

/** Compared in constant time: the secret is what lets a browser confirm. */
function sameSecret(kept: string | null, given: string): boolean {
  if (kept === null || kept === undefined) return false;
  const [left, right] = [Buffer.from(kept, 'utf8'), Buffer.from(given, 'utf8')];
  return left.length === right.length && timingSafeEqual(left, right);
}
