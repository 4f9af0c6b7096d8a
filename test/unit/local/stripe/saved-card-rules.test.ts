/**
 * The local Stripe's pure rules for saved cards: what each test card does when charged off
 * session and on Stripe's page, Stripe's rate limit as a window of one clock second, which
 * card the pay route was asked for, and what Stripe refuses in a setup-mode session.
 */
import { offSessionOutcome, paysOnSession, testCardKinds, testCards } from '../../../../shared/local/stripe/test-cards';
import { PerSecondLimit, stripeWritesPerSecond } from '../../../../shared/local/stripe/per-second-limit';
import { parseBuyerCard } from '../../../../shared/local/stripe/buyer-card';
import { setupRequestProblem } from '../../../../shared/local/stripe/setup-sessions';
import type { CardSetupRequest } from '../../../../shared/ports';

describe('the local Stripe’s test cards', () => {
  it('stand for Stripe’s test cards, each showing the last four of its number', () => {
    expect(testCards).toEqual({
      works: { number: '4242424242424242', last4: '4242' },
      authentication_required: { number: '4000002760003184', last4: '3184' },
      declined: { number: '4000000000000341', last4: '0341' },
    });
    for (const kind of testCardKinds) expect(testCards[kind].number.endsWith(testCards[kind].last4)).toBe(true);
  });

  it('charge the card that works off session, and refuse the others with Stripe’s card errors', () => {
    expect(offSessionOutcome('works')).toEqual({ status: 'succeeded' });
    expect(offSessionOutcome('authentication_required')).toEqual({
      status: 'requires_payment_method',
      error: expect.objectContaining({ type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required' }),
    });
    expect(offSessionOutcome('declined')).toEqual({
      status: 'requires_payment_method',
      error: expect.objectContaining({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }),
    });
  });

  it('let a buyer pay on Stripe’s page with any card but the declined one: there they can authenticate', () => {
    expect(testCardKinds.filter(paysOnSession)).toEqual(['works', 'authentication_required']);
  });
});

describe('Stripe’s rate limit, a window of one clock second', () => {
  it('takes as many requests as the limit in a second, refuses the next, and takes them again in the next second', () => {
    const limit = new PerSecondLimit(3);
    const second = 1_795_000_000_000;
    expect([0, 10, 999, 999].map((ms) => limit.take(second + ms))).toEqual([true, true, true, false]);
    expect(limit.take(second + 1_000)).toBe(true);
  });

  it('is Stripe’s 25 a second by default, and refuses a limit that is no whole number of requests', () => {
    expect(stripeWritesPerSecond).toBe(25);
    expect(() => new PerSecondLimit(0)).toThrow(RangeError);
    expect(() => new PerSecondLimit(2.5)).toThrow(RangeError);
  });
});

describe('the card the pay route is asked for', () => {
  const json = (body: unknown) => parseBuyerCard(Buffer.from(JSON.stringify(body)), 'application/json');

  it('is the one the JSON body or the page’s form names, and one that works when neither names one', () => {
    expect(json({ card: 'authentication_required' })).toEqual({ ok: true, card: 'authentication_required' });
    expect(parseBuyerCard(Buffer.from('card=declined'), 'application/x-www-form-urlencoded')).toEqual({ ok: true, card: 'declined' });
    expect(parseBuyerCard(Buffer.alloc(0), '')).toEqual({ ok: true, card: 'works' });
    expect(json({ shipping: { name: 'Ana' } })).toEqual({ ok: true, card: 'works' });
  });

  it('refuses a card the local Stripe does not have, naming those it has', () => {
    expect(json({ card: 'stolen' })).toEqual({ ok: false, error: 'card is one of works, authentication_required, declined' });
  });
});

describe('what Stripe refuses in a setup-mode session', () => {
  const request: CardSetupRequest = {
    idempotencyKey: 'k',
    customerId: 'cus_1',
    currency: 'usd',
    consentText: 'Charged only if the minimum is met.',
    metadata: {},
    successUrl: 's',
    cancelUrl: 'c',
    expiresAt: new Date(0),
  };

  it('takes a card setup with a currency, a consent and countries Stripe ships to', () => {
    expect(setupRequestProblem(request)).toBeUndefined();
    expect(setupRequestProblem({ ...request, shippingCountries: ['US', 'CA'], consentText: 'x'.repeat(1_200) })).toBeUndefined();
  });

  it('refuses a currency that is no lower-case code, a consent empty or over 1,200 characters, and a country Stripe does not ship to', () => {
    expect(setupRequestProblem({ ...request, currency: 'USD' })).toMatch('currency');
    expect(setupRequestProblem({ ...request, consentText: ' ' })).toMatch('custom_text[submit][message]');
    expect(setupRequestProblem({ ...request, consentText: 'x'.repeat(1_201) })).toMatch('1201 given');
    expect(setupRequestProblem({ ...request, shippingCountries: ['XX'] })).toMatch("'XX'");
    expect(setupRequestProblem({ ...request, shippingCountries: [] })).toMatch('at least one');
  });
});
