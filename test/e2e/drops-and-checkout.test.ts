/**
 * Drops, Buy Now and the Stripe webhook end to end, through really signed requests and
 * the local checkout simulator.
 */
import type { Drop } from '../../shared/marketplace';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import type { DiscordMessage } from '../../shared/ports';
import { buttonPress, command } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  MARKETPLACE,
  answerOf,
  deliverStripeEvent,
  dmsTo,
  linkIn,
  onboard,
  order,
  ordersOf,
  pay,
  postDrop,
  postsIn,
  pressBuyNow,
  say,
  sessionIdIn,
  sessions,
  setUpGuild,
  textOf,
} from '../support/marketplace';
import { builderPath } from '../../shared/onboarding';
import { localTasksCollection } from '../../shared/local/cloud-tasks/task-queue';
import { onceRecordsCollection } from '../../shared/common/rules/once-record';
import { orderPath } from '../../shared/orders';
import { personPseudonym } from '../../shared/log';

let rt: TestRuntime;
const builder = '811000000000000001';
const buyer = '821000000000000001';

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
});
afterAll(() => rt.close());

/** The drop with its units left summed from its stock shards. */
const dropDoc = async (dropId: string) => (await dropWithStock(rt.store, dropId)) as Drop;

describe('/c500 drop', () => {
  it('opens the drop modal in the request', async () => {
    const res = await rt.sendInteraction(command({ name: 'c500', path: ['drop'], userId: builder }));
    const body = (await res.json()) as { type: number; data: { custom_id: string; components: unknown[] } };
    expect(body.type).toBe(9);
    expect(body.data.custom_id).toBe('drop:create');
    expect(body.data.components).toHaveLength(5);
  });

  it('posts a valid drop with a Buy Now button in the marketplace channel', async () => {
    const { answer, drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 2', image: 'https://example.com/board.jpg' });
    expect(textOf(answer)).toContain(`is up in <#${MARKETPLACE}>`);
    const post = postsIn(rt, MARKETPLACE).at(-1) as DiscordMessage;
    expect(textOf(post)).toContain('Ready to ship: 2 of 2 left');
    expect(JSON.stringify(post.components)).toContain(`buy:${drop?.dropId}`);
    expect(drop).toMatchObject({ priceCents: 24000, kind: 'ready-to-ship', stock: 2, stockShards: 2 });
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(2);
  });

  it('refuses a drop with bad fields, listing what to fix, and posts nothing', async () => {
    const posts = postsIn(rt, MARKETPLACE).length;
    const { answer } = await postDrop(rt, builder, { price: '12.345', kind: 'ready-to-ship', title: 'New board' });
    expect(textOf(answer)).toContain('Your drop wasn’t posted');
    expect(textOf(answer)).toContain('more than two decimals');
    expect(textOf(answer)).toContain('how many are ready to ship');
    expect(postsIn(rt, MARKETPLACE)).toHaveLength(posts);
  });

  it('refuses a builder who has not finished Stripe onboarding, saying to run /c500 onboard', async () => {
    const { answer, drop } = await postDrop(rt, '811000000000000099');
    expect(textOf(answer)).toContain('/c500 onboard');
    expect(drop).toBeUndefined();
  });

  it('refuses a builder who opened onboarding but did not finish it', async () => {
    const halfway = '811000000000000098';
    await say(rt, halfway, { path: ['onboard'], options: { country: 'US' } });
    expect(textOf((await postDrop(rt, halfway)).answer)).toContain('/c500 onboard');
  });
});

describe('Buy Now', () => {
  it('answers with a Stripe checkout link and opens an order held for payment', async () => {
    const { drop } = await postDrop(rt, builder);
    const answer = await pressBuyNow(rt, buyer, drop!.dropId);
    expect(answer.flags).toBe(64);
    const session = (await sessions(rt)).find((s) => s.id === sessionIdIn(linkIn(answer)));
    expect(session?.metadata).toMatchObject({
      drop_id: drop!.dropId,
      buyer_pseudonym: personPseudonym(buyer),
      builder_pseudonym: personPseudonym(builder),
      guild_id: '900000000000000001',
    });
    // Stripe keeps its metadata as long as the payment: people by keyed pseudonym, never by id.
    expect(JSON.stringify(session?.metadata)).not.toMatch(new RegExp(`${buyer}|${builder}`));
    const [opened] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(opened).toMatchObject({
      status: 'awaiting-payment',
      amountCents: 24000,
      platformFeeCents: 2400,
      builderShareCents: 21600,
      checkoutSessionId: session?.id,
    });
  });

  it('links to a short page of our own that sends the buyer on to their Checkout Session, whatever length Stripe’s URL is', async () => {
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    const [opened] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(link).toBe(`${rt.url}/pay/${opened!.orderId}?session=${opened!.checkoutSessionId}`);
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(opened!.checkoutUrl);
  });

  it('sends nobody on from our pay link without the session it names', async () => {
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    const guessed = new URL(link);
    guessed.searchParams.set('session', 'cs_test_guessed');
    const res = await fetch(guessed, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('hands back the same link when the buyer presses twice', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 5' });
    const first = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    const second = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    expect(second).toBe(first);
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(4);
  });

  it('refuses the builder’s own drop', async () => {
    const { drop } = await postDrop(rt, builder);
    expect(textOf(await pressBuyNow(rt, builder, drop!.dropId))).toContain('your own drop');
  });

  it('gives 20 buyers pressing at once on a stock of 3 exactly 3 checkouts; the other 17 hear it is sold out', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 3', title: 'Brass 60%' });
    const buyers = Array.from({ length: 20 }, (_, i) => `8220000000000000${String(i).padStart(2, '0')}`);
    const interactions = buyers.map((b) => buttonPress(`buy:${drop!.dropId}`, b, { channelId: MARKETPLACE }));
    const answers = await Promise.all(interactions.map((i) => rt.sendInteraction(i)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await rt.settle();
    const edits = interactions.map((i) => rt.edits(i.token).at(-1)?.message as DiscordMessage);
    const checkouts = edits.filter((m) => JSON.stringify(m.components ?? []).includes('/pay/'));
    const soldOut = edits.filter((m) => textOf(m).includes('sold out'));
    expect(checkouts).toHaveLength(3);
    expect(soldOut).toHaveLength(17);
    expect((await sessions(rt)).filter((s) => s.metadata.drop_id === drop!.dropId)).toHaveLength(3);
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(0);
    const refreshed = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.channelId === MARKETPLACE && e.messageId === drop!.messageId);
    expect(textOf(refreshed.at(-1)!.message)).toContain('Sold out');
  });

  it('gives a unit back when its checkout expires, and only once however often Stripe says so', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    expect(textOf(await pressBuyNow(rt, '821000000000000002', drop!.dropId))).toContain('sold out');
    const id = sessionIdIn(link);
    expect((await fetch(`${rt.url}/_local/stripe/sessions/${id}/expire`, { method: 'POST' })).status).toBe(200);
    await rt.settle();
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(1);

    const session = (await sessions(rt)).find((s) => s.id === id)!;
    for (let i = 0; i < 2; i++)
      await deliverStripeEvent(rt, { id: 'evt_expired_again', type: 'checkout.session.expired', object: session as unknown as Record<string, unknown> });
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(1);
    expect(linkIn(await pressBuyNow(rt, '821000000000000002', drop!.dropId))).toContain('/pay/');
  });
});

describe('the checkout deadline', () => {
  const expiryTask = async (orderId: string) => (await rt.store.query(localTasksCollection, { where: [['name', '==', `expire-${orderId}`]] }))[0]?.data;
  const fireExpiry = async (orderId: string) => {
    // What Cloud Tasks does at runAt: POST the payload to the task function.
    const res = await fetch(`${rt.url}/tasks/checkout-expiry`, {
      method: 'POST',
      body: JSON.stringify({ orderId }),
      headers: { 'content-type': 'application/json' },
    });
    await rt.settle();
    return res.status;
  };
  /** This file runs on the real clock: the deadline "comes" by moving it into the past. */
  const deadlinePasses = (orderId: string) => rt.store.update(orderPath(orderId), { checkoutExpiresAt: new Date(Date.now() - 1_000).toISOString() });

  it('is scheduled as a named task when the checkout opens, at the session’s expiry', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    await pressBuyNow(rt, buyer, drop!.dropId);
    const [opened] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(await expiryTask(opened!.orderId)).toMatchObject({ target: '/tasks/checkout-expiry', runAt: opened!.checkoutExpiresAt, state: 'waiting' });
  });

  it('expires an unpaid checkout and gives the unit back, once however often the task runs', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    await pressBuyNow(rt, buyer, drop!.dropId);
    const [opened] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    await deadlinePasses(opened!.orderId);
    expect(await fireExpiry(opened!.orderId)).toBe(204);
    expect(await fireExpiry(opened!.orderId)).toBe(204);
    expect((await order(rt, opened!.orderId))?.status).toBe('expired');
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(1);
    expect((await sessions(rt)).find((s) => s.id === opened!.checkoutSessionId)?.status).toBe('expired');
  });

  it('does nothing when the task is called before the deadline, and answers so that Cloud Tasks retries it', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    await pressBuyNow(rt, buyer, drop!.dropId);
    const [opened] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(await fireExpiry(opened!.orderId)).toBe(425);
    expect((await order(rt, opened!.orderId))?.status).toBe('awaiting-payment');
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(0);
    expect((await sessions(rt)).find((s) => s.id === opened!.checkoutSessionId)?.status).toBe('open');
  });

  it('leaves a paid order alone when the deadline task arrives after the payment', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(await fireExpiry(paid!.orderId)).toBe(204);
    expect((await order(rt, paid!.orderId))?.status).toBe('paid');
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(0);
  });

  it('acknowledges a malformed task instead of retrying it', async () => {
    expect((await fetch(`${rt.url}/tasks/checkout-expiry`, { method: 'POST', body: 'not json' })).status).toBe(204);
  });
});

