/**
 * A refund C500 made by itself for money whose lots were gone when it came (paid after the
 * checkout expired, or after a lot moved on) that the buyer's bank then sends back, days later,
 * against the local Stripe: the failure is recorded on the expired lot, the money is journaled
 * as owed to its buyer (never the platform's), a person is paged once with the failed-refund
 * line, and the admin's "paid back outside Stripe" clears it, whatever redelivers the failure.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { passToRunnerUp } from '../../auctions';
import { journalOfGuild, unbalanced, writeEntryUnread } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import type { StripeEvent } from '../rules/stripe-event';
import { buyerPaidOutsideEntry, owedToBuyerOf } from '../rules/owed-to-buyer';
import { BUILDERS, GUILD, HOST, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';

const [juno] = BUILDERS;
const first = auctionOfferOrderId('auct0001', 0);
const second = auctionOfferOrderId('auct0002', 0);
type World = ReturnType<typeof showPaymentsWorld>;

/** Two lots won from juno in one checkout, paid at Stripe; `late`: after the checkout expired, or after the second lot moved on. */
async function givenBack(late: 'checkout-expired' | 'lot-moved-on') {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  if (late === 'checkout-expired') {
    const object = { ...paid.data.object, status: 'expired', payment_status: 'unpaid' } as StripeEvent['data']['object'];
    await w.deliver({ ...paid, id: 'evt_expired', type: 'checkout.session.expired', data: { object } });
  } else expect(await passToRunnerUp(w.deps, second, 'evt_lot_lapsed')).toBe(true);
  await w.deliver(paid);
  await w.deliver(w.event('charge.refunded', 'evt_refunded'));
  const [refund] = await w.payments.listRefunds();
  return { w, refundId: refund?.id as string, amountCents: refund?.amount as number, lots: late === 'checkout-expired' ? [first, second] : [second] };
}

/** The daily run reads Stripe's lines, then the server's report reads the journal. */
async function reconciled(w: World) {
  await reconcileAll(w.deps, new Date(0));
  return reconcileGuild(w.deps, GUILD);
}

const byOrder = (a: { orderId?: string }, b: { orderId?: string }) => (a.orderId ?? '').localeCompare(b.orderId ?? '');

/** As givenBack, but the delivery that asked Stripe for the refund dies before it journals it (Stripe made it). */
async function paidBeforeItsRefundIsJournaled(late: 'checkout-expired' | 'lot-moved-on') {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  if (late === 'checkout-expired') {
    const object = { ...paid.data.object, status: 'expired', payment_status: 'unpaid' } as StripeEvent['data']['object'];
    await w.deliver({ ...paid, id: 'evt_expired', type: 'checkout.session.expired', data: { object } });
  } else expect(await passToRunnerUp(w.deps, second, 'evt_lot_lapsed')).toBe(true);
  const refund = w.payments.refund.bind(w.payments);
  w.payments.refund = async (request) => {
    await refund(request);
    throw new Error('the process died after Stripe made the refund');
  };
  await expect(w.deliver(paid)).rejects.toThrow('the process died');
  w.payments.refund = refund;
  return { w, paid };
}

/** The bank sends the refund back three days later; Stripe's `charge.refund.updated` is delivered, and delivered again. */
async function bankSendsItBack(w: World, refundId: string) {
  w.advance(3 * 86_400_000);
  const failed = await w.payments.failRefund(refundId);
  if (failed.result !== 'changed') throw new Error('the refund did not fail');
  const event = w.event('charge.refund.updated', 'evt_failed');
  return logLinesOf(async () => {
    await w.deliver(event);
    await w.deliver({ ...event, id: 'evt_failed_again' });
  });
}

const owedOf = async (w: World, lots: string[]) => {
  const entries = await journalOfGuild(w.store, GUILD);
  return { entries, owed: lots.map((lot) => owedToBuyerOf(entries, 'usd', lot)) };
};

describe.each(['checkout-expired', 'lot-moved-on'] as const)('a refund C500 gave by itself (%s) that then fails at the bank', (late) => {
  it('is recorded on the lots it paid back, owed to their buyer, and paged once as a failed refund', async () => {
    const { w, refundId, amountCents, lots } = await givenBack(late);
    const { lines } = await bankSendsItBack(w, refundId);
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => ({ reason: l.reason, amountCents: l.amountCents }))).toEqual([
      { reason: 'refund-failed', amountCents },
    ]);
    for (const lot of lots) expect((await w.order(lot)).failedRefunds?.map((f) => f.refundId)).toEqual([refundId]);
    const { entries, owed } = await owedOf(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed.reduce((sum, cents) => sum + cents, 0)).toBe(amountCents);
    // The lots paid stay as they were: none of the failed money is theirs.
    if (late === 'lot-moved-on') expect(await w.order(first)).toMatchObject({ status: 'paid', refundedCents: 0 });
    const report = await reconciled(w);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared.map((u) => ({ account: u.account, orderId: u.orderId })).sort(byOrder)).toEqual(
      lots.map((orderId) => ({ account: 'owed-to-buyer', orderId })).sort(byOrder),
    );
  });

  it('is owed to the buyer once when the failure comes before the refund is journaled, and the payment’s redelivery refunds nothing more', async () => {
    const { w, paid } = await paidBeforeItsRefundIsJournaled(late);
    const [made] = await w.payments.listRefunds();
    const { lines } = await bankSendsItBack(w, made?.id as string);
    await w.deliver({ ...paid, id: 'evt_paid_again' });
    await w.deliver({ ...paid, id: 'evt_paid_third' });
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => l.reason)).toEqual(['refund-failed']);
    expect((await w.payments.listRefunds()).map((r) => ({ id: r.id, status: r.status }))).toEqual([{ id: made?.id, status: 'failed' }]);
    const lots = late === 'checkout-expired' ? [first, second] : [second];
    const { entries, owed } = await owedOf(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed.reduce((sum, cents) => sum + cents, 0)).toBe(made?.amount);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', refundedCents: 0 });
  });

  it('is cleared once an admin records how the buyer was paid back', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    for (const lot of lots) {
      const order = await w.order(lot);
      const entry = buyerPaidOutsideEntry(
        order,
        (await journalOfGuild(w.store, GUILD)).filter((e) => e.orderId === lot),
        'bank-transfer',
        w.deps.clock.now().toISOString(),
      );
      if (entry) await writeEntryUnread(w.store, entry);
    }
    const { entries, owed } = await owedOf(w, lots);
    expect(owed).toEqual(lots.map(() => 0));
    expect(unbalanced(entries)).toEqual([]);
    expect(await reconciled(w)).toMatchObject({ unexplained: [], uncleared: [] });
  });
});
