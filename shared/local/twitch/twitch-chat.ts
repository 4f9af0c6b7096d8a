/**
 * @module twitch-chat
 * Twitch's chat as the local runtime plays it: every message a sender posts through Helix's
 * Send Chat Message is judged by Twitch's rules and recorded, posted or not. Per channel
 * and sender, over a sliding 30-second window, 20 messages as a viewer and 100 as a
 * moderator (the broadcaster counts as one); the same text as the sender's previous
 * message there within 30 seconds is dropped (`msg_duplicate`); over 500 characters is
 * refused with 422; without the grants Twitch wants (the sender's user:write:chat and
 * user:bot, the channel's channel:bot or a mod) with 403. Its `send` is the local chat
 * adapter: the bot's message, answered through the same reading of Helix's answers as
 * production (`chatSendResultOf`). Kept in memory: a restart starts a fresh log.
 */
import { randomUUID } from 'node:crypto';
import {
  chatDropCodes,
  chatLength,
  chatMessageMaxLength,
  chatRateLimits,
  type ChatDeleteResult,
  type ChatDropReason,
  type ChatMessageToDelete,
  type ChatMessageToSend,
  type ChatSendResult,
  type Clock,
  type TwitchChat,
} from '../../ports';
import { chatSendResultOf } from '../../adapters/twitch/helix-chat-answer';
import type { LocalTwitch } from './twitch';
import { chatNotification, type ChatNotificationInput } from '../twitch-chat-events';

/** One message a sender tried to post, as `GET /_local/twitch/chat` lists it. */
export interface LocalChatMessage {
  /** 1, 2, 3… in the order they were posted: `?after=<seq>` reads only what came since. */
  seq: number;
  /** The channel's login, or its id when the simulator never saw the login. */
  channel: string;
  broadcasterId: string;
  broadcasterLogin: string | null;
  senderId: string;
  text: string;
  /** When Twitch got it, ISO 8601. */
  time: string;
  /** Not in chat: dropped (a `drop_reason`) or refused (422, 403). */
  dropped: boolean;
  dropReason: ChatDropReason | null;
  messageId: string | null;
  /** The HTTP status Helix answered. */
  status: number;
}

/** A channel's chat as seen by one sender: what it posted, and the most it ever had in one window. */
export interface LocalChatChannelSummary {
  broadcasterId: string;
  broadcasterLogin: string | null;
  senderId: string;
  moderator: boolean;
  /** The window's budget now: 100 as a moderator, 20 otherwise. */
  limit: number;
  sent: number;
  dropped: number;
  /** The most messages posted in any 30-second window so far: never above the limit Twitch enforced. */
  mostInAnyWindow: number;
}

/** Helix's answer, as the simulator's HTTP route sends it. */
export interface HelixChatAnswer {
  status: number;
  body: unknown;
}

export interface PostChatMessage {
  broadcasterId: string;
  senderId: string;
  text: string;
}

export interface LocalTwitchChatOptions {
  twitch: LocalTwitch;
  clock: Clock;
  /** The platform's bot (C500_TWITCH_BOT_USER_ID): `send` posts as it. */
  botUserId: string | undefined;
  /** The log keeps this many messages, the oldest forgotten first. */
  keep?: number;
  /**
   * Where each message is written as it is recorded, and those recorded before this runtime:
   * Twitch's chat does not forget what was said (nor its windows) when the runtime standing in
   * for it is killed and started again (under the production clients).
   */
  journal?: { earlier: readonly LocalChatMessage[]; write(message: LocalChatMessage): void };
}

const droppedTexts: Record<string, string> = {
  [chatDropCodes.rateLimited]: 'Your message was not sent because you are sending messages too quickly.',
  [chatDropCodes.duplicate]: 'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.',
};

/** A viewer's message as Twitch keeps it for its moderators: whose, when, and whether one deleted it. */
export interface LocalViewerMessage {
  broadcasterId: string;
  senderId: string;
  text: string;
  time: string;
  deleted: boolean;
}

/** Twitch's scope for deleting messages in a channel one moderates. */
export const manageChatMessagesScope = 'moderator:manage:chat_messages';
/** Twitch deletes no message older than this. */
const deletableMs = 6 * 3600_000;

