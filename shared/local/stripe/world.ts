/**
 * @module stripe/world
 * The local Stripe simulator's world: its kept objects (objects.ts) and what happens
 * to them that our code never asks for, made to happen as the buyer, the builder or the
 * dashboard would: a session paid or let expire, a bank debit settling, a refund, an
 * onboarding finished, a Payment Link opened. Each step sends the webhook event Stripe
 * would (through `sendEvent`, which signs and posts it to the real ingress). The port's
 * fake (payments.ts) builds on it, so what our use cases create through the port is
 * what the simulator's pages and the tests then pay, refund and list.
 */
import { fingerprintOf } from './api-call';
import { randomBytes } from 'node:crypto';
import { PaymentRefused } from '../../errors';
import { docPath, type Clock, type CollectionPath, type DocPath, type DocumentStore, type Transaction } from '../../ports';
import { checkoutSuccessUrl } from '../../common';
import {
  assertCents,
  chargeOf,
  closed,
  collections,
  docIn,
  newId,
  openSession,
  paymentIntentOf,
  sequencePath,
  type LocalAccount,
  type LocalCheckoutSession,
  type LocalRefund,
  type LocalTransfer,
  type LocalTransferReversal,
  type SessionFields,
  type Stored,
} from './objects';
import { buyerShippingRefusal, shippedSession, type BuyerShipping } from './shipping';
import { accountRevoked, keepCharge, nextSequence } from './money-moves';
import { PerSecondLimit, StripeRateLimited, type StripeRateLimits } from './per-second-limit';
import { assertChargeable } from './charge-limits';
import type { WebhookHold, WebhookHoldKind } from './webhook-hold';
import type { SentStripeEvent, SentStripeEvents } from './sent-events';
/** A refusal Stripe keeps under the request's key and replays for a day: its words and its `code`, if it has one. */
export type KeptRefusal = { refused: string; code?: string };

/** Sends one event; `account` names the connected account a Connect event is about (it then goes to the Connect endpoint). */
export type SendStripeEvent = (type: string, object: Record<string, unknown>, account?: string) => Promise<void>;

export interface LocalPaymentsOptions extends StripeRateLimits {
  store: DocumentStore;
  /** Where the local runtime is reached: checkout and onboarding links point there. */
  baseUrl: string;
  clock: Clock;
  sendEvent: SendStripeEvent;
  /** Where the events `sendEvent` sends are listed (`GET /_local/stripe/events`). */
  sentEvents?: SentStripeEvents;
  /** The platform account's country (C500_PLATFORM_COUNTRY): other countries need the recipient agreement. */
  platformCountry?: string;
  /** A test's switch holding webhook events back (`POST /_local/stripe/webhooks/hold`); none, and they are never held. */
  webhookHold?: WebhookHold;
}

/**
 * How the buyer pays: `card` settles at once; `bank-debit` is a delayed method (ACH, SEPA,
 * Bacs…): the session completes unpaid and the debit succeeds or fails days later.
 */
export type LocalPaymentMethod = 'card' | 'bank-debit';
export const localPaymentMethods: readonly LocalPaymentMethod[] = ['card', 'bank-debit'];

/** What became of a delayed method's debit. */
export type DelayedOutcome = 'succeeded' | 'failed';

/** How a simulated step went: `unchanged` when the object was not in a state that allows it. */
export type SimulatedChange<T> = { result: 'changed'; object: T } | { result: 'unchanged'; object: T } | { result: 'unknown' };

/** The buyer's address or option is one Stripe's page would not take (a country the session does not ship to): nothing changed. */
export class ShippingRefused extends Error {
  override name = 'ShippingRefused';
}

