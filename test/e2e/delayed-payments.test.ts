/**
 * Buy Now paid by a delayed method (a bank debit), end to end through really signed
 * requests and the local Stripe simulator: the checkout completes unpaid and the order
 * waits, holding its unit, until the bank answers. A success pays it once; a failure gives
 * the unit back and tells the buyer, as an expired checkout would; redeliveries and events
 * in another order change nothing.
 */
import type { Drop } from '../../shared/marketplace';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import { orderPath, type Order } from '../../shared/orders';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  MARKETPLACE,
  deliverStripeEvent,
  dmsTo,
  linkIn,
  onboard,
  order,
  ordersOf,
  postDrop,
  postsIn,
  pressBuyNow,
  sessions,
  setUpGuild,
  textOf,
} from '../support/marketplace';

let rt: TestRuntime;
const builder = '811000000000000051';
let buyerSeq = 0;
/** A buyer of their own per test, so each test reads only its own DMs. */
const nextBuyer = () => `821000000000000${String(50 + ++buyerSeq).padStart(3, '0')}`;

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
});
afterAll(() => rt.close());

const unitsLeft = async (dropId: string) => ((await dropWithStock(rt.store, dropId)) as Drop).stockAvailable;
const bankStep = async (path: string) => {
  const res = await fetch(`${rt.url}/_local/stripe/sessions/${path}`, { method: 'POST' });
  await rt.settle();
  return res.status;
};
const sessionOf = async (held: Order) => (await sessions(rt)).find((s) => s.id === held.checkoutSessionId) as unknown as Record<string, unknown>;
const failedDms = (buyer: string) => dmsTo(rt, buyer).filter((m) => textOf(m).includes('didn’t go through'));
const receipts = (buyer: string) => dmsTo(rt, buyer).filter((m) => textOf(m).includes('Receipt:'));

/** A one-unit drop, and the buyer's order for it with its checkout open. */
async function heldOrder(buyer: string): Promise<{ drop: Drop; held: Order }> {
  const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1', title: `Bank debit board ${buyer.slice(-3)}` });
  if (!drop) throw new Error('drop not posted');
  linkIn(await pressBuyNow(rt, buyer, drop.dropId));
  const [held] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop.dropId);
  if (!held) throw new Error('no order');
  return { drop, held };
}

