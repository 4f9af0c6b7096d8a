/**
 * @module twitch
 * Twitch (Helix, OAuth, EventSub subscriptions) as the functions see it.
 */
export interface TwitchUser {
  userId: string;
  login: string;
  displayName: string;
}

/** Who signed in on Twitch's authorize page, and the scopes their token carries (none for an identity-only sign-in). */
export interface TwitchAuthorization extends TwitchUser {
  scopes: string[];
}

/**
 * The scopes each party grants for chat bidding (https://dev.twitch.tv/docs/authentication/scopes/):
 * with an app access token, Twitch lets the bot read and write a channel's chat once the
 * bot account has granted `bot` and the broadcaster has granted `channel` (or made the bot
 * a moderator). A chatter signs in with no scope at all: it proves who they are, nothing more.
 */
export const twitchScopes = {
  chatter: [] as readonly string[],
  broadcaster: ['channel:bot'] as readonly string[],
  // clips:edit: the bot clips a builder's stream at each proof of work (Create Clip needs a user token).
  // moderator:manage:chat_messages: where the bot is also a moderator, it deletes a public `!bid` typed in a sealed final call.
  bot: ['user:read:chat', 'user:write:chat', 'user:bot', 'clips:edit', 'moderator:manage:chat_messages'] as readonly string[],
} as const;

/** A stream as Helix reports it; `type` is `live` for a real broadcast. */
export interface TwitchStream {
  streamId: string;
  type: string;
  startedAt: string;
}

/** A clip as Get Clips answers it. */
export interface TwitchClip {
  clipId: string;
  /** The clip's page, `https://clips.twitch.tv/<id>`. */
  url: string;
  broadcasterId: string;
  createdAt: string;
}

/** A past broadcast (VOD) as Get Videos answers it with `type=archive`. */
export interface TwitchArchive {
  videoId: string;
  /** The stream it recorded; null for an upload or highlight. */
  streamId: string | null;
  /** When the recording began: the stream's start. */
  createdAt: string;
  url: string;
}

/** An EventSub subscription as Helix lists it (Get EventSub Subscriptions), webhook transport. */
export interface EventSubSubscription {
  id: string;
  type: string;
  version: string;
  /** `enabled`, `webhook_callback_verification_pending`, or why Twitch ended it (`authorization_revoked`, `user_removed`…). */
  status: string;
  condition: Record<string, string>;
  callback: string;
  createdAt: string;
}

/** Where Twitch delivers a subscription's messages and the secret it signs them with (10 to 100 ASCII characters). */
export interface EventSubWebhook {
  callbackUrl: string;
  secret: string;
}

export interface TwitchGateway {
  /** Trades an OAuth authorization code for the Twitch user who granted it and the scopes they granted. */
  userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchAuthorization>;
  /**
   * Subscribes to a broadcaster's `stream.online` and `stream.offline` over the webhook
   * transport; an existing subscription counts as made.
   */
  subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }>;
  /** The broadcaster's current stream, or undefined when offline. */
  currentStream(broadcasterId: string): Promise<TwitchStream | undefined>;
  /**
   * Subscribes to the channel's `channel.chat.message` (version 1), read as the bot
   * (condition `{ broadcaster_user_id, user_id: botUserId }`), over the webhook transport
   * with the app access token; an existing one with the same condition and callback counts
   * as made. Twitch answers 403 until the bot granted `user:read:chat` and `user:bot` and
   * the broadcaster `channel:bot` (or modded the bot): that throws, with `statusCode` 403.
   */
  subscribeToChatMessages(broadcasterId: string, botUserId: string, webhook: EventSubWebhook): Promise<{ subscriptionId: string }>;
  /** Subscribes to `user.authorization.revoke` for our client id: Twitch says when anyone disconnects C500. */
  subscribeToAuthorizationRevocations(webhook: EventSubWebhook): Promise<{ subscriptionId: string }>;
  /** Deletes a subscription; one already gone counts as deleted. */
  unsubscribe(subscriptionId: string): Promise<void>;
  /** The app's subscriptions, optionally only of one type or naming one user in their condition. */
  listSubscriptions(filter?: { type?: string; userId?: string }): Promise<EventSubSubscription[]>;
  /**
   * Create Clip of the broadcaster's live stream, as the bot (its user token, `clips:edit`).
   * Twitch makes the clip afterwards: confirm it with `clipById`. Throws with `statusCode`
   * 403 (clips off for the channel, or the token may not clip) or 404 (not live), and
   * `TwitchUnavailable` when Twitch fails or does not answer.
   */
  createClip(broadcasterId: string): Promise<{ clipId: string }>;
  /** Get Clips by id: undefined until Twitch has made it (and for good, when it failed). */
  clipById(clipId: string): Promise<TwitchClip | undefined>;
  /** The user's archived broadcasts (Get Videos, `type=archive`), newest first: the first page. */
  archivesOf(userId: string): Promise<TwitchArchive[]>;
}
