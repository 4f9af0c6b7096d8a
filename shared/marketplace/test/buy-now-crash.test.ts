/**
 * A Buy Now whose process dies (kill -9) at any step of its writes: reservation, order,
 * Stripe session, its record, the expiry task. Each step is a port call; the test kills the
 * process at call k (that call and every later one fail, no catch block gets to clean up),
 * then either the press is delivered again or nobody comes back and the sweep runs after the
 * deadline. Either way no unit stays held by an order nobody can pay.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { sweepOrders } from '../use-cases/sweep-orders';
import { dropWithStock } from '../use-cases/drop-stock';
import { shortIdFrom } from '../../common';
import { expireCheckout, type PaymentModules } from '../../payments';
import { orderPath } from '../../orders';
import { dropPayments } from '../use-cases/drop-payments';
import type { CheckoutRequest, DocumentStore, Payments, ScheduledTask, TaskQueue } from '../../ports';
import { CHANNEL, buyNowDeps, builderWithDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';
import { DiscordOutbox } from '../../local/discord/discord-outbox';

const BUYER = '800000000000000002';
const delivery = { deliveryDays: 14, addressDays: 30 };

/** A process that dies at its `k`th port call: that call and all after it throw. */
function dyingAt(k: number) {
  let calls = 0;
  const step = () => {
    calls += 1;
    if (calls >= k) throw new Error(`killed at step ${k}`);
  };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get: (t, key) => {
        const value: unknown = Reflect.get(t, key);
        return typeof value === 'function'
          ? async (...args: unknown[]) => {
              step();
              return (value as (...a: unknown[]) => unknown).apply(t, args);
            }
          : value;
      },
    });
  return { wrap, calls: () => calls };
}

function stripe(): Payments & { made: CheckoutRequest[]; expired: string[] } {
  const made: CheckoutRequest[] = [];
  const expired: string[] = [];
  const payments = {
    made,
    expired,
    expireCheckoutSession: async (sessionId: string) => void expired.push(sessionId),
    createCheckoutSession: async (request: CheckoutRequest) => {
      made.push(request);
      return { sessionId: `cs_${made.length}`, url: `https://checkout.stripe.com/c/pay/cs_${made.length}`, expiresAt: request.expiresAt.toISOString() };
    },
  };
  return payments as unknown as Payments & { made: CheckoutRequest[]; expired: string[] };
}

async function world() {
  const store = new LocalDocumentStore();
  await builderWithDrop(store, 'ready-to-ship', { stock: 1, stockAvailable: 1 });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  return { store, scheduled, tasks, payments: stripe() };
}

type World = Awaited<ReturnType<typeof world>>;

async function pressDyingAt(w: World, k: number, press: ReturnType<typeof buttonPress>): Promise<boolean> {
  const dying = dyingAt(k);
  const deps = { ...buyNowDeps(dying.wrap<DocumentStore>(w.store), dying.wrap<TaskQueue>(w.tasks)), payments: dying.wrap<Payments>(w.payments) };
  try {
    await buyNow(deps, press);
    return false;
  } catch {
    return true;
  }
}

/** How many port calls a press makes when nothing dies: every crash point is 1..that. */
async function stepsOfAPress(): Promise<number> {
  const w = await world();
  const dying = dyingAt(Number.MAX_SAFE_INTEGER);
  await buyNow(
    { ...buyNowDeps(dying.wrap<DocumentStore>(w.store), dying.wrap<TaskQueue>(w.tasks)), payments: dying.wrap<Payments>(w.payments) },
    buttonPress('buy:drop1', BUYER, { channelId: CHANNEL }),
  );
  return dying.calls();
}

