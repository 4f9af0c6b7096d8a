/**
 * @module expire-checkout
 * A checkout's deadline has come: an order's (Buy Now, an auction offer) or a show
 * winner's checkout of several lots. Stripe expires sessions on its own; this is the
 * backstop that asks it to when its own expiry (or our webhook) is late or lost, and it is
 * how checkouts expire at all under the local simulator. What an unpaid checkout gives
 * back (a drop's unit, an auction lot to its runner-up) comes only through
 * `checkout.session.expired`, so a payment racing the deadline always wins. An order waiting on
 * its buyer to confirm a PaymentIntent (a group buy's pledge) has that intent cancelled at
 * Stripe before it lapses; Stripe refuses when the buyer paid first, and the payment is recorded.
 */
import type { TaskQueue } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { isOrderIdShaped } from '../../orders';
import { isDueAtMs, scheduleTask } from '../../common';
import type { PaymentDeps } from './apply-payment';
import { orderBill } from './bills';
import { payOnSession } from './pay-off-session';
import { orderPath } from '../../orders';
import { asBatchWork } from '../../stripe-work';

/** An order's checkout, or a module's checkout of several orders, by its kind. */
export type CheckoutExpiry = { orderId: string } | { checkoutKind: string; checkoutId: string };

/** The task: the checkout, and the deadline it was armed for (absent from tasks armed before it was carried). */
export type CheckoutExpiryTask = CheckoutExpiry & { dueAtMs?: number };

/**
 * Named by the checkout: armed once, however often a press or an offer is delivered. The
 * task for a deadline moved later (a session made when the first could no longer be sent,
 * see open-checkout) is named by that deadline too, since a used name stays taken in Cloud
 * Tasks: the first task arms it when its own time comes (see expireCheckout).
 */
export function scheduleCheckoutExpiry(tasks: TaskQueue, expiry: CheckoutExpiry, expiresAt: string, movedLater = false): Promise<unknown> {
  const atMs = Date.parse(expiresAt);
  const checkout = 'orderId' in expiry ? `expire-${expiry.orderId}` : `expire-${expiry.checkoutKind}-${expiry.checkoutId}`;
  return scheduleTask(tasks, 'checkoutExpiry', {
    name: movedLater ? `${checkout}-${Math.floor(atMs / 1000)}` : checkout,
    payload: { ...checkoutOf(expiry), dueAtMs: atMs } satisfies CheckoutExpiryTask,
    atMs,
  });
}

/** Only the shapes `scheduleCheckoutExpiry` writes (and, from tasks armed before kinds, a show checkout's id alone). */
export function parseCheckoutExpiry(payload: unknown): CheckoutExpiryTask | undefined {
  const { dueAtMs, ...fields } = (payload ?? {}) as Record<string, unknown>;
  const expiry = parseCheckout(fields);
  if (!expiry || dueAtMs === undefined) return expiry;
  return isDueAtMs(dueAtMs) ? { ...expiry, dueAtMs } : undefined;
}

function parseCheckout(fields: Record<string, unknown>): CheckoutExpiry | undefined {
  const { orderId, checkoutKind, checkoutId, showCheckoutId } = fields;
  const given = [orderId, checkoutId, showCheckoutId].filter((f) => f !== undefined);
  if (given.length !== 1) return undefined;
  if (typeof orderId === 'string') return isOrderIdShaped(orderId) && checkoutKind === undefined ? { orderId } : undefined;
  if (typeof showCheckoutId === 'string')
    return idShaped(showCheckoutId) && checkoutKind === undefined ? { checkoutKind: 'show-checkout', checkoutId: showCheckoutId } : undefined;
  if (typeof checkoutKind === 'string' && /^[a-z][a-z-]{0,39}$/.test(checkoutKind) && typeof checkoutId === 'string' && idShaped(checkoutId))
    return { checkoutKind, checkoutId };
  return undefined;
}

/** The checkout alone, whatever else a task carried. */
const checkoutOf = (expiry: CheckoutExpiryTask): CheckoutExpiry =>
  'orderId' in expiry ? { orderId: expiry.orderId } : { checkoutKind: expiry.checkoutKind, checkoutId: expiry.checkoutId };

const idShaped = (id: string) => /^[0-9a-z]{4,40}$/.test(id);

