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
export { readCommissionTerms, termsText, commissionForms, maxSlots, maxLeadWeeks } from './rules/commission-terms';
export { dueBy, trancheCents, isLater } from './rules/tranches';
export { type CommissionQueue, commissionQueuePath, promisedDate, lineOf, isPlaced, isLate, type LinePlace } from './rules/queue-line';
export { builderRecord, type BuilderRecord } from './rules/builder-record';
export { type PublicQueue, queuePageHtml, queueNotFoundHtml } from './rules/queue-page';
export { queuePrivacyPath, type QueuePrivacy } from './rules/queue-privacy';
export { type ShowQueueDeps } from './use-cases/show-queue';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as ShowQueue from './use-cases/show-queue';
import type * as PublicQueueView from './use-cases/public-queue';
import type * as TakePlace from './use-cases/take-place';
/** A paid commission's place in its builder's line, taken in the payment's transaction. */
export const takePlace: typeof TakePlace.takePlace = (...args) => (require('./use-cases/take-place') as typeof TakePlace).takePlace(...args);
export const showQueue: typeof ShowQueue.showQueue = (...args) => (require('./use-cases/show-queue') as typeof ShowQueue).showQueue(...args);
export const publicQueueView: typeof PublicQueueView.publicQueueView = (...args) =>
  (require('./use-cases/public-queue') as typeof PublicQueueView).publicQueueView(...args);

/** The use case of each job `/c500 queue` defers to a subscriber; the router serves each on its job's topic. */
export const queueJobs = { 'show-queue': showQueue } satisfies JobUseCases<typeof queueRoutes>;
