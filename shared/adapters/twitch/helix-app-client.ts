/**
 * @module helix-app-client
 * Helix over Node's global `fetch`, as the app: an app access token from the client
 * credentials grant (https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/#client-credentials-grant-flow),
 * kept until a minute before it expires, shared by concurrent calls, and fetched again once
 * when Helix answers 401 (Twitch may revoke an app token at any time). Both URLs can be
 * pointed elsewhere: the local runtime's Twitch simulator answers the same paths, and tests
 * stand a server in for Twitch. Nothing secret reaches an error or a log.
 */

export interface HelixAppClientOptions {
  clientId: string;
  clientSecret: string;
  /** Helix's base URL, without a trailing slash: `https://api.twitch.tv/helix` unless given. */
  helixUrl?: string;
  /** The token endpoint: `https://id.twitch.tv/oauth2/token` unless given. */
  tokenUrl?: string;
  /** Each HTTP call's own limit. */
  timeoutMs?: number;
  now?: () => number;
  /**
   * Call Helix as a user instead of the app: the user's access token from this refresh token
   * (https://dev.twitch.tv/docs/authentication/refresh-tokens/), for the few endpoints an app
   * token cannot call (Create Clip, as the bot).
   */
  refreshToken?: string;
}

/** What Helix answered: the status, the headers (rate limits) and the JSON body, if any. */
export interface HelixAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Twitch answered a status the caller does not expect; `statusCode` as twurple's errors carry it. */
export class TwitchHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwitchHttpError';
  }
}

/** Twitch could not be reached, timed out, or answered 5xx: a failure of Twitch's, worth another try later. */
export class TwitchUnavailable extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'TwitchUnavailable';
  }
}

interface AppToken {
  token: string;
  expiresAtMs: number;
}

const renewAheadMs = 60_000;

export class HelixAppClient {
  private readonly helixUrl: string;
  private readonly tokenUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private token: Promise<AppToken> | undefined;
  /** Twitch may answer a refresh with a new refresh token: the newest is used from then on. */
  private refreshToken: string | undefined;

  constructor(private readonly options: HelixAppClientOptions) {
    this.helixUrl = (options.helixUrl ?? 'https://api.twitch.tv/helix').replace(/\/+$/, '');
    this.tokenUrl = options.tokenUrl ?? 'https://id.twitch.tv/oauth2/token';
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.refreshToken = options.refreshToken;
  }

  /** One Helix call as the app; a 401 gets one more try with a new token. */
  async request(method: 'GET' | 'POST' | 'DELETE', path: string, input: { query?: Record<string, string>; body?: unknown } = {}): Promise<HelixAnswer> {
    const url = new URL(`${this.helixUrl}${path}`);
    for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.set(name, value);
    for (let attempt = 1; ; attempt++) {
      const token = await this.appToken();
      const answer = await this.call(url, method, token.token, input.body);
      if (answer.status !== 401 || attempt > 1) return answer;
      // Revoked or expired early: forget it, unless another call already did.
      if (this.token && (await this.token.catch(() => undefined)) === token) this.token = undefined;
    }
  }

  private async call(url: URL, method: string, token: string, body: unknown): Promise<HelixAnswer> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          'Client-Id': this.options.clientId,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TwitchUnavailable(`Helix ${method} ${url.pathname} failed: ${errorText(error)}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  }

  private appToken(): Promise<AppToken> {
    const current = this.token;
    if (current) {
      // A token near its end is renewed; the check waits for one already on its way.
      return current.then((t) => (t.expiresAtMs - renewAheadMs > this.now() ? t : this.renewToken(current)));
    }
    return this.renewToken(undefined);
  }

  private renewToken(stale: Promise<AppToken> | undefined): Promise<AppToken> {
    if (this.token !== stale && this.token) return this.token;
    const fresh = this.fetchToken();
    this.token = fresh;
    // A failed fetch is not kept: the next call asks again.
    fresh.catch(() => {
      if (this.token === fresh) this.token = undefined;
    });
    return fresh;
  }

  private async fetchToken(): Promise<AppToken> {
    const asUser = this.refreshToken !== undefined;
    const grant: Record<string, string> = asUser
      ? { grant_type: 'refresh_token', refresh_token: this.refreshToken ?? '' }
      : { grant_type: 'client_credentials' };
    const form = new URLSearchParams({ client_id: this.options.clientId, client_secret: this.options.clientSecret, ...grant });
    let response: Response;
    try {
      response = await fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TwitchUnavailable(`Twitch's token endpoint failed: ${errorText(error)}`, { cause: error });
    }
    const body = parseJson(await response.text().catch(() => '')) as
      { access_token?: unknown; expires_in?: unknown; message?: unknown; refresh_token?: unknown } | undefined;
    if (response.status >= 500 || response.status === 429) throw new TwitchUnavailable(`Twitch's token endpoint answered ${response.status}`);
    if (!response.ok || typeof body?.access_token !== 'string') {
      const said = typeof body?.message === 'string' ? `: ${body.message.slice(0, 200)}` : '';
      const whose = asUser ? 'the refresh token (TWITCH_BOT_REFRESH_TOKEN)' : "the app's credentials (TWITCH_CLIENT_ID, TWITCH_CLIENT_SECRET)";
      throw new TwitchHttpError(response.status, `Twitch refused ${whose} with ${response.status}${said}`);
    }
    if (asUser && typeof body.refresh_token === 'string' && body.refresh_token) this.refreshToken = body.refresh_token;
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3_600;
    return { token: body.access_token, expiresAtMs: this.now() + seconds * 1_000 };
  }
}

/** Twitch's `message` from an error body, for an error of ours (never the request). */
export function helixMessage(answer: HelixAnswer): string {
  const message = (answer.body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message.slice(0, 300) : `HTTP ${answer.status}`;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