describe('a Buy Now press whose process is killed', () => {
  it('makes several port calls when nothing dies, so each is a crash point below', async () => {
    expect(await stepsOfAPress()).toBeGreaterThan(5);
  });

  it('GIVEN a kill at any step and the press delivered again THEN the buyer gets one checkout for the one unit, and its expiry is armed', async () => {
    const steps = await stepsOfAPress();
    for (let k = 1; k <= steps; k++) {
      const w = await world();
      const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
      expect(await pressDyingAt(w, k, press)).toBe(true);
      const answer = await buyNow({ ...buyNowDeps(w.store, w.tasks), payments: w.payments }, press);
      const orderId = shortIdFrom(`order:${press.id}`);
      const order = await w.store.get(orderPath(orderId));
      expect([k, JSON.stringify(answer).includes(orderId)]).toEqual([k, true]);
      expect([k, order?.status, order?.checkoutSessionId !== undefined]).toEqual([k, 'awaiting-payment', true]);
      expect([k, (await dropWithStock(w.store, 'drop1'))?.stockAvailable]).toEqual([k, 0]);
      expect([k, w.scheduled.some((t) => t.name === `expire-${orderId}`)]).toEqual([k, true]);
    }
  });

  it('GIVEN a kill at any step and nobody coming back THEN the sweep after the deadline puts the unit back on sale', async () => {
    const steps = await stepsOfAPress();
    for (let k = 1; k <= steps; k++) {
      const w = await world();
      const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
      await pressDyingAt(w, k, press);
      const orderId = shortIdFrom(`order:${press.id}`);
      const order = await w.store.get(orderPath(orderId));
      // Past the deadline (32 minutes: Stripe's shortest window and a margin) and the grace a recorded session waits.
      const later = { now: () => new Date('2026-11-22T13:40:00Z') };
      await sweepOrders({ store: w.store, clock: later, delivery, discord: new DiscordOutbox(), releaseWaiting: async () => undefined });
      const after = await w.store.get(orderPath(orderId));
      expect([k, (await dropWithStock(w.store, 'drop1'))?.stockAvailable]).toEqual([k, 1]);
      expect([k, after?.status ?? 'none']).toEqual([k, order ? 'expired' : 'none']);
      // Wherever it died after reaching the task queue, the order's expiry was armed before its unit was taken.
      if (order) expect([k, w.scheduled.some((t) => t.name === `expire-${orderId}`)]).toEqual([k, true]);
    }
  });

  it('GIVEN a kill at any step and nobody coming back THEN the expiry task armed before the reservation lets the order go at its deadline', async () => {
    const steps = await stepsOfAPress();
    for (let k = 1; k <= steps; k++) {
      const w = await world();
      const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
      await pressDyingAt(w, k, press);
      const orderId = shortIdFrom(`order:${press.id}`);
      const order = await w.store.get(orderPath(orderId));
      const armed = w.scheduled.filter((t) => t.name === `expire-${orderId}`);
      // Killed at its first call (arming the task), nothing was reserved.
      expect([k, order === undefined || armed.length > 0]).toEqual([k, true]);
      if (!order) continue;
      const atDeadline = { now: () => new Date(order.checkoutExpiresAt ?? '') };
      const base = { store: w.store, discord: new DiscordOutbox(), clock: atDeadline, tasks: w.tasks };
      const modules = { orders: { drop: dropPayments(base) } } as unknown as PaymentModules;
      await expireCheckout({ ...base, payments: w.payments, modules }, { orderId });
      const after = await w.store.get(orderPath(orderId));
      if (order.checkoutSessionId) {
        // A recorded session is asked to expire; Stripe's checkout.session.expired then gives the unit back.
        expect([k, w.payments.expired]).toEqual([k, [order.checkoutSessionId]]);
      } else {
        expect([k, after?.status, (await dropWithStock(w.store, 'drop1'))?.stockAvailable]).toEqual([k, 'expired', 1]);
      }
    }
  });

  it('GIVEN a press killed at Stripe and the buyer pressing again THEN the new press opens that order’s checkout and takes no second unit', async () => {
    const w = await world();
    await builderWithDrop(w.store, 'ready-to-ship', { stock: 2, stockAvailable: 2 });
    const first = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const firstOrderId = shortIdFrom(`order:${first.id}`);
    // The process dies as Stripe is asked: the reservation stands, no session, and nothing after runs.
    const dying = dyingAt(Number.MAX_SAFE_INTEGER);
    let dead = false;
    const store = new Proxy(dying.wrap<DocumentStore>(w.store), {
      get: (t, key) => (dead ? () => Promise.reject(new Error('killed')) : Reflect.get(t, key)),
    });
    const payments = { createCheckoutSession: () => ((dead = true), Promise.reject(new Error('killed'))) } as unknown as Payments;
    await expect(buyNow({ ...buyNowDeps(store, w.tasks), payments }, first)).rejects.toThrow('killed');
    expect((await w.store.get(orderPath(firstOrderId)))?.status).toBe('awaiting-payment');

    const again = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const answer = await buyNow({ ...buyNowDeps(w.store, w.tasks), payments: w.payments }, again);
    expect(JSON.stringify(answer)).toContain(firstOrderId);
    expect(await w.store.get(orderPath(shortIdFrom(`order:${again.id}`)))).toBeUndefined();
    expect((await dropWithStock(w.store, 'drop1'))?.stockAvailable).toBe(1);
  });
});
