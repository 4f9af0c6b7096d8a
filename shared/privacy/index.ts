/**
 * @module privacy
 * What C500 keeps about people (issue 51): the one table of kept data, the privacy and terms
 * pages made from it, and a member's export and erasure of their own data (`/c500 privacy`,
 * the dashboard's Your data page).
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { privacyRoutes } from './routes';
export { keptDocuments, keptDocumentAt } from './rules/kept-data';
export { type KeptDocument, type KeptFact, type KeptStore, type Audience, type Recipient, type ErasureEffect, type LegalBasis } from './rules/kept-data-types';
export { keptStores } from './rules/kept-data-stores';
export { retentionEnds, endsOf, type RetentionEnd } from './rules/retention-ends';
export { classifyField, type FieldClass } from './rules/classify-field';
export { privacyPageHtml, termsPageHtml, privacyPages } from './rules/privacy-page';
export { erasedName } from './rules/member-data';
export { type PrivacyErasure, privacyErasurePath, privacyErasuresCollection } from './rules/privacy-erasure';
export { erasureAskWindowMs, nothingNewWords } from './rules/erasure-asks';
export { type PrivacyDeps } from './use-cases/privacy-deps';
export { type MemberExport } from './use-cases/export-member-data';
export { isTwitchIdentity, bareTwitchIdOf } from './rules/identities';
export { undoFirstHeading, undoFirstLines, leaveLinkLabel, type UndoFirst } from './rules/erase-offer';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as ShowPrivacy from './use-cases/show-privacy';
import type * as EraseMember from './use-cases/erase-member';
import type * as ExportMemberData from './use-cases/export-member-data';
import type * as LeaveServer from './use-cases/leave-server';
export const showPrivacy: typeof ShowPrivacy.showPrivacy = (...args) => (require('./use-cases/show-privacy') as typeof ShowPrivacy).showPrivacy(...args);
export const askToErase: typeof EraseMember.askToErase = (...args) => (require('./use-cases/erase-member') as typeof EraseMember).askToErase(...args);
export const eraseMember: typeof EraseMember.eraseMember = (...args) => (require('./use-cases/erase-member') as typeof EraseMember).eraseMember(...args);
export const eraseMemberData: typeof EraseMember.eraseMemberData = (...args) =>
  (require('./use-cases/erase-member') as typeof EraseMember).eraseMemberData(...args);
/** What an erasure cannot undo, offered above the dashboard's Erase me as `/c500 privacy` offers it (rules/erase-offer). */
export const eraseOffer: typeof EraseMember.eraseOffer = (...args) => (require('./use-cases/erase-member') as typeof EraseMember).eraseOffer(...args);
export const memberDataSummary: typeof ShowPrivacy.memberDataSummary = (...args) =>
  (require('./use-cases/show-privacy') as typeof ShowPrivacy).memberDataSummary(...args);
export type { ErasureOutcome } from './use-cases/erase-member';
export const exportMemberData: typeof ExportMemberData.exportMemberData = (...args) =>
  (require('./use-cases/export-member-data') as typeof ExportMemberData).exportMemberData(...args);

export const leaveServer: typeof LeaveServer.leaveServer = (...args) => (require('./use-cases/leave-server') as typeof LeaveServer).leaveServer(...args);
export const cancelServerLeave: typeof LeaveServer.cancelServerLeave = (...args) =>
  (require('./use-cases/leave-server') as typeof LeaveServer).cancelServerLeave(...args);
export { type ServerLeave, serverLeavePath, leaveGraceDays } from './rules/server-leave';

import type * as SweepOpenObligations from './use-cases/sweep-open-obligations';
/** The retention sweep's part that ends what an erasure kept once its obligation ends. */
export const sweepOpenObligations: typeof SweepOpenObligations.sweepOpenObligations = (...args) =>
  (require('./use-cases/sweep-open-obligations') as typeof SweepOpenObligations).sweepOpenObligations(...args);
import type * as SweepInOrder from './use-cases/sweep-in-order';
export type { InOrderWalk, InOrderReport } from './use-cases/sweep-in-order';
/** A retention sweep's bounded, resumable walk through a collection in the order of one field (another module's sweep uses it too). */
export const walkInOrder: typeof SweepInOrder.walkInOrder = (...args) => (require('./use-cases/sweep-in-order') as typeof SweepInOrder).walkInOrder(...args);
import type * as SweepPaymentRecords from './use-cases/sweep-payment-records';
/** The retention sweep's part that ends the records the law keeps, ten years from the end of the year of their latest date. */
export const sweepPaymentRecords: typeof SweepPaymentRecords.sweepPaymentRecords = (...args) =>
  (require('./use-cases/sweep-payment-records') as typeof SweepPaymentRecords).sweepPaymentRecords(...args);
import type * as TakeErasureAsk from './use-cases/take-erasure-ask';
/**
 * The person did something through C500 (a command, a button, a form, a sign-in, a chat entry, a
 * payment): should they have erased in the last ten minutes, their next erasure searches again.
 * Called by every path a person acts through, after its own writes.
 */
export const markActed: typeof TakeErasureAsk.markActed = (...args) => (require('./use-cases/take-erasure-ask') as typeof TakeErasureAsk).markActed(...args);
import type * as SweepErasureAsks from './use-cases/sweep-erasure-asks';
/** The local stand-in for Firestore's TTL on a person's record of erasures asked for. */
export const sweepExpiredErasureAsks: typeof SweepErasureAsks.sweepExpiredErasureAsks = (...args) =>
  (require('./use-cases/sweep-erasure-asks') as typeof SweepErasureAsks).sweepExpiredErasureAsks(...args);
import type * as SweepServerLeaves from './use-cases/sweep-server-leaves';
/** The retention sweep's part that erases a departed server's members' data when its grace ends. */
export const sweepServerLeaves: typeof SweepServerLeaves.sweepServerLeaves = (...args) =>
  (require('./use-cases/sweep-server-leaves') as typeof SweepServerLeaves).sweepServerLeaves(...args);

/** The use case of each job `/c500 privacy` and its buttons defer to a subscriber. */
export const privacyJobs = {
  'privacy-view': showPrivacy,
  'privacy-ask-erase': askToErase,
  'privacy-erase': eraseMember,
  'server-leave': leaveServer,
  'server-leave-cancel': cancelServerLeave,
} satisfies JobUseCases<typeof privacyRoutes>;
