/**
 * How a Stripe event is read (stripe-event): the message the ingress publishes, `{ event }`,
 * with the event as Stripe sent it, is taken when it has the shape the product reads and
 * refused (to be acknowledged, never retried) when it does not. The fixtures are typed with
 * the `stripe` package's own event and object types.
 */
import type Stripe from 'stripe';
import { idOf, isHandledStripeEvent, parseStripeEvent, text } from '../rules/stripe-event';

/** The envelope every Stripe event has, with the object as the product sees it. */
type Sent<T extends Stripe.Event['type'], O> = Pick<Stripe.Event, 'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'request'> & {
  type: T;
  data: { object: O; previous_attributes?: Partial<O> };
};
type SessionSeen = Pick<
  Stripe.Checkout.Session,
  'id' | 'object' | 'amount_total' | 'currency' | 'created' | 'metadata' | 'mode' | 'payment_intent' | 'payment_status' | 'status'
>;
type IntentSeen = Pick<Stripe.PaymentIntent, 'id' | 'object' | 'amount' | 'currency' | 'status'>;
/** A charge whose payment intent may come expanded (`string | PaymentIntent | null` in Stripe's type). */
type ChargeSeen = Pick<Stripe.Charge, 'id' | 'object' | 'amount' | 'amount_refunded' | 'currency' | 'metadata' | 'refunded'> & {
  payment_intent: Extract<Stripe.Charge['payment_intent'], string | null> | IntentSeen;
};

const session: SessionSeen = {
  id: 'cs_test_a1B2c3',
  object: 'checkout.session',
  amount_total: 13_845,
  currency: 'usd',
  created: 1_800_000_000,
  metadata: { order_id: 'k3v9m2qa', kind: 'drop-order', guild_id: 'g1' },
  mode: 'payment',
  payment_intent: 'pi_3Qx',
  payment_status: 'paid',
  status: 'complete',
};

const completed: Sent<'checkout.session.completed', SessionSeen> = {
  id: 'evt_1Qx',
  object: 'event',
  api_version: '2025-10-29.clover',
  created: 1_800_000_060,
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type: 'checkout.session.completed',
  data: { object: session },
};

const intent: IntentSeen = { id: 'pi_3Qx', object: 'payment_intent', amount: 13_845, currency: 'usd', status: 'succeeded' };
const refunded: Sent<'charge.refunded', ChargeSeen> = {
  ...completed,
  id: 'evt_2Rf',
  type: 'charge.refunded',
  data: {
    object: { id: 'ch_3Qx', object: 'charge', amount: 13_845, amount_refunded: 2_500, currency: 'usd', metadata: {}, payment_intent: intent, refunded: false },
    previous_attributes: { amount_refunded: 0 },
  },
};

describe('reading the message the ingress publishes', () => {
  it('takes a completed checkout as Stripe sent it, whole', () => {
    expect(parseStripeEvent({ event: completed })).toBe(completed);
  });

  it('takes a refund whose charge carries its payment intent expanded', () => {
    expect(parseStripeEvent({ event: refunded })).toBe(refunded);
  });

  it('takes an event of a type the product does not handle: the shape is all it checks', () => {
    const payout: Sent<'payout.paid', Pick<Stripe.Payout, 'id' | 'object' | 'amount' | 'currency'>> = {
      ...completed,
      type: 'payout.paid',
      data: { object: { id: 'po_1', object: 'payout', amount: 5_000, currency: 'usd' } },
    };
    expect(parseStripeEvent({ event: payout })).toBe(payout);
  });

  it('takes an event created at the epoch', () => {
    const epoch = { ...completed, created: 0 };
    expect(parseStripeEvent({ event: epoch })).toBe(epoch);
  });
});

describe('refusing a malformed message, so it is acknowledged instead of retried forever', () => {
  const without = (field: 'id' | 'type' | 'created' | 'data') => {
    const { [field]: _gone, ...rest } = completed;
    return rest;
  };

  it.each<[string, unknown]>([
    ['nothing at all', undefined],
    ['null', null],
    ['a string', 'checkout.session.completed'],
    ['a number', 42],
    ['an empty object', {}],
    ['a null event', { event: null }],
    ['an event that is a string', { event: 'evt_1Qx' }],
    ['a bare event not wrapped as the ingress publishes it', completed],
  ])('refuses %s', (_what, payload) => {
    expect(parseStripeEvent(payload)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['no id', without('id')],
    ['a numeric id', { ...completed, id: 1 }],
    ['no type', without('type')],
    ['a type that is not text', { ...completed, type: ['checkout.session.completed'] }],
    ['no creation time', without('created')],
    ['a creation time as a date string', { ...completed, created: '2027-01-15T08:00:00Z' }],
    ['no data', without('data')],
    ['data that is null', { ...completed, data: null }],
    ['data with no object', { ...completed, data: {} }],
    ['an object that is null', { ...completed, data: { object: null } }],
    ['an object with no id', { ...completed, data: { object: { ...session, id: undefined } } }],
    ['an object whose id is not text', { ...completed, data: { object: { ...session, id: 7 } } }],
  ])('refuses an event with %s', (_what, event) => {
    expect(parseStripeEvent({ event })).toBeUndefined();
  });
});

describe('a text field', () => {
  it('is read as it is', () => {
    expect(text(session.currency)).toBe('usd');
  });

  it('is absent when Stripe sent it empty', () => {
    expect(text('')).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['absent', undefined],
    ['a number', 13_845],
    ['a boolean', true],
    ['an object', { id: 'pi_3Qx' }],
  ])('is absent when it is %s', (_what, value) => {
    expect(text(value)).toBeUndefined();
  });
});

describe('an id Stripe sends as an id or expanded', () => {
  it('is read from the id', () => {
    expect(idOf(session.payment_intent)).toBe('pi_3Qx');
  });

  it('is read from the expanded object', () => {
    expect(idOf(refunded.data.object.payment_intent)).toBe('pi_3Qx');
  });

  it.each<[string, unknown]>([
    ['null, as for a session paid with no intent', null],
    ['absent', undefined],
    ['empty', ''],
    ['an object with an empty id', { id: '' }],
    ['an object with a numeric id', { id: 5 }],
    ['an object with no id', { object: 'payment_intent' }],
    ['a number', 12],
  ])('is absent when it is %s', (_what, value) => {
    expect(idOf(value)).toBeUndefined();
  });
});

describe('which events the product acts on', () => {
  it('handles the checkout, refund, account and dispute events', () => {
    expect(
      ['checkout.session.completed', 'checkout.session.async_payment_failed', 'charge.refunded', 'account.updated', 'charge.dispute.closed'].every(
        isHandledStripeEvent,
      ),
    ).toBe(true);
  });

  it('acknowledges every other, including names every object inherits', () => {
    expect(['payout.canceled', 'charge.succeeded', 'toString', 'constructor', '__proto__', ''].some(isHandledStripeEvent)).toBe(false);
  });
});
