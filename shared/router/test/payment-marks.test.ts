/**
 * A payment writes the buyer's name and address on their order and their trust as a bidder: a
 * buyer who erased in the last ten minutes is marked, so their next erasure searches again.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { erasureAsksOf } from '../../privacy/use-cases/take-erasure-ask';
import type { Order } from '../../orders';
import { paymentModules, type PaymentWiringDeps } from '../payment-wiring';

const buyer = '821000000000008001';
const now = new Date('2026-11-21T12:00:00.000Z');

describe('a payment, after an erasure', () => {
  it('GIVEN a buyer who erased a minute ago WHEN their order is paid THEN their record is marked, so their next erasure searches again', async () => {
    const store = new LocalDocumentStore();
    const deps = { store, book: new InMemoryAuctionBook(), clock: { now: () => now }, marketplace: { platformFeeBps: 500 } } as unknown as PaymentWiringDeps;
    await store.set(erasureAsksOf(buyer), { asks: [{ at: '2026-11-21T11:59:00.000Z' }], expiresAt: new Date('2026-11-21T12:09:00.000Z') });
    await paymentModules(deps).buyersPaid([{ orderId: 'o1', buyerId: buyer } as Order]);
    expect(await store.get(erasureAsksOf(buyer))).toMatchObject({ actedAt: now.toISOString() });
  });
});
