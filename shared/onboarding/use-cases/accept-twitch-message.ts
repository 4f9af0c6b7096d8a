/**
 * @module accept-twitch-message
 * What the Twitch EventSub ingress does with a request: check the signature on the raw
 * bytes and the replay window before reading anything, answer the subscription challenge,
 * and hand notifications and revocations to `twitch-events`. The publish is awaited
 * before answering: a gen2 function loses its CPU once it has answered.
 */
import type { Clock, EventPublisher } from '../../ports';
import { type JsonObject, type RecentIds, isJsonObject, jsonObjectOf, twitchSignatureShape } from '../../common';
import { log } from '../../log';
import { nameTraceEvent } from '../../trace-context';

/** Twitch refuses to be trusted for messages older than this, and so do we (replay window). */
export const eventSubReplayWindowMs = 10 * 60 * 1000;

/** What `twitch-events` carries: the message as Twitch sent it, minus the transport. */
export interface TwitchEventMessage {
  messageId: string;
  messageType: 'notification' | 'revocation';
  /** Twitch-Eventsub-Message-Timestamp, as sent (RFC 3339, up to nanoseconds). */
  timestamp: string;
  subscription: Record<string, unknown>;
  event?: Record<string, unknown>;
}

export interface TwitchWebhookRequest {
  /** Node's request headers: names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

/** Shaped like the HTTP mapper's answer, without this module depending on it. */
export interface TwitchWebhookAnswer {
  status: number;
  text?: string;
  headers?: Record<string, string>;
}

export interface AcceptTwitchMessageDeps {
  publisher: EventPublisher;
  recent: RecentIds;
  clock: Clock;
  /** The HMAC check, with the EventSub secret already bound. */
  verifySignature: (messageId: string, timestamp: string, rawBody: Buffer, signature: string | undefined) => boolean;
  /**
   * Chat (`channel.chat.message`) is not onboarding's: the function hands each chat event to
   * the module that reads it, which says what to publish on `chat-bids`, or that it is
   * ignored (most chat is not a bid). Without it, chat is acknowledged and dropped.
   */
  routeChat?: (event: JsonObject, signedAt: string) => { publish: unknown } | { ignore: string };
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export async function acceptTwitchMessage(request: TwitchWebhookRequest, deps: AcceptTwitchMessageDeps): Promise<TwitchWebhookAnswer> {
  const messageId = header(request, 'twitch-eventsub-message-id');
  const timestamp = header(request, 'twitch-eventsub-message-timestamp');
  const messageType = header(request, 'twitch-eventsub-message-type');
  const signature = header(request, 'twitch-eventsub-message-signature');
  // The answer's `http.answered` line carries the signature's shape: the Twitch signature SLI counts the fresh ones only.
  const shape = twitchSignatureShape(signature, messageId, timestamp, (stamp) => isFresh(stamp, deps.clock.now()));
  nameTraceEvent({ signature: shape });
  if (!messageId || !timestamp || !deps.verifySignature(messageId, timestamp, request.body, signature)) {
    log.warn('webhook refused', { event: 'webhook.refused', source: 'twitch', reason: 'signature', shape });
    return { status: 401, text: 'invalid EventSub signature' };
  }
  if (!isFresh(timestamp, deps.clock.now())) {
    log.warn('webhook refused', { event: 'webhook.refused', source: 'twitch', reason: 'stale', shape });
    return { status: 401, text: 'stale EventSub message' };
  }

  const payload = jsonObjectOf(request.body);
  const subscription = payload?.subscription;
  if (!payload || !isJsonObject(subscription)) return { status: 400, text: 'expected an EventSub message as JSON' };

  if (messageType === 'webhook_callback_verification') {
    if (typeof payload.challenge !== 'string') return { status: 400, text: 'verification without a challenge' };
    // Twitch wants the challenge back verbatim as the whole body, as text.
    return { status: 200, text: payload.challenge, headers: { 'content-type': 'text/plain; charset=utf-8' } };
  }
  if (messageType !== 'notification' && messageType !== 'revocation') {
    // A type Twitch adds later: acknowledged, so Twitch does not count it as a failure.
    return { status: 204 };
  }
  if (messageType === 'notification' && !isJsonObject(payload.event)) return { status: 400, text: 'notification without an event' };

  const message: TwitchEventMessage = {
    messageId,
    messageType,
    timestamp,
    subscription,
    ...(isJsonObject(payload.event) ? { event: payload.event } : {}),
  };
  const subscriptionType = typeof subscription.type === 'string' ? subscription.type : 'unknown';
  if (messageType === 'notification' && subscriptionType === 'channel.chat.message' && message.event) {
    const routed = deps.routeChat?.(message.event, timestamp) ?? { ignore: 'no chat route' };
    if ('ignore' in routed) return { status: 204 };
    await deps.recent.once(messageId, () => deps.publisher.publish('chat-bids', routed.publish, { attributes: { messageId } }));
    return { status: 204 };
  }
  // No ordering key: the subscriber drops messages older than what it has recorded.
  await deps.recent.once(messageId, () => deps.publisher.publish('twitch-events', message, { attributes: { messageId, messageType, subscriptionType } }));
  return { status: 204 };
}

function isFresh(timestamp: string, now: Date): boolean {
  if (!rfc3339.test(timestamp)) return false;
  const sent = Date.parse(timestamp);
  return Number.isFinite(sent) && Math.abs(now.getTime() - sent) <= eventSubReplayWindowMs;
}

function header(request: TwitchWebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
