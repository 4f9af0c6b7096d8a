/**
 * @module retention-wiring
 * What the retention sweep is handed: each module's sweep of what it keeps past its time,
 * with the store and the clock. Where Firestore's TTL policies delete the expired documents
 * (production), the sweeps that stand in for them are left out; the local store and the
 * emulator run no TTL, so the local runtime runs them.
 */
import type { Platform } from '../platform';
import { sweepBidHistories, sweepStrikes } from '../auctions';
import { sweepIdleChatters } from '../chatbids';
import { sweepExpiredOnceRecords } from '../common';
import { sweepExpiredSessions } from '../dashboard';
import { sweepExpiredErasureAsks, sweepOpenObligations, sweepPaymentRecords, sweepServerLeaves } from '../privacy';

/** One module's part of the sweep: what it did, as a report line. */
export type RetentionPart = () => Promise<object & { failed?: string[] }>;

export function retentionSweepParts(platform: Platform): Record<string, RetentionPart> {
  const deps = { store: platform.store(), clock: platform.clock };
  const parts: Record<string, RetentionPart> = {
    bidHistories: () => sweepBidHistories(deps),
    erasuresKeptWhileOpen: () => sweepOpenObligations(deps),
    serverLeaves: () => sweepServerLeaves(deps),
    paymentRecords: () => sweepPaymentRecords(deps),
    strikes: () => sweepStrikes({ ...deps, book: platform.auctionBook() }),
    idleChatters: () => sweepIdleChatters(deps),
  };
  if (platform.config.runtime === 'local') {
    parts.dashboardSessions = () => sweepExpiredSessions(deps);
    parts.redeliveryRecords = () => sweepExpiredOnceRecords(deps);
    parts.erasureAsks = () => sweepExpiredErasureAsks(deps);
  }
  return parts;
}
