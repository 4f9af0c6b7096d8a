/**
 * @module local-twitch
 * The local stand-in for Twitch: authorization codes, EventSub subscriptions and streams
 * kept as documents in the embedded store (so they survive a restart of `npm start`).
 * It answers the gateway's calls as Helix would; the Twitch simulator drives the other
 * side (issuing codes, going live, revoking) and delivers the signed webhooks.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { collectionPath, docPath, type Clock, type DocumentStore, type TwitchGateway, type TwitchStream, type TwitchUser } from '../../ports';

/** Twitch answers a bad, used or expired code with 400; twurple throws it with `statusCode`. */
export class LocalTwitchError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'LocalTwitchError';
  }
}

export type StreamEventType = 'stream.online' | 'stream.offline';

export interface LocalSubscription {
  id: string;
  type: StreamEventType;
  version: '1';
  /** `enabled`, or the revocation reason Twitch would put here (`authorization_revoked`…). */
  status: string;
  broadcasterId: string;
  condition: { broadcaster_user_id: string };
  transport: { method: 'webhook'; callback: string };
  createdAt: string;
}

interface IssuedCode {
  user: TwitchUser;
  issuedAt: string;
  redirectUri?: string;
}

export const localTwitchUsers = collectionPath<TwitchUser>('_localTwitchUsers');
export const localTwitchSubscriptions = collectionPath<LocalSubscription>('_localTwitchSubscriptions');

const paths = {
  code: (code: string) => docPath<IssuedCode>(`_localTwitchCodes/${code}`),
  user: (userId: string) => docPath<TwitchUser>(`${localTwitchUsers}/${userId}`),
  subscription: (id: string) => docPath<LocalSubscription>(`${localTwitchSubscriptions}/${id}`),
  stream: (userId: string) => docPath<TwitchStream>(`_localTwitchStreams/${userId}`),
};

/** Twitch lets a code be exchanged for about ten minutes. */
const codeLifetimeMs = 10 * 60 * 1000;

/**
 * A Twitch user for a login; without an id, one derived from the login (nine digits, like
 * Twitch's), so the same login is the same user across runs.
 */
export function localTwitchUser(login: string, userId?: string): TwitchUser {
  const name = login.trim().toLowerCase();
  const id = userId ?? String(100_000_000 + (createHash('sha256').update(name).digest().readUInt32BE(0) % 900_000_000));
  return { userId: id, login: name, displayName: login.trim() };
}

export class LocalTwitch implements TwitchGateway {
  private readonly store: DocumentStore;
  private readonly clock: Clock;

  constructor(deps: { store: DocumentStore; clock: Clock }) {
    this.store = deps.store;
    this.clock = deps.clock;
  }

  /** What Twitch does when the person clicks "Authorize": a single-use code for them. */
  async issueCode(user: TwitchUser, redirectUri?: string): Promise<string> {
    const code = randomBytes(15).toString('hex');
    await this.store.set(paths.user(user.userId), { ...user });
    await this.store.set(paths.code(code), { user: { ...user }, issuedAt: this.clock.now().toISOString(), ...(redirectUri ? { redirectUri } : {}) });
    return code;
  }

  async userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchUser> {
    if (!/^[0-9a-z]+$/i.test(code)) throw new LocalTwitchError(400, 'Invalid authorization code');
    const now = this.clock.now();
    return this.store.runTransaction(async (tx) => {
      const issued = await tx.get(paths.code(code));
      if (!issued) throw new LocalTwitchError(400, 'Invalid authorization code');
      tx.delete(paths.code(code)); // single use, as at Twitch
      if (now.getTime() - Date.parse(issued.issuedAt) > codeLifetimeMs) throw new LocalTwitchError(400, 'Invalid authorization code');
      if (issued.redirectUri && issued.redirectUri !== redirectUri) throw new LocalTwitchError(400, 'Parameter redirect_uri does not match registered URI');
      return issued.user;
    });
  }

  async subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }> {
    // Twitch's own rule for the transport's secret; loadConfig refuses such a secret at start.
    if (!/^[\x20-\x7e]{10,100}$/.test(secret))
      throw new LocalTwitchError(400, 'The parameter "transport.secret" was malformed: the value must be between 10 and 100 characters');
    const ids: string[] = [];
    for (const type of ['stream.online', 'stream.offline'] as const) {
      const existing = (await this.subscriptionsFor(broadcasterId)).find((s) => s.type === type && s.status === 'enabled');
      if (existing) {
        // Twitch would answer 409 for the same callback; here the newest callback wins, so a
        // runtime restarted on another port keeps receiving its events.
        if (existing.transport.callback !== callbackUrl) await this.store.update(paths.subscription(existing.id), { 'transport.callback': callbackUrl });
        ids.push(existing.id);
        continue;
      }
      const subscription: LocalSubscription = {
        id: randomUUID(),
        type,
        version: '1',
        status: 'enabled',
        broadcasterId,
        condition: { broadcaster_user_id: broadcasterId },
        transport: { method: 'webhook', callback: callbackUrl },
        createdAt: this.clock.now().toISOString(),
      };
      await this.store.set(paths.subscription(subscription.id), subscription);
      ids.push(subscription.id);
    }
    return { subscriptionIds: ids };
  }

  async currentStream(broadcasterId: string): Promise<TwitchStream | undefined> {
    const stream = await this.store.get(paths.stream(broadcasterId));
    return stream ? { streamId: stream.streamId, type: stream.type, startedAt: stream.startedAt } : undefined;
  }

  async subscriptionsFor(broadcasterId: string): Promise<LocalSubscription[]> {
    const found = await this.store.query(localTwitchSubscriptions, { where: [['broadcasterId', '==', broadcasterId]] });
    return found.map((d) => d.data).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type));
  }

  async subscription(id: string): Promise<LocalSubscription | undefined> {
    return this.store.get(paths.subscription(id));
  }

  /** A user who authorized before, by login; undefined for a login never seen. */
  async userByLogin(login: string): Promise<TwitchUser | undefined> {
    const [found] = await this.store.query(localTwitchUsers, { where: [['login', '==', login.trim().toLowerCase()]], limit: 1 });
    return found ? { userId: found.data.userId, login: found.data.login, displayName: found.data.displayName } : undefined;
  }

  /** The user changes their login, as Twitch allows: same user id, new name in every later event. */
  async rename(login: string, newLogin: string): Promise<TwitchUser | undefined> {
    const user = await this.userByLogin(login);
    if (!user) return undefined;
    const renamed = { ...user, login: newLogin.trim().toLowerCase() };
    await this.store.set(paths.user(user.userId), { ...renamed });
    return renamed;
  }

  /** Goes live (a stream) or offline (undefined), as Helix would then report it. */
  async setStream(broadcasterId: string, stream: TwitchStream | undefined): Promise<void> {
    if (stream) await this.store.set(paths.stream(broadcasterId), { ...stream });
    else await this.store.delete(paths.stream(broadcasterId));
  }

  /** Ends a subscription as Twitch does; answers it with its new status, or undefined. */
  async revoke(subscriptionId: string, reason = 'authorization_revoked'): Promise<LocalSubscription | undefined> {
    const subscription = await this.subscription(subscriptionId);
    if (!subscription) return undefined;
    await this.store.update(paths.subscription(subscriptionId), { status: reason });
    return { ...subscription, status: reason };
  }
}
