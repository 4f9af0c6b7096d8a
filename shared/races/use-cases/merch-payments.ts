/**
 * @module merch-payments
 * A guild's Stripe Payment Link sells merch: registered with payments for every session
 * that is none of our checkouts. A paid one is a sale like any shop's (a race's racers get
 * their share), a refunded charge takes their credits back, and the success page shows it.
 * A refund of it that fails later leaves the racers' reversals as they are (as an order's
 * reversed shares stay on the platform): the buyer is paid back another way.
 */
import type { DocumentStore, Payments } from '../../ports';
import type { OtherPayments, CheckoutMerchView } from '../../payments';
import { merchView } from '../rules/stripe-merch';
import { salePath, salesCollection } from '../rules/sale';
import type { RecordSaleDeps } from './race-deps';
import { recordStripeMerchSale, refundStripeMerchSale } from './record-stripe-merch';

export function merchPayments(deps: RecordSaleDeps & { payments: Pick<Payments, 'chargeOfPayment'> }): OtherPayments {
  return {
    sessionPaid: (event) => recordStripeMerchSale(deps, event),
    chargeRefunded: async (event, orderPaid) => ((await refundStripeMerchSale(deps, event, orderPaid)) === 'payment-arrived' ? 'payment-arrived' : 'done'),
    salePaid: async (tx, paymentIntentId) => (await tx.query(salesCollection, { where: [['paymentIntentId', '==', paymentIntentId]], limit: 1 })).length > 0,
    view: (sessionId) => merchSaleView(deps.store, sessionId),
  };
}

/** The success page's view of a merch purchase, by its session id. */
export async function merchSaleView(store: DocumentStore, sessionId: string): Promise<CheckoutMerchView | undefined> {
  const sale = await store.get(salePath('stripe', sessionId));
  return sale && merchView(sale);
}
