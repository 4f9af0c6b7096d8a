/**
 * One Buy Now press delivered twice at once (Pub/Sub redelivers): the first delivery opens the
 * checkout and hands the buyer its link while the second's call to Stripe fails (a connection
 * lost under the same key). The second must not give the unit back: the buyer holds a live
 * link, and the soak found one paid for an order already expired, its unit sold again and a
 * charge no order of C500's counted.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { dropWithStock } from '../use-cases/drop-stock';
import type { CheckoutRequest, Payments, TaskQueue } from '../../ports';
import { ordersCollection } from '../../orders';
import { CHANNEL, buyNowDeps, builderWithDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';

const BUYER = '800000000000000002';

describe('a Buy Now press delivered twice at once', () => {
  it('keeps the checkout the first delivery opened when the second’s Stripe call fails, and hands both the same link', async () => {
    const store = new LocalDocumentStore();
    await builderWithDrop(store, 'ready-to-ship', { stock: 1, stockAvailable: 1 });
    const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
    const expired: string[] = [];
    let openFirst: () => void = () => undefined;
    let firstDone: Promise<unknown> = Promise.resolve();
    let calls = 0;
    const payments = {
      createCheckoutSession: async (request: CheckoutRequest) => {
        calls++;
        if (calls === 1) {
          // The first delivery's call answers once the second's is under way.
          await new Promise<void>((resolve) => (openFirst = resolve));
          return { sessionId: 'cs_1', url: 'https://checkout.stripe.com/c/pay/cs_1', expiresAt: request.expiresAt.toISOString() };
        }
        openFirst();
        await firstDone;
        throw new Error('An error occurred with our connection to Stripe. Request was retried 2 times.');
      },
      expireCheckoutSession: async (sessionId: string) => void expired.push(sessionId),
    } as unknown as Payments;
    const deps = { ...buyNowDeps(store, tasks), payments };
    const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const first = buyNow(deps, press);
    firstDone = first;
    // The second delivery starts once the first has asked Stripe.
    while (calls === 0) await new Promise((resolve) => setImmediate(resolve));
    const second = await buyNow(deps, press);
    expect(JSON.stringify(await first)).toContain('session=cs_1');
    expect(JSON.stringify(second)).toContain('session=cs_1');
    const orders = (await store.query(ordersCollection)).map((d) => d.data);
    expect(orders).toEqual([expect.objectContaining({ status: 'awaiting-payment', checkoutSessionId: 'cs_1' })]);
    expect((await dropWithStock(store, 'drop1'))?.stockAvailable).toBe(0);
    expect(expired).toEqual([]);
  });
});
