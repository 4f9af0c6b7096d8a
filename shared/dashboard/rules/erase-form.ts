/**
 * @module erase-form
 * The Your data page's Erase me form works for 15 minutes, as `/c500 privacy`'s buttons do. It
 * carries when its page was made, signed for the session under DASHBOARD_SESSION_KEY: a page
 * left open, or a copy of its form, cannot erase later, and nobody can move its time on
 * without the key. The session's CSRF token alone never expires while the session lasts.
 */
import { mac, sameText } from './session-cookie';

/** How long after its page was made the Erase me form still erases. */
export const eraseFormLifetimeMs = 15 * 60_000;

const purpose = 'c500:dashboard-erase-form:v1:';

/** The form's hidden `erase` field: `<ms the page was made>.<HMAC-SHA256 of the session and that time>`. */
export function eraseFormToken(sessionId: string, madeAtMs: number, key: string): string {
  return `${madeAtMs}.${mac(purpose, `${sessionId}:${madeAtMs}`, key)}`;
}

/** Whether a sent form's token is this session's and its page was made less than 15 minutes ago. */
export function eraseFormFresh(given: string | undefined, sessionId: string, key: string, nowMs: number): boolean {
  const made = /^(\d{1,15})\.[A-Za-z0-9_-]{43}$/.exec(given ?? '');
  if (!given || !made) return false;
  const madeAtMs = Number(made[1]);
  return sameText(given, eraseFormToken(sessionId, madeAtMs, key)) && madeAtMs <= nowMs && nowMs - madeAtMs < eraseFormLifetimeMs;
}
