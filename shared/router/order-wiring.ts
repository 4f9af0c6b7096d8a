/**
 * @module order-wiring
 * What the functions that read or defend a paid order are handed, apart from payment-wiring
 * (which loads every module that sells): the checkout success page's order, and a
 * dispute's evidence.
 */
import type { Platform } from '../platform';
import type { findCheckoutOrder } from '../payments';
import { merchSaleView } from '../races';
import type { submitEvidence } from '../disputes';

/** What the checkout success page shows: a guild's Payment Link sends its buyers to the same page, and a merch sale is races' to show. */
export function checkoutOrderDeps(platform: Platform): Parameters<typeof findCheckoutOrder>[0] {
  const store = platform.store();
  return { store, others: { view: (id) => merchSaleView(store, id) } };
}

/** A dispute's evidence, submitted to the bank before it is due. */
export function evidenceDeps(platform: Platform): Parameters<typeof submitEvidence>[0] {
  return { store: platform.store(), discord: platform.discord(), payments: platform.payments(), clock: platform.clock };
}
