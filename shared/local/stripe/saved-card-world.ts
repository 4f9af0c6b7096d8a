/**
 * @module stripe/saved-card-world
 * Cards saved for later, as the local Stripe does it: customers (made once per key), Checkout
 * in `setup` mode (opened for a customer, read back), and the hosted page's step, where the
 * buyer saves one of the test cards (test-cards) and gives an address if asked:
 * `setup_intent.succeeded` and `checkout.session.completed` are sent. A payment-mode page
 * takes the same cards on session: the buyer authenticates there, and only the declined card
 * is refused.
 */
import { stripeRefusesExpiry } from '../../payments';
import { PaymentRefused } from '../../errors';
import type { CardSetup, CardSetupRequest, CheckoutSession, CustomerRequest } from '../../ports';
import { collections, docIn, isLiveCustomer, newId, type LocalCheckoutSession, type LocalCustomer, type LocalDeletedCustomer } from './objects';
import { StripePayoutWorld } from './payout-world';
import { nextSequence } from './money-moves';
import { buyerShippingRefusal, defaultBuyer, type BuyerShipping } from './shipping';
import { openSetupSession, saveCardOn, setupRequestProblem } from './setup-sessions';
import { paysOnSession, type TestCardKind } from './test-cards';
import { EventNotDelivered, ShippingRefused, type LocalPaymentMethod, type SimulatedChange } from './world';

/** What Stripe's page would not take: a declined card paying on session (402), a bank debit on a card-only setup page (400). Nothing changed. */
export class PageRefused extends Error {
  override name = 'PageRefused';
  constructor(
    readonly status: 400 | 402,
    message: string,
  ) {
    super(message);
  }
}

type SaveStep = SimulatedChange<LocalCheckoutSession> & { events?: Array<[string, Record<string, unknown>]> };

export class StripeSavedCardWorld extends StripePayoutWorld {
  async createCustomer(request: CustomerRequest): Promise<{ customerId: string }> {
    this.takeWrite();
    const customer = await this.createOnce<LocalCustomer | LocalDeletedCustomer>(
      collections.customers,
      request.idempotencyKey,
      ['customers.create', request],
      async (_tx, sequence) => ({
        sequence,
        stripe: {
          id: newId('cus'),
          object: 'customer',
          email: request.email ?? null,
          name: request.name ?? null,
          metadata: request.metadata,
          created: this.nowSeconds(),
          livemode: false,
        },
      }),
    );
    return { customerId: customer.id };
  }

  async createCardSetupSession(request: CardSetupRequest): Promise<CheckoutSession> {
    this.takeWrite();
    // Refused as Stripe refuses them, before anything is kept under the key.
    const problem = setupRequestProblem(request);
    if (problem) throw new PaymentRefused(problem);
    const session = await this.createOnce<LocalCheckoutSession>(
      collections.sessions,
      request.idempotencyKey,
      ['checkout.sessions.create', request],
      async (tx, sequence) => {
        if (!isLiveCustomer(await tx.get(docIn(collections.customers, request.customerId))))
          throw new PaymentRefused(`No such customer: '${request.customerId}'`, { stripeCode: 'resource_missing' });
        const refused = stripeRefusesExpiry(Math.floor(request.expiresAt.getTime() / 1000), this.nowSeconds());
        if (refused) throw new PaymentRefused(refused);
        const stripe = openSetupSession(request, this.nowSeconds(), (id) => this.checkoutUrl(id));
        return { sequence, setupIntentData: { metadata: request.metadata }, stripe };
      },
    );
    return { sessionId: session.id, url: this.checkoutUrl(session.id), expiresAt: new Date(session.expires_at * 1000).toISOString() };
  }

