/**
 * @module twitch
 * The local stand-in for Twitch: authorization codes and the scopes each user granted,
 * EventSub subscriptions, streams and who moderates which channel, kept as documents in
 * the embedded store (so they survive a restart of `npm start`). It answers the gateway's
 * calls as Helix would, refusals included; the Twitch simulator drives the other side
 * (issuing codes, going live, chatting, revoking) and delivers the signed webhooks.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  collectionPath,
  docPath,
  twitchScopes,
  type Clock,
  type DocumentStore,
  type EventSubSubscription,
  type EventSubWebhook,
  type TwitchArchive,
  type TwitchAuthorization,
  type TwitchClip,
  type TwitchGateway,
  type TwitchStream,
  type TwitchUser,
} from '../../ports';
import { LocalTwitchMedia } from './twitch-media';

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
export type LocalSubscriptionType = StreamEventType | 'channel.chat.message' | 'user.authorization.revoke';

export interface LocalSubscription {
  id: string;
  type: LocalSubscriptionType;
  version: '1';
  /** `enabled`, or the revocation reason Twitch would put here (`authorization_revoked`…). */
  status: string;
  /** The channel it is about; empty for the app's own (`user.authorization.revoke`). */
  broadcasterId: string;
  condition: Record<string, string>;
  transport: { method: 'webhook'; callback: string };
  createdAt: string;
}

interface IssuedCode {
  user: TwitchUser;
  issuedAt: string;
  redirectUri?: string;
  scopes?: string[];
}

/** What a user has granted C500 so far: Twitch adds each authorization's scopes to the app's grant. */
interface Grant {
  userId: string;
  scopes: string[];
}

export const localTwitchUsers = collectionPath<TwitchUser>('_localTwitchUsers');
export const localTwitchSubscriptions = collectionPath<LocalSubscription>('_localTwitchSubscriptions');

