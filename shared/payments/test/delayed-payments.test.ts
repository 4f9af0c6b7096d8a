/**
 * Show checkouts and auction offers paid by a delayed method (a bank debit), against the
 * embedded store and the local Stripe simulator with its events caught, so the test delivers
 * them, again and out of order, as Stripe may: a checkout completed unpaid waits; the debit's
 * success pays it once; its failure lapses it exactly as an expiry does (each lot to its
 * runner-up, one strike) and tells the buyer once.
 */
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { bidderPath } from '../../auctions/rules/auction';
import { showCheckoutId, showCheckoutPath } from '../../shows/rules/show-checkout';
import type { DiscordMessage } from '../../ports';
import { BUILDERS, RUNNER_UP, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const text = (m: DiscordMessage) => [m.content ?? '', ...(m.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n');
const checkoutId = showCheckoutId(SHOW_ID, WINNER, juno, 0);

/** Two lots won from juno, their one checkout opened and paid by bank debit: the bank has not answered yet. */
async function debitedShowCheckout() {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string, 'bank-debit');
  return { w, sessionId: session?.id as string, orders: [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)] };
}

const failedDms = (w: ReturnType<typeof showPaymentsWorld>, userId: string) =>
  w
    .dmsTo(userId)
    .map(text)
    .filter((t) => t.includes('didn’t go through'));

describe('a show checkout paid by bank debit', () => {
  it('waits unpaid while the debit processes, then pays every lot once when it succeeds, the completed arriving before or after', async () => {
    const { w, sessionId, orders } = await debitedShowCheckout();
    const completed = w.event('checkout.session.completed', 'evt_completed');
    await w.deliver(completed);
    for (const id of orders) expect(await w.order(id)).toMatchObject({ status: 'awaiting-payment' });
    expect(await w.store.get(showCheckoutPath(checkoutId))).toMatchObject({ status: 'open' });

    await w.payments.settleDelayedPayment(sessionId, 'succeeded');
    const succeeded = w.event('checkout.session.async_payment_succeeded', 'evt_succeeded');
    await w.deliver(succeeded);
    for (const id of orders)
      expect(await w.order(id)).toMatchObject({ status: 'paid', paidByEvent: 'evt_succeeded', chargeId: expect.stringMatching(/^ch_local_/) });
    expect(await w.auction('auct0001')).toMatchObject({ status: 'paid' });
    const receipts = () => w.dmsTo(WINNER).filter((m) => text(m).includes('Receipt:'));
    expect(receipts()).toHaveLength(1);

    const before = JSON.stringify(w.discord.entries);
    await w.deliver(succeeded);
    await w.deliver({ ...succeeded, id: 'evt_succeeded_again' });
    await w.deliver({ ...completed, id: 'evt_completed_late' });
    expect(JSON.stringify(w.discord.entries)).toBe(before);
    expect(await w.order(orders[0] as string)).toMatchObject({ paidByEvent: 'evt_succeeded' });
  });

  it('passes its lots on as an expired checkout does when the debit fails, strikes the winner once and tells them once, in any order and however often', async () => {
    const { w, sessionId, orders } = await debitedShowCheckout();
    const completed = w.event('checkout.session.completed', 'evt_completed');
    await w.payments.settleDelayedPayment(sessionId, 'failed');
    const failed = w.event('checkout.session.async_payment_failed', 'evt_failed');
    // The failure first, its completed after.
    await w.deliver(failed);
    await w.deliver(completed);

    for (const id of orders) expect(await w.order(id)).toMatchObject({ status: 'expired', expiredByEvent: 'evt_failed' });
    expect(await w.store.get(showCheckoutPath(checkoutId))).toMatchObject({ status: 'expired', expiredByEvent: 'evt_failed' });
    expect(await w.order(auctionOfferOrderId('auct0001', 1))).toMatchObject({ buyerId: RUNNER_UP, amountCents: 24_000, status: 'awaiting-payment' });
    expect(await w.order(auctionOfferOrderId('auct0002', 1))).toMatchObject({ buyerId: RUNNER_UP, amountCents: 12_000, status: 'awaiting-payment' });
    expect(await w.store.get(bidderPath(WINNER))).toMatchObject({ strikes: 1 });
    expect(failedDms(w, WINNER)).toEqual([expect.stringContaining('Your bank payment for 2 lots from builder-21 didn’t go through')]);
    expect(w.scheduled.some((t) => t.queue === 'show-sheet')).toBe(true);

    const sessions = (await w.payments.listSessions()).length;
    const dms = w.discord.entries.length;
    await w.deliver(failed);
    await w.deliver({ ...failed, id: 'evt_failed_again' });
    expect((await w.payments.listSessions()).length).toBe(sessions);
    expect(w.discord.entries.length).toBe(dms);
    expect(await w.store.get(bidderPath(WINNER))).toMatchObject({ strikes: 1 });
  });
});

describe('an auction offer paid by bank debit', () => {
  /** The show checkout lapsed: each lot is offered to the runner-up in a single checkout of its own. */
  async function runnerUpOffer() {
    const { w, sessionId } = await debitedShowCheckout();
    await w.payments.settleDelayedPayment(sessionId, 'failed');
    await w.deliver(w.event('checkout.session.async_payment_failed', 'evt_show_failed'));
    const offerId = auctionOfferOrderId('auct0001', 1);
    const offer = await w.order(offerId);
    await w.payments.paySession(offer.checkoutSessionId as string, 'bank-debit');
    return { w, offerId, sessionId: offer.checkoutSessionId as string };
  }

  it('is paid once when the debit succeeds, and the auction with it', async () => {
    const { w, offerId, sessionId } = await runnerUpOffer();
    await w.deliver(w.event('checkout.session.completed', 'evt_offer_completed'));
    expect(await w.order(offerId)).toMatchObject({ status: 'awaiting-payment' });
    await w.payments.settleDelayedPayment(sessionId, 'succeeded');
    const succeeded = w.event('checkout.session.async_payment_succeeded', 'evt_offer_succeeded');
    await w.deliver(succeeded);
    await w.deliver({ ...succeeded, id: 'evt_offer_succeeded_again' });
    expect(await w.order(offerId)).toMatchObject({ status: 'paid', paidByEvent: 'evt_offer_succeeded' });
    expect(await w.auction('auct0001')).toMatchObject({ status: 'paid', paidOrderId: offerId });
    expect(w.dmsTo(RUNNER_UP).filter((m) => text(m).includes('Receipt:'))).toHaveLength(1);
  });

  it('lapses as an unpaid offer does when the debit fails: the auction ends unsold with no one left, the runner-up is told once and never struck', async () => {
    const { w, offerId, sessionId } = await runnerUpOffer();
    await w.payments.settleDelayedPayment(sessionId, 'failed');
    const failed = w.event('checkout.session.async_payment_failed', 'evt_offer_failed');
    await w.deliver(failed);
    await w.deliver({ ...failed, id: 'evt_offer_failed_again' });
    await w.deliver(w.event('checkout.session.completed', 'evt_offer_completed_late'));

    expect(await w.order(offerId)).toMatchObject({ status: 'expired', expiredByEvent: 'evt_offer_failed' });
    expect(await w.auction('auct0001')).toMatchObject({ status: 'unsold', unsoldReason: 'no-one-paid' });
    // A runner-up's offer is only an offer: letting it go costs them nothing.
    expect(await w.store.get(bidderPath(RUNNER_UP))).toBeUndefined();
    expect(failedDms(w, RUNNER_UP)).toEqual([expect.stringContaining('The win lapsed as an unpaid one does')]);
  });
});
