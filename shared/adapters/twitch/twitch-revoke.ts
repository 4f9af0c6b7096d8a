/**
 * @module twitch-revoke
 * Ends a user's Twitch token we no longer need (`POST https://id.twitch.tv/oauth2/revoke`,
 * form `client_id` and `token`: https://dev.twitch.tv/docs/authentication/revoke-tokens/).
 * C500 keeps no Twitch user token: a sign-in that only proves who someone is gives its token
 * back at once, so nothing of it outlives the request. Best effort: a failure is logged, and
 * the token then ends at its own expiry (about four hours).
 */
import { log } from '../../log';

export interface TwitchRevokeOptions {
  clientId: string;
  /** `https://id.twitch.tv/oauth2/revoke` unless given (the local stand-in's). */
  revokeUrl?: string | undefined;
  timeoutMs?: number;
}

/** True when Twitch ended it, or says it was not a live token (400 "Invalid token": nothing left to end). */
export async function revokeTwitchToken(options: TwitchRevokeOptions, token: string): Promise<boolean> {
  try {
    const response = await fetch(options.revokeUrl ?? 'https://id.twitch.tv/oauth2/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: options.clientId, token }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    if (response.ok || response.status === 400) return response.ok;
    log.warn('Twitch did not revoke a user token; it ends at its expiry', { status: response.status });
    return false;
  } catch (error) {
    log.warn('Twitch could not be reached to revoke a user token; it ends at its expiry', { error });
    return false;
  }
}
