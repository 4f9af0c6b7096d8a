/**
 * @module prove-order
 * `/c500 live mode:order:<id>` for one order: the builder's own paid order moves to
 * `building` with the stream as proof, the buyer is told, and the held funds go to the
 * builder by a Stripe Transfer from that order's charge, exactly once (and for a show's
 * lot, the host's cut by a transfer of its own from the same charge).
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { streamUrl, type Builder, type TwitchLink } from '../../domain/onboarding/builder';
import type { OrderOutcome, OrderRefusal } from '../../domain/live/live-messages';
import { formatMoney } from '../../domain/common/money';
import { orderPath, releasableCents, type Order, type OrderStatus } from '../../domain/marketplace/order';
import { onTheWorkbench } from '../../domain/marketplace/order-messages';
import { PaymentRefused } from '../../errors';
import { log } from '../../log';
import type { LiveStream } from './confirm-live';
import { sendDmIfOpen } from '../discord/direct-messages';
import { hostCutPending, releaseHostCut } from '../shows/release-host-cut';

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
    const order = await tx.get(orderPath(orderId));
    if (!order) return { refusal: 'not-found' };
    if (order.builderId !== builder.discordUserId) return { refusal: 'not-yours' };
    const refusal = refusalFor[order.status];
    if (refusal) return { refusal };
    // Proved before: done, unless the release did not finish (a crash between the two, or before a show host's cut went out).
    if (order.status === 'building') return order.transferId && !hostCutPending(order) ? { refusal: 'already-verified' } : { order, proved: false };
    const provedAt = deps.clock.now().toISOString();
    const proof = {
      url: link,
      provedAt,
      ...(stream.streamId ? { streamId: stream.streamId } : {}),
      ...(stream.startedAt ? { streamStartedAt: stream.startedAt } : {}),
    };
    tx.update(orderPath(orderId), { status: 'building', proof, proofUrl: link });
    return { order: { ...order, status: 'building', proof, proofUrl: link }, proved: true };
  });
  if ('refusal' in step) return { orderId, ok: false, refusal: step.refusal };

  let released: Order;
  try {
    released = await releaseFunds(deps, step.order, builder);
    // A show's lot: the host's cut from the same charge, once the builder's share is out.
    await releaseHostCut(deps, orderId);
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // Nothing half-done: the order is paid again (releasable), the buyer hears nothing, the builder learns why.
    log.warn('Stripe refused to release an order; it stays paid', { orderId, error });
    await reopenRelease(deps, step.order, error.message);
    return { orderId, ok: false, refusal: 'release-refused', detail: error.message };
  }
  if (step.proved) await sendDmIfOpen(deps.discord, step.order.buyerId, onTheWorkbench(step.order, link));
  return {
    orderId,
    ok: true,
    title: step.order.title,
    releasedLabel: formatMoney({ cents: released.releasedCents ?? released.builderShareCents, currency: released.currency }),
  };
}

/**
 * One release per order, ever: the transfer's id is kept, and its idempotency key names
 * the attempt. A retry after a crash repeats the attempt's key (Stripe answers with the
 * transfer it made); only a refusal, after which Stripe made nothing, moves to a new key,
 * because Stripe would replay the refusal under the old one for a day.
 */
async function releaseFunds(deps: ProveOrderDeps, order: Order, builder: Builder): Promise<Order> {
  if (order.transferId) return order;
  if (!builder.stripeAccountId || !order.chargeId) throw new Error(`order ${order.orderId} cannot be released: no connected account or charge`);
  const attempt = order.releaseAttempts ?? 0;
  const amountCents = releasableCents(order);
  const { transferId } = await deps.payments.createTransfer({
    idempotencyKey: attempt === 0 ? `release:${order.orderId}` : `release:${order.orderId}:${attempt}`,
    amountCents,
    currency: order.currency,
    destination: builder.stripeAccountId,
    sourceTransaction: order.chargeId,
    transferGroup: order.orderId,
    metadata: { order_id: order.orderId, builder_id: order.builderId },
  });
  const releasedAt = deps.clock.now().toISOString();
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    if (current && !current.transferId)
      tx.update(orderPath(order.orderId), { transferId, releasedAt, releasedCents: amountCents, refundCoveredCents: order.amountRefundedCents ?? 0 });
  });
  return { ...order, transferId, releasedAt, releasedCents: amountCents };
}

/** Back to `paid`, proof cleared, the next attempt numbered: unless another delivery released it meanwhile. */
async function reopenRelease(deps: ProveOrderDeps, order: Order, refusal: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    if (current?.status !== 'building' || current.transferId || (current.releaseAttempts ?? 0) !== (order.releaseAttempts ?? 0)) return;
    tx.update(orderPath(order.orderId), {
      status: 'paid',
      proof: null,
      proofUrl: null,
      releaseAttempts: (order.releaseAttempts ?? 0) + 1,
      lastReleaseRefusal: refusal.slice(0, 500),
    });
  });
}
