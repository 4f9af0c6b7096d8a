/**
 * Cloud Tasks target: a Buy Now checkout's deadline. The task's OIDC token is checked in
 * code as well as by Cloud Run's IAM, and a call before the deadline changes nothing.
 */
import type { Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/triggers/http-trigger';
import { taskFunction } from '../shared/triggers/task-trigger';
import { expireCheckout, parseCheckoutExpiry } from '../shared/app/marketplace/expire-checkout';
import { jsonOf } from '../shared/domain/common/json';

export function checkoutExpiry(platform: Platform) {
  return taskFunction('checkoutExpiry', platform.config, '/tasks/checkout-expiry', async (req) => {
    const task = parseCheckoutExpiry(jsonOf(rawBodyOf(req)));
    // A malformed task can never succeed: acknowledge it instead of retrying ten times.
    if (!task) return { status: 204, text: '' };
    await expireCheckout({ store: platform.store(), payments: platform.payments(), clock: platform.clock }, task);
    return { status: 204, text: '' };
  });
}
