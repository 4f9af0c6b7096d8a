/**
 * A show lot's money at proof of work and after refunds, against the local simulator (which
 * refuses transfers beyond what a charge has left, as Stripe does): the builder's share and
 * the host's cut leave the one charge as two transfers that, with the platform's fee, are
 * the lot's price to the cent; a host Stripe cannot pay is owed by hand, once; a refund of a
 * charge that paid several lots is spread over them exactly, and each lot's released parts
 * come back in proportion.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { releaseHostCut } from '../use-cases/release-host-cut';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { hostPayoutPath, hostPayoutsCollection } from '../rules/host-payout';
import { builderPartOfRefund, type Order, type Refunds } from '../../orders';
import { hostPartOfRefund, spreadOverOrders } from '../../orders';
import type { StripeEvent } from '../rules/stripe-event';
import type { Payments } from '../../ports';
import { BUILDERS, HOST, SHOW_ID, showPaymentsWorld } from '../../../test/support/show-payments';
import { journalMoneyOf } from '../../../test/support/orders';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);
const B = auctionOfferOrderId('auct0002', 0);

/** Two lots from juno ($250.00 and $123.45) paid in one charge; 10 % fee, 15 % host cut. */
async function paidShow(options: { hostOnboarded?: boolean | 'none' } = {}) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  if (options.hostOnboarded !== 'none') await w.account(HOST, options.hostOnboarded ?? true);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  const chargeId = (await w.order(A)).chargeId as string;
  const prove = (orderId: string, deps = w.deps) => proveOrder(deps, builder, orderId, {});
  let refunds = 0;
  const refund = async (cents: number) => {
    await w.payments.refundCharge(chargeId, cents);
    const event = w.event('charge.refunded', `evt_refund_${++refunds}`);
    await w.deliver(event);
    return event;
  };
  const transfers = async () => (await w.payments.listTransfers()).reverse();
  return { w, builder, chargeId, prove, refund, transfers };
}

describe('releasing a show lot', () => {
  it('sends the builder’s share and the host’s cut from the one charge, which with the fee are the lot’s price to the cent', async () => {
    const { w, chargeId, prove, transfers } = await paidShow();
    expect(await prove(A)).toMatchObject({ ok: true, releasedLabel: '$187.50' });
    expect(await prove(B)).toMatchObject({ ok: true, releasedLabel: '$92.58' });

    const made = await transfers();
    expect(made.map((t) => [t.metadata.order_id, t.amount, t.source_transaction])).toEqual([
      [A, 18_750, chargeId],
      [A, 3_750, chargeId],
      [B, 9_258, chargeId],
      [B, 1_852, chargeId],
    ]);
    for (const id of [A, B]) {
      const order = await w.order(id);
      const sent = made.filter((t) => t.metadata.order_id === id).reduce((sum, t) => sum + t.amount, 0);
      expect(sent + order.platformFeeCents).toBe(order.amountCents);
      expect(order.payouts.host).toMatchObject({ via: 'transfer', transferId: expect.stringMatching(/^tr_local_/) });
      expect((await journalMoneyOf(w.store, id)).host.sentCents).toBe(order.hostCutCents);
    }
    expect(w.dmsTo(HOST).map((m) => m.content)).toEqual([expect.stringContaining('$37.50'), expect.stringContaining('$18.52')]);

    // Proved again: nothing moves, nobody is told twice.
    expect(await prove(A)).toMatchObject({ ok: false, refusal: 'already-verified' });
    expect(await transfers()).toHaveLength(4);
    expect(w.dmsTo(HOST)).toHaveLength(2);
  });

  it('records the cut of a host with no account that can take transfers as owed by hand, once', async () => {
    const { w, prove, transfers } = await paidShow({ hostOnboarded: false });
    await prove(A);
    await releaseHostCut(w.deps, A);
    expect((await transfers()).map((t) => t.amount)).toEqual([18_750]);
    expect(await w.store.query(hostPayoutsCollection)).toHaveLength(1);
    expect(await w.store.get(hostPayoutPath(A))).toMatchObject({
      hostId: HOST,
      showId: SHOW_ID,
      amountCents: 3_750,
      currency: 'usd',
      status: 'owed',
      reason: 'no-account',
    });
    expect((await w.order(A)).payouts.host).toMatchObject({ via: 'manual' });
    expect(w.dmsTo(HOST).map((m) => m.content)).toEqual([expect.stringContaining('pay you by hand')]);
  });

  it('finishes the host’s cut when the proof is delivered again after a crash between the two transfers', async () => {
    const { w, prove, transfers } = await paidShow();
    let failed = false;
    const flaky: Payments = Object.create(w.payments, {
      createTransfer: {
        value: async (request: Parameters<Payments['createTransfer']>[0]) => {
          if (request.idempotencyKey.startsWith('host-cut:') && !failed) {
            failed = true;
            throw new Error('socket hang up');
          }
          return w.payments.createTransfer(request);
        },
      },
    });
    await expect(prove(A, { ...w.deps, payments: flaky })).rejects.toThrow('socket hang up');
    expect(await prove(A, { ...w.deps, payments: flaky })).toMatchObject({ ok: true });
    expect((await transfers()).map((t) => t.amount)).toEqual([18_750, 3_750]);
    expect(await prove(A)).toMatchObject({ refusal: 'already-verified' });
  });

  it('sends the host the same cut under the same key when Stripe made it, lost the answer, and a refund landed before the retry', async () => {
    const { w, prove, refund, transfers } = await paidShow();
    let lost = false;
    const flaky: Payments = Object.create(w.payments, {
      createTransfer: {
        value: async (request: Parameters<Payments['createTransfer']>[0]) => {
          const made = await w.payments.createTransfer(request);
          if (request.idempotencyKey.startsWith('host-cut:') && !lost) {
            lost = true;
            await refund(3_734);
            throw new Error('Request timed out');
          }
          return made;
        },
      },
    });
    await expect(prove(A, { ...w.deps, payments: flaky })).rejects.toThrow('timed out');
    expect(await prove(A, { ...w.deps, payments: flaky })).toMatchObject({ ok: true });
    const order = await w.order(A);
    // The refund's part of lot A comes back from both transfers, in proportion, after the cut is recorded.
    expect((await transfers()).map((t) => [t.amount, t.amount_reversed])).toEqual([
      [18_750, builderPartOfRefund(order, order.refundedCents)],
      [3_750, hostPartOfRefund(order, order.refundedCents)],
    ]);
    expect(order.payouts.host).toMatchObject({ refundCoveredCents: order.refundedCents, releasing: null });
    expect((await journalMoneyOf(w.store, order.orderId)).host.sentCents).toBe(3_750);
  });
});

