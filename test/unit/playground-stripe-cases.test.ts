/**
 * The playground's Stripe panel offers each case real Stripe can put a paid order in, and
 * disables (with why) each one that cannot happen to that order now.
 */
import { debtOwedIn, feedbackFor, stripeCasesFor, type StripeOrderFacts } from '../../shared/local/playground/client/stripe-cases';
import { debtRecordedDm } from '../../shared/payments/rules/debt-messages';

const paid: StripeOrderFacts = {
  sessionId: 'cs_1',
  paymentIntent: 'pi_1',
  title: 'Lavender 65%',
  amountCents: 2500,
  currency: 'usd',
  buyerId: 'b',
  builderId: 'k',
  accountId: 'acct_1',
  refunded: false,
};
const enabled = (order: StripeOrderFacts) =>
  stripeCasesFor(order)
    .filter((c) => !c.disabled)
    .map((c) => c.name);
const reasonOf = (order: StripeOrderFacts, name: string) => stripeCasesFor(order).find((c) => c.name === name)?.disabled;

describe('the Stripe panel’s cases', () => {
  it('offers every case Stripe has, each once', () => {
    expect(stripeCasesFor(paid).map((c) => c.name)).toEqual([
      'inquiry',
      'chargeback',
      'escalate',
      'close-inquiry',
      'close-won',
      'close-lost',
      'fraud-warning',
      'refund',
      'refund-failed',
      'payout',
      'payout-failed',
      'revoke',
    ]);
  });

  it('lets a paid order without a dispute or refund be disputed, warned of, refunded and paid out, but not escalated, closed or have a refund fail', () => {
    expect(enabled(paid)).toEqual(['inquiry', 'chargeback', 'fraud-warning', 'refund', 'payout', 'payout-failed', 'revoke']);
    expect(reasonOf(paid, 'close-won')).toBe('no open chargeback');
    expect(reasonOf(paid, 'refund-failed')).toBe('no refund has gone through yet');
  });

  it('lets an open inquiry escalate or close, and no second dispute open', () => {
    const order = { ...paid, dispute: { id: 'du_1', status: 'warning_needs_response', amount: 2500 } };
    expect(enabled(order)).toEqual(expect.arrayContaining(['escalate', 'close-inquiry']));
    expect(enabled(order)).not.toEqual(expect.arrayContaining(['close-won']));
    expect(reasonOf(order, 'chargeback')).toMatch(/already has a dispute/);
    expect(stripeCasesFor(order).find((c) => c.name === 'escalate')?.path).toBe('/_local/stripe/disputes/du_1/escalate');
  });

  it('lets an open chargeback close as won or lost with the status Stripe’s route takes', () => {
    const order = { ...paid, dispute: { id: 'du_1', status: 'needs_response', amount: 2500 } };
    const won = stripeCasesFor(order).find((c) => c.name === 'close-won');
    expect(won).toEqual(expect.objectContaining({ path: '/_local/stripe/disputes/du_1/close', body: { status: 'won' } }));
    expect(won?.disabled).toBeUndefined();
    expect(reasonOf(order, 'escalate')).toBe('only an open inquiry escalates');
  });

  it('offers nothing more on a closed dispute', () => {
    const order = { ...paid, dispute: { id: 'du_1', status: 'lost', amount: 2500 } };
    expect(enabled(order)).not.toEqual(expect.arrayContaining(['escalate']));
    expect(enabled(order)).not.toEqual(expect.arrayContaining(['close-lost']));
  });

  it('lets a succeeded refund fail, and not be refunded twice', () => {
    const order = { ...paid, refunded: true, refundId: 're_1' };
    expect(stripeCasesFor(order).find((c) => c.name === 'refund-failed')).toEqual(expect.objectContaining({ path: '/_local/stripe/refunds/re_1/fail' }));
    expect(reasonOf(order, 'refund')).toBe('already refunded');
  });

  it('disables the account’s cases when the builder has no Stripe account', () => {
    const { accountId: _, ...order } = paid;
    expect(reasonOf(order, 'payout')).toBe('the builder has no Stripe account yet');
    expect(reasonOf(order, 'revoke')).toBe('the builder has no Stripe account yet');
  });

  it('says what a chargeback took, in dollars', () => {
    expect(feedbackFor('chargeback', paid, { dispute: { amount: 2500 } })).toBe(
      'Chargeback opened on “Lavender 65%”: $25.00 taken back from C500, plus Stripe’s dispute fee.',
    );
  });

  it('reads the amount a debt DM says its reader owes, as C500 writes that DM, and nothing from any other message', () => {
    for (const cause of [
      { by: 'dispute', handPaid: false },
      { by: 'refund', handPaid: true },
    ] as const) {
      const dm = debtRecordedDm({ orderId: 'ord_1', currency: 'usd' }, 'builder', 1234, cause);
      expect(debtOwedIn(dm.content ?? '')).toBe('$12.34');
    }
    expect(debtOwedIn(debtRecordedDm({ orderId: 'ord_1', currency: 'eur' }, 'host', 300, { by: 'refund', handPaid: true }).content ?? '')).toBe('3.00 EUR');
    expect(debtOwedIn('Your share of order `ord_1` is on its way: $12.34.')).toBeUndefined();
  });
});
