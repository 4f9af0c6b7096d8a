/**
 * @module refusal-words
 * Why a saved card could not be charged, in the buyer's words and with what they can do: one
 * mapping from Stripe's `code` and the bank's `decline_code`. Stripe's own message is for us
 * (logged), never for the buyer: it can name objects (`No such PaymentMethod: 'pm_…'`), and
 * for a card reported lost or stolen Stripe asks that the buyer see a plain decline. Pure.
 */

/** What Stripe said of a refused charge: its `code`, and the bank's `decline_code` when there was one. */
export interface StripeRefusal {
  code?: string;
  declineCode?: string;
}

/** Not a decline: the bank wants its buyer to confirm (3-D Secure), which only the buyer can do on the pay page. */
export const bankWantsYou = 'your bank wants you to confirm this payment yourself';
const declined = 'your bank declined the card; you can pay with it or another card on the link';
const detailsWrong = 'the card’s details were not accepted; you can pay with another card on the link';

/** The bank's decline codes, each to the buyer's words. Lost, stolen and fraud read as a plain decline, as Stripe advises. */
const byDeclineCode: Readonly<Record<string, string>> = {
  authentication_required: bankWantsYou,
  insufficient_funds: 'your bank said there were not enough funds on the card; you can pay with it or another card on the link',
  expired_card: 'the card has expired; you can pay with another card on the link',
  incorrect_cvc: detailsWrong,
  incorrect_number: detailsWrong,
  invalid_cvc: detailsWrong,
  invalid_expiry_month: detailsWrong,
  invalid_expiry_year: detailsWrong,
  card_velocity_exceeded: 'the card went over its limit; you can pay with another card on the link',
  withdrawal_count_limit_exceeded: 'the card went over its limit; you can pay with another card on the link',
  processing_error: 'the card could not be processed just then; you can try it again on the link',
  try_again_later: 'the card could not be processed just then; you can try it again on the link',
  currency_not_supported: 'the card does not take this currency; you can pay with another card on the link',
  card_not_supported: 'the card does not take this kind of payment; you can pay with another card on the link',
};

/** Stripe's error codes (when there was no decline code, or none we know). */
const byCode: Readonly<Record<string, string>> = {
  authentication_required: bankWantsYou,
  expired_card: byDeclineCode.expired_card as string,
  incorrect_cvc: detailsWrong,
  incorrect_number: detailsWrong,
  processing_error: byDeclineCode.processing_error as string,
  // The saved card is gone at Stripe (removed, or the customer was): Stripe says `No such PaymentMethod`.
  resource_missing: 'the card you saved is no longer on file; you can pay with another card on the link',
  payment_method_unactivated: 'the card you saved can no longer be charged; you can pay with another card on the link',
};

/** The buyer's words for this refusal: what happened, and what they can do. Anything unknown reads as a plain decline. */
export function refusalInBuyersWords(refusal: StripeRefusal): string {
  if (refusal.declineCode && byDeclineCode[refusal.declineCode]) return byDeclineCode[refusal.declineCode] as string;
  if (refusal.code && byCode[refusal.code]) return byCode[refusal.code] as string;
  return declined;
}

/** Every sentence the mapping can give: what a test holds to the buyer's words. */
export const everyRefusalWording: readonly string[] = [...new Set([...Object.values(byDeclineCode), ...Object.values(byCode), declined])];
