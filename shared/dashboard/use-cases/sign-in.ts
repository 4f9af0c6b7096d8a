/**
 * @module sign-in
 * The Discord sign-in, both ends. `startSignIn`: a nonce in the browser's cookie, a state
 * signed with the nonce's hash, and Discord's authorize link. `finishSignIn` (the OAuth
 * callback): the state must be ours, unexpired and bound to this browser's nonce, and is
 * claimed once; then the code is traded, the user and their guilds are read, and a session
 * is made whose id the cookie carries from then on. Every refusal is a value the page
 * explains; nothing is kept from a sign-in that did not finish.
 */
import { DiscordOAuthRefused, type DiscordOAuthGuild } from '../../ports';
import { log } from '../../log';
import { markActed } from '../../privacy';
import { browserBinding, cookieOf, newId, readCookieValue, sealCookieValue, setCookieHeader } from '../rules/session-cookie';
import { discordAuthorizeLink, discordRedirectUri, readSignInState, safeReturnTo, signInMinutes, signSignInState } from '../rules/sign-in-state';
import { adminGuildsOf, dashboardSessionPath, dashboardSignInPath, sealSessionToken, type DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

export interface Redirect {
  location: string;
  setCookie: string;
}

/** Sends a signed-out browser to Discord, remembering where it was going. */
export function startSignIn(deps: Pick<DashboardDeps, 'clock' | 'settings'>, returnTo: string, hints: Record<string, string> = {}): Redirect {
  const { settings } = deps;
  const nowMs = deps.clock.now().getTime();
  const expiresAtMs = nowMs + signInMinutes * 60_000;
  const nonce = newId();
  const state = signSignInState({ stateId: newId(), browser: browserBinding(nonce), returnTo: safeReturnTo(returnTo), expiresAtMs }, settings.sessionKey);
  const location = discordAuthorizeLink({
    authorizeUrl: settings.discordAuthorizeUrl,
    clientId: settings.clientId,
    redirectUri: discordRedirectUri(settings.publicBaseUrl),
    state,
    ...(settings.localSignIn ? { hints } : {}),
  });
  const claim = { kind: 'sign-in', id: nonce, expiresAtMs } as const;
  return { location, setCookie: setCookieHeader(sealCookieValue(claim, settings.sessionKey), claim, nowMs, { secure: settings.secureCookies }) };
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

export type SignInRefusal = 'denied' | 'forged' | 'expired' | 'other-browser' | 'replayed' | 'missing-code' | 'code-refused' | 'discord-unavailable';
export type SignInOutcome = ({ ok: true } & Redirect) | { ok: false; reason: SignInRefusal };

export async function finishSignIn(deps: DashboardDeps, query: CallbackQuery, cookieHeader: string | undefined): Promise<SignInOutcome> {
  const { settings } = deps;
  const now = deps.clock.now();
  if (query.error) return { ok: false, reason: 'denied' };
  const reading = readSignInState(query.state, settings.sessionKey, now.getTime());
  if (!reading.ok) return reading;
  const { state } = reading;
  const cookie = readCookieValue(cookieOf(cookieHeader), settings.sessionKey, now.getTime());
  if (!cookie.ok || cookie.claim.kind !== 'sign-in' || browserBinding(cookie.claim.id) !== state.browser) return { ok: false, reason: 'other-browser' };
  if (!query.code) return { ok: false, reason: 'missing-code' };
  const claimed = await deps.store.createIfAbsent(dashboardSignInPath(state.stateId), {
    stateId: state.stateId,
    usedAt: now.toISOString(),
    expiresAt: new Date(state.expiresAtMs),
  });
  if (!claimed) return { ok: false, reason: 'replayed' };

  const found = await askDiscord(deps, query.code);
  if (!found.ok) return found;
  const session = newSession(deps, found, now);
  await deps.store.set(dashboardSessionPath(session.sessionId), session);
  // A session names its member: should they have erased lately, their next erasure searches again (and ends it).
  await markActed(deps, session.userId);
  const claim = { kind: 'session', id: session.sessionId, expiresAtMs: Date.parse(String(session.expiresAt)) } as const;
  log.info('dashboard sign-in', { userId: session.userId, adminGuilds: session.adminGuilds.length });
  return {
    ok: true,
    location: state.returnTo,
    setCookie: setCookieHeader(sealCookieValue(claim, settings.sessionKey), claim, now.getTime(), { secure: settings.secureCookies }),
  };
}

interface Found {
  ok: true;
  accessToken: string;
  user: { id: string; username: string; globalName?: string };
  guilds: DiscordOAuthGuild[];
}

/** The code traded, then who it is and where they are admin; Discord's refusals and outages as values. */
async function askDiscord(deps: DashboardDeps, code: string): Promise<Found | { ok: false; reason: 'code-refused' | 'discord-unavailable' }> {
  try {
    const token = await deps.discord.exchangeCode(code, discordRedirectUri(deps.settings.publicBaseUrl));
    const [user, guilds] = await Promise.all([deps.discord.currentUser(token.accessToken), deps.discord.currentUserGuilds(token.accessToken)]);
    return { ok: true, accessToken: token.accessToken, user, guilds };
  } catch (error) {
    const refused = error instanceof DiscordOAuthRefused;
    log.warn(refused ? 'Discord refused the sign-in code' : 'Discord could not be reached for a sign-in', { error });
    return { ok: false, reason: refused ? 'code-refused' : 'discord-unavailable' };
  }
}

function newSession(deps: DashboardDeps, found: Found, now: Date): DashboardSession {
  const { settings } = deps;
  return {
    sessionId: newId(),
    userId: found.user.id,
    username: found.user.username,
    displayName: (found.user.globalName ?? found.user.username).slice(0, 64),
    adminGuilds: adminGuildsOf(found.guilds),
    guildsCheckedAt: now.toISOString(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + settings.sessionMinutes * 60_000),
    sealedToken: sealSessionToken(found.accessToken, settings.sealKeys),
  };
}
