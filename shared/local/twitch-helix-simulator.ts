/**
 * @module twitch-helix-simulator
 * Local only: Helix as Twitch serves it, under `/_local/twitch/`, so the production Twitch
 * adapters run against the local runtime unchanged (`helixUrl`, `tokenUrl`): the client
 * credentials grant (`POST oauth2/token`), then with that app token Send Chat Message
 * (`POST helix/chat/messages`), EventSub subscriptions (`GET`, `POST`, `DELETE
 * helix/eventsub/subscriptions`), Get Clips (`GET helix/clips`) and Get Videos (`GET
 * helix/videos`); the refresh token grant gives a user token, which Create Clip (`POST
 * helix/clips`) and Delete Chat Messages (`DELETE helix/moderation/chat`) need; Revoke (`POST oauth2/revoke`) ends a token, as Twitch documents it
 * (https://dev.twitch.tv/docs/authentication/revoke-tokens/). Answers and refusals in
 * Twitch's shapes and statuses.
 * Subscriptions are enabled at once: the callback verification Twitch sends first is left out.
 */
import { randomBytes } from 'node:crypto';
import type express from 'express';
import type { Clock, EventSubWebhook } from '../ports';
import { LocalTwitchError, type LocalTwitch } from './twitch/twitch';
import { mountHelixMediaSimulator } from './twitch-media-simulator';
import type { LocalTwitchChat } from './twitch/twitch-chat';
import { subscriptionJson } from './twitch-eventsub-delivery';
import { bodyFields, formFields, stringFields } from './twitch-simulator-forms';

export interface HelixSimulatorDeps {
  twitch: LocalTwitch;
  chat: LocalTwitchChat;
  clock: Clock;
  /** The app's credentials the token endpoint checks; any accepted when not given. */
  clientId?: string;
  clientSecret?: string;
}

/** What an app token lives for at Twitch (about two months), in seconds. */
const tokenSeconds = 5_011_271;
/** What a user token lives for (about four hours). */
const userTokenSeconds = 14_400;

