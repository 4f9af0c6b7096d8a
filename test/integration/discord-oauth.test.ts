/**
 * The production Discord OAuth adapter against the local Discord's stand-in over real HTTP:
 * the code traded once for the application's own redirect, the user and their guilds read
 * with the bearer token, Discord's refusals as DiscordOAuthRefused and its outages as plain
 * errors. The same adapter deploys; only its base URL differs.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDiscordOAuth } from '../../shared/adapters/discord/discord-oauth-client';
import { mountDiscordOAuthSimulator, discordOAuthPaths } from '../../shared/local/discord-oauth-simulator';
import { rawBodyReader } from '../../shared/local/raw-body';
import { DiscordOAuthRefused } from '../../shared/ports';

let server: Server;
let base: string;
const clientId = '1100000000000000001';
const clientSecret = 'local-client-secret-for-tests';
let redirectUri: string;
/** A server the runtime knows by name (the playground's). */
const namedGuild = '900000000000000001';

beforeAll(async () => {
  const app = express();
  app.use(rawBodyReader(64 * 1024));
  app.get('/down/users/@me/guilds', (_req, res) => void res.status(503).json({ message: 'Service Unavailable' }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirectUri = `${base}/oauth/discord/callback`;
  mountDiscordOAuthSimulator(app, {
    clientId,
    clientSecret,
    redirectUris: [redirectUri],
    now: () => Date.now(),
    guildName: (id) => (id === namedGuild ? 'C500 Playground' : undefined),
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function authorize(params: Record<string, string>): Promise<Response> {
  const url = new URL(`${base}${discordOAuthPaths.authorize}`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    scope: 'identify guilds',
    redirect_uri: redirectUri,
    state: 's1',
    ...params,
  }))
    url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual' });
}

async function codeFor(userId: string, adminGuilds: string[], memberGuilds: string[] = []): Promise<string> {
  const res = await authorize({ user_id: userId, username: 'cleo', admin_guilds: adminGuilds.join(','), member_guilds: memberGuilds.join(',') });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location') as string);
  expect(back.searchParams.get('state')).toBe('s1');
  return back.searchParams.get('code') as string;
}

const adapter = (secret = clientSecret, apiUrl = `${base}${discordOAuthPaths.api}`) => createDiscordOAuth({ apiUrl, clientId, clientSecret: secret });

describe('the Discord OAuth adapter against the local Discord', () => {
  it('trades a code for a token, then reads the user and the guilds with their permissions', async () => {
    const discord = adapter();
    const token = await discord.exchangeCode(await codeFor('810000000000000001', ['900000000000000001'], ['900000000000000002']), redirectUri);
    expect(token).toMatchObject({ expiresInSeconds: 604_800, scope: 'identify guilds' });
    expect(await discord.currentUser(token.accessToken)).toEqual({ id: '810000000000000001', username: 'cleo', globalName: 'cleo' });
    const guilds = await discord.currentUserGuilds(token.accessToken);
    expect(guilds.map((g) => [g.id, (BigInt(g.permissions) & 0x8n) !== 0n])).toEqual([
      ['900000000000000001', true],
      ['900000000000000002', false],
    ]);
  });

  it('names a server the runtime knows by its name, and only another by its id’s end, as a stand-in for Discord’s', async () => {
    const discord = adapter();
    const token = await discord.exchangeCode(await codeFor('810000000000000003', [namedGuild], ['900000000000000002']), redirectUri);
    expect((await discord.currentUserGuilds(token.accessToken)).map((g) => g.name)).toEqual(['C500 Playground', 'Server 0002']);
  });

  it('GIVEN a code used twice, or for another redirect THEN Discord refuses it (invalid_grant)', async () => {
    const discord = adapter();
    const code = await codeFor('810000000000000001', []);
    await discord.exchangeCode(code, redirectUri);
    await expect(discord.exchangeCode(code, redirectUri)).rejects.toBeInstanceOf(DiscordOAuthRefused);
    await expect(discord.exchangeCode(await codeFor('810000000000000001', []), `${base}/elsewhere`)).rejects.toMatchObject({ status: 400 });
  });

  it('GIVEN the wrong client secret THEN the exchange is refused (invalid_client)', async () => {
    await expect(adapter('not-the-secret').exchangeCode(await codeFor('810000000000000001', []), redirectUri)).rejects.toMatchObject({ status: 401 });
  });

  it('GIVEN a token Discord does not know THEN reading the user is refused', async () => {
    await expect(adapter().currentUserGuilds('made-up-token')).rejects.toMatchObject({ name: 'DiscordOAuthRefused', status: 401 });
  });

  it('GIVEN Discord down THEN the error is an outage, not a refusal', async () => {
    const error = await adapter(clientSecret, `${base}/down`)
      .currentUserGuilds('t')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DiscordOAuthRefused);
  });

  it('refuses an authorize link for another application or an unregistered redirect, as Discord does', async () => {
    expect((await authorize({ client_id: '42' })).status).toBe(400);
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    const denied = await authorize({ deny: '1' });
    expect(new URL(denied.headers.get('location') as string).searchParams.get('error')).toBe('access_denied');
  });

  it('changes what a user administers for the tokens already out, as when Discord takes a role away', async () => {
    const discord = adapter();
    const token = await discord.exchangeCode(await codeFor('810000000000000003', ['900000000000000001']), redirectUri);
    const res = await fetch(`${base}/_local/discord/users/810000000000000003/guilds?member_guilds=900000000000000001`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await discord.currentUserGuilds(token.accessToken)).map((g) => g.permissions)).toEqual([String((1n << 10n) | (1n << 11n))]);
  });
});
