/**
 * Opening an order's checkout against the local simulator, which refuses an `expires_at`
 * outside 30 minutes to 24 hours after creation as Stripe does.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { checkoutKey, openCheckout, type CheckoutDetails } from '../use-cases/open-checkout';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import type { CheckoutRequest, ScheduledTask, TaskQueue } from '../../ports';
import { anOrder } from '../../../test/support/orders';
import { freshTrace, runInTrace, type SpanContext } from '../../trace-context';

const inTrace = <T>(span: SpanContext, work: () => Promise<T>) => runInTrace(span, 'test', work);
const traceOfSession = async (w: ReturnType<typeof world>) => (await w.payments.listSessions()).map((s) => s.metadata.traceparent);

const hammerAt = new Date('2026-11-22T20:00:00Z');
const minutes = (n: number) => new Date(hammerAt.getTime() + n * 60_000);

function world() {
  let now = hammerAt;
  const clock = { now: () => now };
  const store = new LocalDocumentStore();
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const order: Order = anOrder({
    orderId: 'auction-o1',
    source: 'auction',
    sourceId: 'a1',
    dropKind: 'auction',
    offerRank: 0,
    guildId: 'g',
    buyerId: 'w',
    buyerName: 'W',
    builderId: 'b',
    builderName: 'B',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    createdAt: hammerAt.toISOString(),
  });
  const details: CheckoutDetails = {
    itemName: 'Tofu65',
    amountCents: 25_000,
    currency: 'usd',
    metadata: { order_id: 'auction-o1' },
    successUrl: 'http://local/s',
    cancelUrl: 'http://local/c',
  };
  return { store, payments, scheduled, order, details, deps: { store, payments, tasks, clock }, setNow: (at: Date) => (now = at) };
}

describe('opening an order’s checkout', () => {
  it('gives a winner with a 30-minute pay window a session Stripe accepts, though it is opened minutes after the hammer', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    // What the hammer asked before: the deadline counted from the hammer, now under 30 minutes away.
    w.setNow(minutes(3));
    await expect(w.payments.createCheckoutSession({ ...w.details, orderId: 'auction-o1', idempotencyKey: 'k', expiresAt: minutes(30) })).rejects.toThrow(
      'at least 30 minutes from Checkout Session creation',
    );

    const opened = await openCheckout(w.deps, 'auction-o1', minutes(30), w.details);
    if (opened.kind !== 'open') throw new Error('not opened');
    const [session] = await w.payments.listSessions();
    expect(session?.id).toBe(opened.session.sessionId);
    expect((session?.expires_at ?? 0) * 1000 - minutes(3).getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    // The order's deadline and its expiry task are the one Stripe got.
    expect(await w.store.get(orderPath('auction-o1'))).toMatchObject({ checkoutSessionId: session?.id, checkoutExpiresAt: opened.session.expiresAt });
    expect(w.scheduled.map((t) => t.runAt.toISOString())).toEqual([opened.session.expiresAt]);
  });

  it('finds the session an earlier attempt made but never recorded, instead of opening a second one, however late the retry', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    // The first attempt chose its deadline, Stripe made the session, and the process died before recording it.
    const first = await openCheckout(w.deps, 'auction-o1', minutes(30), w.details);
    if (first.kind !== 'open') throw new Error('not opened');
    const recorded = await w.store.get(orderPath('auction-o1'));
    if (!recorded) throw new Error('the order is stored');
    const { checkoutSessionId: _sessionId, checkoutUrl: _url, ...unrecorded } = recorded;
    await w.store.set(orderPath('auction-o1'), unrecorded);
    w.setNow(minutes(20));
    const retried = await openCheckout(w.deps, 'auction-o1', minutes(30), w.details);
    expect(retried).toEqual(first);
    expect(await w.payments.listSessions()).toHaveLength(1);
  });

  it('sends the trace it is opened in in the session’s metadata, so Stripe’s events about it can continue that trace', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    const trace = freshTrace();
    await inTrace(trace, () => openCheckout(w.deps, 'auction-o1', minutes(30), w.details));
    const [traceparent] = await traceOfSession(w);
    expect(traceparent).toMatch(new RegExp(`^00-${trace.traceId}-[0-9a-f]{16}-0[01]$`));
    expect((await w.store.get(orderPath('auction-o1')))?.checkoutTraceparent).toBe(traceparent);
  });

  it('replays an earlier attempt’s request with that attempt’s trace, from another trace, so Stripe finds the same parameters under its key', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    const first = await inTrace(freshTrace(), () => openCheckout(w.deps, 'auction-o1', minutes(30), w.details));
    const [traceparent] = await traceOfSession(w);
    const { checkoutSessionId: _sessionId, checkoutUrl: _url, ...unrecorded } = (await w.store.get(orderPath('auction-o1')))!;
    await w.store.set(orderPath('auction-o1'), unrecorded);
    // Once while the deadline can still be sent, and once too late for it (the earlier request is replayed, then a new one sent).
    w.setNow(minutes(1));
    expect(await inTrace(freshTrace(), () => openCheckout(w.deps, 'auction-o1', minutes(30), w.details))).toEqual(first);
    await w.store.set(orderPath('auction-o1'), unrecorded);
    w.setNow(minutes(20));
    expect(await inTrace(freshTrace(), () => openCheckout(w.deps, 'auction-o1', minutes(30), w.details))).toEqual(first);
    expect(await traceOfSession(w)).toEqual([traceparent]);
  });

  it('opens a session with a fresh deadline when a redelivery comes too late to send the one chosen before, which Stripe never got', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), { ...w.order, checkoutExpiresAt: minutes(32).toISOString() });
    w.setNow(minutes(10));
    const opened = await openCheckout(w.deps, 'auction-o1', minutes(30), w.details);
    if (opened.kind !== 'open') throw new Error('not opened');
    expect(Date.parse(opened.session.expiresAt) - minutes(10).getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    expect(await w.payments.listSessions()).toHaveLength(1);
    expect(checkoutKey('auction-o1', new Date(opened.session.expiresAt))).toMatch(/^checkout:auction-o1:\d+$/);
  });

  it('arms the expiry of a session recorded by an attempt that died before arming it, when the offer is sent again', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    // The first attempt made and recorded the session; scheduling its expiry failed (the process was killed).
    const down: TaskQueue = { schedule: async () => Promise.reject(new Error('the runtime is gone')), cancel: async () => false };
    await expect(openCheckout({ ...w.deps, tasks: down }, 'auction-o1', minutes(30), w.details)).rejects.toThrow('the runtime is gone');
    expect((await w.store.get(orderPath('auction-o1')))?.checkoutSessionId).toBeDefined();
    expect(w.scheduled).toHaveLength(0);

    const retried = await openCheckout(w.deps, 'auction-o1', minutes(30), w.details);
    if (retried.kind !== 'open') throw new Error('not opened');
    expect(w.scheduled.map((t) => [t.name, t.runAt.toISOString()])).toEqual([['expire-auction-o1', retried.session.expiresAt]]);
    expect(await w.payments.listSessions()).toHaveLength(1);
  });

  it('opens nothing for an order no longer waiting for payment', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), { ...w.order, status: 'expired' });
    expect(await openCheckout(w.deps, 'auction-o1', minutes(30), w.details)).toEqual({ kind: 'ended' });
    expect(await w.payments.listSessions()).toHaveLength(0);
  });

  it('ends the session it just made, and records none, when the order stopped waiting for payment while Stripe made it', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    // Another delivery of the same press gave up while this request was at Stripe, and gave the unit back.
    const create = w.payments.createCheckoutSession.bind(w.payments);
    w.payments.createCheckoutSession = async (request: CheckoutRequest) => {
      const session = await create(request);
      await w.store.update(orderPath('auction-o1'), { status: 'expired' });
      return session;
    };
    expect(await openCheckout(w.deps, 'auction-o1', minutes(30), w.details)).toEqual({ kind: 'ended' });
    const [session] = await w.payments.listSessions();
    expect(session?.status).toBe('expired');
    expect(await w.store.get(orderPath('auction-o1'))).not.toHaveProperty('checkoutSessionId');
    expect(w.scheduled).toEqual([]);
  });
});

describe('opening a shipped item’s checkout', () => {
  const quote = (cents: number) => ({
    allowedCountries: ['US'],
    homeCountry: 'US',
    options: [{ scope: 'domestic' as const, displayName: 'Shipping to an address in US', amountCents: cents, deliveryDays: { minimum: 5, maximum: 8 } }],
  });

  it('fixes the shipping on the order with the first request, so a retry after a lost answer asks the same though the builder changed their rates', async () => {
    const w = world();
    await w.store.set(orderPath('auction-o1'), w.order);
    const asked: unknown[] = [];
    let lose = true;
    const real = w.payments.createCheckoutSession.bind(w.payments);
    const payments = Object.assign(Object.create(w.payments) as LocalPayments, {
      createCheckoutSession: async (request: CheckoutRequest) => {
        asked.push(request.shipping);
        const session = await real(request);
        // Stripe made the session; its answer never came back.
        if (!lose) return session;
        lose = false;
        throw new Error('socket hang up');
      },
    });
    const deps = { ...w.deps, payments };
    await expect(openCheckout(deps, 'auction-o1', minutes(30), { ...w.details, shipping: quote(800) })).rejects.toThrow('socket hang up');
    expect((await w.store.get(orderPath('auction-o1')))?.shippingQuote).toEqual(quote(800));
    const opened = await openCheckout(deps, 'auction-o1', minutes(30), { ...w.details, shipping: quote(1_200) });
    expect(opened.kind).toBe('open');
    expect(asked).toEqual([quote(800), quote(800)]);
    expect(await w.payments.listSessions()).toHaveLength(1);
  });
});
