/**
 * @module twitch-authorize
 * The two Twitch OAuth round trips of chat bidding, and the signed `state` each carries.
 *
 * - **Consent** (`channel:bot`): a builder or show host who ran `/c500 chat-bidding on` lets
 *   C500's bot into their chat. The state names the Discord member and the server, so the
 *   callback turns chat bidding on for that member's linked channel and nobody else's; the
 *   code proves which Twitch account agreed, and it must be that linked channel.
 * - **Chatter sign-in** (no scope: identity only): a viewer proves which Twitch user they
 *   are, once, so their `!bid`s count and their pay page opens for them. The state is bound
 *   to the browser that started it (the hash of the nonce in its cookie), so a callback link
 *   someone else started signs nobody in; and it carries where to go next.
 */
import { twitchScopes } from '../../ports';
import { registryEntry } from '../../registry';
import { openToken, sealToken } from './signed-token';

/** How long a person has on Twitch's page before the link (and the sign-in cookie) run out. */
export const authorizeMinutes = 10;

export interface ConsentClaims {
  discordUserId: string;
  guildId: string;
  expiresAt: Date;
  /** The linked channel the Discord answer named: Twitch's page is offered it (`login_hint`). */
  login?: string;
}

export type ConsentReading = { ok: true; discordUserId: string; guildId: string; login?: string } | { ok: false; reason: 'forged' | 'expired' };

const consentPurpose = 'c500:twitch-chat-consent-state:v1:';

export function signConsentState(claims: ConsentClaims, key: string): string {
  return sealToken(
    consentPurpose,
    { u: claims.discordUserId, g: claims.guildId, e: claims.expiresAt.getTime(), ...(claims.login ? { l: claims.login } : {}) },
    key,
  );
}

export function readConsentState(state: string | undefined, key: string, now: Date): ConsentReading {
  const fields = openToken(consentPurpose, state, key);
  const { u, g, e, l } = fields ?? {};
  // Signed but unreadable means our own format changed: refused like a forgery.
  if (typeof u !== 'string' || typeof g !== 'string' || typeof e !== 'number') return { ok: false, reason: 'forged' };
  if (now.getTime() >= e) return { ok: false, reason: 'expired' };
  return { ok: true, discordUserId: u, guildId: g, ...(typeof l === 'string' && /^[a-z0-9_]{1,25}$/i.test(l) ? { login: l } : {}) };
}

export interface SignInClaims {
  /** `browserBinding(nonce)` of the nonce the starting browser's cookie holds. */
  browser: string;
  /** Where to send the chatter once signed in: one of our pay pages (`safeNextPath`). */
  next?: string;
  expiresAtMs: number;
}

export type SignInReading = { ok: true; browser: string; next?: string } | { ok: false; reason: 'forged' | 'expired' };

const signInPurpose = 'c500:twitch-chatter-sign-in-state:v1:';

export function signSignInState(claims: SignInClaims, key: string): string {
  return sealToken(signInPurpose, { b: claims.browser, ...(claims.next ? { x: claims.next } : {}), e: claims.expiresAtMs }, key);
}

export function readSignInState(state: string | undefined, key: string, nowMs: number): SignInReading {
  const fields = openToken(signInPurpose, state, key);
  const { b, x, e } = fields ?? {};
  if (typeof b !== 'string' || typeof e !== 'number' || (x !== undefined && typeof x !== 'string')) return { ok: false, reason: 'forged' };
  if (nowMs >= e) return { ok: false, reason: 'expired' };
  const next = safeNextPath(x);
  return { ok: true, browser: b, ...(next ? { next } : {}) };
}

/**
 * Where a chatter may be sent after signing in: one of our own pay pages, `/pay/<order id>`,
 * or their privacy page, and nothing else (never another site, `//evil.example`, a script URL
 * or another of our pages).
 */
export function safeNextPath(raw: unknown): string | undefined {
  return typeof raw === 'string' && (/^\/(pay|bid)\/[0-9a-z-]{4,40}$/.test(raw) || raw === chatterPrivacyPath) ? raw : undefined;
}

/** A chatter's privacy page: what C500 keeps about their Twitch account, to download or erase (`!privacy` in chat links it). */
export const chatterPrivacyPath = '/privacy/twitch';

export interface AuthorizeRequest {
  /** `https://id.twitch.tv/oauth2/authorize`, or the local simulator. */
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /**
   * The Twitch login expected to agree. Twitch's page shows the account the browser is signed
   * in as and ignores this; the local stand-in, which has no such session, fills its form with it.
   */
  loginHint?: string;
}

/**
 * The link a broadcaster opens to let C500's bot into their chat: `channel:bot` only.
 * `force_verify` makes Twitch ask even when already authorized, so a shared browser signed
 * in as someone else is noticed.
 */
export function consentLink(request: AuthorizeRequest): string {
  return authorizeLink(request, twitchScopes.broadcaster);
}

/** The link a chatter opens to sign in: no scope, so C500 learns who they are and nothing else. */
export function chatterSignInLink(request: AuthorizeRequest): string {
  return authorizeLink(request, twitchScopes.chatter);
}

function authorizeLink(request: AuthorizeRequest, scopes: readonly string[]): string {
  const url = new URL(request.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('force_verify', 'true');
  if (request.loginHint) url.searchParams.set('login_hint', request.loginHint);
  return url.toString();
}

/** Where Twitch sends a broadcaster back after the consent; the Twitch application lists it as a redirect URL. */
export const consentRedirectUri = (publicBaseUrl: string): string => `${publicBaseUrl}${registryEntry('twitchChatCallback', 'http').route}`;

/** The chatter sign-in's own page: it starts the round trip, and Twitch sends the chatter back to it. */
export const chatterSignInUrl = (publicBaseUrl: string): string => `${publicBaseUrl}${registryEntry('chatBidderSignIn', 'http').route}`;

/** Where a chatter pays for an order they won from chat. */
export const chatPayPath = (orderId: string): string => registryEntry('chatPay', 'http').route.replace(':orderId', orderId);
