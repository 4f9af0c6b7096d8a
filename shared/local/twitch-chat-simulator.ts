/**
 * @module twitch-chat-simulator
 * Local only: Twitch chat's side. A viewer's message (`POST /_local/twitch/chat/send`)
 * reaches every `channel.chat.message` subscription of the channel as a really signed
 * EventSub notification in Twitch's shape (Shared Chat included); the bot's messages are
 * judged by Twitch's limits and listed (`GET /_local/twitch/chat`); the controls mod the
 * bot, grant scopes, list subscriptions and disconnect a user (`user.authorization.revoke`).
 * Helix's own endpoints are in `twitch-helix-simulator`.
 */
import type express from 'express';
import { log } from '../log';
import type { Clock, TwitchUser } from '../ports';
import { localTwitchUser, type LocalTwitch } from './twitch/twitch';
import type { LocalChatMessage } from './twitch/twitch-chat';
import { authorizationRevokeEvent, chatNotification, type ChatBadge } from './twitch-chat-events';
import { mountTwitchHelixSimulator } from './twitch-helix-simulator';
import { bodyFields, stringFields, twitchLogin } from './twitch-simulator-forms';
import { deliverToSubscriptions, eventSubMessage, subscriptionJson, userFor } from './twitch-eventsub-delivery';
import type { LocalTwitchChat } from './twitch/twitch-chat';

export interface TwitchChatSimulatorDeps {
  chat: LocalTwitchChat;
  /** The platform's bot (C500_TWITCH_BOT_USER_ID), the default sender and moderator named by the controls. */
  botUserId: string | undefined;
  /** The app's credentials, which the simulator's token endpoint checks; any accepted when not given. */
  clientId?: string;
  clientSecret?: string;
  /** Whether each message the bot posts comes back as a `channel.chat.message`, as Twitch sends a reader its own. */
  echoBotMessages?: boolean;
}

/** What the chat routes need of the simulator around them. */
export interface ChatSimulatorDeps extends TwitchChatSimulatorDeps {
  twitch: LocalTwitch;
  clock: Clock;
  eventSubUrl: string;
  eventSubSecret: string;
}

const userId = /^\d{1,20}$/;
/** The longest a test may hold a message back: a late delivery, signed when it was sent. */
const longestDelayMs = 60_000;

