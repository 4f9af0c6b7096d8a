/**
 * Cloud Scheduler target, every hour: each module's personal data kept past its retention
 * deleted (a finished auction's bid history, what an erasure kept while an order was open, a
 * departed server's members' data, payment records past the tax-law period, strikes a year
 * old, idle Twitch chatters; locally, what Firestore's TTL deletes in production), each part a
 * bounded page a run. The addresses have their own sweep (orderSweep). Private: only the tasks
 * invoker may call it, with an OIDC token, as with task targets.
 */
import type { Platform } from '../shared/platform';
import { taskFunction } from '../shared/triggers/task-trigger';
import { log } from '../shared/log';
import { retentionSweepParts } from '../shared/router/retention-wiring';

export function retentionSweep(platform: Platform) {
  return taskFunction('retentionSweep', platform.config, async () => {
    const report: Record<string, unknown> = {};
    let failed = false;
    // Every part is tried; one failing makes the job fail after the others ran, so Cloud Scheduler retries it.
    for (const [name, part] of Object.entries(retentionSweepParts(platform))) {
      try {
        const done = await part();
        report[name] = done;
        failed ||= (done.failed?.length ?? 0) > 0;
      } catch (error) {
        log.error('a retention sweep part failed; the next run tries again', { part: name, error });
        report[name] = { error: 'failed' };
        failed = true;
      }
    }
    return { status: failed ? 500 : 200, json: report };
  });
}
