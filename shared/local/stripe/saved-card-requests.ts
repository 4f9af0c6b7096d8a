/**
 * @module stripe/saved-card-requests
 * What the served Stripe API reads from the saved-card adapter's forms (adapters/stripe/
 * saved-cards): a customer, a setup-mode Checkout Session, an off-session PaymentIntent, each
 * as the payments port's request it stands for. Only what the adapter sends is read; a
 * PaymentIntent that is not confirmed off session is refused, as the local Stripe makes no other.
 */
import { PaymentRefused } from '../../errors';
import type { CardSetupRequest, CustomerRequest, OffSessionChargeRequest } from '../../ports';
import { formList, formString, formStrings, requiredInteger, requiredString, type StripeForm } from './api-form';

export function customerRequest(form: StripeForm, idempotencyKey: string): CustomerRequest {
  const [email, name] = [formString(form, 'email'), formString(form, 'name')];
  return { idempotencyKey, metadata: formStrings(form, 'metadata'), ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

export function cardSetupRequest(form: StripeForm, idempotencyKey: string): CardSetupRequest {
  // Stripe's words for it: a setup-mode session has nothing to pay for.
  if (formList(form, 'line_items').length > 0) throw new PaymentRefused('You can not pass `line_items` in `setup` mode.');
  const countries = formList(form, 'shipping_address_collection.allowed_countries').filter((c): c is string => typeof c === 'string');
  const reference = formString(form, 'client_reference_id');
  return {
    idempotencyKey,
    customerId: requiredString(form, 'customer'),
    currency: requiredString(form, 'currency'),
    consentText: requiredString(form, 'custom_text.submit.message'),
    metadata: formStrings(form, 'metadata'),
    ...(reference ? { clientReferenceId: reference } : {}),
    successUrl: requiredString(form, 'success_url'),
    cancelUrl: requiredString(form, 'cancel_url'),
    expiresAt: new Date(requiredInteger(form, 'expires_at') * 1000),
    ...(countries.length > 0 ? { shippingCountries: countries } : {}),
  };
}

export function offSessionRequest(form: StripeForm, idempotencyKey: string): OffSessionChargeRequest {
  if (formString(form, 'confirm') !== 'true' || formString(form, 'off_session') !== 'true')
    throw new PaymentRefused(
      'The local Stripe makes a PaymentIntent only confirmed off session (`confirm=true`, `off_session=true`): a saved card charged while the buyer is away.',
    );
  const group = formString(form, 'transfer_group');
  return {
    idempotencyKey,
    customerId: requiredString(form, 'customer'),
    paymentMethodId: requiredString(form, 'payment_method'),
    amountCents: requiredInteger(form, 'amount'),
    currency: requiredString(form, 'currency'),
    metadata: formStrings(form, 'metadata'),
    ...(group ? { transferGroup: group } : {}),
  };
}
