/**
 * Cloud Scheduler target, every five minutes: the synthetic probe (docs/operations/probe.md)
 * sends a signed PING and a dry-run bid to the Discord ingress's own URL and follows the bid
 * to its decision on the book; one `probe.checked` line per check, which the probe's alerts
 * read. A failed check is the probe's finding, not the job's failure: the answer is 200 either
 * way, so Cloud Scheduler does not run it again. Private: only the tasks invoker may call it.
 */
import type { Platform } from '../shared/platform';
import { taskFunction } from '../shared/triggers/task-trigger';
import { log } from '../shared/log';
import { runProbe } from '../shared/probe';
import { syntheticProbeDeps } from '../shared/router/probe-wiring';

export function syntheticProbe(platform: Platform) {
  return taskFunction('syntheticProbe', platform.config, async () => {
    const checks = await runProbe(syntheticProbeDeps(platform));
    // A failed check is a warning, not an ERROR line: the probe's own alert pages for it (terraform/probe.tf), the ERROR rate's need not.
    for (const { check, outcome, reason } of checks) {
      if (outcome === 'ok') log.info('probe checked', { event: 'probe.checked', check, outcome, reason });
      else log.warn('probe check failed', { event: 'probe.checked', check, outcome, reason });
    }
    return { status: 200, json: { checks } };
  });
}
