/**
 * @module local-payments
 * The payments port without Stripe: a checkout simulator that keeps Stripe-shaped
 * accounts, Checkout Sessions, payment intents, charges and transfers in the document
 * store (`_localStripe*` collections), honours idempotency keys as Stripe does, and sends
 * the webhook events Stripe would (through `sendEvent`, which signs and posts them to
 * the real ingress). The simulator's routes pay, expire, refund and onboard through it.
 */
import { randomBytes } from 'node:crypto';
import { stripeRefusesExpiry } from '../../payments/rules/checkout-window';
import { PaymentRefused } from '../../errors';
import {
  collectionPath,
  docPath,
  type CheckoutRequest,
  type CheckoutSession,
  type Clock,
  type CollectionPath,
  type ConnectedAccountRequest,
  type ConnectedAccountStatus,
  type DocPath,
  type DocumentStore,
  type Idempotent,
  type Payments,
  type ReversalRequest,
  type Transaction,
  type TransferRequest,
} from '../../ports';
import type { ServiceAgreement } from '../../onboarding/rules/connect-account';
import { checkoutSuccessUrl } from '../../common/rules/links';

export type SendStripeEvent = (type: string, object: Record<string, unknown>) => Promise<void>;

export interface LocalPaymentsOptions {
  store: DocumentStore;
  /** Where the local runtime is reached: checkout and onboarding links point there. */
  baseUrl: string;
  clock: Clock;
  sendEvent: SendStripeEvent;
  /** The platform account's country (C500_PLATFORM_COUNTRY): other countries need the recipient agreement. */
  platformCountry?: string;
}

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
  metadata: Record<string, string>;
  created: number;
};

export type LocalCheckoutSession = {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  payment_intent: string | null;
  amount_subtotal: number;
  amount_total: number;
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
};

export type LocalTransferReversal = {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  currency: string;
  transfer: string;
  metadata: Record<string, string>;
  created: number;
};

type LocalPaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  /** `processing` while a delayed method (a bank debit) settles; `requires_payment_method` once it failed. */
  status: 'succeeded' | 'processing' | 'requires_payment_method';
  /** No charge until a delayed method's debit succeeds. */
  latest_charge: string | null;
  transfer_group: string | null;
  metadata: Record<string, string>;
  created: number;
};

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

/** A stored object: its Stripe shape, a creation sequence for newest-first lists, and what Stripe keeps privately. */
type Stored<T> = {
  stripe: T;
  sequence: number;
  imageUrl?: string;
  paymentIntentData?: { transfer_group: string; metadata: Record<string, string> };
  /** A connected account's: what it holds (transfers in, reversals and payouts to its bank out). */
  balance?: number;
};

/** What an idempotency key answers: the object it made (its path), or the refusal Stripe keeps under it. */
type IdempotencyRecord = { request: string; path?: string; refused?: string };

const collections = {
  accounts: collectionPath<Stored<LocalAccount>>('_localStripeAccounts'),
  sessions: collectionPath<Stored<LocalCheckoutSession>>('_localStripeSessions'),
  paymentIntents: collectionPath<Stored<LocalPaymentIntent>>('_localStripePaymentIntents'),
  charges: collectionPath<Stored<LocalCharge>>('_localStripeCharges'),
  transfers: collectionPath<Stored<LocalTransfer>>('_localStripeTransfers'),
  reversals: collectionPath<Stored<LocalTransferReversal>>('_localStripeTransferReversals'),
  idempotency: collectionPath<IdempotencyRecord>('_localStripeIdempotency'),
};
const sequencePath = docPath<{ value: number }>('_localStripe/sequence');

const docIn = <T>(collection: CollectionPath<T>, id: string): DocPath<T> => docPath<T>(`${collection}/${id}`);

export class LocalPayments implements Payments {
  constructor(private readonly options: LocalPaymentsOptions) {}

