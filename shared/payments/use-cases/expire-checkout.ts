/**
 * @module expire-checkout
 * A checkout's deadline has come: an order's (Buy Now, an auction offer) or a show
 * winner's checkout of several lots. Stripe expires sessions on its own; this is the
 * backstop that asks it to when its own expiry (or our webhook) is late or lost, and it is
 * how checkouts expire at all under the local simulator. What an unpaid checkout gives
 * back (a drop's unit, an auction lot to its runner-up) comes only through
 * `checkout.session.expired`, so a payment racing the deadline always wins.
 */
import type { Clock, DocumentStore, Payments, TaskQueue } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { isOrderIdShaped, orderPath } from '../rules/order';
import { isShowCheckoutIdShaped, showCheckoutPath } from '../../shows/rules/show-checkout';
import { taskTarget } from '../../registry';

const target = taskTarget('checkoutExpiry');

/** An order's checkout, or a show checkout's: exactly one of the two ids. */
export type CheckoutExpiry = { orderId: string } | { showCheckoutId: string };

export function scheduleCheckoutExpiry(tasks: TaskQueue, expiry: CheckoutExpiry, expiresAt: string): Promise<unknown> {
  return tasks.schedule({
    queue: target.queue,
    name: 'orderId' in expiry ? `expire-${expiry.orderId}` : `expire-show-${expiry.showCheckoutId}`,
    target: target.route,
    payload: 'orderId' in expiry ? { orderId: expiry.orderId } : { showCheckoutId: expiry.showCheckoutId },
    runAt: new Date(expiresAt),
  });
}

/** Only the two shapes `scheduleCheckoutExpiry` writes: one id, shaped as we make them. */
export function parseCheckoutExpiry(payload: unknown): CheckoutExpiry | undefined {
  const fields = (payload ?? {}) as { orderId?: unknown; showCheckoutId?: unknown };
  const { orderId, showCheckoutId } = fields;
  if (orderId !== undefined && showCheckoutId !== undefined) return undefined;
  if (typeof orderId === 'string' && isOrderIdShaped(orderId)) return { orderId };
  if (typeof showCheckoutId === 'string' && isShowCheckoutIdShaped(showCheckoutId)) return { showCheckoutId };
  return undefined;
}

/**
 * Answers whether a session was asked to expire (false: paid, gone, or never opened). Before
 * the checkout's own deadline it throws `TaskNotDueYet`: a call that comes early, by mistake
 * or by anyone who can reach the route, never cuts a buyer's time short.
 */
export async function expireCheckout(deps: { store: DocumentStore; payments: Payments; clock: Clock }, expiry: CheckoutExpiry): Promise<boolean> {
  const held =
    'orderId' in expiry
      ? await waiting(deps.store.get(orderPath(expiry.orderId)), (o) => o.status === 'awaiting-payment')
      : await waiting(deps.store.get(showCheckoutPath(expiry.showCheckoutId)), (c) => c.status === 'open');
  if (!held?.checkoutSessionId) return false;
  const dueAtMs = Date.parse(held.checkoutExpiresAt ?? '');
  if (Number.isFinite(dueAtMs) && deps.clock.now().getTime() < dueAtMs) throw new TaskNotDueYet(dueAtMs);
  await deps.payments.expireCheckoutSession(held.checkoutSessionId);
  return true;
}

type Held = { checkoutSessionId?: string; checkoutExpiresAt?: string };

async function waiting<T extends Held>(found: Promise<T | undefined>, unpaid: (held: T) => boolean): Promise<Held | undefined> {
  const held = await found;
  return held && unpaid(held) ? held : undefined;
}