export function mountTwitchHelixSimulator(app: express.Express, deps: HelixSimulatorDeps): void {
  const { twitch, chat } = deps;
  // An app token, or a user's (from the refresh token grant): Create Clip needs the latter.
  const tokens = new Map<string, { expiresAt: number; userId?: string }>();

  app.post('/_local/twitch/oauth2/token', async (req, res) => {
    const p = { ...stringFields(req.query), ...formFields(req.body) };
    if (p.grant_type !== 'client_credentials' && p.grant_type !== 'refresh_token')
      return void res.status(400).json({ status: 400, message: 'unsupported grant type' });
    if (deps.clientId !== undefined && p.client_id !== deps.clientId) return void res.status(400).json({ status: 400, message: 'invalid client' });
    if (deps.clientSecret !== undefined && p.client_secret !== deps.clientSecret)
      return void res.status(403).json({ status: 403, message: 'invalid client secret' });
    const userId = p.grant_type === 'refresh_token' ? await twitch.userOfRefreshToken(p.refresh_token ?? '') : undefined;
    if (p.grant_type === 'refresh_token' && !userId) return void res.status(400).json({ status: 400, message: 'Invalid refresh token' });
    const token = randomBytes(15).toString('hex');
    const seconds = userId ? userTokenSeconds : tokenSeconds;
    tokens.set(token, { expiresAt: deps.clock.now().getTime() + seconds * 1_000, ...(userId ? { userId } : {}) });
    const scope = userId ? { refresh_token: p.refresh_token, scope: (await twitch.grantOf(userId)) ?? [] } : {};
    res.json({ access_token: token, expires_in: seconds, token_type: 'bearer', ...scope });
  });

  mountRevoke(app, tokens, deps);

  // Every Helix call carries a token and the client id it was issued to.
  app.use('/_local/twitch/helix', (req, res, next) => {
    const token = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const issued = token ? tokens.get(token) : undefined;
    const expiresAt = issued?.expiresAt;
    if (!expiresAt || expiresAt <= deps.clock.now().getTime())
      return void res.status(401).json({ error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
    if (deps.clientId !== undefined && req.get('client-id') !== deps.clientId) {
      return void res.status(401).json({ error: 'Unauthorized', status: 401, message: 'Client ID and OAuth token do not match' });
    }
    res.locals.tokenUserId = issued?.userId;
    next();
  });

  mountHelixMediaSimulator(app, twitch);

  app.post('/_local/twitch/helix/chat/messages', async (req, res) => {
    const p = bodyFields(req.body);
    const text = (key: string) => (typeof p[key] === 'string' ? p[key] : '');
    const answer = await chat.post({ broadcasterId: text('broadcaster_id'), senderId: text('sender_id'), text: text('message') });
    res.status(answer.status).json(answer.body);
  });

  mountDeleteChatMessages(app, deps);

  app.post('/_local/twitch/helix/eventsub/subscriptions', async (req, res) => {
    const p = bodyFields(req.body);
    const condition = stringFields(p.condition);
    const transport = stringFields(p.transport);
    if (transport.method !== 'webhook' || !transport.callback || !transport.secret || p.version !== '1') {
      return void res.status(400).json({ error: 'Bad Request', status: 400, message: 'a webhook transport (callback, secret) and version 1' });
    }
    const webhook: EventSubWebhook = { callbackUrl: transport.callback, secret: transport.secret };
    const type = typeof p.type === 'string' ? p.type : '';
    const existing = (await twitch.listSubscriptions({ type })).find(
      (s) => s.status === 'enabled' && s.callback === webhook.callbackUrl && sameCondition(s.condition, condition),
    );
    if (existing) return void res.status(409).json({ error: 'Conflict', status: 409, message: 'subscription already exists' });
    try {
      const id = await subscribe(deps, type, condition, webhook);
      const made = id && (await twitch.subscription(id));
      if (!made) return void res.status(400).json({ error: 'Bad Request', status: 400, message: `unsupported subscription type or condition: ${type}` });
      res.status(202).json({ data: [subscriptionJson(made)], total: 1, total_cost: 0, max_total_cost: 10_000 });
    } catch (error) {
      if (!(error instanceof LocalTwitchError)) throw error;
      res.status(error.statusCode).json({ error: error.statusCode === 403 ? 'Forbidden' : 'Bad Request', status: error.statusCode, message: error.message });
    }
  });

  app.get('/_local/twitch/helix/eventsub/subscriptions', async (req, res) => {
    const q = stringFields(req.query);
    const found = await twitch.listSubscriptions({ ...(q.type ? { type: q.type } : {}), ...(q.user_id ? { userId: q.user_id } : {}) });
    const data = found
      .filter((s) => !q.status || s.status === q.status)
      .map((s) => ({
        id: s.id,
        status: s.status,
        type: s.type,
        version: s.version,
        condition: s.condition,
        created_at: s.createdAt,
        transport: { method: 'webhook', callback: s.callback },
        cost: 0,
      }));
    res.json({ total: data.length, data, total_cost: 0, max_total_cost: 10_000, pagination: {} });
  });

  app.delete('/_local/twitch/helix/eventsub/subscriptions', async (req, res) => {
    const id = stringFields(req.query).id;
    if (!id || !(await twitch.subscription(id))) return void res.status(404).json({ error: 'Not Found', status: 404, message: 'subscription not found' });
    await twitch.unsubscribe(id);
    res.status(204).end();
  });
}

/** Delete Chat Messages: only with a moderator's user token granted moderator:manage:chat_messages (LocalTwitchChat.moderate). */
function mountDeleteChatMessages(app: express.Express, { twitch, chat }: Pick<HelixSimulatorDeps, 'twitch' | 'chat'>): void {
  app.delete('/_local/twitch/helix/moderation/chat', async (req, res) => {
    const q = stringFields(req.query);
    const tokenUserId = res.locals.tokenUserId as string | undefined;
    const tokenScopes = tokenUserId ? ((await twitch.grantOf(tokenUserId)) ?? []) : [];
    const answer = await chat.moderate({
      broadcasterId: q.broadcaster_id ?? '',
      moderatorId: q.moderator_id ?? '',
      messageId: q.message_id ?? '',
      tokenUserId,
      tokenScopes,
    });
    if (answer.status === 204) return void res.status(204).end();
    res.status(answer.status).json(answer.body);
  });
}

/** Makes the subscription as the gateway would; undefined for a type or condition the simulator does not serve. */
async function subscribe(deps: HelixSimulatorDeps, type: string, condition: Record<string, string>, webhook: EventSubWebhook): Promise<string | undefined> {
  const { twitch } = deps;
  const broadcaster = condition.broadcaster_user_id;
  if (type === 'channel.chat.message' && broadcaster && condition.user_id && Object.keys(condition).length === 2) {
    return (await twitch.subscribeToChatMessages(broadcaster, condition.user_id, webhook)).subscriptionId;
  }
  if (type === 'user.authorization.revoke' && condition.client_id === twitch.clientId)
    return (await twitch.subscribeToAuthorizationRevocations(webhook)).subscriptionId;
  if ((type === 'stream.online' || type === 'stream.offline') && broadcaster) {
    const ids = (await twitch.subscribeToStreamEvents(broadcaster, webhook.callbackUrl, webhook.secret)).subscriptionIds;
    return ids[type === 'stream.online' ? 0 : 1];
  }
  return undefined;
}

function sameCondition(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Revoke: 200 with no body; 400 "Invalid token" for a token not (or no longer) issued; 404 for an unknown client id. */
function mountRevoke(app: express.Express, tokens: Map<string, unknown>, deps: Pick<HelixSimulatorDeps, 'clientId'>): void {
  app.post('/_local/twitch/oauth2/revoke', (req, res) => {
    const p = { ...stringFields(req.query), ...formFields(req.body) };
    if (!p.client_id || (deps.clientId !== undefined && p.client_id !== deps.clientId))
      return void res.status(404).json({ status: 404, message: 'client does not exist' });
    if (!p.token || !tokens.delete(p.token)) return void res.status(400).json({ status: 400, message: 'Invalid token' });
    res.status(200).end();
  });
}
