/**
 * The playground's Stripe panel offers each case real Stripe can put a paid order in, and
 * disables (with why) each one that cannot happen to that order now.
 */
import { debtOwedIn, feedbackFor, refusalFeedback, stripeCasesFor, type StripeOrderFacts } from '../../shared/local/playground/client/stripe-cases';
import { paidOrdersOf, type StripeLists } from '../../shared/local/playground/client/stripe-orders';
import { debtRecordedDm } from '../../shared/payments/rules/debt-messages';

const paid: StripeOrderFacts = {
  sessionId: 'cs_1',
  paymentIntent: 'pi_1',
  chargeId: 'ch_1',
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

  it('acts on the charge, however it was paid: through Checkout or off session', () => {
    expect(stripeCasesFor(paid).find((c) => c.name === 'refund')?.path).toBe('/_local/stripe/charges/ch_1/refund');
    expect(stripeCasesFor(paid).find((c) => c.name === 'chargeback')?.path).toBe('/_local/stripe/charges/ch_1/dispute');
  });

  it('offers no Refund Stripe would refuse: not while a chargeback is open nor once it is lost, but during an inquiry and after a win', () => {
    const disputed = (status: string) => ({ ...paid, dispute: { id: 'du_1', status, amount: 2500 } });
    expect(reasonOf(disputed('needs_response'), 'refund')).toBe('the payment is charged back: Stripe refuses a refund while the chargeback is open');
    expect(reasonOf(disputed('under_review'), 'refund')).toMatch(/charged back/);
    expect(reasonOf(disputed('lost'), 'refund')).toBe(
      'the payment was charged back and the chargeback lost: the buyer has the money already, and Stripe refuses a refund',
    );
    for (const status of ['warning_needs_response', 'warning_under_review', 'warning_closed', 'won'])
      expect(reasonOf(disputed(status), 'refund')).toBeUndefined();
  });

  it('lets the bank dispute an order refunded in full for the whole charge, as Stripe allows; otherwise for what is left', () => {
    const refunded = { ...paid, refunded: true, refundId: 're_1' };
    const chargeback = stripeCasesFor(refunded).find((c) => c.name === 'chargeback');
    expect(chargeback).toEqual({
      name: 'chargeback',
      label: 'Chargeback',
      path: '/_local/stripe/charges/ch_1/dispute',
      body: { reason: 'fraudulent', amount: 2500 },
    });
    expect(stripeCasesFor(refunded).find((c) => c.name === 'inquiry')?.body).toEqual({ reason: 'fraudulent', amount: 2500, inquiry: true });
    // What is not refunded in full is disputed for what is left, the local Stripe's default.
    expect(stripeCasesFor(paid).find((c) => c.name === 'chargeback')?.body).toEqual({ reason: 'fraudulent' });
    expect(feedbackFor('chargeback', refunded, { dispute: { amount: 2500 } })).toBe(
      'Chargeback opened on “Lavender 65%” though it was refunded: $25.00 taken back from C500, plus Stripe’s dispute fee; the refund is C500’s evidence.',
    );
  });

  it('still refuses a second dispute and a refund of an order refunded in full and then charged back', () => {
    const order = { ...paid, refunded: true, refundId: 're_1', dispute: { id: 'du_1', status: 'needs_response', amount: 2500 } };
    expect(reasonOf(order, 'chargeback')).toMatch(/already has a dispute/);
    expect(reasonOf(order, 'refund')).toBe('already refunded');
    expect(reasonOf({ ...order, refunded: false }, 'refund')).toMatch(/charged back/);
  });

  it('says what the local Stripe refused in Stripe’s words and code, and that nothing changed', () => {
    expect(refusalFeedback('Refund', { error: 'Charge ch_1 has been charged back; cannot issue a refund.', code: 'charge_disputed' })).toBe(
      'Stripe refused Refund: Charge ch_1 has been charged back; cannot issue a refund. (charge_disputed). Nothing changed.',
    );
    expect(refusalFeedback('Payout', {})).toBe('Stripe refused Payout: it gave no reason. Nothing changed.');
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

describe('the Stripe panel’s list of paid orders', () => {
  const lists = (over: Partial<StripeLists> = {}): StripeLists => ({
    sessions: [
      { id: 'cs_drop', payment_intent: 'pi_drop', client_reference_id: 'o_drop', line_items: { data: [{ description: 'Lavender 65%' }] } },
      { id: 'cs_merch', payment_intent: 'pi_merch', client_reference_id: null, line_items: { data: [{ description: 'Sticker' }] } },
      { id: 'cs_open', payment_intent: null, client_reference_id: 'o_open', line_items: { data: [{ description: 'Unpaid' }] } },
    ],
    payment_intents: [
      {
        id: 'pi_drop',
        status: 'succeeded',
        latest_charge: 'ch_drop',
        amount: 24_000,
        currency: 'usd',
        created: 1,
        metadata: { order_id: 'o_drop', buyer_id: 'b1', builder_id: 'k' },
      },
      { id: 'pi_merch', status: 'succeeded', latest_charge: 'ch_merch', amount: 500, currency: 'usd', created: 2, metadata: { guild_id: 'g' } },
      {
        id: 'pi_gb',
        status: 'succeeded',
        latest_charge: 'ch_gb',
        amount: 12_000,
        currency: 'usd',
        created: 3,
        metadata: { order_id: 'o_gb', buyer_id: 'b2', builder_id: 'k', group_buy_id: 'gb1' },
      },
      {
        id: 'pi_declined',
        status: 'requires_payment_method',
        latest_charge: null,
        amount: 12_000,
        currency: 'usd',
        created: 4,
        metadata: { order_id: 'o_gb2' },
      },
    ],
    disputes: [],
    refunds: [],
    accounts: [{ id: 'acct_k', metadata: { builder_id: 'k' } }],
    ...over,
  });

  it('lists every paid order newest first, a group buy’s charged off session included, and no merch sale nor unpaid payment', () => {
    expect(paidOrdersOf(lists()).map((o) => [o.title, o.chargeId, o.sessionId, o.buyerId, o.accountId])).toEqual([
      ['group buy order o_gb', 'ch_gb', undefined, 'b2', 'acct_k'],
      ['Lavender 65%', 'ch_drop', 'cs_drop', 'b1', 'acct_k'],
    ]);
  });

  it('reads an order refunded in full from its refunds that went through, and its newest dispute', () => {
    const [groupBuy, drop] = paidOrdersOf(
      lists({
        refunds: [
          { id: 're_2', payment_intent: 'pi_gb', status: 'succeeded', amount: 2_000 },
          { id: 're_1', payment_intent: 'pi_gb', status: 'failed', amount: 10_000 },
          { id: 're_3', payment_intent: 'pi_drop', status: 'succeeded', amount: 24_000 },
        ],
        disputes: [
          { id: 'du_old', payment_intent: 'pi_gb', status: 'warning_closed', amount: 12_000, created: 5 },
          { id: 'du_new', payment_intent: 'pi_gb', status: 'lost', amount: 10_000, created: 6 },
        ],
      }),
    );
    expect(groupBuy).toMatchObject({ refunded: false, refundId: 're_2', dispute: { id: 'du_new', status: 'lost' } });
    expect(drop).toMatchObject({ refunded: true, refundId: 're_3' });
  });
});
