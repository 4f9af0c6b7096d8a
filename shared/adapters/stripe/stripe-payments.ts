/**
 * @module stripe-payments
 * The payments port on Stripe Connect with separate charges and transfers: the buyer pays
 * the platform (Checkout, `transfer_group` = our order id), and the builder's share moves
 * later with a transfer tied to that charge. No `transfer_data` or application fee: the
 * platform keeps its fee by transferring less. Every create names our idempotency key,
 * so a retried subscriber gets the same object back instead of a second one.
 */
import Stripe from 'stripe';
import { stripeApiVersion } from './api-version';
import { assertCents, rateLimitsWaited, refusalsAreFinal as finalRefusals, stripeRateLimitWaits, type RateLimitWaits } from './stripe-refusals';
import { savedCardCalls } from './saved-cards';
import { personPseudonym } from '../../log';
import { budgetedHttpClient, type StripeWriteBudget } from './write-budget';
import type {
  BalanceTransactionLine,
  CheckoutRequest,
  CheckoutSession,
  CheckoutShipping,
  ConnectedAccountRequest,
  ConnectedAccountStatus,
  DisputeUpdateRequest,
  Payments,
  RefundRequest,
  ReversalRequest,
  TransferRequest,
} from '../../ports';

export interface StripeEndpoint {
  /** A stand-in for api.stripe.com (tests); production leaves these unset. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** stripe-node's transport: the local runtime's waits its latency profile's draw (stripe/production-adapter); production leaves it unset. */
  httpClient?: Stripe.HttpClient;
  /** How a 429 is waited out (stripe-refusals): a test whose clock moves only when told moves it here; production leaves it unset. */
  rateLimitWaits?: RateLimitWaits;
  /** The account's one write budget (write-budget), in front of the transport; every platform hands one. */
  writeBudget?: StripeWriteBudget;
}

/** The transport with the account's write budget in front (write-budget), when one is handed. */
function budgeted(endpoint: Omit<StripeEndpoint, 'rateLimitWaits' | 'writeBudget'>, budget: StripeWriteBudget | undefined) {
  if (!budget) return endpoint;
  return { ...endpoint, httpClient: budgetedHttpClient(endpoint.httpClient ?? Stripe.createNodeHttpClient(), budget) };
}

/**
 * Retries are safe: every create carries an idempotency key. The version pinned, not the SDK's default of the day.
 * @example
 * const payments = createStripePayments(required(config, 'STRIPE_SECRET_KEY'));
 * const { url } = await payments.createCheckoutSession({ orderId: 'o1', idempotencyKey: 'checkout:o1', ... });
 */