describe('a refund of a charge that paid several lots', () => {
  it('is spread over the lots exactly, and each lot then releases only what its part left', async () => {
    const { w, prove, refund, transfers } = await paidShow();
    await refund(10_000);
    const [a, b] = await Promise.all([w.order(A), w.order(B)]);
    expect(a.refundedCents + b.refundedCents).toBe(10_000);
    const expected = new Map(spreadOverOrders(10_000, [a, b]).map((s) => [s.order.orderId, s.refundedCents]));
    expect([a.refundedCents, b.refundedCents]).toEqual([expected.get(A), expected.get(B)]);
    expect([a.status, b.status]).toEqual(['paid', 'paid']);

    await prove(A);
    await prove(B);
    const sent = (await transfers()).map((t) => t.amount);
    const releasable = (o: Order & Refunds) => [
      o.builderShareCents - builderPartOfRefund(o, o.refundedCents),
      (o.hostCutCents ?? 0) - hostPartOfRefund(o, o.refundedCents),
    ];
    expect(sent).toEqual([...releasable(a), ...releasable(b)]);
    // Never more than the charge has left after the refund.
    expect(sent.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(37_345 - 10_000);
  });

  it('takes back the builder’s and the host’s released parts in proportion, once per refunded total, and refunds every lot when it is all refunded', async () => {
    const { w, prove, refund } = await paidShow();
    await prove(A);
    await prove(B);
    const first = await refund(10_000);
    // Lots are refunded in order-id order, the order every delivery spreads the refund in.
    const reversals = async () =>
      (await w.payments.listReversals())
        .map((r) => [r.metadata.order_id, r.metadata.host_pseudonym ? 'host' : 'builder', r.amount])
        .sort((x, y) => (String(x) < String(y) ? -1 : 1));
    const [a, b] = await Promise.all([w.order(A), w.order(B)]);
    const part = (o: Order & Refunds) => o.refundedCents;
    const expected = [
      [A, 'builder', builderPartOfRefund(a, part(a))],
      [A, 'host', hostPartOfRefund(a, part(a))],
      [B, 'builder', builderPartOfRefund(b, part(b))],
      [B, 'host', hostPartOfRefund(b, part(b))],
    ];
    expect(await reversals()).toEqual(expected.sort((x, y) => (String(x) < String(y) ? -1 : 1)));
    expect(expected.find(([id, who]) => id === A && who === 'host')?.[2]).toBe(1_004);
    // Delivered again: the same total, nothing more taken back.
    await w.deliver(first);
    await w.deliver({ ...first, id: 'evt_late_copy' } as StripeEvent);
    expect(await reversals()).toHaveLength(4);

    await refund(27_345);
    for (const id of [A, B]) {
      const order = await w.order(id);
      expect(order).toMatchObject({
        status: 'refunded',
        refundedCents: order.amountCents,
      });
      const money = await journalMoneyOf(w.store, id);
      expect([money.builder.reversedCents, money.host.reversedCents]).toEqual([order.builderShareCents, order.hostCutCents]);
    }
  });

  it('is spread over the lots in the payment’s own transaction when Stripe delivers it before the payment', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345 });
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    const paid = w.event('checkout.session.completed', 'evt_paid');
    await w.payments.refundCharge((await w.payments.chargeOfSession(session?.id as string)) as string, 10_000);
    await w.deliver(w.event('charge.refunded', 'evt_refund_first'));
    await w.deliver(paid);
    const [a, b] = await Promise.all([w.order(A), w.order(B)]);
    expect([a.status, b.status]).toEqual(['paid', 'paid']);
    expect(a.refundedCents + b.refundedCents).toBe(10_000);
  });

  it('owes a host paid by hand less after a refund', async () => {
    const { w, prove, refund } = await paidShow({ hostOnboarded: 'none' });
    await prove(A);
    await refund(37_345);
    expect(await w.store.get(hostPayoutPath(A))).toMatchObject({ amountCents: 0, releasedCents: 3_750 });
  });
});
