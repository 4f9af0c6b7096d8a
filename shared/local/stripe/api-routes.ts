/**
 * @module stripe/api-routes
 * The part of Stripe's API the production payments adapter calls (stripe-payments.ts),
 * answered by LocalPayments with the objects it keeps, shaped as Stripe answers them:
 * accounts and their links, Checkout Sessions (created, read, expired), payment intents,
 * transfers and their reversals, refunds (the charge expanded), dispute updates, the
 * platform's balance transactions (listed with Stripe's filters and cursors) and its payouts
 * (a connected account's own, with `Stripe-Account`). Cards saved for
 * later (customers, setup-mode sessions, off-session payments) are saved-card-routes'.
 */
import type { DocPath, DocumentStore } from '../../ports';
import type { LocalPayments } from './payments';
import { collections, docIn, type AccountFeesPayer, type Stored } from './objects';
import { formString, formStrings, type StripeForm } from './api-form';
import { createdWithin, pageOf } from './ledger';
import { StripeApiError } from './api-errors';
import { idOf, type Found, type StripeApiRoute } from './api-call';
import {
  balanceTransactionFilter,
  checkoutRequest,
  connectedAccountRequest,
  disputeUpdateRequest,
  expands,
  refundRequest,
  transferRequest,
} from './api-requests';
import { accountRevoked } from './money-moves';
import { savedCardRoutes, setupSessionAnswer } from './saved-card-routes';

type Route = StripeApiRoute;

const id = idOf;

/** Routes under `/v1`, each answering the object Stripe would. */
export function stripeApiRoutes(payments: LocalPayments, store: DocumentStore): Route[] {
  const found: Found = async <T>(path: DocPath<Stored<T>>, what: string, id: string): Promise<T> => {
    const stored = await store.get(path);
    if (!stored) throw new StripeApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, { code: 'resource_missing', param: 'id' });
    return stored.stripe;
  };
  return [
    ...accountRoutes(payments, found),
    ...checkoutRoutes(payments, store, found),
    ...moneyRoutes(payments, found),
    ...ledgerRoutes(payments),
    ...savedCardRoutes(payments, found),
  ];
}

/** Connected accounts: created, read, and their onboarding and login links. */
function accountRoutes(payments: LocalPayments, found: Found): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/accounts$/,
      answer: async (call) => {
        const { accountId } = await payments.createConnectedAccount(
          connectedAccountRequest(call.form, call.idempotencyKey),
          feesPayerOf(call.form),
          formStrings(call.form, 'metadata'),
        );
        return found(docIn(collections.accounts, accountId), 'account', accountId);
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/accounts\/([^/]+)$/,
      answer: async (call) => {
        if (await payments.isDeauthorized(id(call))) throw accountRevoked(id(call));
        return found(docIn(collections.accounts, id(call)), 'account', id(call));
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/account_links$/,
      answer: async (call) => {
        const request = { accountId: text(call.form.account, 'account'), refreshUrl: '', returnUrl: '', idempotencyKey: call.idempotencyKey };
        const { url } = await payments.createOnboardingLink(request);
        return { object: 'account_link', created: call.nowSeconds, expires_at: call.nowSeconds + 300, url };
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/accounts\/([^/]+)\/login_links$/,
      answer: async (call) => ({ object: 'login_link', created: call.nowSeconds, ...(await payments.createLoginLink({ accountId: id(call) })) }),
    },
  ];
}

