/**
 * Cloud Scheduler target, every day: Stripe's balance transactions read since the last run's
 * cursor and kept, Stripe's fees and the platform's Connect bills recorded, the groups of the
 * last two days matched with the journal (each read whole), the findings stored, and every
 * unexplained amount or uncleared account written as an ERROR line an alert pages on.
 * Private: only the tasks invoker may call it, with an OIDC token, as with task targets.
 */
import type { Platform } from '../shared/platform';
import { taskFunction } from '../shared/triggers/task-trigger';
import { reconcileAndReport } from '../shared/payments';

export function reconcileLedger(platform: Platform) {
  return taskFunction('reconcileLedger', platform.config, async () => {
    const since = new Date(platform.clock.now().getTime() - 2 * 86_400_000);
    const report = await reconcileAndReport({ store: platform.store(), payments: platform.payments(), clock: platform.clock }, since);
    // A finding is not a failure to retry: it is reported and alerted on. Stripe out of reach is, and Cloud Scheduler retries it.
    return { status: 200, json: report ?? { error: 'Stripe’s ledger is not available' } };
  });
}
