/**
 * @module sign-in-state
 * The `state` of the dashboard's Discord sign-in, as the Twitch link's is: signed with a key
 * of ours, short-lived, with an id of its own. Beyond the Twitch link's, it is bound to the
 * browser that started it (the hash of the nonce in that browser's cookie), so a callback
 * link someone else started and sends you signs nobody in; and its id is claimed once when
 * used (`dashboardSignIns/<id>`), so a replayed callback is refused even in the same browser.
 * The page to go back to rides along, held to the dashboard's own paths.
 */
import { registryEntry } from '../../registry';
import { mac, sameText } from './session-cookie';

export interface SignInState {
  stateId: string;
  /** `browserBinding(nonce)` of the nonce the starting browser's cookie holds. */
  browser: string;
  returnTo: string;
  expiresAtMs: number;
}

export type SignInStateReading = { ok: true; state: SignInState } | { ok: false; reason: 'forged' | 'expired' };

const purpose = 'c500:dashboard-sign-in-state:v1:';

/** How long a person has at Discord's page before the state (and the cookie's nonce) run out. */
export const signInMinutes = 10;

export function signSignInState(state: SignInState, key: string): string {
  const body = Buffer.from(JSON.stringify({ i: state.stateId, b: state.browser, r: state.returnTo, e: state.expiresAtMs }), 'utf8').toString('base64url');
  return `${body}.${mac(purpose, body, key)}`;
}

export function readSignInState(raw: string | undefined, key: string, nowMs: number): SignInStateReading {
  const [body, signature, extra] = (raw ?? '').split('.');
  if (!body || !signature || extra !== undefined || body.length > 2_000 || !sameText(signature, mac(purpose, body, key)))
    return { ok: false, reason: 'forged' };
  let parsed: { i?: unknown; b?: unknown; r?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const { i, b, r, e } = parsed;
  // Signed but unreadable means our own format changed: refused like a forgery.
  if (typeof i !== 'string' || typeof b !== 'string' || typeof r !== 'string' || typeof e !== 'number') return { ok: false, reason: 'forged' };
  if (nowMs >= e) return { ok: false, reason: 'expired' };
  return { ok: true, state: { stateId: i, browser: b, returnTo: safeReturnTo(r), expiresAtMs: e } };
}

/** The scopes the dashboard asks for: who you are, and your servers with your permissions there. */
export const discordScopes = ['identify', 'guilds'] as const;

export interface DiscordAuthorizeRequest {
  /** `https://discord.com/oauth2/authorize`, or the local stand-in. */
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** Local only: who the stand-in signs in as (`user_id`, `username`, `admin_guilds`), passed through from `/dashboard`. */
  hints?: Record<string, string>;
}

/** Discord's authorization code link. `prompt=none` skips the consent screen for someone who already agreed. */
export function discordAuthorizeLink(request: DiscordAuthorizeRequest): string {
  const url = new URL(request.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('scope', discordScopes.join(' '));
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('prompt', 'none');
  for (const [name, value] of Object.entries(request.hints ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

/** What the local stand-in takes from a `/dashboard` link to sign in as someone (the demo's link). */
export const localSignInHints = ['user_id', 'username', 'admin_guilds', 'member_guilds'] as const;

/**
 * Where a person goes after signing in: a dashboard path of plain characters, else the
 * dashboard's front page. Never another site (`//evil.example`), never a script URL.
 */
export function safeReturnTo(path: string): string {
  const plain = /^\/dashboard(?:\/[A-Za-z0-9._~-]+)*(?:\?[A-Za-z0-9._~%=&-]{0,300})?$/.test(path) && path.length <= 500;
  // No `.` or `..` segment: a browser would resolve it out of the dashboard.
  return plain && !/\/\.+(?:\/|\?|$)/.test(path) ? path : '/dashboard';
}

/** Where Discord sends the browser back: the application's OAuth2 redirect, registered in Discord's developer portal. */
export function discordRedirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}${registryEntry('discordOauthCallback', 'http').route}`;
}