export class LocalTwitchChat implements TwitchChat {
  private readonly log: LocalChatMessage[] = [];
  /** Viewers' messages by id, as `POST /_local/twitch/chat/send` posted them: what a moderator may delete. */
  private readonly viewerMessages = new Map<string, LocalViewerMessage>();
  private seq = 0;
  /** One post at a time per channel, so two at once cannot both take the window's last place. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners: Array<(message: LocalChatMessage) => void> = [];

  constructor(private readonly options: LocalTwitchChatOptions) {
    for (const message of options.journal?.earlier ?? []) this.keepInLog(message);
    this.seq = this.log.at(-1)?.seq ?? 0;
  }

  async send({ broadcasterId, text }: ChatMessageToSend): Promise<ChatSendResult> {
    const senderId = this.options.botUserId;
    if (!senderId) throw new Error('C500_TWITCH_BOT_USER_ID is not set: the platform has no Twitch bot to speak in chat');
    const answer = await this.post({ broadcasterId, senderId, text });
    return chatSendResultOf({ status: answer.status, body: answer.body }, text, this.options.clock.now().getTime());
  }

  /** A viewer's message as Twitch shows it in a channel (EventSub's event), kept so a moderator can delete it. */
  shown(at: Date, input: ChatNotificationInput): Record<string, unknown> {
    const event = chatNotification(input);
    const { broadcaster_user_id: broadcasterId, chatter_user_id: senderId, message_id: messageId } = event as Record<string, string>;
    this.noteViewerMessage(messageId as string, {
      broadcasterId: broadcasterId as string,
      senderId: senderId as string,
      text: input.text,
      time: at.toISOString(),
    });
    return event;
  }

  /** A viewer's message, shown in chat: kept so a moderator can delete it. */
  noteViewerMessage(messageId: string, message: Omit<LocalViewerMessage, 'deleted'>): void {
    this.viewerMessages.set(messageId, { ...message, deleted: false });
    if (this.viewerMessages.size > (this.options.keep ?? 10_000)) this.viewerMessages.delete(this.viewerMessages.keys().next().value as string);
  }

  viewerMessage(messageId: string): LocalViewerMessage | undefined {
    return this.viewerMessages.get(messageId);
  }

  /** The local adapter's delete: as the bot, with the scopes the bot granted. */
  async deleteMessage({ broadcasterId, messageId }: ChatMessageToDelete): Promise<ChatDeleteResult> {
    const botId = this.options.botUserId;
    if (!botId) return 'not-permitted';
    const scopes = (await this.options.twitch.grantOf(botId)) ?? [];
    const answer = await this.moderate({ broadcasterId, moderatorId: botId, messageId, tokenUserId: botId, tokenScopes: scopes });
    return answer.status === 204 ? 'deleted' : answer.status === 404 ? 'not-found' : 'not-permitted';
  }

  /**
   * Helix's Delete Chat Messages, with Twitch's checks and words: a user token (an app token is
   * refused), the scope, `moderator_id` the token's user and a moderator of the channel (or
   * its broadcaster), a message of this channel under 6 hours old and not the broadcaster's.
   */
  async moderate(request: {
    broadcasterId: string;
    moderatorId: string;
    messageId: string;
    tokenUserId: string | undefined;
    tokenScopes: readonly string[];
  }): Promise<HelixChatAnswer> {
    const { broadcasterId, moderatorId, messageId } = request;
    if (!/^\d{1,20}$/.test(broadcasterId) || !/^\d{1,20}$/.test(moderatorId))
      return { status: 400, body: helixError(400, 'Missing required parameter: broadcaster_id and moderator_id') };
    if (request.tokenUserId === undefined) return { status: 401, body: helixError(401, 'Missing User OAUTH Token') };
    if (!request.tokenScopes.includes(manageChatMessagesScope)) return { status: 401, body: helixError(401, `Missing scope: ${manageChatMessagesScope}`) };
    if (request.tokenUserId !== moderatorId)
      return { status: 401, body: helixError(401, 'The ID in moderator_id must match the user ID found in the request’s OAuth token.') };
    if (moderatorId !== broadcasterId && !(await this.options.twitch.isModerator(broadcasterId, moderatorId)))
      return { status: 403, body: helixError(403, 'The user in moderator_id is not one of the broadcaster’s moderators.') };
    const message = this.viewerMessages.get(messageId);
    const nowMs = this.options.clock.now().getTime();
    if (!message || message.broadcasterId !== broadcasterId || message.deleted || nowMs - Date.parse(message.time) > deletableMs)
      return { status: 404, body: helixError(404, 'The ID in message_id was not found or the message was created more than 6 hours ago.') };
    if (message.senderId === broadcasterId) return { status: 400, body: helixError(400, 'You cannot delete the broadcaster’s messages.') };
    message.deleted = true;
    return { status: 204, body: null };
  }

  /** Helix's Send Chat Message: Twitch's checks, in Twitch's words, and the message recorded either way. */
  post(request: PostChatMessage): Promise<HelixChatAnswer> {
    const key = request.broadcasterId;
    const before = this.queues.get(key) ?? Promise.resolve();
    const turn = before.then(() => this.judge(request));
    const settled = turn.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return turn;
  }

  /** Told of each message posted in chat (not the dropped ones): the simulator echoes it as EventSub does. */
  onPosted(listener: (message: LocalChatMessage) => void): void {
    this.listeners.push(listener);
  }

