/**
 * @module stripe/off-session-world
 * Saved cards charged while the buyer is away, as the local Stripe does it: one PaymentIntent
 * per key (`off_session`, confirmed at once) on a card saved on the customer, which succeeds
 * with its charge, or is left `requires_payment_method` with Stripe's `card_error` as its
 * `last_payment_error` (test-cards says which card does what). The first attempt sends
 * `payment_intent.succeeded` or `payment_intent.payment_failed`; a replay of the key answers
 * the same PaymentIntent and sends nothing. With a rate limit (`writesPerSecond`), creations
 * past it in a second are refused before anything is done, so the same key goes
 * through later. With `off_session` Stripe never leaves the intent `requires_action`, so no
 * `payment_intent.requires_action` is sent.
 */
import { PaymentRefused } from '../../errors';
import { log } from '../../log';
import type { IntentAfterCancel, OffSessionCharge, OffSessionChargeRequest, Transaction } from '../../ports';
import { assertCents, chargeOf, clientSecretOf, collections, docIn, isLiveCustomer, newId, type LocalPaymentIntent } from './objects';
import { keepCharge } from './money-moves';
import { assertChargeable } from './charge-limits';
import { StripeSavedCardWorld } from './saved-card-world';
import { offSessionOutcome, type TestCardKind } from './test-cards';
import { EventNotDelivered, type SimulatedChange } from './world';

/** A PaymentIntent as `GET /_local/stripe/payment-intents` lists it: whether it was made off session beside Stripe's fields. */
export type ListedPaymentIntent = LocalPaymentIntent & { off_session: boolean };

export class StripeOffSessionWorld extends StripeSavedCardWorld {
  async chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionCharge> {
    const intent = await this.offSessionPayment(request);
    return intent === 'rate_limited' ? { outcome: 'rate_limited' } : offSessionChargeOf(intent);
  }

  /** The PaymentIntent this request makes (or made, under its key), or `rate_limited` when Stripe's limiter refuses it first. */
  async offSessionPayment(request: OffSessionChargeRequest): Promise<LocalPaymentIntent | 'rate_limited'> {
    assertCents(request.amountCents);
    // Stripe's limiter answers before the request is read: a refused one is not validated either.
    if (!this.writeAllowed()) return 'rate_limited';
    assertChargeable(request.amountCents, request.currency, 'payment');
    let made: LocalPaymentIntent | undefined;
    const intent = await this.createOnce<LocalPaymentIntent>(
      collections.paymentIntents,
      request.idempotencyKey,
      ['payment_intents.create', request],
      async (tx, sequence) => {
        const card = await savedCardOf(tx, request);
        const now = this.nowSeconds();
        const charged = offSessionIntent(request, card, now);
        // A card that takes the charge has it made now, with its balance transaction, as a Checkout payment's.
        const intent =
          charged.status === 'succeeded' ? { ...charged, latest_charge: keepCharge(tx, chargeOf(charged, now), sequence, sequence, now).id } : charged;
        made = intent;
        return { sequence, offSession: true, stripe: intent };
      },
    );
    // Only the attempt that made it sends its event; a transaction retried after another call made it did not.
    if (made && made.id === intent.id) await this.announce(intent);
    return intent;
  }

  /**
   * Stripe cancels a PaymentIntent only in one of its waiting statuses (here, as the local
   * Stripe makes them: `requires_payment_method`, `requires_action`); `payment_intent.canceled` is sent. One that
   * succeeded, is processing or is cancelled already is `unchanged`: the served API refuses it.
   */
  cancelIntent(paymentIntentId: string, reason: LocalPaymentIntent['cancellation_reason'] = 'abandoned'): Promise<SimulatedChange<LocalPaymentIntent>> {
    this.takeWrite();
    return this.change<LocalPaymentIntent>(docIn(collections.paymentIntents, paymentIntentId), 'payment_intent.canceled', (intent) =>
      intent.status === 'requires_payment_method' || intent.status === 'requires_action'
        ? { ...intent, status: 'canceled', next_action: null, canceled_at: this.nowSeconds(), cancellation_reason: reason }
        : undefined,
    );
  }

  /** The port's face: cancelled, or left as it is (a buyer who paid first keeps their payment), and how it stands. */
  async cancelPaymentIntent(paymentIntentId: string): Promise<IntentAfterCancel> {
    if ((await this.cancelIntent(paymentIntentId)).result === 'unknown')
      throw new PaymentRefused(`No such payment_intent: '${paymentIntentId}'`, { stripeCode: 'resource_missing' });
    const intent = (await this.options.store.get(docIn(collections.paymentIntents, paymentIntentId)))?.stripe;
    if (intent?.status === 'canceled') return { status: 'canceled' };
    if (intent?.status === 'succeeded' && intent.latest_charge) return { status: 'succeeded', chargeId: intent.latest_charge };
    return { status: 'other', stripeStatus: intent?.status ?? 'unknown' };
  }