describe('paying', () => {
  it('marks the order paid once, sends the buyer a receipt and tells the builder the order id', async () => {
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    const buyerDms = dmsTo(rt, buyer).length;
    const builderDms = dmsTo(rt, builder).length;
    expect((await pay(rt, link)).status).toBe(200);
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(paid).toMatchObject({ status: 'paid', chargeId: expect.stringMatching(/^ch_/), paymentIntentId: expect.stringMatching(/^pi_/) });
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain(`Receipt: ${drop!.title}`);
    expect(textOf(dmsTo(rt, builder).at(-1)!)).toContain(`/c500 live mode:order:${paid!.orderId}`);

    // The same event twice, and a second event for the same session: nothing changes.
    const session = (await sessions(rt)).find((s) => sessionIdIn(link) === s.id)!;
    for (const id of ['evt_paid_again', 'evt_paid_again', 'evt_paid_other']) {
      expect((await deliverStripeEvent(rt, { id, type: 'checkout.session.completed', object: session as unknown as Record<string, unknown> })).status).toBe(
        200,
      );
    }
    expect(await order(rt, paid!.orderId)).toEqual({ ...paid, refundedCents: 0 });
    expect(dmsTo(rt, buyer).length - buyerDms).toBe(1);
    expect(dmsTo(rt, builder).length - builderDms).toBe(1);
  });

  it('does not mark an order paid by a merch Payment Link session whose buyer named the order as client_reference_id', async () => {
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    const [held] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    // Anyone opening a Payment Link can set client_reference_id with a URL parameter.
    const opened = await fetch(`${rt.url}/_local/stripe/payment-links/900000000000000001?amount=5.00&client_reference_id=${held!.orderId}`, { method: 'POST' });
    const { session: merch } = (await opened.json()) as { session: { id: string } };
    expect((await pay(rt, `/${merch.id}`)).status).toBe(200);
    expect((await order(rt, held!.orderId))?.status).toBe('awaiting-payment');
    // Nor by a session carrying our metadata for the wrong amount.
    const session = (await sessions(rt)).find((s) => sessionIdIn(link) === s.id)!;
    const cheap = {
      ...(session as unknown as Record<string, unknown>),
      id: 'cs_test_other_session',
      payment_status: 'paid',
      payment_intent: 'pi_other',
      amount_total: 100,
    };
    expect((await deliverStripeEvent(rt, { id: 'evt_other_session', type: 'checkout.session.completed', object: cheap })).status).toBe(200);
    expect((await order(rt, held!.orderId))?.status).toBe('awaiting-payment');
  });

  it('shows the order on the checkout success page by session id, without private fields', async () => {
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    await pay(rt, link);
    const sessionId = sessionIdIn(link);
    const res = await fetch(`${rt.url}/checkout/order?session_id=${sessionId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ title: drop!.title, status: 'paid', builderName: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(buyer);
    expect((await fetch(`${rt.url}/checkout/success`)).status).toBe(200);
    expect((await fetch(`${rt.url}/checkout/cancel`)).status).toBe(200);
  });

  it('refunds: the order becomes refunded, the unit goes back on sale and the buyer is told, once', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1' });
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(0);
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    const dms = dmsTo(rt, buyer).length;
    const charge = {
      id: paid!.chargeId,
      object: 'charge',
      amount: 24000,
      amount_refunded: 24000,
      refunded: true,
      payment_intent: paid!.paymentIntentId,
      currency: 'usd',
    };
    for (const id of ['evt_refund_1', 'evt_refund_1', 'evt_refund_2']) await deliverStripeEvent(rt, { id, type: 'charge.refunded', object: charge });
    expect((await order(rt, paid!.orderId))?.status).toBe('refunded');
    expect((await dropDoc(drop!.dropId)).stockAvailable).toBe(1);
    expect(dmsTo(rt, buyer).length - dms).toBe(1);
  });

  it('tells a builder once that they can sell, however often Stripe delivers account.updated', async () => {
    const halfway = '811000000000000055';
    await say(rt, halfway, { path: ['onboard'], options: { country: 'US' } });
    const accountId = (await rt.store.get(builderPath(halfway)))!.stripeAccountId;
    const object = {
      id: accountId,
      object: 'account',
      charges_enabled: false,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    };
    for (let i = 0; i < 2; i++) expect((await deliverStripeEvent(rt, { id: 'evt_acct_twice', type: 'account.updated', object })).status).toBe(200);
    await deliverStripeEvent(rt, { id: 'evt_acct_twice_other_id', type: 'account.updated', object });
    expect(dmsTo(rt, halfway).filter((m) => textOf(m).includes('you can sell on C500 now'))).toHaveLength(1);
  });

  it('keeps the builder’s account status from account.updated, ignoring an older event that arrives late', async () => {
    const builderDoc = await rt.store.get(builderPath(builder));
    // Ours ask only for transfers: Stripe never enables charges on them.
    const account = (enabled: boolean) => ({
      id: builderDoc!.stripeAccountId,
      object: 'account',
      charges_enabled: false,
      payouts_enabled: enabled,
      details_submitted: true,
      capabilities: { transfers: enabled ? 'active' : 'inactive' },
    });
    const now = Math.floor(Date.now() / 1000);
    await deliverStripeEvent(rt, { id: 'evt_acct_new', type: 'account.updated', object: account(false), created: now + 10 });
    await deliverStripeEvent(rt, { id: 'evt_acct_old', type: 'account.updated', object: account(true), created: now + 5 });
    expect(await rt.store.get(builderPath(builder))).toMatchObject({ transfersActive: false });
    expect(textOf((await postDrop(rt, builder)).answer)).toContain('/c500 onboard');
    await deliverStripeEvent(rt, { id: 'evt_acct_newest', type: 'account.updated', object: account(true), created: now + 20 });
    expect(await rt.store.get(builderPath(builder))).toMatchObject({ transfersActive: true });
  });
});

describe('the Stripe webhook ingress', () => {
  it('answers a tampered or forged event with 401 and leaves no trace', async () => {
    const storeBefore = JSON.stringify(await rt.store.query(onceRecordsCollection));
    const outbox = rt.outbox.entries.length;
    const event = { id: 'evt_forged', type: 'charge.refunded', object: { id: 'ch_x', object: 'charge', refunded: true, payment_intent: 'pi_x' } };
    expect((await deliverStripeEvent(rt, event, 'whsec_not_ours')).status).toBe(401);
    const body = JSON.stringify({ id: 'evt_t', type: 'account.updated', created: 1, data: { object: { id: 'acct_x' } } });
    const res = await fetch(`${rt.url}/webhooks/stripe`, {
      method: 'POST',
      body: body.replace('acct_x', 'acct_y'),
      headers: { 'stripe-signature': 't=1,v1=00' },
    });
    expect(res.status).toBe(401);
    await rt.settle();
    expect(JSON.stringify(await rt.store.query(onceRecordsCollection))).toBe(storeBefore);
    expect(rt.outbox.entries.length).toBe(outbox);
  });
});

describe('/c500 ship and /c500 profile', () => {
  it('lets only the order’s builder mark it shipped, and DMs the buyer the tracking', async () => {
    const { drop } = await postDrop(rt, builder);
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(textOf(await say(rt, '811000000000000077', { path: ['ship'], options: { order: paid!.orderId, tracking: 'UPS 1Z999' } }))).toContain(
      'isn’t one of your orders',
    );
    expect(textOf(await say(rt, builder, { path: ['ship'], options: { order: paid!.orderId, tracking: 'UPS 1Z999' } }))).toContain('marked shipped');
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain('Tracking: UPS 1Z999');
    expect(textOf(await say(rt, builder, { path: ['ship'], options: { order: paid!.orderId, tracking: 'UPS 1Z999' } }))).toContain('already marked shipped');
  });

  it('refuses to ship an order that was never paid', async () => {
    const { drop } = await postDrop(rt, builder);
    await pressBuyNow(rt, buyer, drop!.dropId);
    const [pending] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect(textOf(await say(rt, builder, { path: ['ship'], options: { order: pending!.orderId, tracking: 'UPS 1' } }))).toContain(
      'only a paid order can be shipped',
    );
  });

  it('shows a builder the paid orders on their workbench, with the command to prove each', async () => {
    const { drop } = await postDrop(rt, builder, { title: 'Workbench board' });
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    const answer = textOf(await answerOf(rt, command({ name: 'c500', path: ['profile'], userId: builder })));
    expect(answer).toContain('On your workbench');
    expect(answer).toContain(`/c500 live mode:order:${paid!.orderId}`);
  });

  it('lists the buyer’s orders with status and builder', async () => {
    const answer = await answerOf(rt, command({ name: 'c500', path: ['profile'], userId: buyer }));
    expect(textOf(answer)).toContain('**paid**');
    expect(textOf(answer)).toContain('**shipped**');
  });
});