  async readCardSetup(sessionId: string): Promise<CardSetup> {
    const stored = await this.options.store.get(docIn(collections.sessions, sessionId));
    if (!stored) throw new PaymentRefused(`No such checkout.session: '${sessionId}'`, { stripeCode: 'resource_missing' });
    const session = stored.stripe;
    if (session.mode !== 'setup' || !session.customer) throw new PaymentRefused(`checkout session ${sessionId} is not in setup mode`);
    const intent = session.setup_intent ? await this.options.store.get(docIn(collections.setupIntents, session.setup_intent)) : undefined;
    const method = intent ? await this.options.store.get(docIn(collections.paymentMethods, intent.stripe.payment_method)) : undefined;
    const shipping = session.collected_information?.shipping_details;
    return {
      sessionId,
      status: session.status,
      customerId: session.customer,
      metadata: session.metadata,
      expiresAt: new Date(session.expires_at * 1000).toISOString(),
      ...(intent ? { setupIntentId: intent.stripe.id, paymentMethodId: intent.stripe.payment_method } : {}),
      ...(method ? { savedAt: new Date(method.stripe.created * 1000).toISOString() } : {}),
      ...(shipping ? { shipping } : {}),
    };
  }

  /**
   * The buyer on the hosted page. A setup-mode session saves `card` (see saveCard). A
   * payment-mode one is paid as before, the buyer authenticating there if the card asks;
   * a declined card is refused on the page and the session stays open.
   */
  override async paySession(
    sessionId: string,
    method: LocalPaymentMethod = 'card',
    shipping?: BuyerShipping,
    card: TestCardKind = 'works',
  ): Promise<SimulatedChange<LocalCheckoutSession>> {
    const found = await this.options.store.get(docIn(collections.sessions, sessionId));
    if (found?.stripe.mode === 'setup') {
      if (method !== 'card') throw new PageRefused(400, 'this checkout saves a card for later: it takes no bank debit');
      return this.saveCard(sessionId, card, shipping);
    }
    if (method === 'card' && found?.stripe.status === 'open' && !paysOnSession(card)) throw new PageRefused(402, 'Your card was declined.');
    return super.paySession(sessionId, method, shipping);
  }

  /**
   * The buyer saves a card on a setup-mode page: the card on the customer, a `succeeded`
   * SetupIntent, the session complete (with the address, if it asked), then
   * `setup_intent.succeeded` and `checkout.session.completed`. Too late, it expires instead.
   */
  async saveCard(sessionId: string, card: TestCardKind, shipping?: BuyerShipping): Promise<SimulatedChange<LocalCheckoutSession>> {
    const now = this.nowSeconds();
    const step = await this.options.store.runTransaction(async (tx): Promise<SaveStep> => {
      const path = docIn(collections.sessions, sessionId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      if (stored.stripe.status !== 'open') return { result: 'unchanged', object: stored.stripe };
      if (now >= stored.stripe.expires_at) {
        const expired: LocalCheckoutSession = { ...stored.stripe, status: 'expired', url: null };
        tx.set(path, { ...stored, stripe: expired });
        return { result: 'unchanged', object: expired, events: [['checkout.session.expired', expired]] };
      }
      const refused = shipping && buyerShippingRefusal(stored, shipping);
      if (refused) throw new ShippingRefused(refused);
      const address = stored.stripe.shipping_address_collection ? (shipping ?? defaultBuyer(stored)).details : undefined;
      const saved = saveCardOn(stored, card, address, now);
      const sequence = await nextSequence(tx);
      tx.set(docIn(collections.paymentMethods, saved.paymentMethod.id), { stripe: saved.paymentMethod, sequence, card });
      tx.set(docIn(collections.setupIntents, saved.setupIntent.id), { stripe: saved.setupIntent, sequence });
      tx.set(path, { ...stored, stripe: saved.session });
      const events: SaveStep['events'] = [
        ['setup_intent.succeeded', saved.setupIntent],
        ['checkout.session.completed', saved.session],
      ];
      return { result: 'changed', object: saved.session, events };
    });
    await this.sendEach(step.events ?? []);
    return step.result === 'unknown' ? step : { result: step.result, object: step.object };
  }

  /** Each event in turn, every one tried even when one is not taken; the first refusal is then reported. */
  protected async sendEach(events: Array<[string, Record<string, unknown>]>): Promise<void> {
    let refused: EventNotDelivered | undefined;
    for (const [type, object] of events) {
      try {
        await this.send(type, object);
      } catch (error) {
        if (!(error instanceof EventNotDelivered)) throw error;
        refused ??= error;
      }
    }
    if (refused) throw refused;
  }
}
