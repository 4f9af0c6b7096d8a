/**
 * The paid order and the given refunds the refund tests start from: a $100 drop order with a
 * 10 % fee, paid by charge `ch_1`, and a refund given on it by its builder.
 */
import type { GivenRefund, Order, Refunds } from '../../orders';
import { anOrder } from '../../../test/support/orders';

export const paidOrder = (fields: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'k3v9m2qa',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    chargeId: 'ch_1',
    paymentIntentId: 'pi_1',
    ...fields,
  });

/** `paidOrder()` with what the journal says was refunded of it (none unless told), as the rules take it. */
export const paidOrderWithRefunds = ({ refundedCents = 0, ...fields }: Partial<Order & Refunds> = {}): Order & Refunds => ({
  ...paidOrder(fields),
  refundedCents,
});

/** A refund of `amountCents` given on `paidOrder()`, keyed by its amount as `/c500 refund` keys it. */
export const givenRefund = (amountCents: number, fields: Partial<GivenRefund> = {}): GivenRefund => ({
  idempotencyKey: `refund:k3v9m2qa:${amountCents}`,
  amountCents,
  byInteraction: `i${amountCents}`,
  byUserId: 'builder',
  askedAt: '2026-11-22T12:00:00Z',
  ...fields,
});
