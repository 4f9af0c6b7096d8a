/**
 * @module chatter-cookie
 * What a chatter's browser holds, in the one cookie name Firebase Hosting passes on to a
 * function (`__session`): a sign-in under way (the nonce its OAuth state is bound to, kept
 * under the sign-in page's path) or a session (the Twitch user it signed in as, kept under
 * the pay pages' path). The paths keep them apart from each other and from any other page's
 * `__session` at `/`; a browser then sends several `__session` values, and each reader picks
 * its own kind out of them.
 *
 * Each value is `<kind>.<id>.<expiry ms>.<HMAC-SHA256>` under OAUTH_STATE_KEY with a purpose of
 * its own: a forged or edited one reads as nobody, an old one as expired, whatever the
 * browser kept. `HttpOnly` (no script reads it), `SameSite=Lax` (another site's requests do
 * not carry it, but the redirect back from Twitch does), `Secure` in production, short-lived.
 */
import { registryEntry } from '../../registry';
import { mac, sameText } from './signed-token';

export const chatterCookieName = '__session';

/** A session long enough to sign in and pay (the pay window is an hour by default), short enough that a shared computer forgets. */
export const chatterSessionMinutes = 60;

/**
 * `privacy`: a chatter signed in to read, download or erase what C500 keeps about their Twitch
 * account (its own page, its own path). `bid`: signed in to place a sealed bid in a final call
 * (the private bid pages' path, `/bid`).
 */
export type ChatterCookieKind = 'session' | 'sign-in' | 'privacy' | 'bid';

export interface ChatterCookie {
  kind: ChatterCookieKind;
  /** The Twitch user id (a session), or the sign-in's nonce. */
  id: string;
  expiresAtMs: number;
}

export type ChatterCookieReading = { ok: true; cookie: ChatterCookie } | { ok: false; reason: 'absent' | 'forged' | 'expired' };

const tags = { session: 't', 'sign-in': 'n', privacy: 'p', bid: 'b' } as const satisfies Record<ChatterCookieKind, string>;
const purpose = 'c500:chatter-cookie:v1:';
const shape = /^([tnpb])\.([A-Za-z0-9_-]{1,32})\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/;

export function sealChatterCookie(cookie: ChatterCookie, key: string): string {
  const body = `${tags[cookie.kind]}.${cookie.id}.${cookie.expiresAtMs}`;
  return `${body}.${mac(purpose, body, key)}`;
}

/**
 * The cookie of this kind among every `__session` value of a `Cookie` header: the first good
 * one wins; otherwise the best reason there is none (expired over forged over absent).
 */
export function readChatterCookie(header: string | undefined, kind: ChatterCookieKind, key: string, nowMs: number): ChatterCookieReading {
  let reason: 'absent' | 'forged' | 'expired' = 'absent';
  for (const value of cookieValues(header, chatterCookieName)) {
    const match = shape.exec(value);
    if (!match || match[1] !== tags[kind]) continue; // another page's __session, or the other kind
    const [, tag, id, expiry, signature] = match as unknown as [string, string, string, string, string];
    if (!sameText(signature, mac(purpose, `${tag}.${id}.${expiry}`, key))) {
      if (reason === 'absent') reason = 'forged';
      continue;
    }
    const expiresAtMs = Number(expiry);
    if (nowMs >= expiresAtMs) {
      reason = 'expired';
      continue;
    }
    return { ok: true, cookie: { kind, id, expiresAtMs } };
  }
  return { ok: false, reason };
}

/** Every value of a cookie in a `Cookie` header, in the order the browser sent them (longest path first). */
export function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) values.push(part.slice(at + 1).trim());
  }
  return values;
}

/** Where each kind lives: the sign-in on its own page (which is its own callback), the session on the pay pages. */
export function chatterCookiePath(kind: ChatterCookieKind): string {
  if (kind === 'sign-in') return registryEntry('chatBidderSignIn', 'http').route;
  if (kind === 'privacy') return registryEntry('chatterPrivacy', 'http').route;
  if (kind === 'bid') return registryEntry('sealedBid', 'http').route.replace(/\/:auctionId$/, '');
  return registryEntry('chatPay', 'http').route.replace(/\/:orderId$/, '');
}

export interface CookieOptions {
  secure: boolean;
}

/** The `Set-Cookie` header that keeps the value until its own expiry. */
export function setChatterCookie(cookie: ChatterCookie, key: string, nowMs: number, options: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor((cookie.expiresAtMs - nowMs) / 1000));
  return attributes(`${chatterCookieName}=${sealChatterCookie(cookie, key)}`, cookie.kind, maxAge, options);
}

/** Forgets the cookie of this kind (a sign-in that finished). */
export function clearChatterCookie(kind: ChatterCookieKind, options: CookieOptions): string {
  return attributes(`${chatterCookieName}=`, kind, 0, options);
}

function attributes(pair: string, kind: ChatterCookieKind, maxAge: number, options: CookieOptions): string {
  return [pair, `Path=${chatterCookiePath(kind)}`, `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}
