/**
 * @module stripe/test-cards
 * The cards a buyer can save on the local Stripe's setup page, each behaving as the Stripe
 * test card it stands for when charged off session:
 *
 * - `works`: 4242 4242 4242 4242 (`pm_card_visa`), charged.
 * - `authentication_required`: 4000 0027 6000 3184 (`pm_card_authenticationRequired`), which
 *   demands authentication on every charge: saving it on Stripe's page (the buyer is there) goes
 *   through, an off-session charge is refused with `authentication_required`, and the buyer can
 *   still pay on session.
 * - `declined`: 4000 0000 0000 0341 (`pm_card_chargeCustomerFail`), which saves on a customer
 *   and is declined when charged (`card_declined`). Stripe's generic decline card,
 *   4000 0000 0000 0002, would be refused while saving, so it is not the one that stands here.
 */
import type { LocalPaymentError } from './saved-card-objects';

export const testCardKinds = ['works', 'authentication_required', 'declined'] as const;
export type TestCardKind = (typeof testCardKinds)[number];

/** The Stripe test card each kind stands for: its number and the last four a PaymentMethod shows. */
export const testCards: Record<TestCardKind, { number: string; last4: string }> = {
  works: { number: '4242424242424242', last4: '4242' },
  authentication_required: { number: '4000002760003184', last4: '3184' },
  declined: { number: '4000000000000341', last4: '0341' },
};

/** What charging this card off session does: succeeds, or Stripe's `card_error` for it. */
export function offSessionOutcome(card: TestCardKind): { status: 'succeeded' } | { status: 'requires_payment_method'; error: LocalPaymentError } {
  if (card === 'works') return { status: 'succeeded' };
  if (card === 'authentication_required')
    return {
      status: 'requires_payment_method',
      error: {
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
        doc_url: 'https://docs.stripe.com/error-codes/authentication-required',
      },
    };
  return {
    status: 'requires_payment_method',
    error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      doc_url: 'https://docs.stripe.com/error-codes/card-declined',
    },
  };
}

/** Whether the buyer can pay with this card on Stripe's page (on session): there they authenticate, but a declined card is declined. */
export function paysOnSession(card: TestCardKind): boolean {
  return card !== 'declined';
}

export const isTestCardKind = (value: unknown): value is TestCardKind => testCardKinds.some((kind) => kind === value);
