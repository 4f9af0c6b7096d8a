/**
 * A refund that fails later (Stripe's `charge.refund.updated`, `status: failed`): the card's
 * bank did not take it, and Stripe put its amount back on the platform's balance. The order's
 * refunded total goes back down, a fully refunded order is sold again (its unit off sale once
 * more), the share its refund took back stays on the platform for the refund given again, and
 * the people who act on it are told. Redelivered, it changes nothing more.
 */
import { LOT, releasedLot } from '../../disputes/test/released-lot';
import type { StripeEvent } from '../rules/stripe-event';

/**
 * The card's bank sends back the refund of `amountCents` at Stripe's stand-in (the charge's
 * refunded total goes back down there, as at Stripe), and Stripe's `charge.refund.updated` for it.
 */
async function refundFailed(w: Awaited<ReturnType<typeof releasedLot>>['w'], amountCents: number, id = 'evt_refund_failed'): Promise<StripeEvent> {
  const made = (await w.payments.listRefunds()).find((r) => r.amount === amountCents && r.status === 'succeeded');
  if (!made) throw new Error(`no refund of ${amountCents} to fail`);
  await w.payments.failRefund(made.id);
  return w.event('charge.refund.updated', id);
}

describe('a refund that fails after it succeeded', () => {
  it('brings the refunded total back down and the order back to sold; the share it took back stays with the platform, and a refund given again takes nothing more', async () => {
    const { w, refund, nets } = await releasedLot();
    const refunded = await refund(40_000);
    await w.deliver(refunded);
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    // The bank sends it back days later.
    w.advance(3 * 86_400_000);
    const failed = await refundFailed(w, 40_000);
    await w.deliver(failed);
    await w.deliver({ ...failed, id: 'evt_refund_failed_again' });
    const order = await w.order(LOT);
    expect(order.refundedCents).toBe(0);
    expect(order.status).toBe('building');
    expect(order.failedRefunds).toEqual([expect.objectContaining({ amountCents: 40_000, reason: 'expired_or_canceled_card' })]);
    // The builder’s 30,000 and the host’s 6,000 were reversed: they stay on the platform, owed to nobody until the buyer is refunded again.
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    // Refunded again a minute later: Stripe's charge carries the new refund, without the failed one.
    w.advance(60_000);
    await w.deliver(await refund(40_000, 'evt_refunded_again'));
    const again = await w.order(LOT);
    expect(again.status).toBe('refunded');
    expect(await w.journalDebts(again.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
    expect(await nets()).toEqual({ builder: 0, host: 0 });
  });

  it('tells the builder once, whatever redelivers it', async () => {
    const { w, refund } = await releasedLot();
    await w.deliver(await refund(10_000));
    const order = await w.order(LOT);
    const failed = await refundFailed(w, 10_000);
    await w.deliver(failed);
    await w.deliver({ ...failed, id: 'evt_again' });
    expect(w.dmsTo(order.builderId).filter((m) => /refund .*failed/i.test(m.content ?? ''))).toHaveLength(1);
    expect((await w.order(LOT)).refundedCents).toBe(0);
  });
});

describe('a charge.refunded delivered late or again after its refund failed', () => {
  async function failedAfterRefund(amountCents: number) {
    const { w, refund, nets } = await releasedLot();
    const refunded = await refund(amountCents);
    const failed = await refundFailed(w, amountCents);
    return { w, refunded, failed, nets };
  }

  it('counts nothing of a partial refund that failed when its charge.refunded is delivered again', async () => {
    const { w, refunded, failed } = await failedAfterRefund(10_000);
    await w.deliver(refunded);
    await w.deliver(failed);
    await w.deliver(refunded);
    await w.deliver({ ...refunded, id: 'evt_same_refund_redelivered' });
    expect((await w.order(LOT)).refundedCents ?? 0).toBe(0);
  });

  it('counts nothing of a partial refund whose failure was delivered before its charge.refunded', async () => {
    const { w, refunded, failed } = await failedAfterRefund(10_000);
    await w.deliver(failed);
    await w.deliver(refunded);
    expect((await w.order(LOT)).refundedCents ?? 0).toBe(0);
  });

  it('leaves a full refund that failed first sold, its unit off sale and its shares released, when its charge.refunded comes late', async () => {
    const { w, refunded, failed, nets } = await failedAfterRefund(40_000);
    await w.deliver(failed);
    await w.deliver(refunded);
    await w.deliver(refunded);
    const order = await w.order(LOT);
    expect({ status: order.status, refunded: order.refundedCents ?? 0 }).toEqual({ status: 'building', refunded: 0 });
    expect(await nets()).toEqual({ builder: 30_000, host: 6_000 });
  });

  it('does not tell the order’s module it was refunded again when a full refund that failed is redelivered', async () => {
    const { w, refunded, failed } = await failedAfterRefund(40_000);
    await w.deliver(refunded);
    await w.deliver(failed);
    await w.deliver(refunded);
    const order = await w.order(LOT);
    expect({ status: order.status, refunded: order.refundedCents ?? 0 }).toEqual({ status: 'building', refunded: 0 });
  });

  it('counts a refund given after the failure, which Stripe’s later charge carries without the failed one', async () => {
    const { w, refunded, failed } = await failedAfterRefund(10_000);
    await w.deliver(refunded);
    await w.deliver(failed);
    // A new refund of 5,000 a minute later: the charge's total is 5,000 (the failed 10,000 came back off it).
    const later = {
      ...refunded,
      id: 'evt_new_refund',
      created: failed.created + 60,
      data: { object: { ...refunded.data.object, amount_refunded: 5_000, refunded: false } },
    };
    await w.deliver(later);
    await w.deliver(refunded);
    expect((await w.order(LOT)).refundedCents).toBe(5_000);
  });
});
