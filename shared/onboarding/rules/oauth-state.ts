/**
 * @module oauth-state
 * The `state` of the Twitch OAuth round trip: who asked to link (their Discord id), until
 * when, and a nonce, signed with HMAC-SHA256 so the callback can trust it without storing
 * anything. Nobody can link a channel to someone else's Discord account by editing it.
 * The key is the Twitch client secret: only our functions hold it.
 *
 * @example
 * const state = signOAuthState({ discordUserId: '42', expiresAt: in15Minutes }, key);
 * readOAuthState(state, key, new Date()); // { ok: true, discordUserId: '42' }
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OAuthStateClaims {
  discordUserId: string;
  /** Shown on the callback page, so whoever authorized on Twitch sees whose builder profile they linked. */
  discordName?: string;
  guildId?: string;
  expiresAt: Date;
}

export type OAuthStateReading = { ok: true; discordUserId: string; discordName?: string; guildId?: string } | { ok: false; reason: 'forged' | 'expired' };

/** What travels inside the state, with short keys: it rides in a URL. */
interface StatePayload {
  u: string;
  d?: string;
  g?: string;
  /** Expiry, epoch milliseconds. */
  e: number;
  n: string;
}

/**
 * The name's room in the state, in bytes of its JSON: an emoji is 4 bytes and a CJK character
 * 3, so a cap in characters lets a long name push the link past Discord's 512 characters for
 * a button. With ids of at most 20 digits, this keeps the whole state under 300 characters.
 */
const nameBytes = 64;

/** The name's start, whole characters only, ending in an ellipsis when cut, whose JSON fits in `max` bytes. */
function nameWithin(name: string, max: number): string {
  const size = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8');
  if (size(name) <= max) return name;
  const characters = Array.from(name.slice(0, max));
  while (characters.length > 0 && size(`${characters.join('')}…`) > max) characters.pop();
  return `${characters.join('')}…`;
}

// Domain separation, in case the same key ever signs something else.
const purpose = 'c500:twitch-oauth-state:v1:';

export function signOAuthState(claims: OAuthStateClaims, key: string): string {
  const payload: StatePayload = {
    u: claims.discordUserId,
    ...(claims.discordName ? { d: nameWithin(claims.discordName, nameBytes) } : {}),
    ...(claims.guildId ? { g: claims.guildId } : {}),
    e: claims.expiresAt.getTime(),
    n: randomBytes(12).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(body, key).toString('base64url')}`;
}

export function readOAuthState(state: string, key: string, now: Date): OAuthStateReading {
  const body = verifiedBody(state, key, purpose);
  // Stryker disable next-line ConditionalExpression: parsePayload(undefined) throws inside its try and also answers undefined.
  const payload = body === undefined ? undefined : parsePayload(body);
  // Signed but unreadable means our own format changed: refuse it like a forgery.
  if (!payload) return { ok: false, reason: 'forged' };
  if (now.getTime() >= payload.e) return { ok: false, reason: 'expired' };
  return { ok: true, discordUserId: payload.u, ...(payload.d ? { discordName: payload.d } : {}), ...(payload.g ? { guildId: payload.g } : {}) };
}

/**
 * The undo link on the callback page. Only the browser that just authorized on Twitch sees
 * it, so it proves control of the channel: someone tricked into authorizing another
 * person's link can take their channel back.
 */
export interface UnlinkClaims {
  twitchUserId: string;
  builderId: string;
  expiresAt: Date;
}

const unlinkPurpose = 'c500:twitch-unlink:v1:';

export function signUnlinkToken(claims: UnlinkClaims, key: string): string {
  const body = Buffer.from(JSON.stringify({ t: claims.twitchUserId, u: claims.builderId, e: claims.expiresAt.getTime() }), 'utf8').toString('base64url');
  return `${body}.${mac(body, key, unlinkPurpose).toString('base64url')}`;
}

export function readUnlinkToken(
  token: string,
  key: string,
  now: Date,
): { ok: true; twitchUserId: string; builderId: string } | { ok: false; reason: 'forged' | 'expired' } {
  const body = verifiedBody(token, key, unlinkPurpose);
  // Stryker disable next-line ConditionalExpression: without it Buffer.from(undefined) throws inside the try below, which also answers forged.
  if (body === undefined) return { ok: false, reason: 'forged' };
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { t?: unknown; u?: unknown; e?: unknown };
    if (typeof p.t !== 'string' || typeof p.u !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'forged' };
    if (now.getTime() >= p.e) return { ok: false, reason: 'expired' };
    return { ok: true, twitchUserId: p.t, builderId: p.u };
  } catch {
    return { ok: false, reason: 'forged' };
  }
}

/** The body of `<body>.<mac>` when the MAC is ours for this purpose. */
function verifiedBody(token: string, key: string, forPurpose: string): string | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  // Compared as text: base64url decoding skips stray characters, so bytes would accept variants.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(mac(body, key, forPurpose).toString('base64url'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}

export interface TwitchAuthorizeRequest {
  /** `https://id.twitch.tv/oauth2/authorize`, or the local simulator. */
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}

/**
 * The link a builder opens to prove they control a channel. No scope: the user id is all
 * we need, and `stream.online` / `stream.offline` need no user authorization.
 * `force_verify` makes Twitch ask even when already authorized, so a shared browser
 * signed in as someone else is noticed.
 */
export function twitchAuthorizeLink(request: TwitchAuthorizeRequest): string {
  const url = new URL(request.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', '');
  url.searchParams.set('state', request.state);
  url.searchParams.set('force_verify', 'true');
  return url.toString();
}

/**
 * The link our `/c500 link-twitch` button carries: our callback with `start=<state>`, which
 * sends the browser on to Twitch (see `startTwitchLink`). Short by construction, unlike
 * Twitch's own authorize URL, which repeats our callback and adds its parameters.
 */
export function twitchStartLink(redirectUri: string, state: string): string {
  return `${redirectUri}?start=${encodeURIComponent(state)}`;
}

function mac(body: string, key: string, forPurpose = purpose): Buffer {
  return createHmac('sha256', key).update(forPurpose).update(body).digest();
}

function parsePayload(body: string): StatePayload | undefined {
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<StatePayload>;
    if (typeof p.u !== 'string' || !p.u || typeof p.e !== 'number' || typeof p.n !== 'string') return undefined;
    if ((p.g !== undefined && typeof p.g !== 'string') || (p.d !== undefined && typeof p.d !== 'string')) return undefined;
    return { u: p.u, e: p.e, n: p.n, ...(p.d ? { d: p.d } : {}), ...(p.g ? { g: p.g } : {}) };
  } catch {
    return undefined;
  }
}
