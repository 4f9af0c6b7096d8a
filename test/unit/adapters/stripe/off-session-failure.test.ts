/**
 * How the Stripe adapter reads a refused off-session charge (Stripe's 402 `card_error`): the
 * bank wanting the buyer, whichever of Stripe's fields says so, or a decline with its codes.
 */
import { offSessionFailureOf } from '../../../../shared/adapters/stripe/saved-cards';

const intent = { id: 'pi_1' };

describe('a refused off-session charge, as the Stripe adapter reads it', () => {
  it('needs the buyer when Stripe’s code is authentication_required', () => {
    const message = 'Your card was declined. This transaction requires authentication.';
    expect(offSessionFailureOf({ code: 'authentication_required', decline_code: 'authentication_required', message, payment_intent: intent })).toEqual({
      outcome: 'authentication_required',
      paymentIntentId: 'pi_1',
      message,
    });
  });

  it('needs the buyer when only the bank’s decline code says so, under card_declined', () => {
    expect(offSessionFailureOf({ code: 'card_declined', decline_code: 'authentication_required', message: 'm', payment_intent: intent })).toMatchObject({
      outcome: 'authentication_required',
    });
  });

  it('is a decline with Stripe’s code and the bank’s decline code otherwise, and without a decline code when the bank gave none', () => {
    expect(
      offSessionFailureOf({ code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: intent }),
    ).toEqual({
      outcome: 'declined',
      paymentIntentId: 'pi_1',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect(offSessionFailureOf({ code: 'expired_card', message: 'Your card has expired.', payment_intent: intent })).toEqual({
      outcome: 'declined',
      paymentIntentId: 'pi_1',
      code: 'expired_card',
      message: 'Your card has expired.',
    });
  });

  it('is a system error when Stripe names no PaymentIntent, which it always does for one', () => {
    expect(() => offSessionFailureOf({ code: 'card_declined', message: 'Your card was declined.' })).toThrow('without its PaymentIntent');
  });
});
