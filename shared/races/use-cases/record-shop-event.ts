/**
 * @module record-shop-event
 * The `sales` subscriber's work: a sale or refund has its effect once per sale (or refund)
 * id, whichever delivery of it arrives, from whichever shop's retries.
 */
import { type ShopEvent } from '../rules/sale';
import { recordSale } from './record-sale';
import { recordSaleRefund } from './record-sale-refund';
import { runOnce } from '../../common';
import { saleKey } from '../../payments';
import type { RecordSaleDeps } from './race-deps';

export async function recordShopEvent(deps: RecordSaleDeps, event: ShopEvent): Promise<boolean> {
  const key = event.kind === 'sale' ? `sale:${saleKey(event.shop, event.saleId)}` : `refund:${saleKey(event.shop, event.refundId)}`;
  return runOnce(deps.store, key, async () => void (event.kind === 'sale' ? await recordSale(deps, event) : await recordSaleRefund(deps, event)), {
    clock: deps.clock,
  });
}
