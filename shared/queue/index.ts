/**
 * @module queue
 * Commission queues (issue 34): a commission drop's slots, each paid order's place in its
 * builder's line with a promised date, the line as Discord, a public page and an overlay
 * show it, and the builder's record.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { queueRoutes } from './routes';
export { readCommissionTerms, readTrancheTerms, termsText, commissionForms, maxSlots, maxLeadWeeks } from './rules/commission-terms';
export { type CommissionQueue, commissionQueuePath, promisedDate, lineOf, isPlaced, isPromised, isLate, type LinePlace } from './rules/queue-line';
export { builderRecord, type BuilderRecord } from './rules/builder-record';
export { type PublicQueue, queuePageHtml, queueNotFoundHtml } from './rules/queue-page';
export { queuePrivacyPath, type QueuePrivacy } from './rules/queue-privacy';
export { type ShowQueueDeps } from './use-cases/show-queue';
export { type CancelLateDeps } from './use-cases/cancel-late';
export { type LateCheck } from './use-cases/late-check';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as ShowQueue from './use-cases/show-queue';
import type * as PublicQueueView from './use-cases/public-queue';
import type * as TakePlace from './use-cases/take-place';
import type * as CancelLate from './use-cases/cancel-late';
import type * as KeepWaiting from './use-cases/keep-waiting';
import type * as DelayPlace from './use-cases/delay-place';
import type * as LateCheck from './use-cases/late-check';
import type * as ReadLine from './use-cases/read-line';
/** A paid commission's place in its builder's line, taken in the payment's transaction. */
export const takePlace: typeof TakePlace.takePlace = (...args) => (require('./use-cases/take-place') as typeof TakePlace).takePlace(...args);
export const showQueue: typeof ShowQueue.showQueue = (...args) => (require('./use-cases/show-queue') as typeof ShowQueue).showQueue(...args);
export const publicQueueView: typeof PublicQueueView.publicQueueView = (...args) =>
  (require('./use-cases/public-queue') as typeof PublicQueueView).publicQueueView(...args);

/** A builder's line and record as they stand. */
export const readLine: typeof ReadLine.readLine = (...args) => (require('./use-cases/read-line') as typeof ReadLine).readLine(...args);
export const cancelLate: typeof CancelLate.cancelLate = (...args) => (require('./use-cases/cancel-late') as typeof CancelLate).cancelLate(...args);
export const keepWaiting: typeof KeepWaiting.keepWaiting = (...args) => (require('./use-cases/keep-waiting') as typeof KeepWaiting).keepWaiting(...args);
export const delayPlace: typeof DelayPlace.delayPlace = (...args) => (require('./use-cases/delay-place') as typeof DelayPlace).delayPlace(...args);
export const checkLate: typeof LateCheck.checkLate = (...args) => (require('./use-cases/late-check') as typeof LateCheck).checkLate(...args);
export const scheduleLateCheck: typeof LateCheck.scheduleLateCheck = (...args) =>
  (require('./use-cases/late-check') as typeof LateCheck).scheduleLateCheck(...args);
export const parseLateCheck: typeof LateCheck.parseLateCheck = (...args) => (require('./use-cases/late-check') as typeof LateCheck).parseLateCheck(...args);

/** The use case of each job `/c500 queue` and its buttons defer to a subscriber; the router serves each on its job's topic. */
export const queueJobs = {
  'show-queue': showQueue,
  'delay-place': delayPlace,
  'cancel-late': cancelLate,
  'keep-waiting': keepWaiting,
} satisfies JobUseCases<typeof queueRoutes>;
