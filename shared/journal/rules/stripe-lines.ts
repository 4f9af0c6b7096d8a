/**
 * @module stripe-lines
 * Every `type` of balance transaction Stripe's pinned API lists, and what in the journal
 * explains it: the entry kinds that record the money it moved, or, for a type C500 never
 * causes, why not (such a line is still reported, with its type and these words, should it
 * appear). A test reads stripe-node's own union of types: a type it adds fails that test until
 * it is named here.
 */
import type { EntryKind } from './entry';

/** How the journal explains a type of line: by entries of these kinds, or never (C500 does nothing that makes one). */
export type LineExplanation = { entries: readonly EntryKind[] } | { never: string };

const never = (why: string): LineExplanation => ({ never: why });

/** By Stripe's `type`, in the order stripe-node lists them. */
export const stripeLineTypes = {
  adjustment: { entries: ['dispute-withdrawal', 'dispute-reinstatement'] },
  advance: never('an advance of funds (Stripe Capital): C500 takes none'),
  advance_funding: never('funding of an advance (Stripe Capital): C500 takes none'),
  anticipation_repayment: never('a repayment of anticipated funds (Brazil): C500 does not anticipate'),
  application_fee: never('an application fee: C500 keeps its cut by transferring less, never with an application fee'),
  application_fee_refund: never('an application fee refunded: C500 charges no application fee'),
  charge: { entries: ['charge', 'merch-sale'] },
  climate_order_purchase: never('a Stripe Climate order: C500 places none'),
  climate_order_refund: never('a Stripe Climate order refunded: C500 places none'),
  connect_collection_transfer: never(
    'Stripe collecting a connected account’s negative balance from the platform: C500 recovers such money as a debt, so look at the account it names',
  ),
  contribution: never('a Stripe Climate contribution: C500 makes none'),
  fee_credit_funding: never('Stripe fee credits funded: C500 buys none'),
  inbound_transfer: never('money moved in from a bank (Treasury): C500 moves none'),
  inbound_transfer_reversal: never('an inbound transfer reversed (Treasury): C500 moves none'),
  issuing_authorization_hold: never('a Stripe Issuing card authorization: C500 issues no cards'),
  issuing_authorization_release: never('a Stripe Issuing authorization released: C500 issues no cards'),
  issuing_dispute: never('a Stripe Issuing dispute: C500 issues no cards'),
  issuing_dispute_provisional_credit: never('a Stripe Issuing provisional credit: C500 issues no cards'),
  issuing_dispute_provisional_credit_reversal: never('a Stripe Issuing provisional credit reversed: C500 issues no cards'),
  issuing_transaction: never('a Stripe Issuing card transaction: C500 issues no cards'),
  obligation_outbound: never('an outbound obligation (Treasury): C500 has none'),
  obligation_reversal_inbound: never('an obligation reversed (Treasury): C500 has none'),
  payment: { entries: ['charge', 'merch-sale'] },
  payment_failure_refund: { entries: ['refund-failed'] },
  payment_network_reserve_hold: never('a card network’s reserve held by Stripe: nothing C500 did; ask Stripe'),
  payment_network_reserve_release: never('a card network’s reserve released by Stripe: nothing C500 did; ask Stripe'),
  payment_refund: { entries: ['refund', 'merch-refund'] },
  payment_reversal: never('a payment reversed by its network (not a dispute C500 heard of): ask Stripe'),
  payment_unreconciled: never('a payment Stripe could not match: ask Stripe'),
  payout: { entries: ['platform-payout'] },
  payout_cancel: never('a payout cancelled: C500 cancels none (Stripe’s automatic payouts are never cancelled by it)'),
  payout_failure: { entries: ['payout-returned'] },
  payout_minimum_balance_hold: never('a minimum balance held back from payouts: C500 sets none'),
  payout_minimum_balance_release: never('a minimum balance released: C500 sets none'),
  refund: { entries: ['refund', 'merch-refund'] },
  refund_failure: { entries: ['refund-failed'] },
  reserve_hold: never('funds Stripe put in reserve: nothing C500 did; ask Stripe why'),
  reserve_release: never('funds Stripe released from reserve: nothing C500 did'),
  reserve_transaction: never('a reserve movement by Stripe: nothing C500 did; ask Stripe why'),
  reserved_funds: never('funds Stripe reserved: nothing C500 did; ask Stripe why'),
  stripe_balance_payment_debit: never('a payment debited from the Stripe balance: C500 pays nothing from it'),
  stripe_balance_payment_debit_reversal: never('a balance payment debit reversed: C500 pays nothing from the balance'),
  stripe_fee: { entries: ['connect-fee'] },
  stripe_fx_fee: never('a currency conversion fee: C500 keeps each currency as it was charged'),
  tax_fee: never('a Stripe Tax fee: C500 does not use Stripe Tax'),
  tax_fund: never('Stripe Tax funds: C500 does not use Stripe Tax'),
  topup: never('a top-up of the balance: C500 makes none (an operator’s top-up shows here; record it by hand)'),
  topup_reversal: never('a top-up reversed: C500 makes none'),
  transfer: { entries: ['release', 'racer-payout'] },
  transfer_cancel: never('a transfer cancelled: C500’s transfers go to Stripe accounts, which do not cancel them'),
  transfer_failure: never('a transfer failed: C500’s transfers go to Stripe accounts, which do not fail them'),
  transfer_refund: { entries: ['reversal'] },
} as const satisfies Record<string, LineExplanation>;

export type StripeLineType = keyof typeof stripeLineTypes;

/** How the journal explains a line of this type; a type unknown here (newer than the pinned API) is explained by nothing. */
export function explanationOf(type: string): LineExplanation {
  return Object.hasOwn(stripeLineTypes, type) ? stripeLineTypes[type as StripeLineType] : never(`a ${type} line: a type newer than C500 knows; ask Stripe`);
}

/** Words for an unexplained group of lines, by their types: why C500 has no entry for them, when it never causes one. */
export function neverCausedWhy(types: readonly string[]): string | undefined {
  const words = types.flatMap((type) => {
    const explained = explanationOf(type);
    return 'never' in explained ? [`${type}: ${explained.never}`] : [];
  });
  return words.length > 0 ? [...new Set(words)].join('; ') : undefined;
}