export function mountTwitchChatSimulator(app: express.Express, deps: ChatSimulatorDeps): void {
  const { twitch, chat, clock } = deps;
  if (deps.echoBotMessages !== false) chat.onPosted((message) => void echo(deps, message));

  app.post('/_local/twitch/chat/send', async (req, res) => {
    const input = readChatInput({ ...stringFields(req.query), ...bodyFields(req.body) });
    if (typeof input === 'string') return void res.status(400).json({ error: input });
    const broadcaster = await channelUser(twitch, input.channel);
    const chatter = await chatterUser(twitch, input);
    const at = clock.now();
    if (input.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, input.delayMs));
    const source = input.source ? await channelUser(twitch, input.source) : undefined;
    const deliver = async (channel: TwitchUser, shared?: { broadcaster: TwitchUser; messageId: string }) => {
      const event = chat.shown(at, {
        broadcaster: channel,
        chatter,
        text: input.text,
        badges: input.badges,
        color: input.color,
        ...(shared ? { source: shared } : {}),
      });
      const subscriptions = await twitch.enabledSubscriptions('channel.chat.message', channel.userId);
      const deliveries = await deliverToSubscriptions(deps, subscriptions, (subscription) =>
        eventSubMessage({ messageType: 'notification', subscription, event, clock, at }),
      );
      return { event, deliveries };
    };
    // Shared Chat: sent in the source channel, shown there as its own and in the broadcaster's with the source named.
    const original = source ? await deliver(source) : undefined;
    const shown = await deliver(broadcaster, source && original ? { broadcaster: source, messageId: String(original.event.message_id) } : undefined);
    res.json({
      broadcaster,
      chatter,
      messageId: shown.event.message_id,
      timestamp: at.toISOString(),
      event: shown.event,
      deliveries: [...(original?.deliveries ?? []), ...shown.deliveries],
    });
  });

  app.get('/_local/twitch/chat', async (req, res) => {
    const q = stringFields(req.query);
    const after = Number(q.after ?? 0);
    res.json({
      messages: chat.messages({ after: Number.isSafeInteger(after) ? after : 0, ...(q.channel ? { channel: q.channel } : {}) }),
      channels: await chat.summary(),
    });
  });

  // The broadcaster mods or unmods a user (the bot unless named): 100 messages per 30 s as a moderator, 20 otherwise.
  app.post('/_local/twitch/channels/:channel/moderator', async (req, res) => {
    const p = { ...stringFields(req.query), ...stringFields(bodyFields(req.body)) };
    const moderated = p.user_id ?? deps.botUserId;
    if (!isChannel(req.params.channel) || !moderated || !userId.test(moderated) || (p.moderator !== undefined && !/^(true|false)$/.test(p.moderator))) {
      return void res.status(400).json({ error: 'a channel (login or id), user_id=<digits> unless the bot is meant, moderator=true|false' });
    }
    const broadcaster = await channelUser(twitch, req.params.channel);
    await twitch.setModerator(broadcaster.userId, moderated, p.moderator !== 'false');
    res.json({
      broadcasterId: broadcaster.userId,
      broadcasterLogin: broadcaster.login,
      userId: moderated,
      moderator: await twitch.isModerator(broadcaster.userId, moderated),
    });
  });

  // A user authorizes C500 with scopes, without the round trip through the authorize page.
  app.post('/_local/twitch/users/:login/grant', async (req, res) => {
    const p = { ...stringFields(req.query), ...stringFields(bodyFields(req.body)) };
    if (!twitchLogin.test(req.params.login) || (p.user_id !== undefined && !userId.test(p.user_id))) {
      return void res.status(400).json({ error: 'a Twitch login, user_id=<digits> (optional), scope=<scopes, space separated>' });
    }
    const user = await userFor(twitch, req.params.login, p.user_id);
    await twitch.grant(user, (p.scope ?? '').split(/[\s+]+/).filter(Boolean));
    res.json({ user, scopes: (await twitch.grantOf(user.userId)) ?? [] });
  });

  app.get('/_local/twitch/subscriptions', async (req, res) => {
    const q = stringFields(req.query);
    res.json({ subscriptions: await twitch.listSubscriptions({ ...(q.type ? { type: q.type } : {}), ...(q.user_id ? { userId: q.user_id } : {}) }) });
  });

  // The user disconnects C500 on Twitch: their chat subscriptions are revoked, and Twitch says so to user.authorization.revoke.
  app.post('/_local/twitch/users/:login/authorization/revoke', async (req, res) => {
    const q = stringFields(req.query);
    if (!twitchLogin.test(req.params.login) || (q.user_id !== undefined && !userId.test(q.user_id)))
      return void res.status(400).json({ error: 'a Twitch login' });
    const user = await userFor(twitch, req.params.login, q.user_id);
    const revoked = await twitch.revokeAuthorization(user.userId);
    const deliveries = await deliverToSubscriptions(deps, revoked, (subscription) => eventSubMessage({ messageType: 'revocation', subscription, clock }));
    const event = authorizationRevokeEvent(twitch.clientId, user);
    const told = await twitch.enabledSubscriptions('user.authorization.revoke', '');
    deliveries.push(
      ...(await deliverToSubscriptions(deps, told, (subscription) => eventSubMessage({ messageType: 'notification', subscription, event, clock }))),
    );
    res.json({ user, revoked: revoked.map(subscriptionJson), deliveries });
  });

  mountTwitchHelixSimulator(app, deps);
}

interface ChatInput {
  channel: string;
  login: string;
  id?: string;
  name?: string;
  text: string;
  color: string;
  badges: ChatBadge[];
  source?: string;
  delayMs: number;
}

