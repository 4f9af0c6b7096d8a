/**
 * Cloud Tasks target: the hammer drop at an auction's end (or at the end a counter-bid
 * moved it to). Private: only the tasks invoker may call it, with an OIDC token.
 */
import type { Platform } from '../shared/platform';
import { hammerDeps } from '../shared/router/auction-wiring';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseHammerTask, closeAuction } from '../shared/auctions';

export function auctionClose(platform: Platform) {
  return taskFunction('auctionClose', platform.config, async (req) => {
    const task = taskPayload(req, parseHammerTask);
    if (!task) return taskDone;
    const outcome = await closeAuction(hammerDeps(platform), task);
    return { status: 200, json: { outcome } };
  });
}
