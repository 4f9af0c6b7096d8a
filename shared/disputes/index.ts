/**
 * @module disputes
 * Chargebacks: the `charge.dispute.*` events (routed here by the router's
 * `receiveStripeEvent`, before payments), the evidence C500 stages and submits before it is due,
 * `/c500 dispute note`, and the builder's DMs. The money of a dispute (what is held, taken
 * back and sent again) is payments'; this module decides when.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { disputeRoutes } from './routes';
export { type Dispute, disputePath, disputesCollection } from './rules/dispute';
export { type DisputeDeps } from './use-cases/dispute-changed';
export { type EvidenceDeps, type EvidenceTask } from './use-cases/submit-evidence';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as DisputeChanged from './use-cases/dispute-changed';
import type * as DisputeNote from './use-cases/dispute-note';
import type * as SubmitEvidence from './use-cases/submit-evidence';
export const disputeChanged: typeof DisputeChanged.disputeChanged = (...args) =>
  (require('./use-cases/dispute-changed') as typeof DisputeChanged).disputeChanged(...args);
export const disputeEventSeen: typeof DisputeChanged.disputeEventSeen = (...args) =>
  (require('./use-cases/dispute-changed') as typeof DisputeChanged).disputeEventSeen(...args);
export const disputesBefore: typeof DisputeChanged.disputesBefore = (...args) =>
  (require('./use-cases/dispute-changed') as typeof DisputeChanged).disputesBefore(...args);
export const disputeArrivedFirst: typeof DisputeChanged.disputeArrivedFirst = (...args) =>
  (require('./use-cases/dispute-changed') as typeof DisputeChanged).disputeArrivedFirst(...args);
export const addDisputeNote: typeof DisputeNote.addDisputeNote = (...args) =>
  (require('./use-cases/dispute-note') as typeof DisputeNote).addDisputeNote(...args);
export const submitEvidence: typeof SubmitEvidence.submitEvidence = (...args) =>
  (require('./use-cases/submit-evidence') as typeof SubmitEvidence).submitEvidence(...args);
export const parseEvidenceTask: typeof SubmitEvidence.parseEvidenceTask = (...args) =>
  (require('./use-cases/submit-evidence') as typeof SubmitEvidence).parseEvidenceTask(...args);

/** The use case of each job `/c500 dispute` defers to a subscriber. */
export const disputeJobs = { 'dispute-note': addDisputeNote } satisfies JobUseCases<typeof disputeRoutes>;
