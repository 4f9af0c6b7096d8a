/**
 * @module twitch-eventsub-delivery
 * How the Twitch simulator sends EventSub messages: Twitch's JSON for a subscription, the
 * message with its id and timestamp, and the delivery with Twitch's headers and HMAC
 * signature over the exact bytes, retried as Twitch retries a failed one.
 */
import { randomUUID } from 'node:crypto';
import { deliverWithRetries, type RetryOptions } from './webhook-delivery';
import type { Clock, EventSubSubscription, TwitchUser } from '../ports';
import { eventSubSignature } from '../adapters/twitch/eventsub-signature';
import { localTwitchUser, type LocalSubscription, type LocalTwitch } from './twitch/twitch';

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

/** Twitch's JSON for a subscription, as it appears in every message: from the simulator's record, or as `GET /_local/twitch/subscriptions` lists it. */
export function subscriptionJson(s: LocalSubscription | EventSubSubscription): Record<string, unknown> {
  const transport = 'transport' in s ? s.transport : { method: 'webhook', callback: s.callback };
  return { id: s.id, status: s.status, type: s.type, version: s.version, cost: 0, condition: s.condition, transport, created_at: s.createdAt };
}

export function eventSubMessage(input: {
  messageType: EventSubMessage['messageType'];
  /** The simulator's record, or a subscription as `GET /_local/twitch/subscriptions` lists it (a load generator builds its own deliveries). */
  subscription: LocalSubscription | EventSubSubscription;
  event?: Record<string, unknown>;
  challenge?: string;
  clock: Clock;
  /** Twitch-Eventsub-Message-Timestamp: when Twitch says it sent it; now unless given (a late delivery keeps its first time). */
  at?: Date;
}): EventSubMessage {
  const payload = {
    ...(input.challenge !== undefined ? { challenge: input.challenge } : {}),
    subscription: subscriptionJson(input.subscription),
    ...(input.event ? { event: input.event } : {}),
  };
  return {
    messageId: randomUUID(),
    timestamp: (input.at ?? input.clock.now()).toISOString(),
    messageType: input.messageType,
    subscriptionType: input.subscription.type,
    body: JSON.stringify(payload),
  };
}

/** Posts a message with Twitch's headers and signature; sending one twice is a redelivery. */
export async function deliverEventSub(url: string, secret: string, message: EventSubMessage, retry?: RetryOptions): Promise<{ status: number; text: string }> {
  // Twitch sends a failed notification again, with the same id and signature, counting its retries.
  const response = await deliverWithRetries(
    (attempt) =>
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
    retry,
  );
  return { status: response.status, text: await response.text() };
}

/** Delivers one message to each subscription, in turn, as Twitch does; answers each delivery's status. */
export async function deliverToSubscriptions(
  deps: { eventSubUrl: string; eventSubSecret: string },
  subscriptions: LocalSubscription[],
  message: (s: LocalSubscription) => EventSubMessage,
  retry?: RetryOptions,
): Promise<EventSubDelivery[]> {
  const deliveries: EventSubDelivery[] = [];
  for (const subscription of subscriptions) {
    const m = message(subscription);
    // One ingress takes them all locally, whatever callback a subscription kept from an earlier run.
    const { status } = await deliverEventSub(deps.eventSubUrl, deps.eventSubSecret, m, retry);
    deliveries.push({ subscriptionId: subscription.id, messageId: m.messageId, status });
  }
  return deliveries;
}

/** The user a login names: the one seen before with it, or the given id, or the id derived from the login. */
export async function userFor(twitch: LocalTwitch, login: string, userId?: string): Promise<TwitchUser> {
  return userId ? localTwitchUser(login, userId) : ((await twitch.userByLogin(login)) ?? localTwitchUser(login));
}
