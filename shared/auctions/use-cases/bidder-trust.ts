/**
 * @module bidder-trust
 * Who has paid for an order on C500, and so bids past the new-bidder limit: recorded on
 * `bidders/<id>` (`trustedAt`, `trustedByOrder`) when a payment lands, whatever sold the
 * order (payments calls `trustPayingBuyers` after every payment), and put in the book's
 * trusted set so a bid stays one Lua call. A bidder the book refuses as new is looked up
 * once (`trustedOnRecord`): a payment from before trust was recorded, or a book that lost
 * its set, is found there, and the book learns it.
 */
import type { AuctionBook, Clock, DocumentStore } from '../../ports';
import { ordersCollection, type Order } from '../../orders';
import { bidderPath } from '../rules/auction';

export interface BidderTrustDeps {
  store: DocumentStore;
  book: AuctionBook;
  clock: Clock;
}

/** The buyers of these paid orders are trusted from now on. Idempotent: a redelivered payment changes nothing. */
export async function trustPayingBuyers(deps: BidderTrustDeps, orders: readonly Order[]): Promise<void> {
  const firstOrderOf = new Map<string, string>();
  for (const order of orders) if (!firstOrderOf.has(order.buyerId)) firstOrderOf.set(order.buyerId, order.orderId);
  for (const [buyerId, orderId] of firstOrderOf) await recordTrust(deps, buyerId, orderId);
}

/**
 * Whether our records show the bidder paid for an order, asked only when the book refused
 * them as a new bidder. Found, the trust is recorded (if it was not) and the book learns it.
 */
export async function trustedOnRecord(deps: BidderTrustDeps, bidderId: string): Promise<boolean> {
  if ((await deps.store.get(bidderPath(bidderId)))?.trustedAt) {
    await deps.book.trust(bidderId);
    return true;
  }
  const [paid] = await deps.store.query(ordersCollection, {
    where: [
      ['buyerId', '==', bidderId],
      ['paidAt', '>', ''],
    ],
    limit: 1,
  });
  if (!paid) return false;
  await recordTrust(deps, bidderId, paid.id);
  return true;
}

async function recordTrust(deps: BidderTrustDeps, bidderId: string, orderId: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const record = await tx.get(bidderPath(bidderId));
    if (record?.trustedAt) return;
    const base = record ?? { bidderId, strikes: 0, strikeOrders: [], banned: false };
    tx.set(bidderPath(bidderId), { ...base, trustedAt: deps.clock.now().toISOString(), trustedByOrder: orderId });
  });
  await deps.book.trust(bidderId);
}
