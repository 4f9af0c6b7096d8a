/**
 * A Checkout Session that collects a shipping address, held to Stripe's shape under the pinned
 * API version (stripe-node's `Stripe.Checkout.Session` at `2026-10-28.endive`) whoever asks the
 * local Stripe: open, it names the countries and has collected nothing; paid, the address is
 * under `collected_information.shipping_details` (no top-level `shipping_details` nor `shipping`:
 * basil removed them), the buyer's details under `customer_details`, the option paid under
 * `shipping_cost` and in `amount_total`, and the product's reader finds the address there. What
 * Stripe refuses at creation is refused: a country outside its list (one it names unsupported,
 * a lower-case code, three letters, a made-up one) and more than five options.
 */
import type Stripe from 'stripe';
import type { CheckoutRequest, CheckoutShipping, Payments } from '../../shared/ports';
import type { LocalPayments } from '../../shared/local/stripe/payments';
import { sessionShipping } from '../../shared/payments/rules/session-shipping';
import { PaymentRefused } from '../../shared/errors';

export const baseUrl = 'http://127.0.0.1:8080';
export const startsAt = new Date('2026-11-02T12:00:00Z');

export interface ShippedCheckoutUnderTest {
  payments: Payments;
  world: LocalPayments;
  /** The session as the one under test reads it back: the world's record, or `GET /v1/checkout/sessions/:id`. */
  session(sessionId: string): Promise<Record<string, unknown>>;
  cleanup(): Promise<void>;
}

/** Every key stripe-node's type gives a completed session's `customer_details` at the pinned version. */
const customerDetailsKeys: ReadonlyArray<keyof Stripe.Checkout.Session.CustomerDetails> = [
  'address',
  'business_name',
  'email',
  'individual_name',
  'name',
  'phone',
  'tax_exempt',
  'tax_ids',
];

const usAndCanada = (over: Partial<CheckoutShipping> = {}): CheckoutShipping => ({
  allowedCountries: ['CA', 'US'],
  homeCountry: 'US',
  options: [
    { scope: 'domestic', displayName: 'USPS Ground Advantage', amountCents: 1_200, deliveryDays: { minimum: 3, maximum: 6 } },
    { scope: 'international', displayName: 'USPS Priority Mail International', amountCents: 3_500, deliveryDays: { minimum: 6, maximum: 10 } },
  ],
  ...over,
});

let orders = 0;
const checkout = (shipping: CheckoutShipping): CheckoutRequest => {
  const orderId = `s${++orders}`;
  return {
    idempotencyKey: `checkout:${orderId}`,
    orderId,
    itemName: 'Lavender 65%',
    amountCents: 24_000,
    currency: 'usd',
    expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
    metadata: { order_id: orderId },
    successUrl: `${baseUrl}/checkout/done`,
    cancelUrl: `${baseUrl}/checkout/cancelled`,
    shipping,
  };
};

const typed = {
  name: 'Bo Buyer',
  address: { line1: '7421 Wisteria Quarry Lane', line2: null, city: 'Pemberton Falls', state: 'VT', postal_code: '05099', country: 'US' },
};

export function describeShippedCheckoutContract(name: string, make: () => Promise<ShippedCheckoutUnderTest>): void {
  describe(`a Checkout Session collecting a shipping address: ${name}`, () => {
    let under: ShippedCheckoutUnderTest;
    beforeEach(async () => void (under = await make()));
    afterEach(() => under.cleanup());

    it('names the countries it ships to when opened, with nothing collected, no shipping paid and no buyer details yet', async () => {
      const { sessionId } = await under.payments.createCheckoutSession(checkout(usAndCanada()));
      const open = await under.session(sessionId);
      expect(open).toMatchObject({ status: 'open', shipping_address_collection: { allowed_countries: ['CA', 'US'] }, shipping_cost: null });
      expect(open.collected_information ?? null).toBeNull();
      expect(open).toHaveProperty('customer_details', null);
      expect(open).not.toHaveProperty('shipping_details');
      expect(open).not.toHaveProperty('shipping');
    });

    it('keeps the typed address under collected_information.shipping_details once paid, the buyer’s details beside it, and the product reads it there', async () => {
      const { sessionId } = await under.payments.createCheckoutSession(checkout(usAndCanada()));
      // The buyer keeps the option Stripe's page ticks first: Stripe is never told which one is domestic.
      const [first] = (await under.session(sessionId)).shipping_options as Array<{ shipping_rate: string }>;
      await under.world.paySession(sessionId, 'card', { details: typed, shippingRate: first?.shipping_rate as string });
      const paid = await under.session(sessionId);

      expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid', amount_subtotal: 24_000, amount_total: 25_200 });
      expect(paid.collected_information).toEqual({ business_name: null, individual_name: null, shipping_details: typed });
      expect(paid).not.toHaveProperty('shipping_details');
      expect(paid).not.toHaveProperty('shipping');
      expect(paid.shipping_cost).toMatchObject({
        amount_subtotal: 1_200,
        amount_tax: 0,
        amount_total: 1_200,
        shipping_rate: expect.stringMatching(/^shr_/) as unknown,
      });
      const details = paid.customer_details as Record<string, unknown>;
      expect(Object.keys(details).sort()).toEqual([...customerDetailsKeys].sort());
      // Checkout's "billing same as shipping", ticked unless the buyer unticks it: the typed address is the billing one too.
      expect(details).toMatchObject({ address: typed.address, name: typed.name, tax_exempt: 'none', tax_ids: [] });

      expect(sessionShipping({ ...paid, id: sessionId })).toEqual({
        cents: 1_200,
        address: { name: 'Bo Buyer', line1: '7421 Wisteria Quarry Lane', city: 'Pemberton Falls', state: 'VT', postalCode: '05099', country: 'US' },
      });
    });

    it.each([
      ['a country Stripe names unsupported for shipping', 'AS'],
      ['a code in lower case', 'us'],
      ['three letters', 'USA'],
      ['a code that is no country', 'XX'],
    ])('refuses allowed_countries holding %s (%s), and opens nothing', async (_what, code) => {
      const before = (await under.world.listSessions()).length;
      await expect(under.payments.createCheckoutSession(checkout(usAndCanada({ allowedCountries: ['CA', code] })))).rejects.toThrow(
        expect.objectContaining({
          name: PaymentRefused.name,
          message: expect.stringContaining('shipping_address_collection[allowed_countries]') as unknown,
        }) as Error,
      );
      expect(await under.world.listSessions()).toHaveLength(before);
    });

    it('refuses a sixth shipping option, as Stripe takes five at most', async () => {
      const option = usAndCanada().options[0] as CheckoutShipping['options'][number];
      const six = Array.from({ length: 6 }, (_, i) => ({ ...option, displayName: `Option ${i + 1}` }));
      await expect(under.payments.createCheckoutSession(checkout(usAndCanada({ options: six })))).rejects.toThrow(PaymentRefused);
    });
  });
}
