/**
 * @module session
 * A dashboard session as the store keeps it (`dashboardSessions/<id>`, the id in the signed
 * cookie), the used sign-in states (`dashboardSignIns/<state id>`), and the one rule of who
 * administers a guild: Discord's answer to `GET /users/@me/guilds` says the user owns it, or
 * holds Administrator (0x8) or Manage Server (0x20) there, the same bits `/payout` checks.
 * Discord's token is kept sealed (AES-256-GCM under `TOKEN_SEAL_KEYS`, common's sealed
 * secrets), so a reader of the store alone cannot act as the user at Discord. Sessions made
 * before that were sealed under a key derived from the session key: still opened, and sealed
 * again under the current key when the session is next written.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { collectionPath, docPath, type DiscordOAuthGuild } from '../../ports';
import { Permission } from '../../discord';
import { openSealed, sealSecret, type SealedOpening, type SealKeys } from '../../common';

export interface AdminGuild {
  id: string;
  name: string;
}

export interface DashboardSession {
  sessionId: string;
  userId: string;
  username: string;
  /** The display name if they set one, else the username: what the pages greet them by. */
  displayName: string;
  /** The guilds they administer, as Discord last said. */
  adminGuilds: AdminGuild[];
  /** When Discord last said so: asked again once `C500_DASHBOARD_RECHECK_MINUTES` have passed. */
  guildsCheckedAt: string;
  createdAt: string;
  /** The session's end: the cookie's too. A timestamp for Firestore's TTL policy; reads back as an ISO string. */
  expiresAt: Date | string;
  /** Discord's token, sealed (`sealSessionToken`), to ask about guilds again without a new sign-in. */
  sealedToken: string;
}

export const dashboardSessionsCollection = collectionPath<DashboardSession>('dashboardSessions');
export const dashboardSessionPath = (sessionId: string) => docPath<DashboardSession>(`${dashboardSessionsCollection}/${sessionId}`);

/** A sign-in state that was used: made once, so the same callback cannot start a second session. */
export interface UsedSignIn {
  stateId: string;
  usedAt: string;
  /** Past the state's own expiry nothing can replay it: Firestore's TTL may take the record then. */
  expiresAt: Date | string;
}

export const dashboardSignInsCollection = collectionPath<UsedSignIn>('dashboardSignIns');
export const dashboardSignInPath = (stateId: string) => docPath<UsedSignIn>(`${dashboardSignInsCollection}/${stateId}`);

/** The most guilds a session keeps: Discord answers at most 200 a page. */
export const maxAdminGuilds = 200;

/** The guilds Discord's answer says the user may administer: owner, Administrator or Manage Server. */
export function adminGuildsOf(guilds: readonly DiscordOAuthGuild[]): AdminGuild[] {
  return guilds
    .filter((g) => {
      if (g.owner) return true;
      if (!/^\d{1,20}$/.test(g.permissions)) return false;
      const bits = BigInt(g.permissions);
      return (bits & Permission.Administrator) !== 0n || (bits & Permission.ManageGuild) !== 0n;
    })
    .slice(0, maxAdminGuilds)
    .map((g) => ({ id: g.id, name: g.name.slice(0, 100) }));
}

export function administers(session: Pick<DashboardSession, 'adminGuilds'>, guildId: string): boolean {
  return session.adminGuilds.some((g) => g.id === guildId);
}

/** Whether Discord should be asked again about the session's guilds. */
export function rightsAreStale(session: Pick<DashboardSession, 'guildsCheckedAt'>, nowMs: number, recheckMinutes: number): boolean {
  const checked = Date.parse(session.guildsCheckedAt);
  return !Number.isFinite(checked) || nowMs - checked >= recheckMinutes * 60_000;
}

/** What the sealed value is for: authenticated with it, so it opens in this field and no other. */
const sessionTokenPurpose = 'dashboard-session:discord-token';

export function sealSessionToken(token: string, keys: SealKeys): string {
  return sealSecret(token, sessionTokenPurpose, keys);
}

/** Discord's token from a session, sealed now or (older sessions) under the session key; `stale` when it should be sealed again. */
export function openSessionToken(sealed: string, keys: SealKeys, sessionKey: string): SealedOpening {
  const opened = openSealed(sealed, sessionTokenPurpose, keys);
  if (opened.ok || opened.reason !== 'not-sealed') return opened;
  const legacy = unsealToken(sealed, sessionKey);
  return legacy === undefined ? { ok: false, reason: 'tampered' } : { ok: true, secret: legacy, stale: true };
}

const sealPurpose = 'c500:dashboard-token-seal:v1';

function sealKey(sessionKey: string): Buffer {
  return createHmac('sha256', sessionKey).update(sealPurpose).digest();
}

/** The seal sessions had before `TOKEN_SEAL_KEYS`: kept so tests can make such a session, and `unsealToken` can open one. */
export function sealToken(token: string, sessionKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(sessionKey), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** The token, or undefined when the seal is not ours (another key, or tampered with). */
export function unsealToken(sealed: string, sessionKey: string): string | undefined {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(sessionKey), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
