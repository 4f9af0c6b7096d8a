/**
 * @module twitch-simulator
 * Local only: plays Twitch's side. The authorize page issues a code and sends the browser
 * back to the real OAuth callback, as Twitch does; going live, going offline and revoking
 * a subscription deliver really signed EventSub messages to the real webhook. Nothing
 * behind the ingress can tell it from Twitch.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type express from 'express';
import { deliverWithRetries } from './webhook-delivery';
import type { Clock, TwitchStream, TwitchUser } from '../ports';
import { eventSubSignature } from '../adapters/twitch/eventsub-signature';
import { localTwitchUser, type LocalSubscription, type LocalTwitch } from '../adapters/twitch/local-twitch';
import { escapeHtml, htmlPage } from '../common';

export interface TwitchSimulatorDeps {
  twitch: LocalTwitch;
  /** Where the authorize page sends the browser back when the link names no `redirect_uri`. */
  oauthCallbackUrl: string;
  /** The EventSub webhook (`POST /webhooks/twitch`). */
  eventSubUrl: string;
  eventSubSecret: string;
  clock: Clock;
}

/** One EventSub message as it goes over the wire: the body is signed as these exact bytes. */
export interface EventSubMessage {
  messageId: string;
  timestamp: string;
  messageType: 'notification' | 'revocation' | 'webhook_callback_verification';
  subscriptionType: string;
  body: string;
}

export interface EventSubDelivery {
  subscriptionId: string;
  messageId: string;
  status: number;
}

const streamTypes = ['live', 'rerun', 'premiere'] as const;
const twitchLogin = /^[a-z0-9_]{1,25}$/i;

/** Twitch's JSON for a subscription, as it appears in every message. */
export function subscriptionJson(s: LocalSubscription): Record<string, unknown> {
  return { id: s.id, status: s.status, type: s.type, version: s.version, cost: 0, condition: s.condition, transport: s.transport, created_at: s.createdAt };
}

export function eventSubMessage(input: {
  messageType: EventSubMessage['messageType'];
  subscription: LocalSubscription;
  event?: Record<string, unknown>;
  challenge?: string;
  clock: Clock;
}): EventSubMessage {
  const payload = {
    ...(input.challenge !== undefined ? { challenge: input.challenge } : {}),
    subscription: subscriptionJson(input.subscription),
    ...(input.event ? { event: input.event } : {}),
  };
  return {
    messageId: randomUUID(),
    timestamp: input.clock.now().toISOString(),
    messageType: input.messageType,
    subscriptionType: input.subscription.type,
    body: JSON.stringify(payload),
  };
}

/** Posts a message with Twitch's headers and signature; sending one twice is a redelivery. */
export async function deliverEventSub(url: string, secret: string, message: EventSubMessage): Promise<{ status: number; text: string }> {
  // Twitch sends a failed notification again, with the same id and signature, counting its retries.
  const response = await deliverWithRetries((attempt) =>
    fetch(url, {
      method: 'POST',
      body: message.body,
      headers: {
        'content-type': 'application/json',
        'Twitch-Eventsub-Message-Id': message.messageId,
        'Twitch-Eventsub-Message-Retry': String(attempt - 1),
        'Twitch-Eventsub-Message-Type': message.messageType,
        'Twitch-Eventsub-Message-Signature': eventSubSignature(secret, message.messageId, message.timestamp, Buffer.from(message.body, 'utf8')),
        'Twitch-Eventsub-Message-Timestamp': message.timestamp,
        'Twitch-Eventsub-Subscription-Type': message.subscriptionType,
        'Twitch-Eventsub-Subscription-Version': '1',
      },
    }),
  );
  return { status: response.status, text: await response.text() };
}

/** Mounts the `/_local/twitch/...` routes; Express 5 passes a rejected handler to its error handler. */
export function mountTwitchSimulator(app: express.Express, deps: TwitchSimulatorDeps): void {
  const { twitch, clock } = deps;
  const userFor = async (login: string, userId?: string): Promise<TwitchUser> =>
    userId ? localTwitchUser(login, userId) : ((await twitch.userByLogin(login)) ?? localTwitchUser(login));

  const deliverTo = async (subscriptions: LocalSubscription[], message: (s: LocalSubscription) => EventSubMessage): Promise<EventSubDelivery[]> => {
    const deliveries: EventSubDelivery[] = [];
    for (const subscription of subscriptions) {
      const m = message(subscription);
      const { status } = await deliverEventSub(deps.eventSubUrl, deps.eventSubSecret, m);
      deliveries.push({ subscriptionId: subscription.id, messageId: m.messageId, status });
    }
    return deliveries;
  };
  const enabled = async (broadcasterId: string, type: LocalSubscription['type']) =>
    (await twitch.subscriptionsFor(broadcasterId)).filter((s) => s.type === type && s.status === 'enabled');

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
    const user = await userFor(p.login, p.user_id);
    const code = await twitch.issueCode(user, p.redirect_uri);
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('scope', '');
    res.redirect(302, redirect.toString());
  });

  app.post('/_local/twitch/streams/:login/online', async (req, res) => {
    const q = stringFields(req.query);
    const type = q.type ?? 'live';
    if (!twitchLogin.test(req.params.login) || !(streamTypes as readonly string[]).includes(type)) {
      return void res.status(400).json({ error: `a Twitch login, and type one of ${streamTypes.join(', ')}` });
    }
    const user = await userFor(req.params.login, q.user_id);
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

  app.post('/_local/twitch/streams/:login/offline', async (req, res) => {
    if (!twitchLogin.test(req.params.login)) return void res.status(400).json({ error: 'a Twitch login' });
    const user = await userFor(req.params.login, stringFields(req.query).user_id);
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

/** A POSTed form or JSON object, from the raw bytes the runtime keeps. */
function formFields(body: unknown): Record<string, string> {
  if (!Buffer.isBuffer(body) || body.length === 0) return stringFields(body);
  const text = body.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      return stringFields(JSON.parse(text));
    } catch {
      return {};
    }
  }
  return Object.fromEntries([...new URLSearchParams(text)].filter(([, v]) => v !== ''));
}

function parseRedirect(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function authorizeForm(p: Record<string, string>): string {
  const hidden = ['state', 'redirect_uri', 'client_id', 'response_type', 'scope', 'force_verify']
    .filter((k) => p[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p[k] as string)}">`)
    .join('\n        ');
  return htmlPage({
    title: 'Authorize C500',
    site: 'local Twitch',
    body: `  <main id="main">
    <section class="lost">
      <div class="wrap">
        <h1>Authorize C500 on Twitch</h1>
        <p class="lede">This is the local stand-in for Twitch. Type the Twitch login to sign in as.</p>
        <form method="get" action="/_local/twitch/authorize">
        ${hidden}
        <p><label>Twitch login <input name="login" required pattern="[A-Za-z0-9_]{1,25}" autofocus></label></p>
        <p><label>Twitch user id (optional) <input name="user_id" inputmode="numeric" pattern="[0-9]*"></label></p>
        <div class="actions">
          <button class="button" type="submit">Authorize</button>
          <button class="button secondary" type="submit" name="deny" value="1" formnovalidate>Cancel</button>
        </div>
        </form>
      </div>
    </section>
  </main>`,
  });
}
