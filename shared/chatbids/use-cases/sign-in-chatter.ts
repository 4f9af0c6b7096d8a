/**
 * @module sign-in-chatter
 * `GET /twitch/bidder`: a chatter signs in with Twitch (identity only), once, so their
 * `!bid`s count; and a chat winner signs in before their pay page opens. The page is its own
 * OAuth callback: without Twitch's answer it starts the round trip (a nonce in a cookie, its
 * hash in the signed state, `next` kept in the state), with one it finishes it (the state
 * must be ours, fresh, and bound to this browser's cookie), records the chatter in
 * `twitchBidders/<id>` and hands the browser a short-lived session for the pay pages.
 */
import type { Clock, DocumentStore, TwitchAuthorization, TwitchGateway } from '../../ports';
import { log } from '../../log';
import { twitchLoginPath, twitchLoginSeen } from '../../auctions';
import { chatBidderId, twitchBidderPath, type TwitchBidder } from '../rules/chat-bidding';
import { markActed } from '../../privacy';
import { signInPage, type SignInOutcome, type WebAnswer } from '../rules/chat-pages';
import { chatterSessionMinutes, clearChatterCookie, readChatterCookie, setChatterCookie, type CookieOptions } from '../rules/chatter-cookie';
import { browserBinding, newNonce } from '../rules/signed-token';
import {
  authorizeMinutes,
  chatterPrivacyPath,
  chatterSignInLink,
  chatterSignInUrl,
  readSignInState,
  safeNextPath,
  signSignInState,
} from '../rules/twitch-authorize';
import { isTwitchClientError } from './chat-subscription';
import { eraseFormMinutes } from '../rules/chatter-privacy';
import type { ChatterWebApp } from '../rules/chat-app-config';

export interface ChatterSignInDeps {
  store: DocumentStore;
  twitch: TwitchGateway;
  clock: Clock;
  app: ChatterWebApp;
}

export interface ChatterSignInRequest {
  /** The query string, as parsed: `next`, or Twitch's `code`, `state`, `error`. */
  query: Record<string, unknown>;
  /** The `Cookie` header. */
  cookies: string | undefined;
}

export async function answerChatterSignIn(deps: ChatterSignInDeps, request: ChatterSignInRequest): Promise<WebAnswer> {
  const q = (name: string) => firstString(request.query[name]);
  const isCallback = q('state') !== undefined || q('code') !== undefined || q('error') !== undefined;
  return isCallback ? finishSignIn(deps, request) : startSignIn(deps, q('next'));
}

/** Sends the browser to Twitch with a fresh nonce in its cookie, bound into the state. */
function startSignIn(deps: ChatterSignInDeps, nextRaw: string | undefined): WebAnswer {
  const nowMs = deps.clock.now().getTime();
  const expiresAtMs = nowMs + authorizeMinutes * 60_000;
  const nonce = newNonce();
  const next = safeNextPath(nextRaw);
  const state = signSignInState({ browser: browserBinding(nonce), ...(next ? { next } : {}), expiresAtMs }, deps.app.stateKey);
  const url = chatterSignInLink({
    authorizeUrl: deps.app.authorizeUrl,
    clientId: deps.app.clientId,
    redirectUri: chatterSignInUrl(deps.app.publicBaseUrl),
    state,
  });
  const cookie = setChatterCookie({ kind: 'sign-in', id: nonce, expiresAtMs }, deps.app.stateKey, nowMs, cookieOptions(deps.app));
  return { status: 302, location: url, cookies: [cookie] };
}

async function finishSignIn(deps: ChatterSignInDeps, request: ChatterSignInRequest): Promise<WebAnswer> {
  const signInUrl = chatterSignInUrl(deps.app.publicBaseUrl);
  const finished = await signIn(deps, request).catch((error: unknown): SignInEnd => {
    log.error('chatter sign-in failed', { error });
    return { ok: false, reason: 'failed' };
  });
  if (!finished.ok) return signInPage(finished, signInUrl);
  const { user, next } = finished;
  const options = cookieOptions(deps.app);
  const nowMs = deps.clock.now().getTime();
  // The privacy page's session is its own, on its own path: the pay pages' never reaches it, nor it them.
  // It lasts as long as its erase form: the next person at a shared computer finds it ended.
  // A sealed bid's page has its own path too: the pay pages' session never reaches it, nor it them.
  const kind = next === chatterPrivacyPath ? ('privacy' as const) : next?.startsWith('/bid/') ? ('bid' as const) : ('session' as const);
  const minutes = kind === 'privacy' ? eraseFormMinutes : chatterSessionMinutes;
  const session = { kind, id: user.userId, expiresAtMs: nowMs + minutes * 60_000 };
  const cookies = [setChatterCookie(session, deps.app.stateKey, nowMs, options), clearChatterCookie('sign-in', options)];
  if (next) return { status: 303, location: next, cookies };
  return { ...signInPage({ ok: true, displayName: user.displayName, login: user.login }, signInUrl), cookies };
}

type SignInEnd = { ok: true; user: TwitchAuthorization; next?: string } | Extract<SignInOutcome, { ok: false }>;

async function signIn(deps: ChatterSignInDeps, request: ChatterSignInRequest): Promise<SignInEnd> {
  const q = (name: string) => firstString(request.query[name]);
  if (q('error')) return { ok: false, reason: 'denied' };
  const nowMs = deps.clock.now().getTime();
  const state = readSignInState(q('state'), deps.app.stateKey, nowMs);
  if (!state.ok) return state;
  const nonce = readChatterCookie(request.cookies, 'sign-in', deps.app.stateKey, nowMs);
  if (!nonce.ok || browserBinding(nonce.cookie.id) !== state.browser) return { ok: false, reason: 'other-browser' };
  const code = q('code');
  if (!code) return { ok: false, reason: 'missing-code' };

  let user: TwitchAuthorization;
  try {
    user = await deps.twitch.userFromAuthorizationCode(code, chatterSignInUrl(deps.app.publicBaseUrl));
  } catch (error) {
    const refused = isTwitchClientError(error);
    log.warn(refused ? 'Twitch refused a chatter’s code' : 'Twitch chatter code exchange failed', { error });
    return { ok: false, reason: refused ? 'code-refused' : 'twitch-unavailable' };
  }
  // Signing in to read or erase what C500 keeps is not signing up to bid: nothing new is recorded.
  if (state.next !== chatterPrivacyPath) await recordChatter(deps, user);
  return { ok: true, user, ...(state.next ? { next: state.next } : {}) };
}

/**
 * Their bids count from the first sign-in; a later one keeps that moment and refreshes the
 * name. The login is recorded as theirs, so a block by it holds for them by id after a rename.
 */
export async function recordChatter(deps: Pick<ChatterSignInDeps, 'store' | 'clock'>, user: TwitchAuthorization): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.store.runTransaction(async (tx) => {
    const before = await tx.get(twitchBidderPath(user.userId));
    const record: TwitchBidder = { ...before, twitchUserId: user.userId, login: user.login, displayName: user.displayName, linkedAt: before?.linkedAt ?? now };
    tx.set(twitchBidderPath(user.userId), record);
    tx.set(twitchLoginPath(user.login), twitchLoginSeen(user.login, user.userId, now));
  });
  // Should the chatter have erased lately, their next erasure searches again for what this wrote.
  await markActed(deps, chatBidderId(user.userId));
}

/** `Secure` wherever the site is https (production): a local http runtime's browser would drop a Secure cookie. */
export function cookieOptions(app: Pick<ChatterWebApp, 'publicBaseUrl'>): CookieOptions {
  return { secure: app.publicBaseUrl.startsWith('https:') };
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}
