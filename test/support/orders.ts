/**
 * The order the tests start from, made as every seller makes one (`newOrder`): a $100
 * ready-to-ship drop order in `g1` with a 10 % fee, awaiting payment. `fields` set what the
 * story needs (a status, a charge, a release); without a fee or share of its own, a price
 * given is split at the same 10 %.
 */
import { newOrder, type Order, type Sale } from '../../shared/orders';

export const testSale: Sale = {
  orderId: 'o1',
  source: 'drop',
  sourceId: 'd1',
  dropKind: 'ready-to-ship',
  guildId: 'g1',
  title: 'Tofu65',
  buyerId: 'buyer',
  buyerName: 'Buyer',
  builderId: 'builder',
  builderName: 'Builder',
  amountCents: 10_000,
  currency: 'usd',
  platformFeeBps: 1_000,
  createdAt: '2026-11-22T12:00:00Z',
};

export function anOrder(fields: Partial<Order> = {}): Order {
  return { ...newOrder({ ...testSale, amountCents: fields.amountCents ?? testSale.amountCents }), ...fields };
}