/** The state changed, but the webhook did not take the event (the ingress answered non-2xx). */
export class EventNotDelivered extends Error {
  constructor(
    readonly eventType: string,
    readonly object: Record<string, unknown>,
    options: { cause: unknown },
  ) {
    super(`the Stripe webhook did not take ${eventType}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'EventNotDelivered';
  }
}

/**
 * Stripe's state in the document store and the steps the simulator takes in it. Its
 * internals (idempotent creation, a change and its event) are the port's fake's too.
 */
export class StripeWorld {
  /** Stripe's limiter on writes, when one is set (per-second-limit). */
  private readonly writeLimit: PerSecondLimit | undefined;

  constructor(protected readonly options: LocalPaymentsOptions) {
    this.writeLimit = options.writesPerSecond ? new PerSecondLimit(options.writesPerSecond) : undefined;
  }

  /** One write, as Stripe's limiter counts it: past the limit in this second, refused (StripeRateLimited) before anything is done. */
  protected takeWrite(): void {
    if (!this.writeAllowed()) throw new StripeRateLimited();
  }

  /** Whether one more write fits in this second (and, if it does, counts it). */
  protected writeAllowed(): boolean {
    return this.writeLimit?.take(this.options.clock.now().getTime()) ?? true;
  }

  // ---- what the simulator's routes do, as the buyer, the builder or the dashboard would ----

  /** Newest first, each shipping option's rate expanded (as `expand[]=shipping_options.shipping_rate` answers): its name, amount and delivery estimate. */
  async listSessions(): Promise<LocalCheckoutSession[]> {
    const rows = await this.options.store.query(collections.sessions, { orderBy: [['sequence', 'desc']] });
    return rows.map(({ data }) => ({
      ...data.stripe,
      shipping_options: data.stripe.shipping_options.map((option) => ({
        ...option,
        shipping_rate: data.shippingRates?.find((rate) => rate.id === option.shipping_rate) ?? option.shipping_rate,
      })),
    }));
  }

  async listAccounts(): Promise<LocalAccount[]> {
    return this.list<LocalAccount>(collections.accounts);
  }

  async listReversals(): Promise<LocalTransferReversal[]> {
    return this.list<LocalTransferReversal>(collections.reversals);
  }

  /** The refunds our code asked for, newest first. */
  async listRefunds(): Promise<LocalRefund[]> {
    return this.list<LocalRefund>(collections.refunds);
  }

  /** The builder's money leaves for their bank: nothing is left on the account for a reversal. */
  async payOutBalance(accountId: string): Promise<void> {
    await this.options.store.update(docIn(collections.accounts, accountId), { balance: 0 });
  }

  /** The events sent so far, oldest first (`GET /_local/stripe/events`). */
  /** Holds webhook events (every one, or one kind's) back for `ms` of the local clock; when they will go out, or undefined when this Stripe cannot hold them. */
  holdWebhooks(ms: number, kind: WebhookHoldKind | 'all' = 'all'): string | undefined {
    this.options.webhookHold?.holdUntil(this.options.clock.now().getTime() + ms, kind);
    return this.options.webhookHold?.heldUntil;
  }

  sentEvents(): SentStripeEvent[] {
    return this.options.sentEvents?.list() ?? [];
  }

  async listTransfers(): Promise<LocalTransfer[]> {
    return this.list<LocalTransfer>(collections.transfers);
  }

  async session(sessionId: string): Promise<{ session: LocalCheckoutSession; imageUrl?: string } | undefined> {
    const stored = await this.options.store.get(docIn(collections.sessions, sessionId));
    return stored && { session: stored.stripe, ...(stored.imageUrl ? { imageUrl: stored.imageUrl } : {}) };
  }

  /**
   * The buyer pays: the session completes and `checkout.session.completed` is sent. By card
   * it is paid, with a payment intent and a charge; by bank debit it completes unpaid, its
   * payment `processing` until `settleDelayedPayment`.
   */
  async paySession(sessionId: string, method: LocalPaymentMethod = 'card', shipping?: BuyerShipping): Promise<SimulatedChange<LocalCheckoutSession>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalCheckoutSession> & { expiredNow?: true }> => {
      const path = docIn(collections.sessions, sessionId);
      let stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      if (stored.stripe.status !== 'open') return { result: 'unchanged', object: stored.stripe };
      if (now >= stored.stripe.expires_at) {
        // Stripe would have expired it at expires_at: too late to pay.
        const expired = closed(stored.stripe, 'expired');
        tx.set(path, { ...stored, stripe: expired });
        return { result: 'unchanged', object: expired, expiredNow: true };
      }
      const refused = shipping && buyerShippingRefusal(stored, shipping);
      if (refused) throw new ShippingRefused(refused);
      // The address and the option the buyer picked on the page: the intent charges the items and the shipping.
      stored = { ...stored, stripe: shippedSession(stored, shipping) };
      const intent = paymentIntentOf(stored, newId('pi'), now);
      if (method === 'bank-debit') {
        const completed: LocalCheckoutSession = { ...closed(stored.stripe, 'complete'), payment_intent: intent.id };
        tx.set(docIn(collections.paymentIntents, intent.id), { stripe: { ...intent, status: 'processing' }, sequence: stored.sequence });
        tx.set(path, { ...stored, stripe: completed });
        return { result: 'changed', object: completed };
      }
      const sequence = await nextSequence(tx);
      const charge = chargeOf(intent, now);
      const paid: LocalCheckoutSession = { ...closed(stored.stripe, 'complete'), payment_status: 'paid', payment_intent: intent.id };
      tx.set(docIn(collections.paymentIntents, intent.id), { stripe: { ...intent, status: 'succeeded', latest_charge: charge.id }, sequence: stored.sequence });
      keepCharge(tx, charge, stored.sequence, sequence, now);
      tx.set(path, { ...stored, stripe: paid });
      return { result: 'changed', object: paid };
    });
    if (change.result === 'changed') await this.send('checkout.session.completed', change.object);
    if (change.result === 'unchanged' && change.expiredNow) await this.send('checkout.session.expired', change.object);
    return change.result === 'unknown' ? change : { result: change.result, object: change.object };
  }

  /**
   * The bank answers for a session paid by bank debit: on success the charge is made, the
   * session becomes paid and `checkout.session.async_payment_succeeded` is sent; on failure the
   * session stays complete and unpaid (Stripe never expires it) and
   * `checkout.session.async_payment_failed` is sent. Unchanged unless the debit is still processing.
   */
  async settleDelayedPayment(sessionId: string, outcome: DelayedOutcome): Promise<SimulatedChange<LocalCheckoutSession>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalCheckoutSession>> => {
      const path = docIn(collections.sessions, sessionId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      const intentPath = docIn(collections.paymentIntents, stored.stripe.payment_intent ?? '-');
      const intent = stored.stripe.payment_intent ? await tx.get(intentPath) : undefined;
      if (stored.stripe.status !== 'complete' || intent?.stripe.status !== 'processing') return { result: 'unchanged', object: stored.stripe };
      if (outcome === 'failed') {
        tx.update(intentPath, { 'stripe.status': 'requires_payment_method' });
        return { result: 'changed', object: stored.stripe };
      }
      const sequence = await nextSequence(tx);
      const charge = chargeOf(intent.stripe, now);
      const paid: LocalCheckoutSession = { ...stored.stripe, payment_status: 'paid' };
      tx.update(intentPath, { 'stripe.status': 'succeeded', 'stripe.latest_charge': charge.id });
      keepCharge(tx, charge, stored.sequence, sequence, now);
      tx.set(path, { ...stored, stripe: paid });
      return { result: 'changed', object: paid };
    });
    if (change.result === 'changed') await this.send(`checkout.session.async_payment_${outcome}`, change.object);
    return change;
  }

  /** The pay window closes: an open session expires and `checkout.session.expired` is sent. */
  expireSession(sessionId: string): Promise<SimulatedChange<LocalCheckoutSession>> {
    return this.change<LocalCheckoutSession>(docIn(collections.sessions, sessionId), 'checkout.session.expired', (session) =>
      session.status === 'open' ? closed(session, 'expired') : undefined,
    );
  }

  /**
   * A buyer opens a guild's merch Payment Link: a session that is none of our orders, naming
   * the guild in its metadata as the guild's Payment Links do. Paying it is a merch sale.
   */
  async openPaymentLink(request: {
    guildId: string;
    amountCents: number;
    currency: string;
    itemName: string;
    clientReferenceId?: string;
  }): Promise<LocalCheckoutSession> {
    assertCents(request.amountCents);
    assertChargeable(request.amountCents, request.currency, 'checkout');
    const now = this.nowSeconds();
    return this.createOnce<LocalCheckoutSession>(
      collections.sessions,
      `payment-link:${randomBytes(12).toString('hex')}`,
      ['payment_links', request],
      async (_tx, sequence) => {
        const metadata = { guild_id: request.guildId };
        return {
          sequence,
          paymentIntentData: { transfer_group: '', metadata },
          ...this.newSession({
            lines: [{ name: request.itemName, amountCents: request.amountCents }],
            currency: request.currency,
            // Stripe takes it from the link's URL (`?client_reference_id=`): the buyer can set it.
            clientReferenceId: request.clientReferenceId ?? null,
            metadata,
            expiresAt: now + 24 * 60 * 60,
            // What docs/guides/race.md tells admins to set as the Payment Link's confirmation redirect.
            successUrl: checkoutSuccessUrl(this.options.baseUrl),
            cancelUrl: `${this.options.baseUrl}/checkout/cancel`,
          }),
        };
      },
    );
  }

  /**
   * The builder finishes onboarding: the transfers capability and payouts are enabled (not
   * charges: the account never asked for card payments) and `account.updated` is sent, on
   * every visit: a builder who opens the link again gets their status re-announced.
   */
  completeOnboarding(accountId: string): Promise<SimulatedChange<LocalAccount>> {
    return this.change<LocalAccount>(docIn(collections.accounts, accountId), 'account.updated', (account) => ({
      ...account,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    }));
  }

  /** Stripe takes the transfers capability away (requirements past due, say): `account.updated` is sent. */
  restrictTransfers(accountId: string): Promise<SimulatedChange<LocalAccount>> {
    return this.change<LocalAccount>(docIn(collections.accounts, accountId), 'account.updated', (account) =>
      account.capabilities.transfers === 'inactive' ? undefined : { ...account, payouts_enabled: false, capabilities: { transfers: 'inactive' } },
    );
  }

  // ---- internals, shared with the port's fake (payments.ts) ---------------------------

  /**
   * Stripe's idempotency: the first call with a key creates the object; later calls with the key get that object
   * back, and a different request under it is an error. One transaction: two calls at once with one key make one.
   */
  protected async createOnce<T extends { id: string }>(
    collection: CollectionPath<Stored<T>>,
    key: string,
    request: unknown,
    make: (tx: Transaction, sequence: number) => Promise<Stored<T> | KeptRefusal>,
  ): Promise<T> {
    const keyPath = docIn(collections.idempotency, encodeURIComponent(key));
    const fingerprint = fingerprintOf(request);
    const outcome = await this.options.store.runTransaction(async (tx): Promise<T | KeptRefusal> => {
      const seen = await tx.get(keyPath);
      if (seen) {
        if (seen.request !== fingerprint)
          throw new Error(`Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key})`);
        if (seen.refused !== undefined || seen.path === undefined)
          return { refused: seen.refused ?? 'refused', ...(seen.refusedCode ? { code: seen.refusedCode } : {}) };
        const existing = await tx.get(docPath<Stored<T>>(seen.path));
        if (!existing) throw new Error(`idempotency key ${key} names ${seen.path}, which is gone`);
        return existing.stripe;
      }
      const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
      const stored = await make(tx, sequence);
      if ('refused' in stored) {
        tx.set(keyPath, { request: fingerprint, refused: stored.refused, ...(stored.code ? { refusedCode: stored.code } : {}) });
        return stored;
      }
      const path = docIn(collection, stored.stripe.id);
      tx.set(sequencePath, { value: sequence });
      tx.set(keyPath, { request: fingerprint, path });
      tx.set(path, stored);
      return stored.stripe;
    });
    if ('refused' in outcome) throw new PaymentRefused(outcome.refused, outcome.code ? { stripeCode: outcome.code } : undefined);
    return outcome;
  }

  protected async list<T>(collection: CollectionPath<Stored<T>>): Promise<T[]> {
    const rows = await this.options.store.query(collection, { orderBy: [['sequence', 'desc']] });
    return rows.map((row) => row.data.stripe);
  }

  protected async account(accountId: string): Promise<LocalAccount> {
    const stored = await this.options.store.get(docIn(collections.accounts, accountId));
    if (!stored) throw new Error(`No such account: '${accountId}'`);
    if (stored.deauthorized) throw accountRevoked(accountId);
    return stored.stripe;
  }

  /**
   * A change Stripe makes to one object, in a transaction, then the event it sends for it.
   * `next` answers undefined when the object is already in the state asked for.
   */
  protected async change<T extends Record<string, unknown>>(
    path: DocPath<Stored<T>>,
    eventType: string,
    next: (object: T) => T | undefined,
  ): Promise<SimulatedChange<T>> {
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<T>> => {
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      const changed = next(stored.stripe);
      if (!changed) return { result: 'unchanged', object: stored.stripe };
      tx.set(path, { ...stored, stripe: changed });
      return { result: 'changed', object: changed };
    });
    if (change.result === 'changed') await this.send(eventType, change.object);
    return change;
  }

  protected async send(type: string, object: Record<string, unknown>, account?: string): Promise<void> {
    try {
      await this.options.sendEvent(type, object, account);
    } catch (cause) {
      throw new EventNotDelivered(type, object, { cause });
    }
  }

  /** A new open session, created now, whose checkout page is the simulator's, with what Stripe keeps beside it (its shipping rates). */
  protected newSession(fields: SessionFields): Pick<Stored<LocalCheckoutSession>, 'stripe' | 'shippingRates' | 'shippingQuote'> {
    const { session, rates } = openSession(fields, this.nowSeconds(), (sessionId) => this.checkoutUrl(sessionId));
    return { stripe: session, ...(rates.length > 0 ? { shippingRates: rates } : {}), ...(fields.shipping ? { shippingQuote: fields.shipping } : {}) };
  }

  protected checkoutUrl(sessionId: string): string {
    return `${this.options.baseUrl}/_local/stripe/checkout/${sessionId}`;
  }

  protected nowSeconds(): number {
    return Math.floor(this.options.clock.now().getTime() / 1000);
  }
}
