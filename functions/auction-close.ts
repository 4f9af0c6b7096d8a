/**
 * Cloud Tasks target: the hammer drop at an auction's end (or at the end a counter-bid
 * moved it to). Private: only the tasks invoker may call it, with an OIDC token.
 */
import { auctionPaymentDeps, type Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/triggers/http-trigger';
import { taskFunction } from '../shared/triggers/task-trigger';
import { parseHammerTask } from '../shared/app/auctions/auction-tasks';
import { closeAuction } from '../shared/app/auctions/close-auction';
import { jsonOf } from '../shared/domain/common/json';

export function auctionClose(platform: Platform) {
  return taskFunction('auctionClose', platform.config, '/tasks/auction-close', async (req) => {
    const task = parseHammerTask(jsonOf(rawBodyOf(req)));
    if (!task) return { status: 204, text: '' };
    const outcome = await closeAuction(auctionPaymentDeps(platform), task);
    return { status: 200, json: { outcome } };
  });
}
