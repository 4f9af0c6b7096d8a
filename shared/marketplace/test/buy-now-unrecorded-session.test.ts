/**
 * A Buy Now whose Checkout Session Stripe made but the store failed to record (the emulator's
 * "Transaction is invalid or closed", a commit that never answered): the press gives the unit
 * back and tells the buyer to press again, so the session must not stay payable. The
 * production-clients soak found one paid anyway: an order expired, its unit back on sale, and
 * a charge no order of C500's counted.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { dropWithStock } from '../use-cases/drop-stock';
import type { CheckoutRequest, DocumentStore, Payments, ScheduledTask, TaskQueue, Transaction } from '../../ports';
import { CHANNEL, buyNowDeps, builderWithDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';
import { anOrder } from '../../../test/support/orders';
import { openOrderCheckout } from '../../payments';
import { orderPath } from '../../orders';

const BUYER = '800000000000000002';

/** The store, whose next transaction after `failNext()` fails as the emulator's did. */
function failingOnce(store: LocalDocumentStore): DocumentStore & { failNext: () => void } {
  let fail = false;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'failNext') return () => void (fail = true);
      const value: unknown = Reflect.get(target, key);
      if (key !== 'runTransaction' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (work: (tx: Transaction) => Promise<unknown>) => {
        if (!fail) return (value as DocumentStore['runTransaction']).call(target, work);
        fail = false;
        throw new Error('3 INVALID_ARGUMENT: Transaction is invalid or closed.');
      };
    },
  }) as unknown as DocumentStore & { failNext: () => void };
}

describe('a Buy Now whose session Stripe made and the store did not record', () => {
  it('expires the session at Stripe as the unit goes back on sale, so nobody can pay for it', async () => {
    const store = new LocalDocumentStore();
    await builderWithDrop(store, 'ready-to-ship', { stock: 1, stockAvailable: 1 });
    const scheduled: ScheduledTask[] = [];
    const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
    const failing = failingOnce(store);
    const made: CheckoutRequest[] = [];
    const expired: string[] = [];
    const payments = {
      createCheckoutSession: async (request: CheckoutRequest) => {
        made.push(request);
        // Stripe made it; the transaction that records it is the next one, and it fails.
        failing.failNext();
        return { sessionId: `cs_${made.length}`, url: `https://checkout.stripe.com/c/pay/cs_${made.length}`, expiresAt: request.expiresAt.toISOString() };
      },
      expireCheckoutSession: async (sessionId: string) => void expired.push(sessionId),
    } as unknown as Payments;
    const answer = await buyNow({ ...buyNowDeps(failing, tasks), payments }, buttonPress('buy:drop1', BUYER, { channelId: CHANNEL }));
    expect(JSON.stringify(answer)).toContain('Press Buy Now again');
    expect(made).toHaveLength(1);
    expect(expired).toEqual(['cs_1']);
    expect((await dropWithStock(store, 'drop1'))?.stockAvailable).toBe(1);
  });

  it('leaves the session open for a caller that tries again, whose retry replays that very session', async () => {
    const store = new LocalDocumentStore();
    await store.set(orderPath('o1'), anOrder({ orderId: 'o1', status: 'awaiting-payment' }));
    const failing = failingOnce(store);
    const expired: string[] = [];
    const payments = {
      createCheckoutSession: async (request: CheckoutRequest) => {
        failing.failNext();
        return { sessionId: 'cs_1', url: 'https://checkout.stripe.com/c/pay/cs_1', expiresAt: request.expiresAt.toISOString() };
      },
      expireCheckoutSession: async (sessionId: string) => void expired.push(sessionId),
    } as unknown as Payments;
    const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
    const deps = { store: failing, payments, tasks, clock: { now: () => new Date('2026-11-22T12:00:00Z') }, publicBaseUrl: 'http://local' };
    await expect(
      openOrderCheckout(deps, anOrder({ orderId: 'o1', status: 'awaiting-payment' }), new Date('2026-11-22T12:30:00Z'), { itemName: 'Board' }),
    ).rejects.toThrow('Transaction is invalid or closed');
    expect(expired).toEqual([]);
  });
});
