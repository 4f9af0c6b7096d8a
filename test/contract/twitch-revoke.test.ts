/**
 * Revoking a Twitch token (`POST https://id.twitch.tv/oauth2/revoke`) as Twitch documents it
 * (https://dev.twitch.tv/docs/authentication/revoke-tokens/), the production client against
 * the local stand-in over HTTP: 200 with no body, 400 "Invalid token", 404 for an unknown
 * client, and a revoked token refused by Helix from then on.
 */
import { revokeTwitchToken } from '../../shared/adapters/twitch/twitch-revoke';
import { mountTwitchHelixSimulator } from '../../shared/local/twitch-helix-simulator';
import { botUserId, chatWorld, clientId, clientSecret, serveApp } from '../support/twitch-chat';

async function standIn() {
  const world = await chatWorld();
  const server = await serveApp((app) =>
    mountTwitchHelixSimulator(app, { twitch: world.twitch, chat: world.chat, clock: world.clock, clientId, clientSecret }),
  );
  const userToken = async (): Promise<string> => {
    const refresh = await world.twitch.issueRefreshToken(botUserId);
    const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: refresh });
    const answer = await fetch(`${server.url}/_local/twitch/oauth2/token`, { method: 'POST', body: form });
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  const helix = (token: string) =>
    fetch(`${server.url}/_local/twitch/helix/videos?user_id=${botUserId}`, { headers: { Authorization: `Bearer ${token}`, 'Client-Id': clientId } });
  return { server, userToken, helix, revokeUrl: `${server.url}/_local/twitch/oauth2/revoke` };
}

describe('revoking a Twitch token', () => {
  it('GIVEN a live user token THEN Twitch answers 200 with no body, and Helix refuses the token from then on', async () => {
    const t = await standIn();
    try {
      const token = await t.userToken();
      expect((await t.helix(token)).status).toBe(200);
      const raw = await fetch(t.revokeUrl, { method: 'POST', body: new URLSearchParams({ client_id: clientId, token }) });
      expect(raw.status).toBe(200);
      expect(await raw.text()).toBe('');
      expect((await t.helix(token)).status).toBe(401);
    } finally {
      await t.server.close();
    }
  });

  it('GIVEN a token already revoked, or another client id THEN it answers 400 "Invalid token" or 404 "client does not exist", and the client says false', async () => {
    const t = await standIn();
    try {
      const token = await t.userToken();
      expect(await revokeTwitchToken({ clientId, revokeUrl: t.revokeUrl }, token)).toBe(true);
      const again = await fetch(t.revokeUrl, { method: 'POST', body: new URLSearchParams({ client_id: clientId, token }) });
      expect({ status: again.status, body: await again.json() }).toEqual({ status: 400, body: { status: 400, message: 'Invalid token' } });
      expect(await revokeTwitchToken({ clientId, revokeUrl: t.revokeUrl }, token)).toBe(false);
      const other = await fetch(t.revokeUrl, { method: 'POST', body: new URLSearchParams({ client_id: 'someoneelse', token: await t.userToken() }) });
      expect({ status: other.status, body: await other.json() }).toEqual({ status: 404, body: { status: 404, message: 'client does not exist' } });
    } finally {
      await t.server.close();
    }
  });

  it('GIVEN Twitch unreachable THEN the client says false and does not throw: the token ends at its expiry', async () => {
    expect(await revokeTwitchToken({ clientId, revokeUrl: 'http://127.0.0.1:9/oauth2/revoke', timeoutMs: 2_000 }, 'token')).toBe(false);
  });
});
