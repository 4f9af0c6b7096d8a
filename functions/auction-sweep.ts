/**
 * Cloud Scheduler target, every few minutes: settles auctions whose hammer task was lost, and
 * writes the live-show heartbeat (`shows.live`) the no-traffic-during-a-show alert reads.
 * Private: only the tasks invoker may call it, with an OIDC token, as with task targets.
 */
import type { Platform } from '../shared/platform';
import { hammerDeps } from '../shared/router/auction-wiring';
import { taskFunction } from '../shared/triggers/task-trigger';
import { sweepAuctions } from '../shared/auctions';
import { countLiveShows } from '../shared/shows';

export function auctionSweep(platform: Platform) {
  return taskFunction('auctionSweep', platform.config, async () => {
    const deps = hammerDeps(platform);
    // First, and never failing the run: the heartbeat is written whatever the sweep meets.
    await countLiveShows(deps);
    const report = await sweepAuctions(deps);
    // Tried every auction; a failed one makes the job fail, so Cloud Scheduler retries it.
    return report.failed.length > 0 ? { status: 500, json: report } : { status: 200, json: report };
  });
}
