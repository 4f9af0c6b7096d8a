/**
 * Cloud Tasks target: a Buy Now checkout's deadline. Private in production (only the
 * tasks invoker may call it, with an OIDC token Cloud Run checks).
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/adapters/http/http-trigger';
import { expireCheckout, parseCheckoutExpiry } from '../shared/app/expire-checkout';
import { jsonOf } from '../shared/domain/json';

export function checkoutExpiry(platform: Platform) {
  return httpFunction('checkoutExpiry', async (req) => {
    const task = parseCheckoutExpiry(jsonOf(rawBodyOf(req)));
    // A malformed task can never succeed: acknowledge it instead of retrying ten times.
    if (!task) return { status: 204, text: '' };
    await expireCheckout({ store: platform.store(), payments: platform.payments() }, task);
    return { status: 204, text: '' };
  });
}