  async createConnectedAccount(request: ConnectedAccountRequest): Promise<{ accountId: string }> {
    const { builderId, email, country, serviceAgreement, idempotencyKey } = request;
    const account = await this.createOnce<LocalAccount>(collections.accounts, idempotencyKey, ['accounts.create', request], async (_tx, sequence) => {
      // Refused as Stripe refuses them (validation: nothing is kept under the key).
      if (!/^[A-Z]{2}$/.test(country))
        throw new PaymentRefused(`Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`);
      const platformCountry = this.options.platformCountry ?? 'US';
      if (country !== platformCountry && serviceAgreement !== 'recipient') {
        throw new PaymentRefused(
          `Connected accounts in ${country} need the recipient service agreement to be paid by a platform in ${platformCountry} (tos_acceptance[service_agreement]=recipient).`,
        );
      }
      return {
        sequence,
        stripe: {
          id: newId('acct'),
          object: 'account',
          type: 'express',
          country,
          tos_acceptance: { service_agreement: serviceAgreement },
          email: email ?? null,
          // Stripe enables payouts only once onboarding is done (see completeOnboarding).
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          capabilities: { transfers: 'inactive' },
          metadata: { builder_id: builderId },
          created: this.nowSeconds(),
        },
      };
    });
    return { accountId: account.id };
  }

