/**
 * Cloud Tasks target: a show's next lot goes up once the gap after a hammer has passed.
 * Private: only the tasks invoker may call it, with an OIDC token.
 */
import type { Platform } from '../shared/platform';
import { auctionPaymentWiring } from '../shared/router/auction-wiring';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseNextLotTask, putUpNextLot } from '../shared/shows';

export function showNext(platform: Platform) {
  return taskFunction('showNext', platform.config, async (req) => {
    const task = taskPayload(req, parseNextLotTask);
    if (!task) return taskDone;
    const outcome = await putUpNextLot(auctionPaymentWiring(platform), task.showId, { by: 'task', task });
    return { status: 200, json: { outcome: outcome.kind } };
  });
}