describe('a Buy Now paid by bank debit', () => {
  it('waits, holding the unit, while the debit processes, even past the checkout’s deadline, and is paid once when it succeeds', async () => {
    const buyer = nextBuyer();
    const { drop, held } = await heldOrder(buyer);
    expect(await bankStep(`${held.checkoutSessionId}/pay?method=bank-debit`)).toBe(200);
    expect(await order(rt, held.orderId)).toMatchObject({ status: 'awaiting-payment' });
    expect(receipts(buyer)).toHaveLength(0);
    expect(await unitsLeft(drop.dropId)).toBe(0);
    expect(textOf(await pressBuyNow(rt, nextBuyer(), drop.dropId))).toContain('sold out');

    // The deadline comes while the bank is still at it: Stripe does not expire a completed session, so nothing lapses.
    await rt.store.update(orderPath(held.orderId), { checkoutExpiresAt: new Date(Date.now() - 1_000).toISOString() });
    await fetch(`${rt.url}/tasks/checkout-expiry`, {
      method: 'POST',
      body: JSON.stringify({ orderId: held.orderId }),
      headers: { 'content-type': 'application/json' },
    });
    await rt.settle();
    expect(await order(rt, held.orderId)).toMatchObject({ status: 'awaiting-payment' });
    expect(await unitsLeft(drop.dropId)).toBe(0);

    expect(await bankStep(`${held.checkoutSessionId}/settle?outcome=succeeded`)).toBe(200);
    const paid = await order(rt, held.orderId);
    expect(paid).toMatchObject({ status: 'paid', chargeId: expect.stringMatching(/^ch_local_/), checkoutSessionId: held.checkoutSessionId });
    expect(receipts(buyer)).toHaveLength(1);

    // Stripe delivers again, under the same event id and new ones, and the completed (unpaid) late: nothing changes.
    const session = await sessionOf(held);
    for (const [id, type, object] of [
      ['evt_debit_ok_again', 'checkout.session.async_payment_succeeded', session],
      ['evt_debit_ok_again', 'checkout.session.async_payment_succeeded', session],
      ['evt_debit_completed_late', 'checkout.session.completed', { ...session, payment_status: 'unpaid' }],
    ] as const)
      expect((await deliverStripeEvent(rt, { id, type, object })).status).toBe(200);
    expect(await order(rt, held.orderId)).toEqual(paid);
    expect(receipts(buyer)).toHaveLength(1);
    expect(await unitsLeft(drop.dropId)).toBe(0);
  });

  it('gives the unit back when the debit fails, ends the order expired and tells the buyer once, however often Stripe says so', async () => {
    const buyer = nextBuyer();
    const { drop, held } = await heldOrder(buyer);
    await bankStep(`${held.checkoutSessionId}/pay?method=bank-debit`);
    expect(await bankStep(`${held.checkoutSessionId}/settle?outcome=failed`)).toBe(200);

    expect(await order(rt, held.orderId)).toMatchObject({ status: 'expired', stockReturned: true });
    expect(await unitsLeft(drop.dropId)).toBe(1);
    expect(failedDms(buyer).map(textOf)).toEqual([expect.stringContaining(`Your bank payment for **${drop.title}** (\`${held.orderId}\`) didn’t go through`)]);
    expect(textOf(failedDms(buyer)[0]!)).toContain('Its unit is back on sale');
    expect(receipts(buyer)).toHaveLength(0);

    const session = await sessionOf(held);
    for (const id of ['evt_debit_failed_again', 'evt_debit_failed_again', 'evt_debit_failed_other'])
      await deliverStripeEvent(rt, { id, type: 'checkout.session.async_payment_failed', object: session });
    expect(await unitsLeft(drop.dropId)).toBe(1);
    expect(failedDms(buyer)).toHaveLength(1);
    // The unit is for sale again.
    expect(linkIn(await pressBuyNow(rt, nextBuyer(), drop.dropId))).toContain('/pay/');
  });

  it('tells a buyer whose DMs are closed in the drop’s channel instead, without the amount', async () => {
    const buyer = nextBuyer();
    const { held } = await heldOrder(buyer);
    await fetch(`${rt.url}/_local/discord/users/${buyer}/dms/close`, { method: 'POST' });
    await bankStep(`${held.checkoutSessionId}/pay?method=bank-debit`);
    await bankStep(`${held.checkoutSessionId}/settle?outcome=failed`);
    const mention = postsIn(rt, MARKETPLACE).filter((m) => textOf(m).includes(`<@${buyer}>`));
    expect(mention.map(textOf)).toEqual([expect.stringContaining(`your bank payment for order \`${held.orderId}\` didn’t go through`)]);
    expect(textOf(mention[0]!)).not.toContain('$');
  });

  it('takes a failure that arrives before its checkout.session.completed: the unit goes back once, and the late completed changes nothing', async () => {
    const buyer = nextBuyer();
    const { drop, held } = await heldOrder(buyer);
    // What Stripe sends for a bank debit that failed, delivered before the completed it follows.
    const completed = { ...(await sessionOf(held)), status: 'complete', url: null, payment_status: 'unpaid', payment_intent: 'pi_local_out_of_order' };
    await deliverStripeEvent(rt, { id: 'evt_ooo_failed', type: 'checkout.session.async_payment_failed', object: completed, created: 2_000_000_002 });
    await deliverStripeEvent(rt, { id: 'evt_ooo_completed', type: 'checkout.session.completed', object: completed, created: 2_000_000_001 });

    expect(await order(rt, held.orderId)).toMatchObject({ status: 'expired' });
    expect(await unitsLeft(drop.dropId)).toBe(1);
    expect(failedDms(buyer)).toHaveLength(1);
    expect(receipts(buyer)).toHaveLength(0);
  });

  it('leaves the order waiting and tells no one when a failure or an expiry names a session other than the order’s', async () => {
    const buyer = nextBuyer();
    const { drop, held } = await heldOrder(buyer);
    await bankStep(`${held.checkoutSessionId}/pay?method=bank-debit`);
    const other = { ...(await sessionOf(held)), id: 'cs_local_someone_else' };
    await deliverStripeEvent(rt, { id: 'evt_other_session_failed', type: 'checkout.session.async_payment_failed', object: other });
    await deliverStripeEvent(rt, { id: 'evt_other_session_expired', type: 'checkout.session.expired', object: { ...other, status: 'expired' } });
    expect(await order(rt, held.orderId)).toMatchObject({ status: 'awaiting-payment' });
    expect(await unitsLeft(drop.dropId)).toBe(0);
    expect(failedDms(buyer)).toHaveLength(0);
  });
});
