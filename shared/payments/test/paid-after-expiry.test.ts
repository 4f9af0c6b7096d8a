/**
 * A Checkout Session that completes paid for a checkout that had expired meanwhile (Stripe should
 * not let it, but its expiry and the buyer's payment can race): the lots are gone to their
 * runners-up, so the money goes back in full, once, by Stripe's refund under a key from the
 * intent, journaled as held for the buyer and refunded out of it, and the buyer is told in words,
 * whatever redelivers the payment and the `charge.refunded` that follows. A person is paged only
 * when Stripe refuses the refund.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { journalCollection, type JournalEntry } from '../../journal';
import type { DiscordMessage } from '../../ports';
import type { StripeEvent } from '../rules/stripe-event';
import { PaymentRefused } from '../../errors';
import { lateRefundKey } from '../use-cases/refund-late-payment';
import { refundWaitKey, waitingRefundsPath } from '../rules/refunds';
import { BUILDERS, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';

const [juno] = BUILDERS;
const lots = [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)];
const text = (m: DiscordMessage) => m.content ?? '';

/** Two lots won from juno, their checkout paid at Stripe; Stripe's expiry of the session delivered before its payment. */
async function paidAfterExpiry() {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(juno);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  const object = { ...paid.data.object, status: 'expired', payment_status: 'unpaid' } as StripeEvent['data']['object'];
  await w.deliver({ ...paid, id: 'evt_expired', type: 'checkout.session.expired', data: { object } });
  const paymentIntentId = String(paid.data.object.payment_intent);
  return { w, paid, paymentIntentId };
}

const lateDms = (w: ReturnType<typeof showPaymentsWorld>) =>
  w
    .dmsTo(WINNER)
    .map(text)
    .filter((t) => t.includes('came after its deadline'));

describe('a show checkout paid after it expired', () => {
  it('is refunded in full, once, under a key from its intent, however often its payment and refund come, and no person is paged', async () => {
    const { w, paid, paymentIntentId } = await paidAfterExpiry();
    const keys: string[] = [];
    const refund = w.payments.refund.bind(w.payments);
    w.payments.refund = async (request) => (keys.push(request.idempotencyKey), refund(request));
    const { lines } = await logLinesOf(async () => {
      await w.deliver(paid);
      const refunded = w.event('charge.refunded', 'evt_refunded');
      await w.deliver(paid);
      await w.deliver({ ...paid, id: 'evt_paid_again' });
      await w.deliver(refunded);
      await w.deliver({ ...refunded, id: 'evt_refunded_again' });
    });
    expect(lines.filter((line) => line.event === 'money.needs-human')).toEqual([]);
    const refunds = await w.payments.listRefunds();
    expect(refunds.map((r) => r.amount)).toEqual([37_345]);
    expect(await Promise.all(lots.map(async (id) => (({ status, refundedCents }) => ({ status, refundedCents }))(await w.order(id))))).toEqual([
      { status: 'expired', refundedCents: 25_000 },
      { status: 'expired', refundedCents: 12_345 },
    ]);
    expect(lateDms(w)).toEqual([expect.stringContaining('We refunded all $373.45 to your card')]);
    expect(lateDms(w)[0]).toContain('Tofu65 in e-white');
    expect(lateDms(w)[0]).toContain('Mode Sonnet');
    // Asked once: a redelivery finds the refund in the journal and asks Stripe nothing (its key may be gone after a day).
    expect(keys).toEqual([lateRefundKey(paymentIntentId)]);
    // The refund's own event found the lots by their intent: nothing parked to wait for a payment that came already.
    expect(await w.store.get(waitingRefundsPath(refundWaitKey('stripe', '', paymentIntentId)))).toBeUndefined();
  });

  it('journals each lot’s part as held for the buyer and refunded out of it: every account nets to zero, no fee earned', async () => {
    const { w, paid } = await paidAfterExpiry();
    await w.deliver(paid);
    await w.deliver(w.event('charge.refunded', 'evt_refunded'));
    await w.deliver({ ...paid, id: 'evt_paid_again' });
    const entries = (await w.store.query(journalCollection, {})).map((d) => d.data as JournalEntry).filter((e) => lots.includes(e.orderId ?? ''));
    expect(entries.map((e) => e.kind).sort()).toEqual(['charge', 'charge', 'refund', 'refund']);
    const byAccount = new Map<string, number>();
    for (const p of entries.flatMap((e) => e.postings)) byAccount.set(p.account, (byAccount.get(p.account) ?? 0) + p.amountCents);
    expect([...byAccount.values()].every((cents) => cents === 0)).toBe(true);
    expect(byAccount.has('platform-fees')).toBe(false);
  });

  it('pages a person, and keeps the money journaled as held for the buyer, when Stripe refuses the refund', async () => {
    const { w, paid } = await paidAfterExpiry();
    w.payments.refund = async () => {
      throw new PaymentRefused('This charge is disputed.', { stripeCode: 'charge_disputed' });
    };
    const { lines } = await logLinesOf(() => w.deliver(paid));
    expect(lines.filter((line) => line.event === 'money.needs-human').map((line) => line.reason)).toEqual(['paid-after-expiry']);
    expect(lateDms(w)).toEqual([]);
    const entries = (await w.store.query(journalCollection, {})).map((d) => d.data as JournalEntry).filter((e) => lots.includes(e.orderId ?? ''));
    expect(entries.map((e) => e.kind)).toEqual(['charge', 'charge']);
  });
});