/** Checkout Sessions (created, read, expired) and the payment intents behind them. */
function checkoutRoutes(payments: LocalPayments, store: DocumentStore, found: Found): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/checkout\/sessions$/,
      answer: async (call) => {
        // A card saved for later, or (any other mode: the adapter sends `payment`) an order paid now.
        if (formString(call.form, 'mode') === 'setup') return setupSessionAnswer(payments, call, found);
        const builder = builderOf(formStrings(call.form, 'metadata'));
        const home = builder === undefined ? undefined : await builderCountry(store, builder);
        const { sessionId, url } = await payments.createCheckoutSession(checkoutRequest(call.form, call.idempotencyKey, home));
        // The port's url, not the stored one: a key replayed after the session closed still answers its first url, as Stripe's does.
        return { ...(await found(docIn(collections.sessions, sessionId), 'checkout.session', sessionId)), url };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      answer: async (call) => {
        const session = await found(docIn(collections.sessions, id(call)), 'checkout.session', id(call));
        // `expand[]=setup_intent` (and `setup_intent.payment_method`), as the saved-card adapter reads a completed setup session.
        const intent =
          session.setup_intent && (expands(call.form, 'setup_intent') || expands(call.form, 'setup_intent.payment_method'))
            ? await found(docIn(collections.setupIntents, session.setup_intent), 'setup_intent', session.setup_intent)
            : undefined;
        const method =
          intent && expands(call.form, 'setup_intent.payment_method')
            ? await found(docIn(collections.paymentMethods, intent.payment_method), 'payment_method', intent.payment_method)
            : undefined;
        return intent ? { ...session, setup_intent: method ? { ...intent, payment_method: method } : intent } : session;
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      answer: async (call) => {
        const change = await payments.expireSession(id(call));
        if (change.result === 'unknown')
          throw new StripeApiError(404, 'invalid_request_error', `No such checkout.session: '${id(call)}'`, { code: 'resource_missing' });
        if (change.result === 'unchanged')
          throw new StripeApiError(
            400,
            'invalid_request_error',
            `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${change.object.status}".`,
          );
        return change.object;
      },
    },
    {
      // Stripe's search, in the one form C500 sends (`metadata['key']:'value'`); any other query is refused, not guessed at.
      method: 'GET',
      path: /^\/v1\/payment_intents\/search$/,
      answer: async (call) => {
        const query = formString(call.form, 'query') ?? '';
        const match = /^metadata\['([A-Za-z0-9_]+)'\]:'([^'\\]*)'$/.exec(query.trim());
        if (!match)
          throw new StripeApiError(400, 'invalid_request_error', `The local Stripe searches only metadata['key']:'value' (given: ${query})`, {
            param: 'query',
          });
        const data = await payments.searchPaymentIntents(match[1] as string, match[2] as string);
        return { object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null, data };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/payment_intents\/([^/]+)$/,
      answer: (call) => found(docIn(collections.paymentIntents, id(call)), 'payment_intent', id(call)),
    },
    {
      // Retrieve a charge: as it stands now (a failed refund is off its `amount_refunded` again).
      method: 'GET',
      path: /^\/v1\/charges\/([^/]+)$/,
      answer: (call) => found(docIn(collections.charges, id(call)), 'charge', id(call)),
    },
  ];
}

/** Money moved: transfers and their reversals, refunds, and dispute evidence. */
function moneyRoutes(payments: LocalPayments, found: Found): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/transfers$/,
      answer: async (call) => {
        const { transferId } = await payments.createTransfer(transferRequest(call.form, call.idempotencyKey));
        return found(docIn(collections.transfers, transferId), 'transfer', transferId);
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/transfers\/([^/]+)\/reversals$/,
      answer: async (call) => {
        const request = {
          transferId: id(call),
          amountCents: integer(call.form.amount, 'amount'),
          metadata: strings(call.form.metadata),
          idempotencyKey: call.idempotencyKey,
        };
        const { reversalId } = await payments.reverseTransfer(request);
        return found(docIn(collections.reversals, reversalId), 'transfer_reversal', reversalId);
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/refunds$/,
      answer: async (call) => {
        const { refundId, chargeRefundedCents } = await payments.refund(refundRequest(call.form, call.idempotencyKey));
        const { charge_refunded_after: _kept, ...refund } = await found(docIn(collections.refunds, refundId), 'refund', refundId);
        if (!expands(call.form, 'charge')) return refund;
        // The charge as it stood right after this refund: what Stripe's first answer, and every replay of it, expands.
        const charge = await found(docIn(collections.charges, refund.charge), 'charge', refund.charge);
        return { ...refund, charge: { ...charge, amount_refunded: chargeRefundedCents, refunded: chargeRefundedCents === charge.amount } };
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/disputes\/([^/]+)$/,
      answer: async (call) => {
        await payments.updateDispute(disputeUpdateRequest(id(call), call.form, call.idempotencyKey));
        return found(docIn(collections.disputes, id(call)), 'dispute', id(call));
      },
    },
  ];
}

