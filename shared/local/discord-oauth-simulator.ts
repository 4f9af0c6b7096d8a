/**
 * @module discord-oauth-simulator
 * Local only: plays Discord's side of the dashboard's sign-in, as the Twitch simulator plays
 * Twitch's. The authorize page (`/_local/discord/oauth2/authorize`) takes who to sign in as
 * (`user_id`, `username`, and `admin_guilds`, the comma-separated servers they administer;
 * `member_guilds` for servers they are only in) and sends the browser back to the real
 * callback with a code and the state, as Discord does. The API the production adapter calls
 * on discord.com answers under `/_local/discord/api/v10`: `POST /oauth2/token` (the client's
 * credentials checked, a code good once and only for its redirect URI), `GET /users/@me` and
 * `GET /users/@me/guilds` (bearer token). So the adapter under test is production's, with
 * only its base URL switched. What a user administers can change later
 * (`POST /_local/discord/users/<id>/guilds?admin_guilds=…`), as when a role is taken away.
 */
import { randomBytes } from 'node:crypto';
import type express from 'express';
import { escapeHtml } from '../common';
import { localAuthorizePage } from './local-authorize-page';
import { Permission } from '../discord';
import { discordApiPath } from './discord-api';

export const discordOAuthPaths = { authorize: '/_local/discord/oauth2/authorize', api: `${discordApiPath}/v10` } as const;

export interface DiscordOAuthSimulatorDeps {
  clientId: string;
  clientSecret: string;
  /** The redirect URIs registered with the application: Discord refuses any other. */
  redirectUris: readonly string[];
  now(): number;
  /** A server's name where the runtime knows it (the playground's): the dashboard then shows it, not "Server 0001". */
  guildName?(guildId: string): string | undefined;
  /** Who the runtime's people are (the playground's): the sign-in page offers each by name, one click. */
  people?(): readonly LocalPerson[];
}

/** A person the sign-in page offers: signing in as them needs no id typed. */
export interface LocalPerson {
  id: string;
  name: string;
  /** Said after the name: "admin", "buyer". */
  role: string;
  adminGuilds: readonly string[];
  memberGuilds: readonly string[];
}

interface LocalGuild {
  id: string;
  name: string;
  owner: boolean;
  permissions: string;
}

interface LocalUser {
  id: string;
  username: string;
  guilds: LocalGuild[];
}

interface Grant {
  userId: string;
  redirectUri: string;
  scope: string;
  expiresAtMs: number;
}

const codeLifetimeMs = 10 * 60_000;
const tokenLifetimeSeconds = 7 * 24 * 3_600;
const snowflake = /^\d{17,20}$/;

