/**
 * An early fraud warning that overtakes its charge's `checkout.session.completed` (Stripe
 * orders no events): it is kept under its charge, and once the payment lands the order is
 * refunded (or held for review) exactly as if the warning had come after it, once, whatever
 * is redelivered and in whichever order the two arrive.
 */
import fc from 'fast-check';
import { docPath } from '../../ports';
import type { StripeEvent } from '../rules/stripe-event';
import { releaseHold } from '../rules/dispute-rules';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { BUILDERS, GUILD, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';

const BUILDER = BUILDERS[0];

async function paidButUnheard(settings: { fraudAutoRefund?: boolean } = {}) {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(BUILDER);
  await w.store.set(docPath<{ configuredBy: string; payments: { fraudAutoRefund?: boolean } }>(`guilds/${GUILD}`), {
    configuredBy: '800000000000000011',
    payments: settings,
  });
  await w.hammer({ auctionId: 'auct0001', builderId: BUILDER, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  const paid = await w.payments.paySession(session?.id as string);
  const paymentIntentId = paid.result === 'changed' ? String(paid.object.payment_intent) : '';
  const { chargeId } = await w.payments.chargeOfPayment(paymentIntentId);
  const completed = w.event('checkout.session.completed', 'evt_paid');
  /** `radar.early_fraud_warning.created` as Stripe sends it. */
  const warning = (id: string): StripeEvent => ({
    id,
    type: 'radar.early_fraud_warning.created',
    created: 100,
    data: {
      object: {
        id: 'issfr_1',
        object: 'radar.early_fraud_warning',
        actionable: true,
        charge: chargeId,
        fraud_type: 'made_with_stolen_card',
        payment_intent: paymentIntentId,
      },
    },
  });
  const orderId = auctionOfferOrderId('auct0001', 0);
  const refundedEvents = () => w.caught.filter((c) => c.type === 'charge.refunded').length;
  return { w, completed, warning, order: () => w.order(orderId), refundedEvents };
}

describe('an early fraud warning that arrives before its payment', () => {
  it('is kept, and refunds the order in full once the payment lands, as if it came after', async () => {
    const { w, completed, warning, order } = await paidButUnheard();
    await w.deliver(warning('evt_warn'));
    expect(await w.payments.listRefunds()).toEqual([]);
    await w.deliver(completed);
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([25_000]);
    expect((await order()).fraudWarning).toMatchObject({ warningId: 'issfr_1', outcome: 'refunded' });
    await w.deliver(w.event('charge.refunded', 'evt_refunded'));
    expect(await order()).toMatchObject({ status: 'refunded', refundedCents: 25_000 });
  });

  it('holds the order for review once the payment lands when the server turned the refund off', async () => {
    const { w, completed, warning, order } = await paidButUnheard({ fraudAutoRefund: false });
    await w.deliver(warning('evt_warn'));
    await w.deliver(completed);
    expect(await w.payments.listRefunds()).toEqual([]);
    expect(releaseHold(await order())).toBe('fraud-warning');
  });

  it('ends the same whichever arrives first and however often each is redelivered: one refund, one DM each', async () => {
    const steps = ['warning', 'warning-again', 'paid', 'paid-again'] as const;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...steps], { minLength: 4, maxLength: 4 }), async (sequence) => {
        const { w, completed, warning, order } = await paidButUnheard();
        for (const step of sequence) {
          if (step === 'warning' || step === 'warning-again') await w.deliver(warning(step === 'warning' ? 'evt_warn' : 'evt_warn_2'));
          else await w.deliver(step === 'paid' ? completed : { ...completed, id: 'evt_paid_2' });
        }
        expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([25_000]);
        expect((await order()).fraudWarning?.outcome).toBe('refunded');
        expect(w.dmsTo(BUILDER).filter((m) => (m.content ?? '').includes('fraud'))).toHaveLength(1);
        expect(w.dmsTo(WINNER).filter((m) => (m.content ?? '').includes('refunded in full'))).toHaveLength(1);
      }),
      { numRuns: 12 },
    );
  });
});
