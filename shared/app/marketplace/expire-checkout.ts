/**
 * @module expire-checkout
 * The Buy Now checkout's deadline has come. Stripe expires sessions on its own; this is
 * the backstop that asks it to when its own expiry (or our webhook) is late or lost, and
 * it is how checkouts expire at all under the local simulator. The unit itself comes back
 * only through `checkout.session.expired`, so a payment racing the deadline always wins.
 */
import type { Clock, DocumentStore, Payments, TaskQueue } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { isOrderIdShaped, orderPath, type Order } from '../../domain/marketplace/order';
import { taskTarget } from '../../registry';

const target = taskTarget('checkoutExpiry');

export interface CheckoutExpiry {
  orderId: string;
}

export function scheduleCheckoutExpiry(tasks: TaskQueue, order: Pick<Order, 'orderId'>, expiresAt: string): Promise<unknown> {
  return tasks.schedule({
    queue: target.queue,
    name: `expire-${order.orderId}`,
    target: target.route,
    payload: { orderId: order.orderId } satisfies CheckoutExpiry,
    runAt: new Date(expiresAt),
  });
}

export function parseCheckoutExpiry(payload: unknown): CheckoutExpiry | undefined {
  const orderId = (payload as { orderId?: unknown } | null)?.orderId;
  return typeof orderId === 'string' && isOrderIdShaped(orderId) ? { orderId } : undefined;
}

/**
 * Answers whether a session was asked to expire (false: paid, gone, or never opened). Before
 * the order's own deadline it throws `TaskNotDueYet`: a call that comes early, by mistake or
 * by anyone who can reach the route, never cuts a buyer's time short.
 */
export async function expireCheckout(deps: { store: DocumentStore; payments: Payments; clock: Clock }, { orderId }: CheckoutExpiry): Promise<boolean> {
  const order = await deps.store.get(orderPath(orderId));
  if (order?.status !== 'awaiting-payment' || !order.checkoutSessionId) return false;
  const dueAtMs = Date.parse(order.checkoutExpiresAt ?? '');
  if (Number.isFinite(dueAtMs) && deps.clock.now().getTime() < dueAtMs) throw new TaskNotDueYet(dueAtMs);
  await deps.payments.expireCheckoutSession(order.checkoutSessionId);
  return true;
}