  /** Stripe's search, for the one query form C500 sends: the PaymentIntents whose `metadata[key]` is `value`, newest first. */
  async searchPaymentIntents(key: string, value: string): Promise<LocalPaymentIntent[]> {
    const rows = await this.options.store.query(collections.paymentIntents, { orderBy: [['sequence', 'desc']] });
    return rows.map(({ data }) => data.stripe).filter((intent) => intent.metadata[key] === value);
  }

  async findPledgeCharge(pledgeId: string): Promise<OffSessionCharge | undefined> {
    return pledgeChargeOf(await this.searchPaymentIntents('pledge_id', pledgeId));
  }

  /** Every PaymentIntent (or the newest `limit`), newest first: Checkout's and those made off session. */
  async listPaymentIntents(limit?: number): Promise<ListedPaymentIntent[]> {
    const rows = limit
      ? await this.options.store.query(collections.paymentIntents, { orderBy: [['sequence', 'desc']], limit: limit })
      : await this.options.store.query(collections.paymentIntents, { orderBy: [['sequence', 'desc']] });
    return rows.map(({ data }) => ({ ...data.stripe, off_session: data.offSession ?? false }));
  }

  /**
   * Stripe's answer to the create never waits on its webhooks: an event the endpoint did not
   * take is logged, and the local runtime's sender goes on sending it (redelivery).
   */
  private async announce(intent: LocalPaymentIntent): Promise<void> {
    const type = intent.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
    try {
      await this.send(type, intent);
    } catch (error) {
      if (!(error instanceof EventNotDelivered)) throw error;
      log.warn('the local Stripe’s webhook did not take an off-session payment’s event', { type, paymentIntentId: intent.id, error: error.message });
    }
  }
}

/** The card to charge: a saved card of this very customer, as Stripe refuses any other. */
async function savedCardOf(tx: Transaction, request: OffSessionChargeRequest): Promise<TestCardKind> {
  const [customer, card] = [
    await tx.get(docIn(collections.customers, request.customerId)),
    await tx.get(docIn(collections.paymentMethods, request.paymentMethodId)),
  ];
  if (!isLiveCustomer(customer)) throw new PaymentRefused(`No such customer: '${request.customerId}'`, { stripeCode: 'resource_missing' });
  if (!card) throw new PaymentRefused(`No such PaymentMethod: '${request.paymentMethodId}'`, { stripeCode: 'resource_missing' });
  if (card.stripe.customer !== request.customerId)
    throw new PaymentRefused(`PaymentMethod ${request.paymentMethodId} is saved on another customer than ${request.customerId}`);
  return card.card ?? 'works';
}

/** The PaymentIntent of an off-session charge of `card`, before its charge is made: succeeded, or refused with the card's error. */
function offSessionIntent(request: OffSessionChargeRequest, card: TestCardKind, now: number): LocalPaymentIntent {
  const outcome = offSessionOutcome(card);
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    amount: request.amountCents,
    currency: request.currency,
    status: outcome.status,
    latest_charge: null,
    transfer_group: request.transferGroup ?? null,
    metadata: request.metadata,
    created: now,
    customer: request.customerId,
    payment_method: request.paymentMethodId,
    last_payment_error: outcome.status === 'succeeded' ? null : outcome.error,
    canceled_at: null,
    cancellation_reason: null,
    client_secret: clientSecretOf(id),
    next_action: null,
  };
}

/** Of a pledge's PaymentIntents (newest first), the one that charged it, else the newest refused one; none when all were cancelled. */
export function pledgeChargeOf(intents: readonly LocalPaymentIntent[]): OffSessionCharge | undefined {
  const chosen = intents.find((p) => p.status === 'succeeded') ?? intents.find((p) => p.status === 'requires_payment_method' || p.status === 'requires_action');
  return chosen && offSessionChargeOf(chosen);
}

/** What the port answers for a PaymentIntent made off session. */
export function offSessionChargeOf(intent: LocalPaymentIntent): OffSessionCharge {
  if (intent.status === 'succeeded' && intent.latest_charge) return { outcome: 'succeeded', paymentIntentId: intent.id, chargeId: intent.latest_charge };
  const error = intent.last_payment_error;
  if (!error) throw new Error(`payment ${intent.id} is ${intent.status} without a payment error`);
  if (error.code === 'authentication_required') return { outcome: 'authentication_required', paymentIntentId: intent.id, message: error.message };
  return {
    outcome: 'declined',
    paymentIntentId: intent.id,
    code: error.code,
    ...(error.decline_code ? { declineCode: error.decline_code } : {}),
    message: error.message,
  };
}