/** The viewer's message, or what is wrong with it. */
function readChatInput(p: Record<string, unknown>): ChatInput | string {
  const text = (key: string): string | undefined =>
    typeof p[key] === 'string' && p[key] !== '' ? p[key] : typeof p[key] === 'number' ? String(p[key]) : undefined;
  const channel = text('broadcaster_user_login') ?? text('broadcaster_login') ?? text('channel') ?? text('broadcaster_user_id');
  const login = text('chatter_user_login') ?? text('login');
  const message = text('text') ?? text('message');
  const id = text('chatter_user_id');
  const source = text('source_broadcaster_user_login') ?? text('source_broadcaster_login') ?? text('source_broadcaster_user_id');
  const delayMs = Number(text('delay_ms') ?? 0);
  if (!channel || !isChannel(channel)) return 'name the channel: broadcaster_user_login=<login> or broadcaster_user_id=<id>';
  if (!login || !twitchLogin.test(login) || (id !== undefined && !userId.test(id)))
    return 'name the chatter: chatter_user_login=<login> (chatter_user_id=<digits>, chatter_user_name optional)';
  if (!message || message.trim() === '' || [...message].length > 500) return 'text=<the chat message>, 1 to 500 characters';
  if (source !== undefined && !isChannel(source)) return 'source_broadcaster_user_login=<login> names the Shared Chat channel the message was sent in';
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > longestDelayMs) return `delay_ms is 0 to ${longestDelayMs}`;
  const badges = Array.isArray(p.badges) ? p.badges.filter(isBadge) : [];
  const color = text('color') ?? '';
  return {
    channel,
    login,
    text: message,
    color,
    badges,
    delayMs,
    ...(id ? { id } : {}),
    ...(text('chatter_user_name') ? { name: text('chatter_user_name') } : {}),
    ...(source ? { source } : {}),
  };
}

function isChannel(value: string): boolean {
  return twitchLogin.test(value) || userId.test(value);
}

function isBadge(value: unknown): value is ChatBadge {
  const b = value as Partial<ChatBadge> | null;
  return typeof b?.set_id === 'string' && typeof b.id === 'string' && typeof b.info === 'string';
}

/** A channel named by login or by id (all digits); one never seen is made up from what is given. */
async function channelUser(twitch: LocalTwitch, channel: string): Promise<TwitchUser> {
  if (!/^\d+$/.test(channel)) return userFor(twitch, channel);
  return (await twitch.userById(channel)) ?? localTwitchUser(`channel${channel}`, channel);
}

async function chatterUser(twitch: LocalTwitch, input: ChatInput): Promise<TwitchUser> {
  const found = await userFor(twitch, input.login, input.id);
  const chatter = input.name ? { ...found, displayName: input.name } : found;
  await twitch.rememberUser(chatter);
  return chatter;
}

/** Twitch sends a chat reader its own messages too: the bot's, as `channel.chat.message` from the bot. */
async function echo(deps: ChatSimulatorDeps, message: LocalChatMessage): Promise<void> {
  try {
    const { twitch, clock } = deps;
    const subscriptions = await twitch.enabledSubscriptions('channel.chat.message', message.broadcasterId);
    if (subscriptions.length === 0) return;
    const broadcaster = await channelUser(twitch, message.broadcasterId);
    const sender = (await twitch.userById(message.senderId)) ?? localTwitchUser(`bot${message.senderId}`, message.senderId);
    const moderator = await twitch.isModerator(message.broadcasterId, message.senderId);
    const event = chatNotification({
      broadcaster,
      chatter: sender,
      text: message.text,
      ...(message.messageId ? { messageId: message.messageId } : {}),
      badges: moderator ? [{ set_id: 'moderator', id: '1', info: '' }] : [],
    });
    // One try: an echo nobody takes is not worth holding a process open for.
    await deliverToSubscriptions(deps, subscriptions, (subscription) => eventSubMessage({ messageType: 'notification', subscription, event, clock }), {
      attempts: 1,
      firstWaitMs: 0,
      longestWaitMs: 0,
    });
  } catch (error) {
    log.warn('the Twitch simulator could not echo the bot’s chat message', { error: error instanceof Error ? error.message : String(error) });
  }
}
