/**
 * A show checkout of two lots paid at Stripe after one of them had passed to its runner-up (the
 * buyer's time for it ran out first): the lot still waiting is paid, and the other's part of the
 * charge goes back to the buyer by itself, by a partial refund of exactly that part under a key
 * from the session and the lot (each lot its own, when several moved on), journaled as held for
 * the buyer and refunded out of it, the buyer told once in words. Whatever redelivers the payment (or delivers it twice at once) and wherever
 * Stripe's `charge.refunded` lands, the lot kept keeps its whole part: nothing of its fee, release
 * or host's cut moves. A person is paged only when Stripe refuses the refund. The refunds are read
 * from the local Stripe's own objects.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { passToRunnerUp } from '../../auctions';
import { proveOrder } from '../../live/use-cases/prove-order';
import { journalCollection, unbalanced, type JournalEntry } from '../../journal';
import type { DiscordMessage } from '../../ports';
import { PaymentRefused } from '../../errors';
import { shippingProfilePath } from '../../shipping';
import { movedOnRefundKey } from '../rules/moved-on-lots';
import { BUILDERS, GUILD, HOST, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';

const [juno] = BUILDERS;
const kept = auctionOfferOrderId('auct0001', 0);
const movedOn = auctionOfferOrderId('auct0002', 0);
const text = (m: DiscordMessage) => m.content ?? '';

/** Two lots won from juno in one checkout, paid at Stripe; the second passed to its runner-up before the payment's event came. */
async function paidAfterALotMovedOn() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  const sessionId = session?.id as string;
  await w.payments.paySession(sessionId);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  expect(await passToRunnerUp(w.deps, movedOn, 'evt_lot_lapsed')).toBe(true);
  const keys: string[] = [];
  const refund = w.payments.refund.bind(w.payments);
  w.payments.refund = async (request) => (keys.push(request.idempotencyKey), refund(request));
  return { w, paid, sessionId, keys, refund, builder };
}

const refundDms = (w: ReturnType<typeof showPaymentsWorld>) =>
  w
    .dmsTo(WINNER)
    .map(text)
    .filter((t) => t.includes('We refunded'));

const lotEntries = async (w: ReturnType<typeof showPaymentsWorld>, orderId: string) =>
  (await w.store.query(journalCollection, {})).map((d) => d.data as JournalEntry).filter((e) => e.orderId === orderId);

const needsHuman = (lines: Array<Record<string, unknown>>) => lines.filter((line) => line.event === 'money.needs-human');

