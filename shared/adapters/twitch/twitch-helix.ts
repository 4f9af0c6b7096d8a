/**
 * @module twitch-helix
 * The production Twitch gateway: OAuth code exchange, stream subscriptions and stream
 * lookups through `@twurple/auth` and `@twurple/api`. Both packages are ESM-only and
 * loaded on first use with a real dynamic import (node16 module output keeps `import()`
 * as is), so requiring this module costs nothing at cold start. The chat subscriptions
 * go through our own Helix client (`helix-eventsub`): `channel.chat.message` with an app
 * token names the bot in its condition, which twurple's helper takes from a user token.
 */
import type { ApiClient } from '@twurple/api' with { 'resolution-mode': 'import' };
import type { EventSubWebhook, TwitchAuthorization, TwitchGateway, TwitchStream } from '../../ports';
import { HelixAppClient, type HelixAppClientOptions } from './helix-app-client';
import { HelixEventSub } from './helix-eventsub';
import { helixClips, type HelixClips } from './helix-clips';
import { revokeTwitchToken } from './twitch-revoke';

export interface TwitchHelixOptions extends HelixAppClientOptions {
  /** An app client to share with the chat adapter; one of its own otherwise. */
  client?: HelixAppClient;
  /** The bot account's refresh token (TWITCH_BOT_REFRESH_TOKEN, granted `clips:edit`): proofs are clipped as the bot. */
  botRefreshToken?: string | undefined;
  /** Twitch's revoke endpoint, unless the real one (`https://id.twitch.tv/oauth2/revoke`). */
  revokeUrl?: string | undefined;
}

export function createTwitchHelix(options: TwitchHelixOptions): TwitchGateway {
  const { clientId, clientSecret } = options;
  let client: Promise<ApiClient> | undefined;
  let eventSubClient: HelixEventSub | undefined;
  let appClient: HelixAppClient | undefined;
  const app = () => (appClient ??= options.client ?? new HelixAppClient(options));
  const eventSub = () => (eventSubClient ??= new HelixEventSub(app()));
  let clipsClient: HelixClips | undefined;
  const { botRefreshToken, ...appOptions } = options;
  const clips = () => (clipsClient ??= helixClips(app(), botRefreshToken ? new HelixAppClient({ ...appOptions, refreshToken: botRefreshToken }) : undefined));
  // One client per instance: its app token is fetched once and refreshed by twurple.
  const api = (): Promise<ApiClient> => {
    client ??= (async () => {
      const [{ AppTokenAuthProvider }, { ApiClient }] = await Promise.all([import('@twurple/auth'), import('@twurple/api')]);
      return new ApiClient({ authProvider: new AppTokenAuthProvider(clientId, clientSecret) });
    })();
    // A failed load is not cached: the next call tries again.
    client.catch(() => (client = undefined));
    return client;
  };

  return {
    async userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchAuthorization> {
      const { exchangeCode, getTokenInfo } = await import('@twurple/auth');
      // A bad or used code rejects with twurple's HttpStatusCodeError, `statusCode` 400.
      const token = await exchangeCode(clientId, clientSecret, code, redirectUri);
      const info = await getTokenInfo(token.accessToken, clientId);
      if (!info.userId || !info.userName) throw new Error('Twitch answered a user token without a user');
      const user = await (await api()).users.getUserById(info.userId);
      // A sign-in with no scope only proves who they are: its token is given back at once, so none is kept anywhere.
      // A grant with scopes (a broadcaster's channel:bot) is left as it is: revoking its token could end the grant.
      if (info.scopes.length === 0) await revokeTwitchToken({ clientId, revokeUrl: options.revokeUrl }, token.accessToken);
      return { userId: info.userId, login: info.userName, displayName: user?.displayName ?? info.userName, scopes: [...info.scopes] };
    },

    async subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }> {
      const eventSub = (await api()).eventSub;
      const transport = { method: 'webhook', callback: callbackUrl, secret } as const;
      const subscribe = async (type: 'stream.online' | 'stream.offline'): Promise<string> => {
        try {
          const made =
            type === 'stream.online'
              ? await eventSub.subscribeToStreamOnlineEvents(broadcasterId, transport)
              : await eventSub.subscribeToStreamOfflineEvents(broadcasterId, transport);
          return made.id;
        } catch (error) {
          // 409: the same type, condition and callback exist already; that one counts as made.
          if ((error as { statusCode?: unknown }).statusCode !== 409) throw error;
          const { data } = await eventSub.getSubscriptionsForUser(broadcasterId);
          // twurple marks `_transport` private but it is the only way to the callback URL.
          const existing = data.find((s) => s.type === type && (s._transport as { callback?: string }).callback === callbackUrl);
          if (!existing) throw error;
          return existing.id;
        }
      };
      return { subscriptionIds: [await subscribe('stream.online'), await subscribe('stream.offline')] };
    },

    async currentStream(broadcasterId: string): Promise<TwitchStream | undefined> {
      const stream = await (await api()).streams.getStreamByUserId(broadcasterId);
      return stream ? { streamId: stream.id, type: stream.type, startedAt: stream.startDate.toISOString() } : undefined;
    },

    async subscribeToChatMessages(broadcasterId: string, botUserId: string, webhook: EventSubWebhook): Promise<{ subscriptionId: string }> {
      const made = await eventSub().subscribe('channel.chat.message', '1', { broadcaster_user_id: broadcasterId, user_id: botUserId }, webhook);
      return { subscriptionId: made.id };
    },

    async subscribeToAuthorizationRevocations(webhook: EventSubWebhook): Promise<{ subscriptionId: string }> {
      const made = await eventSub().subscribe('user.authorization.revoke', '1', { client_id: clientId }, webhook);
      return { subscriptionId: made.id };
    },

    unsubscribe: (subscriptionId: string) => eventSub().unsubscribe(subscriptionId),

    listSubscriptions: (filter?: { type?: string; userId?: string }) => eventSub().list(filter),

    createClip: (broadcasterId: string) => clips().createClip(broadcasterId),
    clipById: (clipId: string) => clips().clipById(clipId),
    archivesOf: (userId: string) => clips().archivesOf(userId),
  };
}
