/**
 * @module pay-off-session
 * An order paid by a saved card charged while its buyer was away (a group buy's pledge at
 * its close): no Checkout Session and no event pays it, the PaymentIntent Stripe answered
 * does. It is recorded exactly as a session's payment is (apply-payment's `recordPayment`:
 * the order paid, the journal's charge entry, the module's own side, the receipts), once:
 * the mark is the PaymentIntent's, so a second call with the same answer (a replayed key
 * after a crash) finds its own work and only says again what was not yet said.
 */
import type { Order } from '../../orders';
import { recordPayment, type PaymentDeps } from './apply-payment';
import { orderBill } from './bills';
import type { PaymentMark } from './payment-modules';

/** What Stripe answered an off-session charge that succeeded. */
export interface OffSessionPayment {
  paymentIntentId: string;
  chargeId: string;
}

/** The mark an off-session payment leaves on its order (`paidByEvent`): one per PaymentIntent. */
export const offSessionMark = (paymentIntentId: string): string => `off-session:${paymentIntentId}`;

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
