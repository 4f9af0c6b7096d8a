/**
 * @module stripe/api-requests
 * What the served Stripe API reads from a request's form: the payments port's request it
 * stands for, so LocalPayments (Stripe's stand-in) does the work. Only the parameters the
 * production adapter sends are read. What Stripe is never told, a shipping option's scope,
 * is worked out as our quote makes it (shipping's `quoteShipping`): the domestic option
 * first when the builder's home country is among those shipped to, then the international.
 */
import type {
  CheckoutLineItem,
  CheckoutRequest,
  CheckoutShipping,
  ConnectedAccountRequest,
  DisputeEvidence,
  DisputeUpdateRequest,
  RefundRequest,
  TransferRequest,
} from '../../ports';
import type { BalanceTransactionFilter } from './ledger';
import {
  bracketed,
  formAt,
  formList,
  formString,
  formStrings,
  requiredInteger,
  requiredString,
  StripeParameterError,
  type FormValue,
  type StripeForm,
} from './api-form';
import { evidenceFields } from './disputes';

const asForm = (value: FormValue | undefined): StripeForm => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});

export function connectedAccountRequest(form: StripeForm, idempotencyKey: string): ConnectedAccountRequest {
  const email = formString(form, 'email');
  return {
    idempotencyKey,
    builderId: formStrings(form, 'metadata').builder_id ?? '',
    country: requiredString(form, 'country'),
    serviceAgreement: formString(form, 'tos_acceptance.service_agreement') === 'recipient' ? 'recipient' : 'full',
    ...(email ? { email } : {}),
  };
}

/**
 * A Checkout Session's form as the port's request: the lines, the order, the deadline, and
 * the shipping if asked, `homeCountry` being the builder's (their connected account's).
 */
export function checkoutRequest(form: StripeForm, idempotencyKey: string, homeCountry?: string): CheckoutRequest {
  const lines = formList(form, 'line_items').map((item, i) => lineOf(asForm(item), i));
  const first = lines[0];
  if (!first) throw new StripeParameterError('line_items', 'parameter_missing', 'Missing required param: line_items.');
  const shipping = shippingOf(form, first.currency, homeCountry);
  const customer = formString(form, 'customer');
  return {
    idempotencyKey,
    orderId: requiredString(form, 'client_reference_id'),
    itemName: first.line.name,
    ...(first.imageUrl ? { imageUrl: first.imageUrl } : {}),
    amountCents: lines.reduce((sum, l) => sum + l.line.amountCents, 0),
    // One line is what the adapter sends for a plain order; several are a show checkout's lots.
    ...(lines.length > 1 ? { lineItems: lines.map((l) => l.line) } : {}),
    currency: first.currency,
    expiresAt: new Date(requiredInteger(form, 'expires_at') * 1000),
    metadata: formStrings(form, 'metadata'),
    successUrl: requiredString(form, 'success_url'),
    cancelUrl: requiredString(form, 'cancel_url'),
    ...(shipping ? { shipping } : {}),
    ...(customer ? { customerId: customer } : {}),
  };
}

function lineOf(item: StripeForm, i: number): { line: CheckoutLineItem; currency: string; imageUrl?: string } {
  const at = `line_items.${i}.price_data`;
  const price = asForm(item.price_data);
  const [imageUrl] = formList(price, 'product_data.images').filter((url): url is string => typeof url === 'string');
  return {
    line: { name: named(price, 'product_data.name', `${at}.product_data.name`), amountCents: integerIn(price, 'unit_amount', `${at}.unit_amount`) },
    currency: named(price, 'currency', `${at}.currency`),
    ...(imageUrl ? { imageUrl } : {}),
  };
}