const paths = {
  code: (code: string) => docPath<IssuedCode>(`_localTwitchCodes/${code}`),
  user: (userId: string) => docPath<TwitchUser>(`${localTwitchUsers}/${userId}`),
  subscription: (id: string) => docPath<LocalSubscription>(`${localTwitchSubscriptions}/${id}`),
  stream: (userId: string) => docPath<TwitchStream>(`_localTwitchStreams/${userId}`),
  grant: (userId: string) => docPath<Grant>(`_localTwitchGrants/${userId}`),
  refreshToken: (token: string) => docPath<{ userId: string }>(`_localTwitchRefreshTokens/${createHash('sha256').update(token).digest('hex')}`),
  moderator: (broadcasterId: string, userId: string) => docPath<{ moderator: boolean }>(`_localTwitchModerators/${broadcasterId}_${userId}`),
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

export interface LocalTwitchOptions {
  store: DocumentStore;
  clock: Clock;
  /** Our app's client id, as `user.authorization.revoke` names it. */
  clientId?: string;
  /** Users who moderate every channel unless a channel says otherwise: the bot, when the operator says it is modded everywhere. */
  moderatorsEverywhere?: readonly string[];
  /** Whose user token Create Clip is called with: the bot's. Without one, Create Clip answers 401 as Twitch would to an app token. */
  clipperId?: string | undefined;
}

export class LocalTwitch implements TwitchGateway {
  private readonly store: DocumentStore;
  private readonly clock: Clock;
  readonly clientId: string;
  private readonly moderatorsEverywhere: ReadonlySet<string>;
  private readonly clipperId: string | undefined;
  /** Clips, past broadcasts and the channels' switches for them. */
  readonly media: LocalTwitchMedia;

  constructor(deps: LocalTwitchOptions) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.clipperId = deps.clipperId;
    this.media = new LocalTwitchMedia(deps.store, deps.clock);
    this.clientId = deps.clientId ?? 'local-twitch-client';
    this.moderatorsEverywhere = new Set(deps.moderatorsEverywhere ?? []);
  }

  /** What Twitch does when the person clicks "Authorize": the scopes granted, and a single-use code for them. */
  async issueCode(user: TwitchUser, redirectUri?: string, scopes: readonly string[] = []): Promise<string> {
    const code = randomBytes(15).toString('hex');
    await this.grant(user, scopes);
    await this.store.set(paths.code(code), {
      user: { ...user },
      issuedAt: this.clock.now().toISOString(),
      scopes: [...scopes],
      ...(redirectUri ? { redirectUri } : {}),
    });
    return code;
  }

  /** The user authorizes C500 with these scopes (added to what they granted before), as on the authorize page. */
  async grant(user: TwitchUser, scopes: readonly string[]): Promise<void> {
    await this.store.set(paths.user(user.userId), { ...user });
    await this.store.runTransaction(async (tx) => {
      const before = (await tx.get(paths.grant(user.userId)))?.scopes ?? [];
      tx.set(paths.grant(user.userId), { userId: user.userId, scopes: [...new Set([...before, ...scopes])].sort() });
    });
  }

  /** A refresh token for the user's grant, as the code exchange hands one out: the operator keeps the bot's as a secret. */
  async issueRefreshToken(userId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.store.set(paths.refreshToken(token), { userId });
    return token;
  }

  /** Whose grant a refresh token renews; undefined for one never issued, or whose user disconnected C500. */
  async userOfRefreshToken(token: string): Promise<string | undefined> {
    const userId = (await this.store.get(paths.refreshToken(token)))?.userId;
    return userId && (await this.grantOf(userId)) ? userId : undefined;
  }

  /** The scopes a user has granted C500 and not revoked; undefined for one who never authorized (or disconnected). */
  async grantOf(userId: string): Promise<string[] | undefined> {
    return (await this.store.get(paths.grant(userId)))?.scopes;
  }

  /** Whether `userId` moderates `broadcasterId`'s chat (a broadcaster is their own). */
  async isModerator(broadcasterId: string, userId: string): Promise<boolean> {
    if (broadcasterId === userId) return true;
    const set = await this.store.get(paths.moderator(broadcasterId, userId));
    return set ? set.moderator : this.moderatorsEverywhere.has(userId);
  }

  /** The broadcaster mods (`/mod`) or unmods the user. */
  async setModerator(broadcasterId: string, userId: string, moderator: boolean): Promise<void> {
    await this.store.set(paths.moderator(broadcasterId, userId), { moderator });
  }

  /**
   * Whether Twitch lets `senderId` read and write `broadcasterId`'s chat with our app token:
   * the sender granted the bot scopes, and the broadcaster granted channel:bot or modded the sender.
   */
  async mayChatAs(senderId: string, broadcasterId: string, need: 'read' | 'write'): Promise<boolean> {
    const senderScopes = (await this.grantOf(senderId)) ?? [];
    const needed = ['user:bot', need === 'read' ? 'user:read:chat' : 'user:write:chat'];
    if (!needed.every((scope) => senderScopes.includes(scope))) return false;
    if (senderId === broadcasterId) return true;
    const channelScopes = (await this.grantOf(broadcasterId)) ?? [];
    return twitchScopes.broadcaster.every((scope) => channelScopes.includes(scope)) || (await this.isModerator(broadcasterId, senderId));
  }

  async userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchAuthorization> {
    if (!/^[0-9a-z]+$/i.test(code)) throw new LocalTwitchError(400, 'Invalid authorization code');
    const now = this.clock.now();
    return this.store.runTransaction(async (tx) => {
      const issued = await tx.get(paths.code(code));
      if (!issued) throw new LocalTwitchError(400, 'Invalid authorization code');
      tx.delete(paths.code(code)); // single use, as at Twitch
      if (now.getTime() - Date.parse(issued.issuedAt) > codeLifetimeMs) throw new LocalTwitchError(400, 'Invalid authorization code');
      if (issued.redirectUri && issued.redirectUri !== redirectUri) throw new LocalTwitchError(400, 'Parameter redirect_uri does not match registered URI');
      return { ...issued.user, scopes: issued.scopes ?? [] };
    });
  }

  async subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }> {
    const webhook = { callbackUrl, secret };
    const ids: string[] = [];
    for (const type of ['stream.online', 'stream.offline'] as const) {
      ids.push((await this.subscribeOnce(type, broadcasterId, { broadcaster_user_id: broadcasterId }, webhook)).id);
    }
    return { subscriptionIds: ids };
  }

  async subscribeToChatMessages(broadcasterId: string, botUserId: string, webhook: EventSubWebhook): Promise<{ subscriptionId: string }> {
    checkSecret(webhook.secret);
    // With an app token Twitch wants user:read:chat and user:bot from the reader, and channel:bot (or a mod) from the channel.
    if (!(await this.mayChatAs(botUserId, broadcasterId, 'read'))) throw new LocalTwitchError(403, 'subscription missing proper authorization');
    const made = await this.subscribeOnce('channel.chat.message', broadcasterId, { broadcaster_user_id: broadcasterId, user_id: botUserId }, webhook);
    return { subscriptionId: made.id };
  }

  async subscribeToAuthorizationRevocations(webhook: EventSubWebhook): Promise<{ subscriptionId: string }> {
    return { subscriptionId: (await this.subscribeOnce('user.authorization.revoke', '', { client_id: this.clientId }, webhook)).id };
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    await this.store.delete(paths.subscription(subscriptionId));
  }

  async listSubscriptions(filter: { type?: string; userId?: string } = {}): Promise<EventSubSubscription[]> {
    const found = filter.type
      ? await this.store.query(localTwitchSubscriptions, { where: [['type', '==', filter.type]] })
      : await this.store.query(localTwitchSubscriptions, {});
    return found
      .map((d) => d.data)
      .filter((s) => !filter.userId || Object.values(s.condition).includes(filter.userId))
      .sort(byAge)
      .map((s) => ({
        id: s.id,
        type: s.type,
        version: s.version,
        status: s.status,
        condition: { ...s.condition },
        callback: s.transport.callback,
        createdAt: s.createdAt,
      }));
  }

  /** The enabled subscriptions Twitch would deliver an event of `type` about the channel to (any channel's when undefined). */
  async enabledSubscriptions(type: LocalSubscriptionType, broadcasterId: string | undefined): Promise<LocalSubscription[]> {
    const found = await this.store.query(localTwitchSubscriptions, { where: [['type', '==', type]] });
    return found
      .map((d) => d.data)
      .filter((s) => s.status === 'enabled' && (broadcasterId === undefined || s.broadcasterId === broadcasterId))
      .sort(byAge);
  }

  /** An enabled subscription of the type and condition, made now unless one exists. */
  private async subscribeOnce(
    type: LocalSubscriptionType,
    broadcasterId: string,
    condition: Record<string, string>,
    webhook: EventSubWebhook,
  ): Promise<LocalSubscription> {
    checkSecret(webhook.secret);
    const existing = (await this.enabledSubscriptions(type, broadcasterId)).find((s) => sameCondition(s.condition, condition));
    if (existing) {
      // Twitch would answer 409 for the same callback; here the newest callback wins, so a
      // runtime restarted on another port keeps receiving its events.
      if (existing.transport.callback !== webhook.callbackUrl)
        await this.store.update(paths.subscription(existing.id), { 'transport.callback': webhook.callbackUrl });
      return { ...existing, transport: { method: 'webhook', callback: webhook.callbackUrl } };
    }
    const subscription: LocalSubscription = {
      id: randomUUID(),
      type,
      version: '1',
      status: 'enabled',
      broadcasterId,
      condition: { ...condition },
      transport: { method: 'webhook', callback: webhook.callbackUrl },
      createdAt: this.clock.now().toISOString(),
    };
    await this.store.set(paths.subscription(subscription.id), subscription);
    return subscription;
  }

  async currentStream(broadcasterId: string): Promise<TwitchStream | undefined> {
    const stream = await this.store.get(paths.stream(broadcasterId));
    return stream ? { streamId: stream.streamId, type: stream.type, startedAt: stream.startedAt } : undefined;
  }

  async createClip(broadcasterId: string): Promise<{ clipId: string }> {
    return this.clipAs(this.clipperId, broadcasterId);
  }

  /** Create Clip with `userId`'s token: it must carry clips:edit. */
  async clipAs(userId: string | undefined, broadcasterId: string): Promise<{ clipId: string }> {
    if (!userId || !((await this.grantOf(userId)) ?? []).includes('clips:edit')) throw new LocalTwitchError(401, 'Missing scope: clips:edit');
    return this.media.createClip(broadcasterId, userId, await this.currentStream(broadcasterId));
  }

  async clipById(clipId: string): Promise<TwitchClip | undefined> {
    const clip = await this.media.clipById(clipId);
    return clip ? { clipId: clip.clipId, url: clip.url, broadcasterId: clip.broadcasterId, createdAt: clip.createdAt } : undefined;
  }

  archivesOf(userId: string): Promise<TwitchArchive[]> {
    return this.media.archivesOf(userId);
  }

  async subscriptionsFor(broadcasterId: string): Promise<LocalSubscription[]> {
    const found = await this.store.query(localTwitchSubscriptions, { where: [['broadcasterId', '==', broadcasterId]] });
    return found.map((d) => d.data).sort(byAge);
  }

  async subscription(id: string): Promise<LocalSubscription | undefined> {
    return this.store.get(paths.subscription(id));
  }

  /** A user seen before (authorized, or named by the simulator), by id. */
  async userById(userId: string): Promise<TwitchUser | undefined> {
    const found = await this.store.get(paths.user(userId));
    return found ? { userId: found.userId, login: found.login, displayName: found.displayName } : undefined;
  }

  /** Remembers a user the simulator named (a chatter, a channel), so later lookups by login or id find them. */
  async rememberUser(user: TwitchUser): Promise<void> {
    const known = await this.store.get(paths.user(user.userId));
    if (!known || known.login !== user.login || known.displayName !== user.displayName) await this.store.set(paths.user(user.userId), { ...user });
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
    if (stream) {
      await this.store.set(paths.stream(broadcasterId), { ...stream });
      // A live broadcast is archived from its start (a rerun or premiere plays a video that exists).
      if (stream.type === 'live') await this.media.archive(broadcasterId, stream);
    } else await this.store.delete(paths.stream(broadcasterId));
  }

  /** Ends a subscription as Twitch does; answers it with its new status, or undefined. */
  async revoke(subscriptionId: string, reason = 'authorization_revoked'): Promise<LocalSubscription | undefined> {
    const subscription = await this.subscription(subscriptionId);
    if (!subscription) return undefined;
    await this.store.update(paths.subscription(subscriptionId), { status: reason });
    return { ...subscription, status: reason };
  }

  /**
   * The user disconnects C500 on Twitch (Settings, Connections): their grant is gone, and
   * so is every subscription that needed it (chat, read as them or in their channel), with
   * `authorization_revoked`. Answers the subscriptions so ended.
   */
  async revokeAuthorization(userId: string): Promise<LocalSubscription[]> {
    await this.store.delete(paths.grant(userId));
    const ended: LocalSubscription[] = [];
    for (const subscription of await this.enabledSubscriptions('channel.chat.message', undefined)) {
      if (!Object.values(subscription.condition).includes(userId)) continue;
      const revoked = await this.revoke(subscription.id, 'authorization_revoked');
      if (revoked) ended.push(revoked);
    }
    return ended;
  }
}

/** Twitch's own rule for the transport's secret; loadConfig refuses such a secret at start. */
function checkSecret(secret: string): void {
  if (!/^[\x20-\x7e]{10,100}$/.test(secret))
    throw new LocalTwitchError(400, 'The parameter "transport.secret" was malformed: the value must be between 10 and 100 characters');
}

function sameCondition(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

function byAge(a: LocalSubscription, b: LocalSubscription): number {
  return a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type);
}
