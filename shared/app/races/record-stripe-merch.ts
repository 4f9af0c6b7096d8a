/**
 * @module record-stripe-merch
 * Stripe's side of race commissions: a paid merch session is a sale like any shop's, and
 * `charge.refunded` on its payment reverses the racers' credits. Events for our own orders
 * are left to the order use cases.
 */
import { idOf, type StripeEvent } from '../../domain/common/stripe-event';
import { stripeMerchRefundOf, stripeMerchSaleOf } from '../../domain/races/stripe-merch';
import { salesCollection } from '../../domain/races/sale';
import { recordSale, type RecordSaleDeps } from './record-sale';
import { recordSaleRefund } from './record-sale-refund';

export async function recordStripeMerchSale(deps: RecordSaleDeps, event: StripeEvent): Promise<void> {
  const sale = stripeMerchSaleOf(event);
  if (sale) await recordSale(deps, sale);
}

/** A charge refunded that paid none of our orders (`recordRefund` answered false first). */
export async function refundStripeMerchSale(deps: RecordSaleDeps, event: StripeEvent): Promise<void> {
  const paymentIntentId = idOf(event.data.object.payment_intent);
  if (!paymentIntentId) return;
  const [found] = await deps.store.query(salesCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 });
  if (found && found.data.shop !== 'stripe') return;
  // No sale yet: the refund waits under the payment, for a merch sale that may still come.
  const refund = stripeMerchRefundOf(event, found?.data ?? { guildId: '', saleId: '' });
  if (refund) await recordSaleRefund(deps, refund, paymentIntentId);
}
