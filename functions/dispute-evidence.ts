/**
 * Cloud Tasks target: a dispute's evidence goes to the bank a day before it is due. The task's OIDC token is checked in code as
 * well as by Cloud Run's IAM; a call before its time, or for a dispute already submitted or closed, changes nothing.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseEvidenceTask, submitEvidence } from '../shared/disputes';
import { evidenceDeps } from '../shared/router/dispute-wiring';

export function disputeEvidence(platform: Platform) {
  return taskFunction('disputeEvidence', platform.config, async (req) => {
    const task = taskPayload(req, parseEvidenceTask);
    if (!task) return taskDone;
    await submitEvidence(evidenceDeps(platform), task);
    return taskDone;
  });
}