/** The platform's balance transactions, listed and read as Stripe answers them. */
function ledgerRoutes(payments: LocalPayments): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/balance_transactions$/,
      answer: async (call) => {
        const filter = balanceTransactionFilter(call.form);
        // With `Stripe-Account`, the connected account's own lines (its payouts), as Stripe lists them for it.
        const list = await payments.balanceTransactionPage(filter, call.account);
        for (const [param, cursor] of [
          ['starting_after', filter.startingAfter],
          ['ending_before', filter.endingBefore],
        ] as const) {
          if (cursor !== undefined && !(await payments.balanceTransaction(cursor, call.account)))
            throw new StripeApiError(404, 'invalid_request_error', `No such balance_transaction: '${cursor}'`, { code: 'resource_missing', param });
        }
        // stripe-node's `expand: ['data.source']`, as the platform's result asks for it.
        if (!expands(call.form, 'data.source')) return { ...list };
        const data = await Promise.all(list.data.map(async (t) => ({ ...t, source: (t.source && (await payments.balanceSource(t.source))) ?? t.source })));
        return { ...list, data };
      },
    },
    ...payoutRoutes(payments),
    {
      method: 'GET',
      path: /^\/v1\/balance_transactions\/([^/]+)$/,
      answer: async (call) => {
        const transaction = await payments.balanceTransaction(id(call), call.account);
        if (!transaction)
          throw new StripeApiError(404, 'invalid_request_error', `No such balance_transaction: '${id(call)}'`, { code: 'resource_missing', param: 'id' });
        return transaction;
      },
    },
  ];
}

/** Payouts, listed and read as Stripe answers them: the platform's, or with `Stripe-Account` the connected account's own. */
function payoutRoutes(payments: LocalPayments): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/payouts$/,
      answer: async (call) => {
        const filter = balanceTransactionFilter(call.form);
        const status = formString(call.form, 'status');
        const all = (await payments.listPayouts(call.account)).filter(
          (p) => (status === undefined || p.status === status) && createdWithin(p.created, filter.created),
        );
        for (const [param, cursor] of [
          ['starting_after', filter.startingAfter],
          ['ending_before', filter.endingBefore],
        ] as const) {
          if (cursor !== undefined && !(await payments.payout(cursor, call.account)))
            throw new StripeApiError(404, 'invalid_request_error', `No such payout: '${cursor}'`, { code: 'resource_missing', param });
        }
        return { object: 'list', url: '/v1/payouts', ...pageOf(all, filter) };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/payouts\/([^/]+)$/,
      answer: async (call) => {
        const payout = await payments.payout(id(call), call.account);
        if (!payout) throw new StripeApiError(404, 'invalid_request_error', `No such payout: '${id(call)}'`, { code: 'resource_missing', param: 'id' });
        return payout;
      },
    },
  ];
}

/** Who pays the account's Stripe fees (`controller[fees][payer]`): the platform unless the request says the account. */
function feesPayerOf(form: StripeForm): AccountFeesPayer {
  const payer = formString(form, 'controller.fees.payer');
  return payer === 'account' || payer === 'application_express' || payer === 'application_custom' ? payer : 'application';
}

/** Whose a checkout or an account is, as C500 names them at Stripe: the builder's keyed pseudonym, or (sent before pseudonyms) their id. */
const builderOf = (metadata: Record<string, string>): string | undefined => metadata.builder_pseudonym ?? metadata.builder_id;

/** The country of the builder's connected account (the newest, if they made several): their shipping's home. */
async function builderCountry(store: DocumentStore, builder: string): Promise<string | undefined> {
  // Read whole and filtered here: metadata's keys are no typed field path, and a local Stripe holds few accounts.
  const accounts = (await store.query(collections.accounts, {})).filter((row) => builderOf(row.data.stripe.metadata) === builder);
  return accounts.sort((a, b) => b.data.sequence - a.data.sequence)[0]?.data.stripe.country;
}

function text(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '')
    throw new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });
  return value;
}

function integer(value: unknown, param: string): number {
  const given = text(value, param);
  if (!/^\d+$/.test(given)) throw new StripeApiError(400, 'invalid_request_error', `Invalid integer: ${given}`, { code: 'parameter_invalid_integer', param });
  return Number(given);
}

function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
