/**
 * Cloud Scheduler target, every half hour: marks received the shipped orders nobody confirmed in
 * time, and erases the addresses of orders done with. Private: only the tasks invoker may
 * call it, with an OIDC token, as with task targets.
 */
import type { Platform } from '../shared/platform';
import { taskFunction } from '../shared/triggers/task-trigger';
import { sweepOrders } from '../shared/marketplace';
import { orderSweepDeps } from '../shared/router/marketplace-wiring';

export function orderSweep(platform: Platform) {
  return taskFunction('orderSweep', platform.config, async () => {
    const report = await sweepOrders(orderSweepDeps(platform));
    // Tried every order; a failed one makes the job fail, so Cloud Scheduler retries it.
    return { status: report.failed.length > 0 ? 500 : 200, json: report };
  });
}
