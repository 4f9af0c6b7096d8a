/**
 * @module twitch-simulator
 * Local only: plays Twitch's side. The authorize page issues a code for the scopes asked
 * and sends the browser back to the real OAuth callback, as Twitch does; going live, going
 * offline and revoking a subscription deliver really signed EventSub messages to the real
 * webhook; chat and the bot's side of it are in `twitch-chat-simulator`. Nothing behind
 * the ingress can tell it from Twitch.
 */
import { randomInt } from 'node:crypto';
import type express from 'express';
import type { Clock, TwitchStream } from '../ports';
import type { LocalSubscription, LocalTwitch } from './twitch/twitch';
import { mountTwitchChatSimulator, type TwitchChatSimulatorDeps } from './twitch-chat-simulator';
import { deliverToSubscriptions, eventSubMessage, subscriptionJson, userFor, type EventSubMessage } from './twitch-eventsub-delivery';
import { mountTwitchMediaRoutes } from './twitch-media-simulator';
import { authorizeForm, formFields, parseRedirect, stringFields, twitchLogin } from './twitch-simulator-forms';

export {
  deliverEventSub,
  deliverToSubscriptions,
  eventSubMessage,
  subscriptionJson,
  type EventSubDelivery,
  type EventSubMessage,
} from './twitch-eventsub-delivery';
export { chatNotification, authorizationRevokeEvent } from './twitch-chat-events';

export interface TwitchSimulatorDeps {
  twitch: LocalTwitch;
  /** Where the authorize page sends the browser back when the link names no `redirect_uri`. */
  oauthCallbackUrl: string;
  /** The EventSub webhook (`POST /webhooks/twitch`). */
  eventSubUrl: string;
  eventSubSecret: string;
  clock: Clock;
  /** With it, chat: viewers posting, the bot's messages under Twitch's limits, Helix's chat and EventSub endpoints. */
  chat?: TwitchChatSimulatorDeps;
}

const streamTypes = ['live', 'rerun', 'premiere'] as const;

/** Mounts the `/_local/twitch/...` routes; Express 5 passes a rejected handler to its error handler. */
export function mountTwitchSimulator(app: express.Express, deps: TwitchSimulatorDeps): void {
  const { twitch, clock } = deps;
  const deliverTo = (subscriptions: LocalSubscription[], message: (s: LocalSubscription) => EventSubMessage) =>
    deliverToSubscriptions(deps, subscriptions, message);
  const enabled = (broadcasterId: string, type: LocalSubscription['type']) => twitch.enabledSubscriptions(type, broadcasterId);

  app.all('/_local/twitch/authorize', async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') return void res.status(405).set('allow', 'GET, POST').send('use GET or POST');
    const p = { ...formFields(req.body), ...stringFields(req.query) };
    const redirect = parseRedirect(p.redirect_uri ?? deps.oauthCallbackUrl);
    if (!redirect) return void res.status(400).type('text/plain').send('redirect_uri must be an http(s) URL');
    if (p.state) redirect.searchParams.set('state', p.state);
    if (p.deny) {
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('error_description', 'The user denied you access');
      return void res.redirect(302, redirect.toString());
    }
    if (!p.login) {
      if (req.method === 'POST') return void res.status(400).type('text/plain').send('name the Twitch account: login=<twitch login>');
      return void res.status(200).type('html').send(authorizeForm(p));
    }
    if (!twitchLogin.test(p.login) || (p.user_id !== undefined && !/^\d{1,20}$/.test(p.user_id))) {
      return void res.status(400).type('text/plain').send('login is 1 to 25 letters, digits or _; user_id is digits');
    }
    const user = await userFor(twitch, p.login, p.user_id);
    const scopes = (p.scope ?? '').split(/[\s+]+/).filter(Boolean);
    const code = await twitch.issueCode(user, p.redirect_uri, scopes);
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('scope', scopes.join(' '));
    res.redirect(302, redirect.toString());
  });

  app.post('/_local/twitch/streams/:login/online', async (req, res) => {
    const q = stringFields(req.query);
    const type = q.type ?? 'live';
    if (!twitchLogin.test(req.params.login) || !(streamTypes as readonly string[]).includes(type)) {
      return void res.status(400).json({ error: `a Twitch login, and type one of ${streamTypes.join(', ')}` });
    }
    const user = await userFor(twitch, req.params.login, q.user_id);
    const stream: TwitchStream = { streamId: String(randomInt(1, 2 ** 47)), type, startedAt: clock.now().toISOString() };
    await twitch.setStream(user.userId, stream);
    const event = {
      id: stream.streamId,
      broadcaster_user_id: user.userId,
      broadcaster_user_login: user.login,
      broadcaster_user_name: user.displayName,
      type,
      started_at: stream.startedAt,
    };
    const deliveries = await deliverTo(await enabled(user.userId, 'stream.online'), (subscription) =>
      eventSubMessage({ messageType: 'notification', subscription, event, clock }),
    );
    res.json({ broadcaster: user, stream, deliveries });
  });

  // Whether a channel is live now, as Helix's Get Streams says: a page that reloads reads it here.
  app.get('/_local/twitch/streams/:login', async (req, res) => {
    if (!twitchLogin.test(req.params.login)) return void res.status(400).json({ error: 'a Twitch login' });
    const user = await twitch.userByLogin(req.params.login);
    res.json({ login: req.params.login, stream: (user && (await twitch.currentStream(user.userId))) ?? null });
  });

  app.post('/_local/twitch/streams/:login/offline', async (req, res) => {
    if (!twitchLogin.test(req.params.login)) return void res.status(400).json({ error: 'a Twitch login' });
    const user = await userFor(twitch, req.params.login, stringFields(req.query).user_id);
    await twitch.setStream(user.userId, undefined);
    const event = { broadcaster_user_id: user.userId, broadcaster_user_login: user.login, broadcaster_user_name: user.displayName };
    const deliveries = await deliverTo(await enabled(user.userId, 'stream.offline'), (subscription) =>
      eventSubMessage({ messageType: 'notification', subscription, event, clock }),
    );
    res.json({ broadcaster: user, stream: null, deliveries });
  });

  // A streamer renames their channel: Twitch keeps the user id and sends the new login from then on.
  app.post('/_local/twitch/users/:login/rename', async (req, res) => {
    const to = stringFields(req.query).to ?? '';
    if (!twitchLogin.test(req.params.login) || !twitchLogin.test(to)) return void res.status(400).json({ error: 'a Twitch login, and ?to=<new login>' });
    const renamed = await twitch.rename(req.params.login, to);
    if (!renamed) return void res.status(404).json({ error: `no Twitch user ${req.params.login}` });
    res.json({ user: renamed });
  });

  app.post('/_local/twitch/subscriptions/:id/revoke', async (req, res) => {
    const reason = stringFields(req.query).reason ?? 'authorization_revoked';
    const revoked = await twitch.revoke(req.params.id, reason);
    if (!revoked) return void res.status(404).json({ error: `no subscription ${req.params.id}` });
    const deliveries = await deliverTo([revoked], (subscription) => eventSubMessage({ messageType: 'revocation', subscription, clock }));
    res.json({ subscription: subscriptionJson(revoked), deliveries });
  });

  mountTwitchMediaRoutes(app, twitch);
  if (deps.chat) mountTwitchChatSimulator(app, { ...deps, ...deps.chat });
}
