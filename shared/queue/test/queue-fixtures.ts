/** A commission order at a place in a builder's line, for the queue's tests. */
import type { Order, OrderCommission } from '../../payments';

export const terms = { slots: 3, leadWeeks: 6, oneAtATime: false, tranches: [] };

export function placed(ticket: number, fields: Partial<Order> = {}, commission: Partial<OrderCommission> = {}): Order {
  return {
    orderId: `order${ticket}`,
    source: 'drop',
    sourceId: 'd1',
    dropKind: 'commission',
    guildId: 'g1',
    title: `Board ${ticket}`,
    buyerId: `buyer${ticket}`,
    buyerName: `Buyer ${ticket}`,
    builderId: '811000000000000001',
    builderName: 'Builder',
    amountCents: 10_000,
    currency: 'usd',
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    createdAt: '2026-11-01T12:00:00Z',
    chargeId: `ch_${ticket}`,
    ...fields,
    commission: { terms, ticket, paidAt: '2026-11-01T12:00:00.000Z', promisedAt: '2026-12-13T12:00:00.000Z', ...commission },
  };
}
