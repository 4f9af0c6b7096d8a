/**
 * The local Stripe's objects of a card saved now and charged later, held to stripe-node's
 * declarations of the pinned API version, as fidelity.test.ts holds the others: no field
 * Stripe does not declare, and each field it has of Stripe's type (tsc is the check). The
 * values are what the local Stripe really makes.
 */
import type Stripe from 'stripe';
import { noCustomText, type LocalCheckoutSession, type LocalPaymentIntent } from '../../../../shared/local/stripe/objects';
import type { LocalCustomText, LocalCustomer, LocalPaymentError, LocalSavedCard, LocalSetupIntent } from '../../../../shared/local/stripe/saved-card-objects';
import { openSetupSession, saveCardOn } from '../../../../shared/local/stripe/setup-sessions';
import { offSessionOutcome } from '../../../../shared/local/stripe/test-cards';

type NoUnknownKeys<Local, Declared> = Exclude<keyof Local, keyof Declared> extends never ? true : false;

const wholly: [
  NoUnknownKeys<LocalCustomer, Stripe.Customer>,
  NoUnknownKeys<LocalSetupIntent, Stripe.SetupIntent>,
  NoUnknownKeys<LocalSavedCard, Stripe.PaymentMethod>,
  NoUnknownKeys<LocalSavedCard['card'], Stripe.PaymentMethod.Card>,
  NoUnknownKeys<LocalPaymentIntent, Stripe.PaymentIntent>,
  NoUnknownKeys<LocalPaymentError, Stripe.PaymentIntent.LastPaymentError>,
  NoUnknownKeys<LocalCheckoutSession, Stripe.Checkout.Session>,
  NoUnknownKeys<LocalCustomText, Stripe.Checkout.Session.CustomText>,
] = [true, true, true, true, true, true, true, true];

// Each field the local object has, of Stripe's type (the others Stripe declares are left out).
const asCustomer = (c: LocalCustomer): Pick<Stripe.Customer, keyof LocalCustomer> => c;
const asSetupIntent = (s: LocalSetupIntent): Pick<Stripe.SetupIntent, keyof LocalSetupIntent> => s;
const asSavedCard = ({
  card,
  ...rest
}: LocalSavedCard): Pick<Stripe.PaymentMethod, Exclude<keyof LocalSavedCard, 'card'>> & {
  card: Pick<Stripe.PaymentMethod.Card, keyof LocalSavedCard['card']>;
} => ({
  ...rest,
  card,
});
const asPaymentIntent = ({
  last_payment_error,
  ...rest
}: LocalPaymentIntent): Pick<Stripe.PaymentIntent, Exclude<keyof LocalPaymentIntent, 'last_payment_error'>> & {
  last_payment_error: Pick<Stripe.PaymentIntent.LastPaymentError, keyof LocalPaymentError> | null;
} => ({ ...rest, last_payment_error });
const asSession = ({
  line_items: _lines,
  shipping_options: _options,
  ...rest
}: LocalCheckoutSession): Pick<Stripe.Checkout.Session, Exclude<keyof LocalCheckoutSession, 'line_items' | 'shipping_options'>> => rest;

const now = 1_795_000_000;
const session = openSetupSession(
  {
    idempotencyKey: 'setup:u1',
    customerId: 'cus_local_1',
    currency: 'usd',
    consentText: 'Charged $120.00 on 1 March 2027, only if the minimum is met.',
    metadata: { pledge_id: 'p1' },
    successUrl: 'https://c500.example/done',
    cancelUrl: 'https://c500.example/cancel',
    expiresAt: new Date((now + 3_600) * 1000),
    shippingCountries: ['US'],
  },
  now,
  (id) => `https://c500.example/_local/stripe/checkout/${id}`,
);

describe('the local Stripe’s saved-card objects, held to stripe-node’s declarations', () => {
  it('have no field Stripe does not declare', () => {
    expect(wholly.every(Boolean)).toBe(true);
  });

  it('make a setup-mode session, its SetupIntent and saved card of Stripe’s types', () => {
    const saved = saveCardOn({ stripe: session, sequence: 1, setupIntentData: { metadata: { pledge_id: 'p1' } } }, 'authentication_required', undefined, now);
    expect(asSession(saved.session)).toMatchObject({
      mode: 'setup',
      status: 'complete',
      payment_status: 'no_payment_required',
      setup_intent: saved.setupIntent.id,
    });
    expect(asSetupIntent(saved.setupIntent)).toMatchObject({
      status: 'succeeded',
      usage: 'off_session',
      payment_method: saved.paymentMethod.id,
      metadata: { pledge_id: 'p1' },
    });
    expect(asSavedCard(saved.paymentMethod)).toMatchObject({ type: 'card', customer: 'cus_local_1', card: { last4: '3184' } });
  });

  it('give a refused off-session charge Stripe’s last_payment_error', () => {
    const refused = offSessionOutcome('declined');
    if (refused.status === 'succeeded') throw new Error('declined card charged');
    const intent: LocalPaymentIntent = {
      id: 'pi_local_1',
      object: 'payment_intent',
      amount: 12_000,
      currency: 'usd',
      status: refused.status,
      latest_charge: null,
      transfer_group: null,
      metadata: {},
      created: now,
      customer: 'cus_local_1',
      payment_method: 'pm_local_1',
      last_payment_error: refused.error,
      canceled_at: null,
      cancellation_reason: null,
      client_secret: 'pi_local_1_secret_1',
      next_action: null,
    };
    expect(asPaymentIntent(intent).last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
  });

  it('type the rest as Stripe does', () => {
    const customText: Stripe.Checkout.Session.CustomText = noCustomText;
    expect([asCustomer, customText].every(Boolean)).toBe(true);
  });
});
