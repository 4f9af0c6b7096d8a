/**
 * @module open-checkout
 * Opens the one Checkout Session of an order waiting for payment, with a deadline Stripe
 * accepts, and arms the order's own expiry at the deadline Stripe answered with.
 *
 * The deadline is written on the order before Stripe is asked, and it is part of the
 * idempotency key: every retry that can still send it sends the same request under the
 * same key (Stripe answers with the session it made). Once it is too close to send, a new
 * deadline means a new key, so first the old request is replayed: if Stripe had made that
 * session it answers with it, and no order ever gets two sessions a buyer could pay.
 */
import type { CheckoutRequest, CheckoutSession, Clock, DocumentStore, Payments, TaskQueue } from '../../ports';
import { canStillSend, checkoutDeadline } from '../../domain/marketplace/checkout-window';
import { checkoutMetadata, orderPath, type Order } from '../../domain/marketplace/order';
import { checkoutReturnUrls } from '../../domain/common/links';
import { PaymentRefused } from '../../errors';
import { scheduleCheckoutExpiry } from './expire-checkout';

export interface OpenCheckoutDeps {
  store: DocumentStore;
  payments: Payments;
  tasks: TaskQueue;
  clock: Clock;
}

/** Everything of the session but what this module decides: the key and the deadline. */
export type CheckoutDetails = Omit<CheckoutRequest, 'idempotencyKey' | 'expiresAt' | 'orderId'>;

export type OpenedCheckout = { kind: 'open'; session: CheckoutSession } | { kind: 'ended' };

type Claim = OpenedCheckout | { kind: 'create'; deadline: Date; earlier?: Date };

/** `wanted` is the deadline the product promises; Stripe's window may move it (see checkout-window). */
export async function openCheckout(deps: OpenCheckoutDeps, orderId: string, wanted: Date, details: CheckoutDetails): Promise<OpenedCheckout> {
  const claim = await deps.store.runTransaction(async (tx): Promise<Claim> => {
    const order = await tx.get(orderPath(orderId));
    if (order?.status !== 'awaiting-payment') return { kind: 'ended' };
    if (order.checkoutSessionId && order.checkoutUrl && order.checkoutExpiresAt) {
      return { kind: 'open', session: { sessionId: order.checkoutSessionId, url: order.checkoutUrl, expiresAt: order.checkoutExpiresAt } };
    }
    const now = deps.clock.now();
    const earlier = order.checkoutExpiresAt ? new Date(order.checkoutExpiresAt) : undefined;
    if (earlier && canStillSend(earlier, now)) return { kind: 'create', deadline: earlier };
    const deadline = checkoutDeadline(wanted, now);
    tx.update(orderPath(orderId), { checkoutExpiresAt: deadline.toISOString() });
    return { kind: 'create', deadline, ...(earlier ? { earlier } : {}) };
  });
  if (claim.kind !== 'create') return claim;

  const request = (deadline: Date): CheckoutRequest => ({ ...details, orderId, expiresAt: deadline, idempotencyKey: checkoutKey(orderId, deadline) });
  const session =
    (claim.earlier && (await sessionMadeEarlier(deps.payments, request(claim.earlier)))) ||
    (await deps.payments.createCheckoutSession(request(claim.deadline)));
  await deps.store.update(orderPath(orderId), { checkoutSessionId: session.sessionId, checkoutUrl: session.url, checkoutExpiresAt: session.expiresAt });
  await scheduleCheckoutExpiry(deps.tasks, { orderId }, session.expiresAt);
  return { kind: 'open', session };
}

/**
 * An order's checkout, for a drop's Buy Now or an auction offer alike: amount, currency,
 * metadata and the pages Stripe sends the buyer back to all come from the order, so the
 * two can never disagree about what a session carries.
 */
export function openOrderCheckout(
  deps: OpenCheckoutDeps & { publicBaseUrl: string },
  order: Order,
  wanted: Date,
  shown: { itemName: string; imageUrl?: string },
): Promise<OpenedCheckout> {
  return openCheckout(deps, order.orderId, wanted, {
    ...shown,
    amountCents: order.amountCents,
    currency: order.currency,
    metadata: checkoutMetadata(order),
    ...checkoutReturnUrls(deps.publicBaseUrl, order.orderId, order.source),
  });
}

/** One key per order and deadline: Stripe compares a replayed key's parameters, `expires_at` among them. */
export function checkoutKey(orderId: string, deadline: Date): string {
  return `checkout:${orderId}:${Math.floor(deadline.getTime() / 1000)}`;
}

/** The earlier request again: its session if Stripe made it, undefined if Stripe refuses it now (it never did). */
async function sessionMadeEarlier(payments: Payments, request: CheckoutRequest): Promise<CheckoutSession | undefined> {
  try {
    return await payments.createCheckoutSession(request);
  } catch (error) {
    if (error instanceof PaymentRefused) return undefined;
    throw error;
  }
}