export function createStripePayments(secretKey: string, options: StripeEndpoint = {}): Payments {
  const { rateLimitWaits: waits = stripeRateLimitWaits, writeBudget, ...endpoint } = options;
  const stripe = new Stripe(secretKey, { apiVersion: stripeApiVersion, maxNetworkRetries: 2, ...budgeted(endpoint, writeBudget) });
  // Every call waits out Stripe's limiter (a 429) before its refusal, if any, is final.
  const refusalsAreFinal = <T>(call: () => Promise<T>) => finalRefusals(call, waits);
  const waited = <T>(call: () => Promise<T>) => rateLimitsWaited(call, waits);
  return {
    async createConnectedAccount(request: ConnectedAccountRequest) {
      const account = await refusalsAreFinal(() => stripe.accounts.create(connectedAccountParams(request), { idempotencyKey: request.idempotencyKey }));
      return { accountId: account.id };
    },

    async createOnboardingLink({ accountId, refreshUrl, returnUrl, idempotencyKey }) {
      // Keyed per command: a redelivered command gets the same link, a new command a fresh one.
      const link = await waited(() =>
        stripe.accountLinks.create({ account: accountId, refresh_url: refreshUrl, return_url: returnUrl, type: 'account_onboarding' }, { idempotencyKey }),
      );
      return { url: link.url };
    },

    async createLoginLink({ accountId }) {
      // Creating one is no money movement and each is single-use: no idempotency key.
      const link = await refusalsAreFinal(() => stripe.accounts.createLoginLink(accountId));
      return { url: link.url };
    },

    async accountStatus(accountId: string): Promise<ConnectedAccountStatus> {
      const account = await waited(() => stripe.accounts.retrieve(accountId));
      return {
        accountId: account.id,
        chargesEnabled: account.charges_enabled ?? false,
        payoutsEnabled: account.payouts_enabled ?? false,
        detailsSubmitted: account.details_submitted ?? false,
        transfersActive: account.capabilities?.transfers === 'active',
      };
    },

    async createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession> {
      assertCents(request.amountCents);
      const session = await refusalsAreFinal(() => stripe.checkout.sessions.create(checkoutSessionParams(request), { idempotencyKey: request.idempotencyKey }));
      if (!session.url) throw new Error(`Stripe answered checkout session ${session.id} without a url`);
      return { sessionId: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() };
    },

    async expireCheckoutSession(sessionId: string) {
      const status = async () => (await waited(() => stripe.checkout.sessions.retrieve(sessionId))).status;
      if ((await status()) !== 'open') return;
      try {
        await waited(() => stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire:${sessionId}` }));
      } catch (error) {
        // The buyer may have paid (or Stripe expired it) between the two calls: that is fine.
        if ((await status()) !== 'open') return;
        throw error;
      }
    },

    ...chargeReads(stripe, refusalsAreFinal),

    ...moneyMoves(stripe, refusalsAreFinal),

    async updateDispute(request: DisputeUpdateRequest) {
      const dispute = await refusalsAreFinal(() =>
        stripe.disputes.update(request.disputeId, { evidence: request.evidence, submit: request.submit }, { idempotencyKey: request.idempotencyKey }),
      );
      return { submitted: (dispute.evidence_details?.submission_count ?? 0) > 0 };
    },
    listBalanceTransactions: (range) => waited(() => listLedger(stripe, range)),
    ...savedCardCalls(stripe, waits),
  };
}

/** Transfers, reversals and refunds: money moves. */
function moneyMoves(
  stripe: Stripe,
  refusalsAreFinal: <T>(call: () => Promise<T>) => Promise<T>,
): Pick<Payments, 'createTransfer' | 'reverseTransfer' | 'refund'> {
  return {
    async createTransfer(request: TransferRequest) {
      assertCents(request.amountCents);
      const transfer = await refusalsAreFinal(() => stripe.transfers.create(transferParams(request), { idempotencyKey: request.idempotencyKey }));
      return { transferId: transfer.id };
    },

    async reverseTransfer(request: ReversalRequest) {
      assertCents(request.amountCents);
      const reversal = await refusalsAreFinal(() =>
        stripe.transfers.createReversal(
          request.transferId,
          { amount: request.amountCents, metadata: request.metadata },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      return { reversalId: reversal.id };
    },

    async refund(request: RefundRequest) {
      assertCents(request.amountCents);
      // The charge comes back expanded: its refunded total tells which of our refunds a later `charge.refunded` already holds.
      const refund = await refusalsAreFinal(() =>
        stripe.refunds.create(
          { charge: request.chargeId, amount: request.amountCents, metadata: request.metadata, expand: ['charge'] },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      const charge = refund.charge;
      if (!charge || typeof charge === 'string') throw new Error(`Stripe answered refund ${refund.id} without its charge expanded`);
      return { refundId: refund.id, chargeRefundedCents: charge.amount_refunded, ...(typeof refund.created === 'number' ? { created: refund.created } : {}) };
    },
  };
}

/** The platform's balance transactions in `[from, to)`, every page, oldest first. */
async function listLedger(stripe: Stripe, { from, to }: { from: Date; to: Date }): Promise<BalanceTransactionLine[]> {
  // Sources expanded: a refund names its charge, a reversal its transfer, so the lines find their orders.
  const listed = stripe.balanceTransactions.list({
    created: { gte: Math.floor(from.getTime() / 1000), lt: Math.floor(to.getTime() / 1000) },
    limit: 100,
    expand: ['data.source'],
  });
  const lines: BalanceTransactionLine[] = [];
  // stripe-node's auto-pagination: every page, newest first as Stripe lists them.
  for await (const transaction of listed) lines.push(ledgerLine(transaction));
  return lines.reverse();
}

/** An Express-style account that only receives transfers, named after our builder. */
function connectedAccountParams({ builderId, email, country, serviceAgreement }: ConnectedAccountRequest): Stripe.AccountCreateParams {
  return {
    // What `type: 'express'` meant, in the controller properties Stripe now asks for: the platform is liable and pays the fees.
    controller: { stripe_dashboard: { type: 'express' }, fees: { payer: 'application' }, losses: { payments: 'application' } },
    country,
    // Separate charges and transfers: the platform charges, the builder only receives transfers.
    capabilities: { transfers: { requested: true } },
    // Cross-border payouts only reach accounts under the recipient agreement.
    ...(serviceAgreement === 'recipient' ? { tos_acceptance: { service_agreement: 'recipient' } } : {}),
    metadata: { builder_pseudonym: personPseudonym(builderId) },
    ...(email ? { email } : {}),
  };
}

/** A Checkout Session for our order: its id is the session's reference and the payment's transfer group. */
function checkoutSessionParams(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: lineItemsOf(request),
    client_reference_id: request.orderId,
    metadata: request.metadata,
    payment_intent_data: { transfer_group: request.orderId, metadata: request.metadata },
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    // Only a session for a known customer names one: every other is sent exactly as it always was.
    ...(request.customerId ? { customer: request.customerId } : {}),
    // Only a shipped item's session has these: every other session is sent exactly as it always was (a replayed key must match).
    ...(request.shipping ? shippingParams(request.shipping, request.currency) : {}),
  };
}

/**
 * The address the buyer must give (only in the builder's countries) and the options they
 * pick from, each a fixed amount with its delivery estimate. Built from the shipping fixed on
 * the order before Stripe was first asked, so a retry sends the very same parameters.
 */
function shippingParams(
  shipping: CheckoutShipping,
  currency: string,
): Pick<Stripe.Checkout.SessionCreateParams, 'shipping_address_collection' | 'shipping_options'> {
  shipping.options.forEach((option) => assertShippingCents(option.amountCents));
  return {
    shipping_address_collection: {
      allowed_countries: shipping.allowedCountries as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
    },
    shipping_options: shipping.options.map((option) => ({
      shipping_rate_data: {
        type: 'fixed_amount',
        display_name: option.displayName,
        fixed_amount: { amount: option.amountCents, currency },
        delivery_estimate: {
          minimum: { unit: 'business_day', value: option.deliveryDays.minimum },
          maximum: { unit: 'business_day', value: option.deliveryDays.maximum },
        },
      },
    })),
  };
}

function transferParams(request: TransferRequest): Stripe.TransferCreateParams {
  return {
    amount: request.amountCents,
    currency: request.currency,
    destination: request.destination,
    // Stripe holds the transfer until this charge's funds are available.
    ...(request.sourceTransaction ? { source_transaction: request.sourceTransaction } : {}),
    transfer_group: request.transferGroup,
    metadata: request.metadata,
  };
}

/**
 * Stripe's 4xx refusals of a request become PaymentRefused (with Stripe's error code): the
 * same request cannot succeed, and under the same key Stripe replays the refusal for a day.
 * Connection errors and Stripe's 5xx throw as they are, for the caller to retry.
 */
/** Stripe's balance transaction as the port's line: the ids of its source, expanded or not. */
export function ledgerLine(transaction: Stripe.BalanceTransaction): BalanceTransactionLine {
  const source = transaction.source;
  const expanded =
    source && typeof source !== 'string'
      ? (source as unknown as { id: string; charge?: unknown; transfer?: unknown; source_transaction?: unknown; transfer_group?: unknown })
      : undefined;
  const idOf = (value: unknown) =>
    typeof value === 'string' ? value : typeof (value as { id?: unknown } | null)?.id === 'string' ? (value as { id: string }).id : undefined;
  const sourceChargeId = idOf(expanded?.charge) ?? idOf(expanded?.source_transaction);
  const sourceTransferId = idOf(expanded?.transfer);
  const sourceTransferGroup = typeof expanded?.transfer_group === 'string' ? expanded.transfer_group : undefined;
  return {
    id: transaction.id,
    type: transaction.type,
    reportingCategory: transaction.reporting_category,
    amountCents: transaction.amount,
    feeCents: transaction.fee,
    netCents: transaction.net,
    currency: transaction.currency,
    created: transaction.created,
    ...(typeof source === 'string' ? { sourceId: source } : expanded ? { sourceId: expanded.id } : {}),
    ...(sourceChargeId ? { sourceChargeId } : {}),
    ...(sourceTransferId ? { sourceTransferId } : {}),
    ...(sourceTransferGroup ? { sourceTransferGroup } : {}),
  };
}

/**
 * One line for an order (sent exactly as it always was: a replayed key must match), or one
 * per lot of a show checkout, which must add up to the amount the checkout charges.
 */
function lineItemsOf(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams.LineItem[] {
  const lines = request.lineItems ?? [{ name: request.itemName, amountCents: request.amountCents }];
  lines.forEach((line) => assertCents(line.amountCents));
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
  if (total !== request.amountCents) throw new RangeError(`the line items add up to ${total} cents, not the ${request.amountCents} charged`);
  // The image belongs to a single item; a show checkout's lots have none.
  const images = !request.lineItems && request.imageUrl ? { images: [request.imageUrl] } : {};
  return lines.map((line) => ({
    quantity: 1,
    price_data: { currency: request.currency, unit_amount: line.amountCents, product_data: { name: line.name, ...images } },
  }));
}

/** A shipping rate may be zero (free shipping), never negative or fractional. */
function assertShippingCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0)
    throw new RangeError(`a shipping rate must be a whole number of cents, zero or more, got ${amountCents}`);
}

/** What a payment's charge is, and what it has refunded now: reads, no money moves. */
function chargeReads(stripe: Stripe, refusalsAreFinal: <T>(call: () => Promise<T>) => Promise<T>): Pick<Payments, 'chargeOfPayment' | 'refundedOfCharge'> {
  return {
    async chargeOfPayment(paymentIntentId: string) {
      const intent = await refusalsAreFinal(() => stripe.paymentIntents.retrieve(paymentIntentId));
      const charge = intent.latest_charge;
      if (!charge) throw new Error(`payment ${paymentIntentId} has no charge yet (status ${intent.status})`);
      return { chargeId: typeof charge === 'string' ? charge : charge.id };
    },

    async refundedOfCharge(chargeId: string) {
      return (await refusalsAreFinal(() => stripe.charges.retrieve(chargeId))).amount_refunded;
    },
  };
}
