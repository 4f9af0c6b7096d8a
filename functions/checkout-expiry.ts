/**
 * Cloud Tasks target: a checkout's deadline (a Buy Now, an auction offer, a show winner's lots). The task's OIDC token is checked in
 * code as well as by Cloud Run's IAM, and a call before the deadline changes nothing; a deadline moved later gets its own task.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { paymentDeps } from '../shared/router/payment-wiring';
import { expireCheckout, parseCheckoutExpiry } from '../shared/payments';

export function checkoutExpiry(platform: Platform) {
  return taskFunction('checkoutExpiry', platform.config, async (req) => {
    const task = taskPayload(req, parseCheckoutExpiry);
    if (!task) return taskDone;
    await expireCheckout({ ...paymentDeps(platform), tasks: platform.tasks() }, task);
    return taskDone;
  });
}
