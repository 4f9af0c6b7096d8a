/**
 * @module session-check
 * Who is asking: the cookie read and checked, the session found and unexpired, and the
 * admin rights it holds asked of Discord again once they are older than the recheck window.
 * A token Discord no longer takes (revoked, expired) ends the session; Discord unreachable
 * leaves the person signed in but their admin rights unknown, so the guild pages refuse
 * until Discord answers again (never old rights past their window). Sign-out deletes the
 * session, so its cookie is worth nothing even if kept.
 */
import { DiscordOAuthRefused } from '../../ports';
import { log } from '../../log';
import { clearCookieHeader, cookieOf, readCookieValue } from '../rules/session-cookie';
import { adminGuildsOf, dashboardSessionPath, openSessionToken, rightsAreStale, sealSessionToken, type DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

export type SessionCheck =
  { signedIn: true; session: DashboardSession; rightsKnown: boolean } | { signedIn: false; reason: 'absent' | 'forged' | 'expired' | 'ended' | 'signing-in' };

export async function checkSession(deps: DashboardDeps, cookieHeader: string | undefined): Promise<SessionCheck> {
  const now = deps.clock.now();
  const cookie = readCookieValue(cookieOf(cookieHeader), deps.settings.sessionKey, now.getTime());
  if (!cookie.ok) return { signedIn: false, reason: cookie.reason };
  if (cookie.claim.kind !== 'session') return { signedIn: false, reason: 'signing-in' };
  const session = await deps.store.get(dashboardSessionPath(cookie.claim.id));
  if (!session || Date.parse(String(session.expiresAt)) <= now.getTime()) return { signedIn: false, reason: 'ended' };
  if (!rightsAreStale(session, now.getTime(), deps.settings.recheckMinutes)) return { signedIn: true, session, rightsKnown: true };
  return recheckRights(deps, session, now);
}

/** Asks Discord again which guilds the user administers, and keeps the answer with its time. */
async function recheckRights(deps: DashboardDeps, session: DashboardSession, now: Date): Promise<SessionCheck> {
  const token = openSessionToken(session.sealedToken, deps.settings.sealKeys, deps.settings.sessionKey);
  if (!token.ok) {
    // A key rotated away too early, or a document altered: the person signs in again, and an operator can tell which.
    log.warn('a dashboard session’s Discord token would not open: the session ends', { userId: session.userId, reason: token.reason });
    await deps.store.delete(dashboardSessionPath(session.sessionId));
    return { signedIn: false, reason: 'ended' };
  }
  try {
    const adminGuilds = adminGuildsOf(await deps.discord.currentUserGuilds(token.secret));
    const guildsCheckedAt = now.toISOString();
    // Sealed under an older key (or the seal before TOKEN_SEAL_KEYS): sealed again with this write.
    const resealed = token.stale ? { sealedToken: sealSessionToken(token.secret, deps.settings.sealKeys) } : {};
    await deps.store.update(dashboardSessionPath(session.sessionId), { adminGuilds, guildsCheckedAt, ...resealed });
    return { signedIn: true, session: { ...session, adminGuilds, guildsCheckedAt, ...resealed }, rightsKnown: true };
  } catch (error) {
    if (error instanceof DiscordOAuthRefused) {
      await deps.store.delete(dashboardSessionPath(session.sessionId));
      return { signedIn: false, reason: 'ended' };
    }
    log.warn('Discord could not be asked again about a dashboard session’s guilds', { userId: session.userId, error });
    return { signedIn: true, session, rightsKnown: false };
  }
}

/** Ends the session for good and has the browser forget its cookie. */
export async function signOut(deps: DashboardDeps, session: DashboardSession): Promise<{ setCookie: string }> {
  await deps.store.delete(dashboardSessionPath(session.sessionId));
  return { setCookie: clearCookieHeader({ secure: deps.settings.secureCookies }) };
}

/**
 * Local only: a sign-in hint naming someone else (the playground's **You are** switched person)
 * ends this browser's session, so that person signs in instead. Ended, not left: the cookie is
 * about to name the new sign-in, and the old session would be nobody's yet kept until it
 * expired (a person's privacy summary counted one per switch).
 */
export async function endedForSomeoneElse(deps: DashboardDeps, check: SessionCheck, userId: string | undefined): Promise<boolean> {
  if (deps.settings.localSignIn !== true || !check.signedIn || userId === undefined || userId === check.session.userId) return false;
  await signOut(deps, check.session);
  return true;
}