/** Mounts the authorize page and the API; before the REST stand-in, whose catch-all answers 404 under the same prefix. */
export function mountDiscordOAuthSimulator(app: express.Express, deps: DiscordOAuthSimulatorDeps): void {
  const users = new Map<string, LocalUser>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();

  app.all(discordOAuthPaths.authorize, (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') return void res.status(405).set('allow', 'GET, POST').send('use GET or POST');
    const p = { ...Object.fromEntries([...formOf(req.body)].filter(([, v]) => v !== '')), ...stringFields(req.query) };
    const refusal = authorizeRefusal(p, deps);
    if (refusal) return void res.status(400).type('text/plain').send(refusal);
    const back = new URL(p.redirect_uri as string);
    if (p.state) back.searchParams.set('state', p.state);
    if (p.deny) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The resource owner or authorization server denied the request');
      return void res.redirect(302, back.toString());
    }
    if (!p.user_id)
      return void res
        .status(200)
        .type('html')
        .send(authorizeForm(p, deps.people?.() ?? []));
    const user = readUser(p, deps.guildName);
    if (typeof user === 'string') return void res.status(400).type('text/plain').send(user);
    users.set(user.id, user);
    const code = randomBytes(15).toString('base64url');
    codes.set(code, { userId: user.id, redirectUri: p.redirect_uri as string, scope: p.scope ?? '', expiresAtMs: deps.now() + codeLifetimeMs });
    back.searchParams.set('code', code);
    res.redirect(302, back.toString());
  });

  app.post('/_local/discord/users/:userId/guilds', (req, res) => {
    const user = users.get(String(req.params.userId));
    if (!user) return void res.status(404).json({ error: 'no such user has signed in here' });
    const updated = readUser({ ...stringFields(req.query), user_id: user.id, username: user.username }, deps.guildName);
    if (typeof updated === 'string') return void res.status(400).json({ error: updated });
    users.set(user.id, updated);
    res.json({ userId: user.id, guilds: updated.guilds });
  });

  app.post(`${discordOAuthPaths.api}/oauth2/token`, (req, res) => {
    const form = formOf(req.body);
    const basic = basicCredentials(req.get('authorization'));
    const clientId = basic?.id ?? form.get('client_id');
    const clientSecret = basic?.secret ?? form.get('client_secret');
    if (clientId !== deps.clientId || clientSecret !== deps.clientSecret) return void res.status(401).json({ error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code') return void res.status(400).json({ error: 'unsupported_grant_type' });
    const code = form.get('code') ?? '';
    const grant = codes.get(code);
    // A code is good once, only until it expires, and only with the redirect URI it was issued for.
    codes.delete(code);
    if (!grant || grant.expiresAtMs <= deps.now() || grant.redirectUri !== form.get('redirect_uri')) {
      return void res.status(400).json({ error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
    }
    const accessToken = randomBytes(20).toString('base64url');
    tokens.set(accessToken, { ...grant, expiresAtMs: deps.now() + tokenLifetimeSeconds * 1000 });
    res.json({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
      refresh_token: randomBytes(20).toString('base64url'),
      scope: grant.scope,
    });
  });

  const asUser = (req: express.Request, res: express.Response, scope: string): LocalUser | undefined => {
    const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    const grant = token ? tokens.get(token) : undefined;
    const user = grant && grant.expiresAtMs > deps.now() ? users.get(grant.userId) : undefined;
    if (!grant || !user) return void res.status(401).json({ message: '401: Unauthorized', code: 0 });
    if (!grant.scope.split(' ').includes(scope)) return void res.status(403).json({ message: 'Missing Access', code: 50001 });
    return user;
  };
  app.get(`${discordOAuthPaths.api}/users/@me`, (req, res) => {
    const user = asUser(req, res, 'identify');
    if (user) res.json({ id: user.id, username: user.username, global_name: user.username, discriminator: '0', avatar: null });
  });
  app.get(`${discordOAuthPaths.api}/users/@me/guilds`, (req, res) => {
    const user = asUser(req, res, 'guilds');
    if (user) res.json(user.guilds.map((g) => ({ ...g, icon: null, banner: null, features: [] })));
  });
}

/** What Discord refuses before it shows anything: another application, a redirect it does not know, no code flow. */
function authorizeRefusal(p: Record<string, string>, deps: DiscordOAuthSimulatorDeps): string | undefined {
  if (p.client_id !== deps.clientId) return 'Unknown application: client_id is not this application’s id';
  if (!p.redirect_uri || !deps.redirectUris.includes(p.redirect_uri)) return 'Invalid OAuth2 redirect_uri';
  if (p.response_type !== 'code') return 'response_type must be code';
  if (!(p.scope ?? '').split(' ').includes('identify')) return 'scope must include identify';
  return undefined;
}

function readUser(p: Record<string, string>, guildName: (guildId: string) => string | undefined = () => undefined): LocalUser | string {
  const id = p.user_id ?? '';
  const username = (p.username ?? `user${id.slice(-4)}`).trim();
  if (!snowflake.test(id)) return 'user_id must be a Discord id: 17 to 20 digits';
  if (username.length < 1 || username.length > 32) return 'username is 1 to 32 characters';
  const ids = (name: string) =>
    (p[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const admin = ids('admin_guilds');
  const member = ids('member_guilds').filter((g) => !admin.includes(g));
  if ([...admin, ...member].some((g) => !snowflake.test(g)) || admin.length + member.length > 200) {
    return 'admin_guilds and member_guilds are comma-separated Discord guild ids (at most 200)';
  }
  const guild = (gid: string, permissions: bigint): LocalGuild => ({
    id: gid,
    name: guildName(gid) ?? `Server ${gid.slice(-4)}`,
    owner: false,
    permissions: permissions.toString(),
  });
  // Members get the everyday bits (View Channels, Send Messages); admins Administrator on top.
  const everyday = (1n << 10n) | (1n << 11n);
  return { id, username, guilds: [...admin.map((g) => guild(g, everyday | Permission.Administrator)), ...member.map((g) => guild(g, everyday))] };
}

function stringFields(source: unknown): Record<string, string> {
  if (typeof source !== 'object' || source === null || Buffer.isBuffer(source)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') out[key] = first;
  }
  return out;
}

function formOf(body: unknown): URLSearchParams {
  return new URLSearchParams(Buffer.isBuffer(body) ? body.toString('utf8') : '');
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (\S+)$/.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const [id, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return id ? { id, secret: rest.join(':') } : undefined;
}

const carried = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'prompt'] as const;

/** One button per person: the same GET the form below makes, with who they are filled in. */
function peopleButtons(p: Record<string, string>, people: readonly LocalPerson[]): string {
  if (people.length === 0) return '';
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const kept = carried.flatMap((k) => (p[k] !== undefined ? [hidden(k, p[k] as string)] : [])).join('');
  const items = people.map(
    (person) =>
      `<li><form method="get" action="${discordOAuthPaths.authorize}">${kept}${hidden('user_id', person.id)}${hidden('username', person.name)}` +
      `${hidden('admin_guilds', person.adminGuilds.join(','))}${hidden('member_guilds', person.memberGuilds.join(','))}` +
      `<button class="button" type="submit">Sign in as ${escapeHtml(person.name)} (${escapeHtml(person.role)})</button></form></li>`,
  );
  return `<h2>The playground’s people</h2>\n        <ul class="sign-in-people">${items.join('')}</ul>\n        <h2>Or someone else, by Discord id</h2>`;
}

function authorizeForm(p: Record<string, string>, people: readonly LocalPerson[]): string {
  return localAuthorizePage({
    above: peopleButtons(p, people),
    provider: 'Discord',
    title: 'Sign in with Discord',
    heading: 'Sign in to C500 with Discord',
    lede: 'This is the local stand-in for Discord. Say who to sign in as, and which servers they administer.',
    action: discordOAuthPaths.authorize,
    carried,
    params: p,
    fields: `<p><label>Discord user id <input name="user_id" required pattern="[0-9]{17,20}" inputmode="numeric" autofocus></label></p>
        <p><label>Username <input name="username" maxlength="32"></label></p>
        <p><label>Servers they administer (ids, comma-separated) <input name="admin_guilds"></label></p>
        <p><label>Servers they are only in (ids, comma-separated) <input name="member_guilds"></label></p>`,
  });
}
