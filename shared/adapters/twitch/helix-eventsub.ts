/**
 * @module helix-eventsub
 * EventSub subscriptions through Helix as the app (https://dev.twitch.tv/docs/api/reference/#create-eventsub-subscription):
 * `POST /eventsub/subscriptions` answers 202 with the new subscription, 409 when one of the
 * same type, condition and callback exists (then that one is looked up and counts as made),
 * 403 when the authorizations the type needs are missing; `DELETE` answers 204 (404 for one
 * already gone); `GET` lists a page at a time, filtered by one of `type` or `user_id`.
 */
import type { EventSubSubscription, EventSubWebhook } from '../../ports';
import { helixMessage, TwitchHttpError, type HelixAnswer, type HelixAppClient } from './helix-app-client';

interface SubscriptionData {
  id?: unknown;
  type?: unknown;
  version?: unknown;
  status?: unknown;
  condition?: unknown;
  transport?: { callback?: unknown } | null;
  created_at?: unknown;
}

export class HelixEventSub {
  constructor(private readonly client: HelixAppClient) {}

  async subscribe(type: string, version: string, condition: Record<string, string>, webhook: EventSubWebhook): Promise<EventSubSubscription> {
    const answer = await this.client.request('POST', '/eventsub/subscriptions', {
      body: { type, version, condition, transport: { method: 'webhook', callback: webhook.callbackUrl, secret: webhook.secret } },
    });
    if (answer.status === 202 || answer.status === 200) {
      const made = firstSubscription(answer);
      if (made) return made;
    }
    if (answer.status === 409) {
      const existing = (await this.list({ type })).find(
        (s) => s.callback === webhook.callbackUrl && sameCondition(s.condition, condition) && s.version === version,
      );
      if (existing) return existing;
    }
    throw refused(answer, `create the ${type} subscription`);
  }

  async unsubscribe(id: string): Promise<void> {
    const answer = await this.client.request('DELETE', '/eventsub/subscriptions', { query: { id } });
    if (answer.status === 204 || answer.status === 200 || answer.status === 404) return;
    throw refused(answer, 'delete the subscription');
  }

  async list(filter: { type?: string; userId?: string } = {}): Promise<EventSubSubscription[]> {
    // Helix takes one filter at a time: `type` is sent, `userId` filters what comes back.
    const query: Record<string, string> = filter.type ? { type: filter.type } : filter.userId ? { user_id: filter.userId } : {};
    const found: EventSubSubscription[] = [];
    for (let page = 0; page < 100; page++) {
      const answer = await this.client.request('GET', '/eventsub/subscriptions', { query });
      if (answer.status !== 200) throw refused(answer, 'list subscriptions');
      const body = answer.body as { data?: unknown; pagination?: { cursor?: unknown } } | undefined;
      for (const item of Array.isArray(body?.data) ? body.data : []) {
        const subscription = readSubscription(item as SubscriptionData);
        if (subscription) found.push(subscription);
      }
      const cursor = body?.pagination?.cursor;
      if (typeof cursor !== 'string' || !cursor) break;
      query.after = cursor;
    }
    return filter.userId && filter.type ? found.filter((s) => Object.values(s.condition).includes(filter.userId as string)) : found;
  }
}

function firstSubscription(answer: HelixAnswer): EventSubSubscription | undefined {
  const data = (answer.body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? readSubscription(data[0] as SubscriptionData) : undefined;
}

function readSubscription(item: SubscriptionData | undefined): EventSubSubscription | undefined {
  if (!item || typeof item.id !== 'string' || typeof item.type !== 'string') return undefined;
  const condition = Object.fromEntries(
    Object.entries(typeof item.condition === 'object' && item.condition !== null ? item.condition : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  return {
    id: item.id,
    type: item.type,
    version: typeof item.version === 'string' ? item.version : '1',
    status: typeof item.status === 'string' ? item.status : 'unknown',
    condition,
    callback: typeof item.transport?.callback === 'string' ? item.transport.callback : '',
    createdAt: typeof item.created_at === 'string' ? item.created_at : '',
  };
}

function sameCondition(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

function refused(answer: HelixAnswer, what: string): TwitchHttpError {
  return new TwitchHttpError(answer.status, `Twitch did not ${what}: ${answer.status} ${helixMessage(answer)}`);
}
