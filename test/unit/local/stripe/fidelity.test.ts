/**
 * The local Stripe's objects held to stripe-node's declarations of the pinned API version
 * (node_modules/stripe/cjs/resources/*.d.ts): at compile time, each local object is
 * assignable to Stripe's type (every field Stripe declares is there, of its type) and has no
 * field Stripe does not declare. A field renamed or dropped, or a status Stripe does not
 * have, fails tsc here; the values below are what the simulator really makes.
 */
import type Stripe from 'stripe';
import type {
  LocalApplication,
  LocalBalanceTransaction,
  LocalCharge,
  LocalDispute,
  LocalEarlyFraudWarning,
  LocalPayout,
  LocalRefund,
  LocalTransfer,
  LocalTransferReversal,
} from '../../../../shared/local/stripe/objects';
import { balanceTransaction, chargeTransaction } from '../../../../shared/local/stripe/ledger';
import { escalatedDispute, openedDispute } from '../../../../shared/local/stripe/disputes';

/** True when the local object has no key Stripe's type lacks. */
type NoUnknownKeys<Local, Declared> = Exclude<keyof Local, keyof Declared> extends never ? true : false;

// Wholly Stripe's: assignable as they are, and nothing more.
const wholly: [
  NoUnknownKeys<LocalBalanceTransaction, Stripe.BalanceTransaction>,
  NoUnknownKeys<LocalEarlyFraudWarning, Stripe.Radar.EarlyFraudWarning>,
  NoUnknownKeys<LocalPayout, Stripe.Payout>,
  NoUnknownKeys<LocalApplication, Stripe.Application>,
  // What the simulator keeps beside a refund (`charge_refunded_after`) is taken off before it is sent.
  NoUnknownKeys<Omit<LocalRefund, 'charge_refunded_after'>, Stripe.Refund>,
  NoUnknownKeys<LocalDispute, Stripe.Dispute>,
  NoUnknownKeys<LocalCharge, Stripe.Charge>,
  NoUnknownKeys<LocalTransfer, Stripe.Transfer>,
  NoUnknownKeys<LocalTransferReversal, Stripe.TransferReversal>,
] = [true, true, true, true, true, true, true, true, true];

// Assignability: each declared field present and of Stripe's type.
const asBalanceTransaction = (t: LocalBalanceTransaction): Stripe.BalanceTransaction => t;
const asEarlyFraudWarning = (w: LocalEarlyFraudWarning): Stripe.Radar.EarlyFraudWarning => w;
const asPayout = (p: LocalPayout): Stripe.Payout => p;
const asApplication = (a: LocalApplication): Stripe.Application => a;
const asRefund = ({ charge_refunded_after: _kept, ...r }: LocalRefund): Stripe.Refund => r;
// A dispute's and a charge's other fields (payment method details, outcome…) are left out; those it has are Stripe's.
const asDisputeFields = (d: LocalDispute): Pick<Stripe.Dispute, keyof LocalDispute & keyof Stripe.Dispute> => ({
  ...d,
  evidence: d.evidence as unknown as Stripe.Dispute.Evidence,
});
const asChargeFields = (c: LocalCharge): Pick<Stripe.Charge, Exclude<keyof LocalCharge, 'disputed'>> => c;

const charge: LocalCharge = {
  id: 'ch_local_1',
  object: 'charge',
  amount: 40_000,
  amount_captured: 40_000,
  amount_refunded: 0,
  refunded: false,
  paid: true,
  status: 'succeeded',
  payment_intent: 'pi_local_1',
  currency: 'usd',
  transfer_group: 'o1',
  metadata: {},
  created: 1_700_000_000,
  balance_transaction: null,
};

describe('the local Stripe’s objects, held to stripe-node’s declarations', () => {
  it('have no field Stripe does not declare', () => {
    expect(wholly.every(Boolean)).toBe(true);
  });

  it('make a balance transaction Stripe’s shape, a charge’s with its processing fee in fee_details', () => {
    const made = asBalanceTransaction(chargeTransaction(charge, 1_700_000_000));
    expect(made).toMatchObject({ type: 'charge', reporting_category: 'charge', fee: 1_190, net: 38_810, balance_type: 'payments', exchange_rate: null });
    expect(made.fee_details).toEqual([{ amount: 1_190, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }]);
    const refund = asBalanceTransaction(
      balanceTransaction({ type: 'refund', category: 'refund', amount: -100, currency: 'usd', source: 're_1', description: 'r', now: 1 }),
    );
    expect(refund).toMatchObject({ fee: 0, fee_details: [], net: -100, status: 'available' });
  });

  it('give an inquiry and its escalation Stripe’s dispute statuses', () => {
    const inquiry = asDisputeFields(openedDispute(charge, { reason: 'fraudulent', amountCents: 40_000, dueBy: 2, inquiry: true }, 1));
    const statuses: Stripe.Dispute.Status[] = [
      inquiry.status,
      escalatedDispute(openedDispute(charge, { reason: 'fraudulent', amountCents: 1, dueBy: 2, inquiry: true }, 1), 3, 1).status,
    ];
    expect(statuses).toEqual(['warning_needs_response', 'needs_response']);
  });

  it('type the rest as Stripe does', () => {
    // Compile-time: each conversion above is the check; these only keep them in use.
    expect([asEarlyFraudWarning, asPayout, asApplication, asRefund, asChargeFields].every((f) => typeof f === 'function')).toBe(true);
  });
});
