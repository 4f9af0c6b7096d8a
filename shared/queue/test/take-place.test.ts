import { LocalDocumentStore } from '../../local/firestore/document-store';
import { orderPath, type Order } from '../../orders';
import { commissionQueuePath } from '../rules/queue-line';
import { takePlace } from '../use-cases/take-place';
import { placed } from './queue-fixtures';

const unplaced = (n: number, oneAtATime = false): Order => {
  const order = placed(n, { status: 'awaiting-payment' });
  return { ...order, commission: { terms: { slots: 9, leadWeeks: 2, oneAtATime, tranches: [] } } };
};

async function pay(store: LocalDocumentStore, order: Order, paidAt: Date) {
  await store.runTransaction(async (tx) => {
    const place = await takePlace(tx, order, paidAt);
    if (place) {
      place.write(tx);
      tx.update(orderPath(order.orderId), { ...place.fields, status: 'paid' });
    }
  });
  return store.get(orderPath(order.orderId));
}

describe('taking a place in the line', () => {
  it('gives orders paid at once different places, one after another, with none skipped', async () => {
    const store = new LocalDocumentStore();
    const orders = Array.from({ length: 8 }, (_, i) => unplaced(i + 1));
    for (const o of orders) await store.set(orderPath(o.orderId), o);
    const paid = await Promise.all(orders.map((o) => pay(store, o, new Date('2026-11-01T12:00:00Z'))));
    expect(paid.map((o) => o?.commission?.ticket).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await store.get(commissionQueuePath('811000000000000001')))?.ticketsGiven).toBe(8);
  });

  it('promises a one-at-a-time builder’s next place after the one before it', async () => {
    const store = new LocalDocumentStore();
    const [first, second] = [unplaced(1, true), unplaced(2, true)];
    for (const o of [first!, second!]) await store.set(orderPath(o.orderId), o);
    expect((await pay(store, first!, new Date('2026-11-01T12:00:00Z')))?.commission?.promisedAt).toBe('2026-11-15T12:00:00.000Z');
    expect((await pay(store, second!, new Date('2026-11-02T12:00:00Z')))?.commission?.promisedAt).toBe('2026-11-29T12:00:00.000Z');
  });

  it('takes no place for a commission sold without a queue, nor twice for one already placed', async () => {
    const store = new LocalDocumentStore();
    await store.runTransaction(async (tx) => {
      expect(await takePlace(tx, { ...unplaced(1), commission: undefined }, new Date())).toBeUndefined();
      expect(await takePlace(tx, placed(2), new Date())).toBeUndefined();
    });
  });
});
