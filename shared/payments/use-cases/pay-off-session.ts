/**
 * @module pay-off-session
 * An order paid by a saved card charged while its buyer was away (a group buy's pledge at
 * its close): no Checkout Session and no event pays it, the PaymentIntent Stripe answered
 * does. It is recorded exactly as a session's payment is (apply-payment's `recordPayment`:
 * the order paid, the journal's charge entry, the module's own side, the receipts), once:
 * the mark is the PaymentIntent's, so a second call with the same answer (a replayed key
 * after a crash) finds its own work and only says again what was not yet said.
 */
import { chargedCents, orderPath, type Order } from '../../orders';
import { offSessionMark, onSessionMark } from '../rules/payment-marks';
import { recordPayment, type PaymentDeps } from './apply-payment';
import { orderBill } from './bills';
import { refundLatePayment } from './refund-late-payment';
import type { PaymentMark } from './payment-modules';

/** What Stripe answered an off-session charge that succeeded. */
export interface OffSessionPayment {
  paymentIntentId: string;
  chargeId: string;
}

/** Answers the order as this payment left it, or undefined when it paid nothing (no such order, or one paid or ended otherwise). */
export async function payOffSession(deps: PaymentDeps, orderId: string, payment: OffSessionPayment): Promise<Order | undefined> {
  const paidAt = deps.clock.now().toISOString();
  const mark: PaymentMark = {
    paidAt,
    paidByEvent: offSessionMark(payment.paymentIntentId),
    paymentIntentId: payment.paymentIntentId,
    chargeId: payment.chargeId,
  };
  // The charge was made for the order's own amount, under its own key: nothing to hold it to, as a session's total is.
  const [paid] = await recordPayment(deps, orderBill(deps, orderId), mark, { cents: 0 }, paidAt);
  return paid;
}

/**
 * An order whose refused off-session PaymentIntent its buyer confirmed on session (the order
 * waits on that very intent: its `awaiting-buyer` fact): recorded as any payment is, once, by
 * the intent's mark, whether the pay page's answer or Stripe's `payment_intent.succeeded` comes
 * first. An intent the order does not wait on pays nothing here (an off-session charge is the
 * charging's to record; another order's is not this one's).
 */
export async function payOnSession(deps: PaymentDeps, orderId: string, payment: OffSessionPayment, stripePaidAt?: string): Promise<Order | undefined> {
  const order = await deps.store.get(orderPath(orderId));
  if (order?.paymentIntentId !== payment.paymentIntentId) return undefined;
  // An off-session charge's own event finds its order paid by the charging: not this path's (a redelivery of ours finds our mark).
  // An order that lapsed while its buyer paid (a lapse before Stripe was asked to cancel): its place is gone, the money goes back.
  if (order.status === 'expired') {
    await refundLatePayment(deps, [order], chargedCents(order), payment, stripePaidAt ?? deps.clock.now().toISOString());
    return undefined;
  }
  if (order.status !== 'awaiting-payment' && order.paidByEvent !== onSessionMark(payment.paymentIntentId)) return undefined;
  const paidAt = deps.clock.now().toISOString();
  const mark: PaymentMark = {
    paidAt,
    paidByEvent: onSessionMark(payment.paymentIntentId),
    paymentIntentId: payment.paymentIntentId,
    chargeId: payment.chargeId,
  };
  const [paid] = await recordPayment(deps, orderBill(deps, orderId), mark, { cents: 0 }, stripePaidAt ?? paidAt);
  return paid;
}
