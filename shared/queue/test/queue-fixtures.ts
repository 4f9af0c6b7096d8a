/** A commission order at a place in a builder's line, for the queue's tests. */
import type { Order, OrderCommission } from '../../orders';
import { anOrder } from '../../../test/support/orders';

export const terms = { slots: 3, leadWeeks: 6, oneAtATime: false, tranches: [] };

export function placed(ticket: number, fields: Partial<Order> = {}, commission: Partial<OrderCommission> = {}): Order {
  return anOrder({
    orderId: `order${ticket}`,
    dropKind: 'commission',
    title: `Board ${ticket}`,
    buyerId: `buyer${ticket}`,
    buyerName: `Buyer ${ticket}`,
    builderId: '811000000000000001',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    createdAt: '2026-11-01T12:00:00Z',
    chargeId: `ch_${ticket}`,
    ...fields,
    commission: { terms, ticket, paidAt: '2026-11-01T12:00:00.000Z', promisedAt: '2026-12-13T12:00:00.000Z', ...commission },
  });
}
