/**
 * @module live
 * Proof of work: `/c500 live` while the builder is live on Twitch, which releases the
 * orders' money.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { liveRoutes } from './routes';
export { type GoLiveDeps } from './use-cases/go-live';
export { type FindProofVodDeps } from './use-cases/find-proof-vod';
export { parseVodSearchTask } from './rules/proof-media';
export { type ProveOrderDeps } from './use-cases/prove-order';
export { type FanOutDeps } from './use-cases/fan-out-milestone';
export { type MilestoneTask, parseMilestoneTask, milestoneFanOutPath, type MilestoneFanOut } from './rules/group-buy-fan-out';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as GoLive from './use-cases/go-live';
import type * as ProveOrder from './use-cases/prove-order';
import type * as ReleaseAfterReconnect from './use-cases/release-after-reconnect';
export const goLive: typeof GoLive.goLive = (...args) => (require('./use-cases/go-live') as typeof GoLive).goLive(...args);
import type * as FindProofVod from './use-cases/find-proof-vod';
export const findProofVod: typeof FindProofVod.findProofVod = (...args) => (require('./use-cases/find-proof-vod') as typeof FindProofVod).findProofVod(...args);
/** A proved order's release that a dispute held, once it is won. */
export const releaseWaitingOrder: typeof ProveOrder.releaseWaitingOrder = (...args) =>
  (require('./use-cases/prove-order') as typeof ProveOrder).releaseWaitingOrder(...args);
export const releaseAfterReconnect: typeof ReleaseAfterReconnect.releaseAfterReconnect = (...args) =>
  (require('./use-cases/release-after-reconnect') as typeof ReleaseAfterReconnect).releaseAfterReconnect(...args);

import type * as FanOutMilestone from './use-cases/fan-out-milestone';
/** A batch of a group buy's milestone reaching its orders (the `groupbuy-milestone` queue's task). */
export const runMilestoneBatch: typeof FanOutMilestone.runMilestoneBatch = (...args) =>
  (require('./use-cases/fan-out-milestone') as typeof FanOutMilestone).runMilestoneBatch(...args);

/** The use case of each job `/c500 live` defers to a subscriber; the router serves each on its job's topic. */
export const liveJobs = { 'go-live': goLive } satisfies JobUseCases<typeof liveRoutes>;
