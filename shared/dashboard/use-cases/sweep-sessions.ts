/**
 * @module sweep-sessions
 * Expired dashboard sessions (their sealed Discord token with them) and used sign-in states
 * deleted once past their `expiresAt`. In production Firestore's TTL policies on that field
 * do it (terraform's dashboard_session_expiry and dashboard_sign_in_expiry, within a day of
 * the time); the local store and the emulator run no TTL, so the retention sweep runs this
 * there. It reads each collection whole: the field has no index (TTL alone reads it), and
 * what a local runtime keeps is small.
 */
import type { Clock, DocumentStore } from '../../ports';
import { dashboardSessionPath, dashboardSessionsCollection, dashboardSignInPath, dashboardSignInsCollection } from '../rules/session';

export interface SessionSweepReport {
  sessions: number;
  signIns: number;
}

export async function sweepExpiredSessions(deps: { store: DocumentStore; clock: Clock }): Promise<SessionSweepReport> {
  const nowMs = deps.clock.now().getTime();
  const expired = (expiresAt: Date | string) => Date.parse(String(expiresAt instanceof Date ? expiresAt.toISOString() : expiresAt)) <= nowMs;
  const sessions = (await deps.store.query(dashboardSessionsCollection)).filter((s) => expired(s.data.expiresAt));
  const signIns = (await deps.store.query(dashboardSignInsCollection)).filter((s) => expired(s.data.expiresAt));
  for (const { id } of sessions) await deps.store.delete(dashboardSessionPath(id));
  for (const { id } of signIns) await deps.store.delete(dashboardSignInPath(id));
  return { sessions: sessions.length, signIns: signIns.length };
}