  async createOnboardingLink({ accountId }: Idempotent & { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    await this.account(accountId);
    return { url: `${this.options.baseUrl}/_local/stripe/onboarding/${encodeURIComponent(accountId)}` };
  }

  async accountStatus(accountId: string): Promise<ConnectedAccountStatus> {
    const account = await this.account(accountId);
    return {
      accountId,
      chargesEnabled: account.charges_enabled,
      payoutsEnabled: account.payouts_enabled,
      detailsSubmitted: account.details_submitted,
      transfersActive: account.capabilities.transfers === 'active',
    };
  }

  async createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession> {
    assertCents(request.amountCents);
    const lines = request.lineItems ?? [{ name: request.itemName, amountCents: request.amountCents }];
    lines.forEach((line) => assertCents(line.amountCents));
    // Stripe charges what the lines add up to; a request whose total says otherwise is ours to get right.
    if (lines.reduce((sum, line) => sum + line.amountCents, 0) !== request.amountCents)
      throw new RangeError(`the line items add up to something other than the ${request.amountCents} charged`);
    const session = await this.createOnce<LocalCheckoutSession>(
      collections.sessions,
      request.idempotencyKey,
      ['checkout.sessions.create', request],
      async (_tx, sequence) => {
        // Stripe's rule on the deadline, checked against the clock when the request arrives.
        const refused = stripeRefusesExpiry(Math.floor(request.expiresAt.getTime() / 1000), this.nowSeconds());
        if (refused) throw new PaymentRefused(refused);
        return {
          sequence,
          ...(request.imageUrl ? { imageUrl: request.imageUrl } : {}),
          paymentIntentData: { transfer_group: request.orderId, metadata: request.metadata },
          stripe: this.openSession({
            lines,
            currency: request.currency,
            clientReferenceId: request.orderId,
            metadata: request.metadata,
            expiresAt: Math.floor(request.expiresAt.getTime() / 1000),
            successUrl: request.successUrl,
            cancelUrl: request.cancelUrl,
          }),
        };
      },
    );
    // Built from the id: Stripe replays a key's first answer, url included, even once the session has closed.
    return { sessionId: session.id, url: this.checkoutUrl(session.id), expiresAt: new Date(session.expires_at * 1000).toISOString() };
  }

  async expireCheckoutSession(sessionId: string): Promise<void> {
    if ((await this.expireSession(sessionId)).result === 'unknown') throw new Error(`No such checkout.session: '${sessionId}'`);
  }

  async chargeOfPayment(paymentIntentId: string): Promise<{ chargeId: string }> {
    const intent = await this.options.store.get(docIn(collections.paymentIntents, paymentIntentId));
    if (!intent) throw new Error(`No such payment_intent: '${paymentIntentId}'`);
    // As the production adapter says it: a delayed method's payment has no charge until it settles.
    if (!intent.stripe.latest_charge) throw new Error(`payment ${paymentIntentId} has no charge yet (status ${intent.stripe.status})`);
    return { chargeId: intent.stripe.latest_charge };
  }

  async createTransfer(request: TransferRequest): Promise<{ transferId: string }> {
    assertCents(request.amountCents);
    const transfer = await this.createOnce<LocalTransfer>(
      collections.transfers,
      request.idempotencyKey,
      ['transfers.create', request],
      async (tx, sequence) => {
        // Refused as Stripe refuses them, so a wrong split or destination shows up locally too.
        const destinationPath = docIn(collections.accounts, request.destination);
        const destination = await tx.get(destinationPath);
        if (!destination) throw new PaymentRefused(`No such destination: '${request.destination}'`);
        // Past validation, Stripe keeps a refusal under its key and replays it for 24 hours, even once the cause is gone.
        if (destination.stripe.capabilities.transfers !== 'active') {
          return {
            refused: 'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
          };
        }
        // Without a source charge Stripe draws on the platform's balance, which the simulator does not keep.
        const short = request.sourceTransaction ? await chargeShortfall(tx, request.sourceTransaction, request) : undefined;
        if (short) return { refused: short };
        tx.update(destinationPath, { balance: (destination.balance ?? 0) + request.amountCents });
        return {
          sequence,
          stripe: {
            id: newId('tr'),
            object: 'transfer',
            amount: request.amountCents,
            currency: request.currency,
            destination: request.destination,
            source_transaction: request.sourceTransaction ?? null,
            transfer_group: request.transferGroup,
            metadata: request.metadata,
            created: this.nowSeconds(),
            amount_reversed: 0,
            reversed: false,
          },
        };
      },
    );
    return { transferId: transfer.id };
  }

  async reverseTransfer(request: ReversalRequest): Promise<{ reversalId: string }> {
    assertCents(request.amountCents);
    const reversal = await this.createOnce<LocalTransferReversal>(
      collections.reversals,
      request.idempotencyKey,
      ['transfers.createReversal', request],
      async (tx, sequence) => {
        const transferPath = docIn(collections.transfers, request.transferId);
        const transfer = await tx.get(transferPath);
        if (!transfer) throw new PaymentRefused(`No such transfer: '${request.transferId}'`);
        const left = transfer.stripe.amount - transfer.stripe.amount_reversed;
        if (request.amountCents > left)
          throw new PaymentRefused(`Amount (${request.amountCents}) is greater than the unreversed amount left on the transfer (${left}).`);
        const accountPath = docIn(collections.accounts, transfer.stripe.destination);
        const account = await tx.get(accountPath);
        // A transfer_group transfer is reversed only from what the connected account still holds.
        if ((account?.balance ?? 0) < request.amountCents) return { refused: 'Insufficient funds in the destination account to reverse this transfer.' };
        tx.update(accountPath, { balance: (account?.balance ?? 0) - request.amountCents });
        const reversed = transfer.stripe.amount_reversed + request.amountCents;
        tx.update(transferPath, { 'stripe.amount_reversed': reversed, 'stripe.reversed': reversed === transfer.stripe.amount });
        return {
          sequence,
          stripe: {
            id: newId('trr'),
            object: 'transfer_reversal',
            amount: request.amountCents,
            currency: transfer.stripe.currency,
            transfer: request.transferId,
            metadata: request.metadata,
            created: this.nowSeconds(),
          },
        };
      },
    );
    return { reversalId: reversal.id };
  }

  // ---- what the simulator's routes do, as the buyer, the builder or the dashboard would ----

  /** Newest first. */
  async listSessions(): Promise<LocalCheckoutSession[]> {
    return this.list<LocalCheckoutSession>(collections.sessions);
  }

  async listAccounts(): Promise<LocalAccount[]> {
    return this.list<LocalAccount>(collections.accounts);
  }

  async listReversals(): Promise<LocalTransferReversal[]> {
    return this.list<LocalTransferReversal>(collections.reversals);
  }

  /** The builder's money leaves for their bank: nothing is left on the account for a reversal. */
  async payOutBalance(accountId: string): Promise<void> {
    await this.options.store.update(docIn(collections.accounts, accountId), { balance: 0 });
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
  async paySession(sessionId: string, method: LocalPaymentMethod = 'card'): Promise<SimulatedChange<LocalCheckoutSession>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalCheckoutSession> & { expiredNow?: true }> => {
      const path = docIn(collections.sessions, sessionId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      if (stored.stripe.status !== 'open') return { result: 'unchanged', object: stored.stripe };
      if (now >= stored.stripe.expires_at) {
        // Stripe would have expired it at expires_at: too late to pay.
        const expired = closed(stored.stripe, 'expired');
        tx.set(path, { ...stored, stripe: expired });
        return { result: 'unchanged', object: expired, expiredNow: true };
      }
      const intent = paymentIntentOf(stored, newId('pi'), now);
      if (method === 'bank-debit') {
        const completed: LocalCheckoutSession = { ...closed(stored.stripe, 'complete'), payment_intent: intent.id };
        tx.set(docIn(collections.paymentIntents, intent.id), { stripe: { ...intent, status: 'processing' }, sequence: stored.sequence });
        tx.set(path, { ...stored, stripe: completed });
        return { result: 'changed', object: completed };
      }
      const charge = chargeOf(intent, now);
      const paid: LocalCheckoutSession = { ...closed(stored.stripe, 'complete'), payment_status: 'paid', payment_intent: intent.id };
      tx.set(docIn(collections.paymentIntents, intent.id), { stripe: { ...intent, status: 'succeeded', latest_charge: charge.id }, sequence: stored.sequence });
      tx.set(docIn(collections.charges, charge.id), { stripe: charge, sequence: stored.sequence });
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
      const charge = chargeOf(intent.stripe, now);
      const paid: LocalCheckoutSession = { ...stored.stripe, payment_status: 'paid' };
      tx.update(intentPath, { 'stripe.status': 'succeeded', 'stripe.latest_charge': charge.id });
      tx.set(docIn(collections.charges, charge.id), { stripe: charge, sequence: stored.sequence });
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
   * A refund from the dashboard, of `amountCents` or of whatever is left: `charge.refunded`
   * is sent with the charge, whose `amount_refunded` is the running total, as Stripe sends it.
   */
  refundCharge(chargeId: string, amountCents?: number): Promise<SimulatedChange<LocalCharge>> {
    if (amountCents !== undefined) assertCents(amountCents);
    return this.change<LocalCharge>(docIn(collections.charges, chargeId), 'charge.refunded', (charge) => {
      if (charge.refunded) return undefined;
      const refunded = Math.min(charge.amount, charge.amount_refunded + (amountCents ?? charge.amount));
      return { ...charge, amount_refunded: refunded, refunded: refunded === charge.amount };
    });
  }

  /** The charge behind a paid session, for refunding it from the simulator. */
  async chargeOfSession(sessionId: string): Promise<string | undefined> {
    const intentId = (await this.session(sessionId))?.session.payment_intent;
    // A bank debit still processing (or failed) has no charge to refund.
    return intentId ? ((await this.options.store.get(docIn(collections.paymentIntents, intentId)))?.stripe.latest_charge ?? undefined) : undefined;
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
          stripe: this.openSession({
            lines: [{ name: request.itemName, amountCents: request.amountCents }],
            currency: request.currency,
            // Stripe takes it from the link's URL (`?client_reference_id=`): the buyer can set it.
            clientReferenceId: request.clientReferenceId ?? null,
            metadata,
            expiresAt: now + 24 * 60 * 60,
            // What the README tells admins to set as the Payment Link's confirmation redirect.
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

  // ---- internals -------------------------------------------------------------------------

  /**
   * Stripe's idempotency: the first call with a key creates the object; later calls with
   * the key get that object back, and a different request under the same key is an error.
   * One transaction, so two concurrent calls with one key make one object.
   */
  private async createOnce<T extends { id: string }>(
    collection: CollectionPath<Stored<T>>,
    key: string,
    request: unknown,
    make: (tx: Transaction, sequence: number) => Promise<Stored<T> | { refused: string }>,
  ): Promise<T> {
    const keyPath = docIn(collections.idempotency, encodeURIComponent(key));
    const fingerprint = JSON.stringify(request);
    const outcome = await this.options.store.runTransaction(async (tx): Promise<T | { refused: string }> => {
      const seen = await tx.get(keyPath);
      if (seen) {
        if (seen.request !== fingerprint)
          throw new Error(`Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key})`);
        if (seen.refused !== undefined || seen.path === undefined) return { refused: seen.refused ?? 'refused' };
        const existing = await tx.get(docPath<Stored<T>>(seen.path));
        if (!existing) throw new Error(`idempotency key ${key} names ${seen.path}, which is gone`);
        return existing.stripe;
      }
      const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
      const stored = await make(tx, sequence);
      if ('refused' in stored) {
        tx.set(keyPath, { request: fingerprint, refused: stored.refused });
        return stored;
      }
      const path = docIn(collection, stored.stripe.id);
      tx.set(sequencePath, { value: sequence });
      tx.set(keyPath, { request: fingerprint, path });
      tx.set(path, stored);
      return stored.stripe;
    });
    if ('refused' in outcome) throw new PaymentRefused(outcome.refused);
    return outcome;
  }

  private async list<T>(collection: CollectionPath<Stored<T>>): Promise<T[]> {
    const rows = await this.options.store.query(collection, { orderBy: [['sequence', 'desc']] });
    return rows.map((row) => row.data.stripe);
  }

  private async account(accountId: string): Promise<LocalAccount> {
    const stored = await this.options.store.get(docIn(collections.accounts, accountId));
    if (!stored) throw new Error(`No such account: '${accountId}'`);
    return stored.stripe;
  }

  /**
   * A change Stripe makes to one object, in a transaction, then the event it sends for it.
   * `next` answers undefined when the object is already in the state asked for.
   */
  private async change<T extends Record<string, unknown>>(
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

  private async send(type: string, object: Record<string, unknown>): Promise<void> {
    try {
      await this.options.sendEvent(type, object);
    } catch (cause) {
      throw new EventNotDelivered(type, object, { cause });
    }
  }

  /** An open Checkout Session as Stripe shapes it, with `line_items` expanded: its total is what its lines add up to. */
  private openSession(fields: {
    lines: ReadonlyArray<{ name: string; amountCents: number }>;
    currency: string;
    clientReferenceId: string | null;
    metadata: Record<string, string>;
    expiresAt: number;
    successUrl: string;
    cancelUrl: string;
  }): LocalCheckoutSession {
    const id = newId('cs');
    const total = fields.lines.reduce((sum, line) => sum + line.amountCents, 0);
    return {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      amount_subtotal: total,
      amount_total: total,
      currency: fields.currency,
      client_reference_id: fields.clientReferenceId,
      metadata: fields.metadata,
      created: this.nowSeconds(),
      expires_at: fields.expiresAt,
      url: this.checkoutUrl(id),
      success_url: fields.successUrl,
      cancel_url: fields.cancelUrl,
      livemode: false,
      line_items: {
        object: 'list',
        data: fields.lines.map((line) => ({ object: 'item', description: line.name, quantity: 1, amount_total: line.amountCents, currency: fields.currency })),
      },
    };
  }

  private checkoutUrl(sessionId: string): string {
    return `${this.options.baseUrl}/_local/stripe/checkout/${sessionId}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.options.clock.now().getTime() / 1000);
  }
}

/** Why a transfer from this charge is refused, if it is: another currency, or more than is left of it once refunds are taken out. */
async function chargeShortfall(tx: Transaction, sourceTransaction: string, request: TransferRequest): Promise<string | undefined> {
  const charge = await tx.get(docIn(collections.charges, sourceTransaction));
  if (!charge) throw new PaymentRefused(`No such charge: '${sourceTransaction}'`);
  if (charge.stripe.currency !== request.currency) return `transfer currency ${request.currency} differs from charge currency ${charge.stripe.currency}`;
  const earlier = await tx.query(collections.transfers, { where: [['stripe.source_transaction', '==', sourceTransaction]] });
  const transferred = earlier.reduce((sum, t) => sum + t.data.stripe.amount - t.data.stripe.amount_reversed, 0);
  const left = charge.stripe.amount - charge.stripe.amount_refunded;
  if (transferred + request.amountCents > left)
    return `Insufficient funds: transfers from ${sourceTransaction} would reach ${transferred + request.amountCents} cents, more than the ${left} left of its ${charge.stripe.amount}`;
  return undefined;
}

/** The payment intent a session's payment makes, not yet settled: Stripe gives it the session's amount and the intent data it was opened with. */
function paymentIntentOf(stored: Stored<LocalCheckoutSession>, id: string, now: number): LocalPaymentIntent {
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
  };
}

/** The charge of a payment that succeeded: Stripe copies the payment intent's metadata onto it. */
function chargeOf(intent: LocalPaymentIntent, now: number): LocalCharge {
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
  };
}

function closed(session: LocalCheckoutSession, status: 'complete' | 'expired'): LocalCheckoutSession {
  return { ...session, status, url: null };
}

function newId(prefix: 'acct' | 'cs' | 'pi' | 'ch' | 'tr' | 'trr'): string {
  return `${prefix}_local_${randomBytes(12).toString('hex')}`;
}

function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`an amount must be a positive whole number of cents, got ${amountCents}`);
}
