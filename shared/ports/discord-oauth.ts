/**
 * @module discord-oauth
 * Discord's OAuth2 as the dashboard sees it: an authorization code traded for a user's
 * token (scopes `identify` and `guilds`), then who the user is and which servers they are
 * in, with their permissions there. One production adapter (Discord's REST API); locally the
 * same adapter talks to the runtime's stand-in under `/_local/discord/api/v10`.
 */

/** What `/oauth2/token` answered: the token to act as the user, and when it runs out. */
export interface DiscordOAuthToken {
  accessToken: string;
  expiresInSeconds: number;
  /** Space-separated, as Discord answers it. */
  scope: string;
}

/** `GET /users/@me`, the fields the dashboard reads. */
export interface DiscordOAuthUser {
  id: string;
  username: string;
  /** The display name, when the user set one. */
  globalName?: string;
}

/** One entry of `GET /users/@me/guilds`: a partial guild with the user's permissions there. */
export interface DiscordOAuthGuild {
  id: string;
  name: string;
  owner: boolean;
  /** The user's permissions in the guild as Discord sends them: a decimal string of bits. */
  permissions: string;
}

export interface DiscordOAuth {
  /** Trades the code Discord sent the browser back with; the redirect URI must be the authorize link's. */
  exchangeCode(code: string, redirectUri: string): Promise<DiscordOAuthToken>;
  currentUser(accessToken: string): Promise<DiscordOAuthUser>;
  currentUserGuilds(accessToken: string): Promise<DiscordOAuthGuild[]>;
}

/**
 * Discord said no for good: a code already used or never issued, a revoked or expired token
 * (4xx). The person signs in again; an outage (5xx, no answer) throws a plain Error instead.
 */
export class DiscordOAuthRefused extends Error {
  readonly code = 'discord-oauth-refused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DiscordOAuthRefused';
  }
}