/** Without a known home country, the first country shipped to stands for it. */
function shippingOf(form: StripeForm, currency: string, homeCountry: string | undefined): CheckoutShipping | undefined {
  const allowed = formList(form, 'shipping_address_collection.allowed_countries').filter((c): c is string => typeof c === 'string');
  if (allowed.length === 0) return undefined;
  const home = homeCountry ?? (allowed[0] as string);
  const firstIsDomestic = allowed.includes(home);
  const options = formList(form, 'shipping_options').map((option, i) => {
    const rate = asForm(asForm(option).shipping_rate_data);
    const at = `shipping_options.${i}.shipping_rate_data`;
    const amount = asForm(rate.fixed_amount);
    if (formString(amount, 'currency') !== currency)
      throw new StripeParameterError(`${at}[fixed_amount][currency]`, 'parameter_invalid_string', 'The shipping rate’s currency must be the session’s.');
    return {
      scope: i === 0 && firstIsDomestic ? ('domestic' as const) : ('international' as const),
      displayName: named(rate, 'display_name', `${at}.display_name`),
      amountCents: integerIn(amount, 'amount', `${at}.fixed_amount.amount`),
      deliveryDays: {
        minimum: integerIn(rate, 'delivery_estimate.minimum.value', `${at}.delivery_estimate.minimum.value`),
        maximum: integerIn(rate, 'delivery_estimate.maximum.value', `${at}.delivery_estimate.maximum.value`),
      },
    };
  });
  return { allowedCountries: allowed, homeCountry: home, options };
}

export function transferRequest(form: StripeForm, idempotencyKey: string): TransferRequest {
  const source = formString(form, 'source_transaction');
  return {
    idempotencyKey,
    amountCents: requiredInteger(form, 'amount'),
    currency: requiredString(form, 'currency'),
    destination: requiredString(form, 'destination'),
    ...(source ? { sourceTransaction: source } : {}),
    transferGroup: formString(form, 'transfer_group') ?? '',
    metadata: formStrings(form, 'metadata'),
  };
}

export function refundRequest(form: StripeForm, idempotencyKey: string): RefundRequest {
  return { idempotencyKey, chargeId: requiredString(form, 'charge'), amountCents: requiredInteger(form, 'amount'), metadata: formStrings(form, 'metadata') };
}

export function disputeUpdateRequest(disputeId: string, form: StripeForm, idempotencyKey: string): DisputeUpdateRequest {
  const given = formStrings(form, 'evidence');
  const evidence: DisputeEvidence = Object.fromEntries(evidenceFields.flatMap((field) => (given[field] !== undefined ? [[field, given[field]]] : [])));
  return { idempotencyKey, disputeId, evidence, submit: formString(form, 'submit') === 'true' };
}

/** Whether `expand[]` names this field. */
export function expands(form: StripeForm, field: string): boolean {
  return formList(form, 'expand').includes(field);
}

function named(form: StripeForm, path: string, param: string): string {
  try {
    return requiredString(form, path);
  } catch {
    throw new StripeParameterError(bracketed(param), 'parameter_missing', `Missing required param: ${bracketed(param)}.`);
  }
}

function integerIn(form: StripeForm, path: string, param: string): number {
  try {
    return requiredInteger(form, path);
  } catch (error) {
    const code = error instanceof StripeParameterError ? error.code : 'parameter_invalid_integer';
    throw new StripeParameterError(
      bracketed(param),
      code,
      `${code === 'parameter_missing' ? 'Missing required param' : 'Invalid integer'}: ${bracketed(param)}.`,
    );
  }
}

/**
 * `GET /v1/balance_transactions`'s query: `limit` (1 to 100), `starting_after`, `ending_before`,
 * `type`, `source`, `currency`, and `created` as a second or a range (`created[gte]=…`).
 */
export function balanceTransactionFilter(form: StripeForm): BalanceTransactionFilter {
  const limit = optionalInteger(form, 'limit');
  if (limit !== undefined && (limit < 1 || limit > 100))
    throw new StripeParameterError('limit', 'parameter_invalid_integer', 'This value must be greater than or equal to 1 and less than or equal to 100.');
  const created = formAt(form, 'created');
  const range =
    created === undefined
      ? undefined
      : typeof created === 'string'
        ? requiredInteger(form, 'created')
        : Object.fromEntries(
            (['gt', 'gte', 'lt', 'lte'] as const).flatMap((bound) =>
              formAt(form, `created.${bound}`) === undefined ? [] : [[bound, requiredInteger(form, `created.${bound}`)]],
            ),
          );
  const texts = { startingAfter: 'starting_after', endingBefore: 'ending_before', type: 'type', source: 'source', currency: 'currency' } as const;
  const given = Object.fromEntries(Object.entries(texts).flatMap(([field, param]) => (formString(form, param) ? [[field, formString(form, param)]] : [])));
  return { ...given, ...(limit !== undefined ? { limit } : {}), ...(range !== undefined ? { created: range } : {}) };
}

function optionalInteger(form: StripeForm, path: string): number | undefined {
  return formAt(form, path) === undefined ? undefined : requiredInteger(form, path);
}
