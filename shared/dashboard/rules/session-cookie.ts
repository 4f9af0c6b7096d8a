/**
 * @module session-cookie
 * The dashboard's one cookie. Firebase Hosting passes a function no cookie but `__session`,
 * so that one name carries both what a browser can hold: a sign-in under way (the nonce its
 * OAuth state is bound to) or a session (the id of `dashboardSessions/<id>`). Each value is
 * `<kind>.<id>.<expiry ms>.<HMAC-SHA256>` under DASHBOARD_SESSION_KEY: a forged or edited one
 * reads as nobody, an old one as expired, whatever the browser kept. `HttpOnly` (no script
 * reads it), `SameSite=Lax` (another site's form posts do not carry it), `Secure` in
 * production, short-lived (`Max-Age`), `Path=/` (the callback and the dashboard both see it).
 *
 * @example
 * const value = sealCookieValue({ kind: 'session', id, expiresAtMs }, key);
 * readCookieValue(cookieOf(req.headers.cookie), key, Date.now()); // { ok: true, claim }
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const sessionCookieName = '__session';

export interface CookieClaim {
  /** `session`: signed in; `sign-in`: on the way to Discord and back. */
  kind: 'session' | 'sign-in';
  id: string;
  expiresAtMs: number;
}

export type CookieReading = { ok: true; claim: CookieClaim } | { ok: false; reason: 'absent' | 'forged' | 'expired' };

const kinds = { session: 's', 'sign-in': 'p' } as const;
const purpose = 'c500:dashboard-cookie:v1:';

/** A fresh random id (192 bits): session ids, sign-in nonces, state ids. */
export function newId(): string {
  return randomBytes(24).toString('base64url');
}

export function sealCookieValue(claim: CookieClaim, key: string): string {
  const body = `${kinds[claim.kind]}.${claim.id}.${claim.expiresAtMs}`;
  return `${body}.${mac(purpose, body, key)}`;
}

export function readCookieValue(value: string | undefined, key: string, nowMs: number): CookieReading {
  if (value === undefined || value === '') return { ok: false, reason: 'absent' };
  const match = /^([sp])\.([A-Za-z0-9_-]{16,64})\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return { ok: false, reason: 'forged' };
  const [, kind, id, expiry, signature] = match as unknown as [string, string, string, string, string];
  if (!sameText(signature, mac(purpose, `${kind}.${id}.${expiry}`, key))) return { ok: false, reason: 'forged' };
  const expiresAtMs = Number(expiry);
  if (nowMs >= expiresAtMs) return { ok: false, reason: 'expired' };
  return { ok: true, claim: { kind: kind === 's' ? 'session' : 'sign-in', id, expiresAtMs } };
}

/** The dashboard's cookie out of a `Cookie` header (the first, should a browser send two). */
export function cookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === sessionCookieName) return part.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
}

/** The `Set-Cookie` header for a value that lasts until its own expiry. */
export function setCookieHeader(value: string, claim: Pick<CookieClaim, 'expiresAtMs'>, nowMs: number, options: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor((claim.expiresAtMs - nowMs) / 1000));
  return [`${sessionCookieName}=${value}`, 'Path=/', `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** Forgets the cookie (sign-out, or a session that ended). */
export function clearCookieHeader(options: CookieOptions): string {
  return [`${sessionCookieName}=`, 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

const csrfPurpose = 'c500:dashboard-csrf:v1:';

/** The token every form of a session carries: bound to the session, unknowable without the key. */
export function csrfTokenFor(sessionId: string, key: string): string {
  return mac(csrfPurpose, sessionId, key);
}

export function isCsrfToken(given: string | undefined, sessionId: string, key: string): boolean {
  return given !== undefined && sameText(given, csrfTokenFor(sessionId, key));
}

/** What the OAuth state carries of the browser's nonce: its hash, so the state in a URL never holds the cookie's secret. */
export function browserBinding(nonce: string): string {
  return createHash('sha256').update(`c500:dashboard-browser:v1:${nonce}`).digest('base64url');
}

export function mac(forPurpose: string, body: string, key: string): string {
  return createHmac('sha256', key).update(forPurpose).update(body).digest('base64url');
}

/** Compared as text in constant time: base64url decoding skips stray characters, so bytes would accept variants. */
export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
