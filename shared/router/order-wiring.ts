/**
 * @module order-wiring
 * What the checkout success page's order is handed, apart from payment-wiring (which loads
 * every module that sells): a merch sale from a guild's Payment Link is races' to show.
 */
import type { Platform } from '../platform';
import type { findCheckoutOrder } from '../payments';
import { merchSaleView } from '../races';

/** What the checkout success page shows: a guild's Payment Link sends its buyers to the same page, and a merch sale is races' to show. */
export function checkoutOrderDeps(platform: Platform): Parameters<typeof findCheckoutOrder>[0] {
  const store = platform.store();
  return { store, others: { view: (id) => merchSaleView(store, id) } };
}
