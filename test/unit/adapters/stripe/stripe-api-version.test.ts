/**
 * The Stripe API version is pinned in one place (shared/adapters/stripe/api-version): every
 * client we make asks for it, the webhook endpoints must be created with it (Stripe shapes
 * each event by its endpoint's version, not by the client's), and the operator is told so in
 * the docs and by terraform. An SDK upgrade that types another version fails here and in tsc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { stripeApiVersion } from '../../../../shared/adapters/stripe/api-version';
import { createStripePayments } from '../../../../shared/adapters/stripe/stripe-payments';
import type { LocalCheckoutSession, LocalCustomerDetails } from '../../../../shared/local/stripe/objects';
import { loadTerraform } from '../../../support/terraform';

// What each `new Stripe(...)` was given: the real client, its options written down.
const mockClientOptions: unknown[] = [];
jest.mock('stripe', () => {
  // The package is CommonJS whose module.exports is the class itself.
  const Actual = jest.requireActual<new (key: string, options?: unknown) => object>('stripe');
  class Recorded extends Actual {
    constructor(key: string, options?: unknown) {
      mockClientOptions.push(options);
      super(key, options);
    }
  }
  return { __esModule: true, default: Recorded };
});

const root = join(__dirname, '..', '..', '..', '..');
/** Every API version a page names in backticks, as an operator would copy it. */
const versionsNamedIn = (page: string): string[] =>
  [...readFileSync(join(root, page), 'utf8').matchAll(/`(\d{4}-\d{2}-\d{2}\.[a-z]+)`/g)].map((m) => m[1] as string);

describe('the pinned Stripe API version', () => {
  it('is the version this stripe-node release types', () => {
    expect(stripeApiVersion).toBe(Stripe.API_VERSION);
  });

  it('is what the production payments adapter gives stripe-node', () => {
    mockClientOptions.length = 0;
    createStripePayments('sk_test_pinned');
    expect(mockClientOptions).toEqual([expect.objectContaining({ apiVersion: stripeApiVersion })]);
  });

  it('is the version the docs say to create the webhook endpoints with', () => {
    for (const page of ['docs/operations/app-setup.md', 'docs/operations/deploying.md']) {
      expect({ page, versions: versionsNamedIn(page) }).toEqual({ page, versions: [stripeApiVersion] });
    }
  });

  it('is the version terraform tells the operator to create the webhook endpoints with', async () => {
    const tf = await loadTerraform();
    expect(tf.locals.stripe_api_version).toBe(stripeApiVersion);
  });

  it('is the shape the local Stripe sends a Checkout Session in: the address under collected_information', () => {
    // Compile-time: a key the pinned version does not have (an older top-level
    // `shipping_details`) or an address shaped otherwise fails tsc here.
    const unknownToThePinnedVersion: Exclude<keyof LocalCheckoutSession, keyof Stripe.Checkout.Session> extends never ? true : false = true;
    const sent: LocalCheckoutSession['collected_information'] = {
      business_name: null,
      individual_name: null,
      shipping_details: {
        name: 'A. Buyer',
        address: { line1: '1 Example Way', line2: null, city: 'Exampleton', state: null, postal_code: '00000', country: 'FR' },
      },
    };
    const asPinned: Stripe.Checkout.Session['collected_information'] = sent;
    expect(unknownToThePinnedVersion).toBe(true);
    expect(asPinned?.shipping_details?.address.country).toBe('FR');
  });

  it('is the shape the local Stripe gives a completed session’s customer_details in: every key, each typed as Stripe types it', () => {
    // Compile-time both ways: a key missing from the stand-in's, or one Stripe does not have, fails tsc here.
    const keysMatch:
      | Exclude<keyof Stripe.Checkout.Session.CustomerDetails, keyof LocalCustomerDetails>
      | Exclude<keyof LocalCustomerDetails, keyof Stripe.Checkout.Session.CustomerDetails> extends never
      ? true
      : false = true;
    const sent: LocalCustomerDetails = {
      address: { line1: '1 Example Way', line2: null, city: 'Exampleton', state: null, postal_code: '00000', country: 'FR' },
      business_name: null,
      email: null,
      individual_name: null,
      name: 'A. Buyer',
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
    const asPinned: Stripe.Checkout.Session['customer_details'] = sent;
    expect(keysMatch).toBe(true);
    expect(asPinned?.address?.country).toBe('FR');
  });
});
