/**
 * GET /checkout/order?session_id=cs_…: what the checkout success page shows, the order
 * behind a Stripe Checkout Session with public fields only.
 */
import type { Platform } from '../shared/platform';
import { httpFunction } from '../shared/triggers/http-trigger';
import { findCheckoutOrder } from '../shared/payments';
import { checkoutOrderDeps } from '../shared/router/order-wiring';

// The order changes when Stripe's webhook lands, and it is one person's: no cache may keep it.
const noStore = { 'cache-control': 'no-store' };

export function checkoutOrder(platform: Platform) {
  return httpFunction('checkoutOrder', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'use GET' }, headers: { ...noStore, allow: 'GET, HEAD' } };
    const sessionId = typeof req.query.session_id === 'string' ? req.query.session_id : undefined;
    const found = await findCheckoutOrder(checkoutOrderDeps(platform), sessionId);
    if (!found.ok) return { status: found.reason === 'malformed' ? 400 : 404, json: { error: found.message }, headers: noStore };
    return { status: 200, json: found.order, headers: noStore };
  });
}
