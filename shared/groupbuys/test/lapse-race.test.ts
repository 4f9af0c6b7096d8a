/**
 * The race at a pay link's deadline (soak seed 4): the buyer confirms the pledge's PaymentIntent
 * on its pay page and Stripe charges it, but Stripe's `payment_intent.succeeded` is held back
 * past `payBy`, so the lapse runs first. The clock is the test's, the events are delivered when
 * the test says: the lapse asks Stripe to cancel, Stripe refuses (the intent succeeded), and the
 * payment wins, recorded once, whenever and however often its event then comes.
 */
import { journalPath } from '../../journal';
import { paidOnThePayPage } from './paid-on-page';

/** A closed group buy whose second pledge's card wanted its buyer; the buyer paid on the page, Stripe's events held back. */
async function paidWithEventHeld() {
  const { w, three, pledge } = await paidOnThePayPage();
  // Stripe has charged; its events wait (a backlog at Stripe) while the clock reaches the deadline and the lapse runs.
  const held = w.events.splice(0);
  w.advance(Date.parse(pledge.payBy as string) - w.now().getTime());
  await w.runExpiries();
  return { w, three, orderId: pledge.orderId as string, paymentIntentId: pledge.paymentIntentId as string, held };
}

describe('a pledge paid on its pay page as its 72 hours end, its Stripe event arriving after the lapse', () => {
  it('is not lapsed: Stripe refuses to cancel a paid intent, and the order is paid by that charge with its journal entry', async () => {
    const { w, three, orderId, paymentIntentId } = await paidWithEventHeld();
    const intent = (await w.stripe.listPaymentIntents()).find((p) => p.id === paymentIntentId);
    expect(intent?.status).toBe('succeeded');
    expect(await w.pledge(three)).toMatchObject({ status: 'paid' });
    const order = (await w.orders()).find((o) => o.orderId === orderId);
    expect(order).toMatchObject({ status: 'paid', chargeId: intent?.latest_charge });
    const entry = await w.store.get(journalPath(`charge:${orderId}`));
    expect(entry?.postings.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
    expect(entry?.stripeId).toBe(intent?.latest_charge);
    expect(await w.groupBuy()).toMatchObject({ fundedUnits: 2 });
    expect(w.dmsTo(three).some((dm) => dm.includes('closed unpaid'))).toBe(false);
  });

  it('records the payment once when the held event then comes, and again, and tells the receipt once', async () => {
    const { w, three, orderId, held } = await paidWithEventHeld();
    const before = (await w.orders()).find((o) => o.orderId === orderId);
    const receipts = w.dmsTo(three).length;
    w.events.push(...held, ...held);
    await w.deliver();
    expect((await w.orders()).find((o) => o.orderId === orderId)).toEqual(before);
    expect(await w.groupBuy()).toMatchObject({ fundedUnits: 2 });
    expect(w.dmsTo(three)).toHaveLength(receipts);
  });
});