/**
 * Answers whether a session was asked to expire (false: paid, gone, or never opened). Before
 * the checkout's own deadline it throws `TaskNotDueYet`: a call that comes early, by mistake
 * or by anyone who can reach the route, never cuts a buyer's time short. A task whose own
 * deadline has come but whose checkout's deadline moved later arms the task for that one
 * and is done: retried by back-off instead, it would give up long before.
 */
export function expireCheckout(deps: PaymentDeps & { tasks: TaskQueue }, expiry: CheckoutExpiryTask): Promise<boolean> {
  // Batch work (stripe-work): nobody waits on a deadline, and a close's pay links all lapse at the same 72 hours.
  return asBatchWork(() => expireDue(deps, expiry));
}

async function expireDue(deps: PaymentDeps & { tasks: TaskQueue }, expiry: CheckoutExpiryTask): Promise<boolean> {
  const held = await heldCheckout(deps, expiry);
  // Lapsed by this task's earlier run, which failed after the lapse (a DM refused, a task not armed): no session of
  // Stripe's brings an event back for it, so this run finishes what follows the lapse (see lapseUnopened).
  if (held?.status === 'expired' && 'orderId' in expiry && !held.checkoutSessionId) {
    await lapseUnopened(deps, expiry.orderId);
    return false;
  }
  if (held?.status !== 'open') return false;
  const dueAtMs = Date.parse(held.checkoutExpiresAt ?? '');
  if (!held.checkoutSessionId && !('orderId' in expiry && Number.isFinite(dueAtMs))) return false;
  const nowMs = deps.clock.now().getTime();
  if (Number.isFinite(dueAtMs) && nowMs < dueAtMs) {
    const moved = expiry.dueAtMs !== undefined && expiry.dueAtMs <= nowMs;
    if (!moved) throw new TaskNotDueYet(dueAtMs);
    await scheduleCheckoutExpiry(deps.tasks, checkoutOf(expiry), held.checkoutExpiresAt as string, true);
    return false;
  }
  if (held.checkoutSessionId) {
    await deps.payments.expireCheckoutSession(held.checkoutSessionId);
    return true;
  }
  // Reserved, and its session never recorded: the process died between. No session can be paid past the deadline
  // written before Stripe was asked (an unrecorded one carries that deadline or an earlier one), so the order lapses here.
  if ('orderId' in expiry) await lapseUnopened(deps, expiry.orderId);
  return false;
}

async function lapseUnopened(deps: PaymentDeps, orderId: string): Promise<void> {
  const order = await deps.store.get(orderPath(orderId));
  if (!order || order.checkoutSessionId) return;
  const lapseId = `checkout-expiry:${orderId}`;
  // Expired already: the retry of a run that lapsed it and then failed. Its module is handed it again, as a redelivered
  // `checkout.session.expired` would hand it, and finishes each step that follows its lapse once (the DMs, a group buy's
  // next pledge charged, its funding settled; an auction's runner-up offered).
  if (order.status === 'expired') return deps.modules.orders[order.source].lapsed(order, lapseId);
  if (order.status !== 'awaiting-payment') return;
  // Waiting on its buyer to confirm a PaymentIntent (a group buy's pledge): Stripe ends it first, as it expires a session.
  // Stripe refuses to cancel one the buyer paid at the last moment (its event perhaps still on its way): that payment wins.
  if (order.paymentIntentId) {
    const atStripe = await deps.payments.cancelPaymentIntent(order.paymentIntentId);
    if (atStripe.status === 'succeeded') {
      await payOnSession(deps, orderId, { paymentIntentId: order.paymentIntentId, chargeId: atStripe.chargeId });
      return;
    }
    // Neither cancelled nor paid (processing, say): the task runs again, and nothing lapses meanwhile.
    if (atStripe.status === 'other') throw new Error(`payment intent ${order.paymentIntentId} is ${atStripe.stripeStatus}: order ${orderId} waits`);
  }
  await deps.modules.orders[order.source].lapsed(order, lapseId);
}

async function heldCheckout(deps: PaymentDeps, expiry: CheckoutExpiryTask) {
  if ('orderId' in expiry) return orderBill(deps, expiry.orderId).read(deps.store);
  const kind = Object.hasOwn(deps.modules.bundles, expiry.checkoutKind) ? deps.modules.bundles[expiry.checkoutKind] : undefined;
  return kind?.isIdShaped(expiry.checkoutId) ? kind.read(deps.store, expiry.checkoutId) : undefined;
}