describe('a show checkout paid after one of its lots moved on', () => {
  it('pays the lot still waiting and refunds exactly the other’s price at Stripe, telling the buyer once in words, with no person paged', async () => {
    const { w, paid } = await paidAfterALotMovedOn();
    const { lines } = await logLinesOf(() => w.deliver(paid));
    expect(needsHuman(lines)).toEqual([]);
    const refunds = await w.payments.listRefunds();
    expect(refunds.map((r) => ({ amount: r.amount, reason: r.metadata?.reason }))).toEqual([{ amount: 12_345, reason: 'paid-orders-not-waiting' }]);
    expect(await w.order(kept)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect(await w.order(movedOn)).toMatchObject({ status: 'expired', refundedCents: 12_345, paymentIntentId: paid.data.object.payment_intent });
    expect(refundDms(w)).toEqual([expect.stringContaining('We refunded $123.45 for it to your card')]);
    expect(refundDms(w)[0]).toContain('Mode Sonnet');
    expect(refundDms(w)[0]).not.toContain('Tofu65');
  });

  it('refunds once under a key from the session and the lot when the payment is delivered twice at once and again later', async () => {
    const { w, paid, sessionId, keys } = await paidAfterALotMovedOn();
    const { lines } = await logLinesOf(async () => {
      await Promise.all([w.deliver(paid), w.deliver(paid)]);
      await w.deliver(paid);
      const refunded = w.event('charge.refunded', 'evt_refunded');
      await w.deliver(refunded);
      await w.deliver({ ...refunded, id: 'evt_refunded_again' });
      await w.deliver(paid);
    });
    expect(needsHuman(lines)).toEqual([]);
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([12_345]);
    expect(new Set(keys)).toEqual(new Set([movedOnRefundKey(sessionId, movedOn)]));
    expect(await w.order(kept)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect((await w.order(movedOn)).refundedCents).toBe(12_345);
    expect(refundDms(w)).toHaveLength(1);
  });

  it('leaves the kept lot’s part whole when Stripe’s charge.refunded overtakes the refund’s own journaling, and releases it in full', async () => {
    const { w, paid, refund, builder } = await paidAfterALotMovedOn();
    // Stripe's event of the refund is delivered while the delivery that asked for it has not yet journaled it.
    w.payments.refund = async (request) => {
      const made = await refund(request);
      await w.deliver(w.event('charge.refunded', 'evt_refunded_first'));
      return made;
    };
    await w.deliver(paid);
    expect(await w.order(kept)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect((await w.order(movedOn)).refundedCents).toBe(12_345);
    const movedOnEntries = await lotEntries(w, movedOn);
    expect(movedOnEntries.map((e) => e.kind).sort()).toEqual(['charge', 'refund']);
    expect(unbalanced(movedOnEntries)).toEqual([]);
    // No fee earned on what went back; the kept lot's entries are its charge alone.
    expect(movedOnEntries.flatMap((e) => e.postings).some((p) => p.account === 'platform-fees')).toBe(false);
    expect((await lotEntries(w, kept)).map((e) => e.kind)).toEqual(['charge']);
    // Proved, the kept lot releases its whole builder's share and host's cut (25,000: a 2,500 fee, a 3,750 cut, 18,750), nothing reversed.
    expect(await proveOrder(w.deps, builder, kept, {})).toMatchObject({ ok: true });
    const transfers = await w.payments.listTransfers();
    expect(transfers.map((t) => t.amount).sort((a, b) => a - b)).toEqual([3_750, 18_750]);
    expect(transfers.every((t) => t.amount_reversed === 0)).toBe(true);
    expect(await w.payments.listReversals()).toEqual([]);
  });

  it('refunds the moved-on lot’s share of the shipping with its price, spread over both lots by price, and gives it no address', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    await w.account(juno);
    await w.account(HOST);
    // Combined shipping: 1,500 for the first item and 500 for the other, 2,000 over lots of 30,000 and 10,000.
    const at = '2026-11-27T19:00:00.000Z';
    await w.store.set(shippingProfilePath(GUILD, juno), {
      guildId: GUILD,
      builderId: juno,
      currency: 'usd',
      homeCountry: 'US',
      to: ['US'],
      domesticCents: 1_500,
      domesticExtraCents: 500,
      handlingDays: 3,
      updatedAt: at,
    });
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 30_000, runnerUpCents: 24_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 10_000, runnerUpCents: 9_000 });
    await openShowCheckouts(w.deps, 'show0001');
    const [session] = await w.payments.listSessions();
    const address = { line1: '12 Switch Lane', line2: null, city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };
    const paidAtStripe = await w.payments.paySession(session?.id as string, 'card', { details: { name: 'Buyer', address } });
    expect(paidAtStripe.result === 'changed' && paidAtStripe.object.amount_total).toBe(42_000);
    await passToRunnerUp(w.deps, movedOn, 'evt_lot_lapsed');
    const { lines } = await logLinesOf(() => w.deliver(w.event('checkout.session.completed', 'evt_paid')));
    expect(needsHuman(lines)).toEqual([]);
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([10_500]);
    expect(await w.order(kept)).toMatchObject({ status: 'paid', shippingCents: 1_500, refundedCents: 0 });
    const gone = await w.order(movedOn);
    expect(gone).toMatchObject({ status: 'expired', shippingCents: 500, refundedCents: 10_500 });
    expect(gone.shippingAddress).toBeUndefined();
  });

  it('pages a person with the lot and its amount, and keeps its part journaled as held for the buyer, when Stripe refuses the refund', async () => {
    const { w, paid } = await paidAfterALotMovedOn();
    w.payments.refund = async () => {
      throw new PaymentRefused('This charge is disputed.', { stripeCode: 'charge_disputed' });
    };
    const { lines } = await logLinesOf(() => w.deliver(paid));
    expect(needsHuman(lines)).toEqual([
      expect.objectContaining({ reason: 'paid-orders-not-waiting', orderIds: [movedOn], amountCents: 12_345, currency: 'usd', eventId: 'evt_paid' }),
    ]);
    expect(refundDms(w)).toEqual([]);
    expect(await w.order(kept)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect((await lotEntries(w, movedOn)).map((e) => e.kind)).toEqual(['charge']);
  });

  it('GIVEN two of three lots moved on THEN each is refunded by a partial refund of its own part under a key of its own, the buyer told once of both, the kept lot whole', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    await w.account(juno);
    await w.account(HOST);
    const third = auctionOfferOrderId('auct0003', 0);
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
    await w.hammer({ auctionId: 'auct0003', builderId: juno, item: 'Brass Bauer', priceCents: 8_000, runnerUpCents: 7_000 });
    await openShowCheckouts(w.deps, 'show0001');
    const [session] = await w.payments.listSessions();
    const sessionId = session?.id as string;
    await w.payments.paySession(sessionId);
    const paid = w.event('checkout.session.completed', 'evt_paid');
    await passToRunnerUp(w.deps, movedOn, 'evt_lot_lapsed');
    await passToRunnerUp(w.deps, third, 'evt_lot_lapsed_too');
    const keys: string[] = [];
    const refund = w.payments.refund.bind(w.payments);
    w.payments.refund = async (request) => (keys.push(request.idempotencyKey), refund(request));

    const { lines } = await logLinesOf(async () => {
      await Promise.all([w.deliver(paid), w.deliver(paid)]);
      // Stripe's charge.refunded of each refund, in the order it sent them, then the last again.
      const sent = w.caught.filter((c) => c.type === 'charge.refunded');
      for (const [i, c] of sent.entries())
        await w.deliver({ ...paid, id: `evt_refunded_${i}`, type: c.type, data: { object: c.object as typeof paid.data.object } });
      await w.deliver({ ...w.event('charge.refunded'), id: 'evt_refunded_again' });
      await w.deliver(paid);
    });
    expect(needsHuman(lines)).toEqual([]);
    const refunds = await w.payments.listRefunds();
    expect(refunds.map((r) => [r.metadata?.order_id, r.amount]).sort()).toEqual(
      [
        [third, 8_000],
        [movedOn, 12_345],
      ].sort(),
    );
    expect(new Set(keys)).toEqual(new Set([movedOnRefundKey(sessionId, movedOn), movedOnRefundKey(sessionId, third)]));
    expect(await w.order(kept)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect((await w.order(movedOn)).refundedCents).toBe(12_345);
    expect((await w.order(third)).refundedCents).toBe(8_000);
    expect(refundDms(w)).toHaveLength(1);
    expect(refundDms(w)[0]).toContain('We refunded $203.45 for them to your card');
    expect(refundDms(w)[0]).toContain('Mode Sonnet');
    expect(refundDms(w)[0]).toContain('Brass Bauer');
    for (const lot of [movedOn, third]) expect(unbalanced(await lotEntries(w, lot))).toEqual([]);
  });
});
