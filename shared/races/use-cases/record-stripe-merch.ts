/**
 * @module record-stripe-merch
 * Stripe's side of race commissions: a paid merch session is a sale like any shop's, and
 * `charge.refunded` on its payment reverses the racers' credits. Events for our own orders
 * are left to the order use cases.
 */
import type { Payments } from '../../ports';
import { idOf, type StripeEvent, type PaymentArrived } from '../../payments';
import { stripeMerchRefundOf, stripeMerchSaleOf } from '../rules/stripe-merch';
import { salesCollection } from '../rules/sale';
import { recordSale } from './record-sale';
import { recordSaleRefund, type RefundOutcome } from './record-sale-refund';
import type { RecordSaleDeps } from './race-deps';
import { log } from '../../log';
import { PaymentRefused } from '../../errors';

/** A paid merch session is a sale; its charge is looked up first, as the line its money is on Stripe's balance. */
export async function recordStripeMerchSale(deps: RecordSaleDeps & { payments: Pick<Payments, 'chargeOfPayment'> }, event: StripeEvent): Promise<void> {
  const sale = stripeMerchSaleOf(event);
  if (!sale) return;
  const chargeId = sale.paymentIntentId ? await chargeOf(deps, sale.paymentIntentId, event.id) : undefined;
  await recordSale(deps, { ...sale, ...(chargeId ? { chargeId } : {}) });
}

/**
 * The payment's charge. Stripe failing to answer is retried with the event (the sale is not
 * recorded yet); Stripe refusing (no such payment) is final: the racers are credited anyway,
 * the sale's journal entry names no charge, and the daily reconciliation lists whatever line it
 * has as unexplained, for a person to look at (docs/operations/reconciliation.md).
 */
async function chargeOf(deps: { payments: Pick<Payments, 'chargeOfPayment'> }, paymentIntentId: string, eventId: string): Promise<string | undefined> {
  try {
    return (await deps.payments.chargeOfPayment(paymentIntentId)).chargeId;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    log.warn('a merch sale’s charge could not be read: recorded without it, and the reconciliation will list its line', { eventId, error });
    return undefined;
  }
}

/**
 * A charge refunded that paid none of our orders (`recordRefund` answered false first).
 * With no sale yet, the refund waits under the payment for whatever it turns out to have
 * paid, unless `orderPaid` finds, inside the same transaction, that an order was paid by it
 * meanwhile: then the caller looks again (`payment-arrived`).
 */
export async function refundStripeMerchSale(deps: RecordSaleDeps, event: StripeEvent, orderPaid: PaymentArrived): Promise<RefundOutcome | undefined> {
  const paymentIntentId = idOf(event.data.object.payment_intent);
  if (!paymentIntentId) return undefined;
  const [found] = await deps.store.query(salesCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 });
  if (found && found.data.shop !== 'stripe') return undefined;
  const refund = stripeMerchRefundOf(event, found?.data ?? { guildId: '', saleId: '' });
  if (!refund) return undefined;
  const saleRecorded: PaymentArrived = async (tx) =>
    (await tx.query(salesCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 })).length > 0;
  return recordSaleRefund(deps, refund, paymentIntentId, async (tx) => (await orderPaid(tx)) || (!found && (await saleRecorded(tx))));
}
