/**
 * Cloud Tasks target: a commission's promised date. The task's OIDC token is checked in code
 * as well as by Cloud Run's IAM; a call before the date tells nobody anything.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { checkLate, parseLateCheck } from '../shared/queue';
import { lateCheckDeps } from '../shared/router/marketplace-wiring';

export function commissionLate(platform: Platform) {
  return taskFunction('commissionLate', platform.config, async (req) => {
    const check = taskPayload(req, parseLateCheck);
    if (!check) return taskDone;
    await checkLate(lateCheckDeps(platform), check);
    return taskDone;
  });
}
