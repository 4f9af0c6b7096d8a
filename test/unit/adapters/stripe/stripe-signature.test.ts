import Stripe from 'stripe';
import { stripeApiVersion } from '../../../../shared/adapters/stripe/api-version';
import { stripeSignatureHeader, stripeVerifier, verifyStripeSignature } from '../../../../shared/adapters/stripe/stripe-signature';

const secret = 'whsec_test_signature_secret';
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_1' } } });
const body = Buffer.from(payload);
const now = 1_800_000_000;
const stripe = new Stripe('sk_test_unused', { apiVersion: stripeApiVersion });

describe('Stripe webhook signatures without the SDK', () => {
  it('makes a header the stripe SDK’s constructEvent accepts', () => {
    const header = stripeSignatureHeader(payload, secret, Math.floor(Date.now() / 1000));
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
  });

  it('accepts a header made by the stripe SDK’s generateTestHeaderString', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now });
    expect(verifyStripeSignature(body, header, secret, now)).toBe(true);
  });

  it('accepts any v1 entry that matches, as during a secret roll', () => {
    const good = stripeSignatureHeader(payload, secret, now).split(',')[1];
    const other = stripeSignatureHeader(payload, 'whsec_old', now).split(',')[1];
    expect(verifyStripeSignature(body, `t=${now},${other},${good},v0=ignored`, secret, now)).toBe(true);
  });

  it('rejects a body changed after signing, even by one byte', () => {
    const header = stripeSignatureHeader(payload, secret, now);
    expect(verifyStripeSignature(Buffer.from(payload.replace('cs_1', 'cs_2')), header, secret, now)).toBe(false);
    expect(verifyStripeSignature(Buffer.from(`${payload} `), header, secret, now)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyStripeSignature(body, stripeSignatureHeader(payload, 'whsec_other', now), secret, now)).toBe(false);
  });

  it('rejects a timestamp more than 300 s old or ahead, and accepts one at the edge', () => {
    const header = (t: number) => stripeSignatureHeader(payload, secret, t);
    expect(verifyStripeSignature(body, header(now - 300), secret, now)).toBe(true);
    expect(verifyStripeSignature(body, header(now + 300), secret, now)).toBe(true);
    expect(verifyStripeSignature(body, header(now - 301), secret, now)).toBe(false);
    expect(verifyStripeSignature(body, header(now + 301), secret, now)).toBe(false);
  });

  it('rejects a missing header and malformed ones', () => {
    const v1 = stripeSignatureHeader(payload, secret, now).split(',')[1] as string;
    const malformed = [
      undefined,
      '',
      `v1=${v1.slice(3)}`,
      `t=${now}`,
      `t=${now},v1=abc`,
      `t=abc,${v1}`,
      `t=${now},t=${now},${v1}`,
      `${now},${v1}`,
      `t=${now};${v1}`,
      `t=${now},v1=${'zz'.repeat(32)}`,
    ];
    for (const header of malformed) expect(verifyStripeSignature(body, header, secret, now)).toBe(false);
  });

  it('checks against the clock it is given', () => {
    const at = (seconds: number) => ({ now: () => new Date(seconds * 1000) });
    const header = stripeSignatureHeader(payload, secret, now);
    expect(stripeVerifier(secret, at(now + 10))(body, header)).toBe(true);
    expect(stripeVerifier(secret, at(now + 1000))(body, header)).toBe(false);
  });
});
