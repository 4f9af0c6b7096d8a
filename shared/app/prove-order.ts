/**
 * @module prove-order
 * `/c500 live mode:order:<id>` for one order: the builder's own paid order moves to
 * `building` with the stream as proof, the buyer is told, and the held funds go to the
 * builder by a Stripe Transfer from that order's charge, exactly once.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../ports';
import { streamUrl, type Builder, type TwitchLink } from '../domain/builder';
import type { OrderOutcome, OrderRefusal } from '../domain/live-messages';
import { formatMoney } from '../domain/money';
import { orderPath, type Order, type OrderStatus } from '../domain/order';
import { onTheWorkbench } from '../domain/order-messages';
import type { LiveStream } from './confirm-live';
import { sendDmIfOpen } from './direct-messages';

export interface ProveOrderDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
}

const refusalFor: Partial<Record<OrderStatus, OrderRefusal>> = {
  'awaiting-payment': 'not-paid',
  expired: 'expired',
  refunded: 'refunded',
  shipped: 'shipped',
};

export async function proveOrder(deps: ProveOrderDeps, builder: Builder & { twitch: TwitchLink }, orderId: string, stream: LiveStream): Promise<OrderOutcome> {
  const link = streamUrl(builder.twitch.login);
  const step = await deps.store.runTransaction(async (tx): Promise<{ refusal: OrderRefusal } | { order: Order; proved: boolean }> => {
    const order = await tx.get<Order>(orderPath(orderId));
    if (!order) return { refusal: 'not-found' };
    if (order.builderId !== builder.discordUserId) return { refusal: 'not-yours' };
    const refusal = refusalFor[order.status];
    if (refusal) return { refusal };
    // Proved before: done, unless the release did not finish (a crash between the two).
    if (order.status === 'building') return order.transferId ? { refusal: 'already-verified' } : { order, proved: false };
    const provedAt = deps.clock.now().toISOString();
    const proof = { url: link, provedAt, ...(stream.streamId ? { streamId: stream.streamId } : {}), ...(stream.startedAt ? { streamStartedAt: stream.startedAt } : {}) };
    tx.update(orderPath(orderId), { status: 'building', proof, proofUrl: link });
    return { order: { ...order, status: 'building', proof, proofUrl: link }, proved: true };
  });
  if ('refusal' in step) return { orderId, ok: false, refusal: step.refusal };

  const released = await releaseFunds(deps, step.order, builder);
  if (step.proved) await sendDmIfOpen(deps.discord, step.order.buyerId, onTheWorkbench(step.order, link));
  return { orderId, ok: true, title: step.order.title, releasedLabel: formatMoney({ cents: released.builderShareCents, currency: released.currency }) };
}

/** The transfer's idempotency key is the order's, and its id is kept: one release per order, ever. */
async function releaseFunds(deps: ProveOrderDeps, order: Order, builder: Builder): Promise<Order> {
  if (order.transferId) return order;
  if (!builder.stripeAccountId || !order.chargeId) throw new Error(`order ${order.orderId} cannot be released: no connected account or charge`);
  const { transferId } = await deps.payments.createTransfer({
    idempotencyKey: `release:${order.orderId}`,
    amountCents: order.builderShareCents,
    currency: order.currency,
    destination: builder.stripeAccountId,
    sourceTransaction: order.chargeId,
    transferGroup: order.orderId,
    metadata: { order_id: order.orderId, builder_id: order.builderId },
  });
  const releasedAt = deps.clock.now().toISOString();
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get<Order>(orderPath(order.orderId));
    if (current && !current.transferId) tx.update(orderPath(order.orderId), { transferId, releasedAt });
  });
  return { ...order, transferId, releasedAt };
}
