/**
 * @module twitch
 * Twitch (Helix, OAuth, EventSub subscriptions) as the functions see it.
 */
export interface TwitchUser {
  userId: string;
  login: string;
  displayName: string;
}

/** A stream as Helix reports it; `type` is `live` for a real broadcast. */
export interface TwitchStream {
  streamId: string;
  type: string;
  startedAt: string;
}

export interface TwitchGateway {
  /** Trades an OAuth authorization code for the Twitch user who granted it. */
  userFromAuthorizationCode(code: string, redirectUri: string): Promise<TwitchUser>;
  /**
   * Subscribes to a broadcaster's `stream.online` and `stream.offline` over the webhook
   * transport; an existing subscription counts as made.
   */
  subscribeToStreamEvents(broadcasterId: string, callbackUrl: string, secret: string): Promise<{ subscriptionIds: string[] }>;
  /** The broadcaster's current stream, or undefined when offline. */
  currentStream(broadcasterId: string): Promise<TwitchStream | undefined>;
}
