/**
 * @module discord-oauth-client
 * The production Discord OAuth2 adapter: the authorization code traded at
 * `POST <api>/oauth2/token` (form-encoded, the client's id and secret in the body, as
 * Discord's guide shows), then `GET <api>/users/@me` and `GET <api>/users/@me/guilds` with
 * the user's bearer token. The base URL is all that changes locally (the runtime's stand-in),
 * so this is the code the tests run. Plain `fetch`: three calls need no SDK.
 */
import { required, type Config } from '../../config';
import { DiscordOAuthRefused, type DiscordOAuth, type DiscordOAuthGuild, type DiscordOAuthToken, type DiscordOAuthUser } from '../../ports';

export interface DiscordOAuthOptions {
  /** `https://discord.com/api/v10`, or the local stand-in. */
  apiUrl: string;
  /** The application id is the OAuth client id. */
  clientId: string;
  clientSecret: string;
  /** Per call: Discord answers in well under a second; a hung call must not hold a page. */
  timeoutMs?: number;
}

export function createDiscordOAuth(options: DiscordOAuthOptions): DiscordOAuth {
  const base = options.apiUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const call = async (path: string, init: RequestInit): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw new DiscordOAuthRefused(response.status, `Discord answered ${response.status} to ${path}: ${text.slice(0, 200)}`);
    }
    if (!response.ok) throw new Error(`Discord answered ${response.status} to ${path}`);
    return JSON.parse(text) as unknown;
  };
  const asUser = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });

  return {
    async exchangeCode(code: string, redirectUri: string): Promise<DiscordOAuthToken> {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: options.clientId,
        client_secret: options.clientSecret,
      });
      const answer = (await call('/oauth2/token', {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      })) as { access_token?: unknown; expires_in?: unknown; scope?: unknown };
      if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number')
        throw new Error('Discord answered the code exchange without a token');
      return { accessToken: answer.access_token, expiresInSeconds: answer.expires_in, scope: typeof answer.scope === 'string' ? answer.scope : '' };
    },

    async currentUser(accessToken: string): Promise<DiscordOAuthUser> {
      const user = (await call('/users/@me', asUser(accessToken))) as { id?: unknown; username?: unknown; global_name?: unknown };
      if (typeof user.id !== 'string' || typeof user.username !== 'string') throw new Error('Discord answered /users/@me without an id');
      return { id: user.id, username: user.username, ...(typeof user.global_name === 'string' && user.global_name ? { globalName: user.global_name } : {}) };
    },

    async currentUserGuilds(accessToken: string): Promise<DiscordOAuthGuild[]> {
      const guilds = await call('/users/@me/guilds', asUser(accessToken));
      if (!Array.isArray(guilds)) throw new Error('Discord answered /users/@me/guilds with something other than a list');
      return guilds.flatMap((g: { id?: unknown; name?: unknown; owner?: unknown; permissions?: unknown }) =>
        typeof g.id === 'string' && typeof g.permissions === 'string'
          ? [{ id: g.id, name: typeof g.name === 'string' ? g.name : g.id, owner: g.owner === true, permissions: g.permissions }]
          : [],
      );
    },
  };
}

/** The adapter as every platform makes it: Discord's API (or the stand-in config names) with the application's credentials. */
export function discordOAuthFor(config: Config): DiscordOAuth {
  return createDiscordOAuth({
    apiUrl: config.discordApiUrl,
    clientId: required(config, 'DISCORD_APPLICATION_ID'),
    clientSecret: required(config, 'DISCORD_CLIENT_SECRET'),
  });
}