  /** What senders tried to post, oldest first; only those after `after`, of one channel (id or login) when asked. */
  messages(filter: { after?: number; channel?: string } = {}): LocalChatMessage[] {
    const channel = filter.channel?.toLowerCase();
    return this.log.filter((m) => m.seq > (filter.after ?? 0) && (channel === undefined || m.broadcasterId === channel || m.broadcasterLogin === channel));
  }

  /** Per channel and sender: the budget now and the most ever used in one window. */
  async summary(): Promise<LocalChatChannelSummary[]> {
    const groups = new Map<string, LocalChatMessage[]>();
    for (const m of this.log) {
      const key = `${m.broadcasterId}/${m.senderId}`;
      const group = groups.get(key);
      if (group) group.push(m);
      else groups.set(key, [m]);
    }
    const out: LocalChatChannelSummary[] = [];
    for (const messages of groups.values()) {
      const { broadcasterId, broadcasterLogin, senderId } = messages[0] as LocalChatMessage;
      const moderator = await this.options.twitch.isModerator(broadcasterId, senderId);
      const sent = messages.filter((m) => !m.dropped).map((m) => Date.parse(m.time));
      out.push({
        broadcasterId,
        broadcasterLogin,
        senderId,
        moderator,
        limit: moderator ? chatRateLimits.asModerator : chatRateLimits.asViewer,
        sent: sent.length,
        dropped: messages.length - sent.length,
        mostInAnyWindow: mostInWindow(sent, chatRateLimits.windowMs),
      });
    }
    return out;
  }

  private async judge(request: PostChatMessage): Promise<HelixChatAnswer> {
    const { broadcasterId, senderId, text } = request;
    if (!/^\d{1,20}$/.test(broadcasterId) || !/^\d{1,20}$/.test(senderId) || text.trim() === '') {
      return { status: 400, body: helixError(400, 'Missing required parameter: broadcaster_id, sender_id and a message that is not empty') };
    }
    const now = this.options.clock.now();
    const login = (await this.options.twitch.userById(broadcasterId))?.login ?? null;
    const record = (status: number, dropReason: ChatDropReason | null, messageId: string | null) =>
      this.record({ broadcasterId, broadcasterLogin: login, senderId, text, time: now.toISOString(), status, dropReason, messageId });

    if (chatLength(text) > chatMessageMaxLength) {
      record(422, { code: chatDropCodes.tooLong, message: 'The message is too large.' }, null);
      return { status: 422, body: helixError(422, 'The message is too large.') };
    }
    if (!(await this.options.twitch.mayChatAs(senderId, broadcasterId, 'write'))) {
      const message = 'The sender is not permitted to send chat messages to the broadcaster’s chat room.';
      record(403, { code: chatDropCodes.notPermitted, message }, null);
      return { status: 403, body: helixError(403, message) };
    }
    const recent = this.log.filter(
      (m) => m.broadcasterId === broadcasterId && m.senderId === senderId && !m.dropped && now.getTime() - Date.parse(m.time) < chatRateLimits.windowMs,
    );
    const moderator = await this.options.twitch.isModerator(broadcasterId, senderId);
    const code =
      recent.length >= (moderator ? chatRateLimits.asModerator : chatRateLimits.asViewer)
        ? chatDropCodes.rateLimited
        : recent.at(-1)?.text === text
          ? chatDropCodes.duplicate
          : undefined;
    if (code) {
      const dropReason = { code, message: droppedTexts[code] as string };
      record(200, dropReason, null);
      return { status: 200, body: { data: [{ message_id: '', is_sent: false, drop_reason: dropReason }] } };
    }
    const messageId = randomUUID();
    const posted = record(200, null, messageId);
    for (const listener of this.listeners) listener(posted);
    return { status: 200, body: { data: [{ message_id: messageId, is_sent: true }] } };
  }

  private record(fields: Omit<LocalChatMessage, 'seq' | 'channel' | 'dropped'>): LocalChatMessage {
    const message: LocalChatMessage = {
      seq: ++this.seq,
      channel: fields.broadcasterLogin ?? fields.broadcasterId,
      ...fields,
      dropped: fields.messageId === null,
    };
    this.keepInLog(message);
    this.options.journal?.write(message);
    return message;
  }

  private keepInLog(message: LocalChatMessage): void {
    this.log.push(message);
    const keep = this.options.keep ?? 10_000;
    if (this.log.length > keep) this.log.splice(0, this.log.length - keep);
  }
}

/** Helix's error body. */
function helixError(status: number, message: string): { error: string; status: number; message: string } {
  const names: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 422: 'Unprocessable Entity' };
  return { error: names[status] ?? 'Error', status, message };
}

/** The most of these times (sorted, ms) that fall in any window of `windowMs`. */
function mostInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
