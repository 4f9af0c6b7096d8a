/**
 * @module pubsub-envelope
 * Pure conversions between our payloads and what Pub/Sub carries: JSON in base64 on the
 * way out, and on the way in the CloudEvent a subscriber receives, whether it arrived as
 * an Eventarc binary CloudEvent (ce-* headers) or as a plain push subscription body.
 */
import { PoisonMessage } from '../../errors';
import type { PubSubCloudEvent, PubSubMessage } from '../../ports';

/** The bytes a payload travels as: UTF-8 JSON. */
export function messageBytes(data: unknown): Buffer {
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError('a Pub/Sub payload must be JSON-serialisable');
  return Buffer.from(json, 'utf8');
}

/** The same bytes in base64, as `message.data` carries them over REST and push. */
export function encodeMessageData(data: unknown): string {
  return messageBytes(data).toString('base64');
}

export function decodeMessageData(event: PubSubCloudEvent): unknown {
  const text = Buffer.from(event.data.message.data ?? '', 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new PoisonMessage(`message ${event.data.message.messageId} is not JSON`);
  }
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Builds the CloudEvent from an HTTP delivery. Both Eventarc (binary mode) and a push
 * subscription put `{ message, subscription }` in the body; Eventarc adds ce-* headers.
 */
export function cloudEventFromPush(headers: Headers, body: unknown): PubSubCloudEvent {
  if (typeof body !== 'object' || body === null) throw new PoisonMessage('push body is not a Pub/Sub envelope');
  const envelope = body as {
    message?: Partial<PubSubMessage> & { message_id?: string; publish_time?: string };
    subscription?: unknown;
    deliveryAttempt?: unknown;
  };
  const m = envelope.message;
  if (!m || typeof m.data !== 'string' || typeof envelope.subscription !== 'string') {
    throw new PoisonMessage('push body has no message.data or subscription');
  }
  const messageId = String(m.messageId ?? m.message_id ?? header(headers, 'ce-id') ?? '');
  const publishTime = String(m.publishTime ?? m.publish_time ?? header(headers, 'ce-time') ?? new Date().toISOString());
  return {
    specversion: '1.0',
    id: header(headers, 'ce-id') ?? messageId,
    source: header(headers, 'ce-source') ?? `//pubsub.googleapis.com/${envelope.subscription}`,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    time: publishTime,
    datacontenttype: 'application/json',
    data: {
      message: { data: m.data, attributes: m.attributes ?? {}, messageId, publishTime, ...(m.orderingKey ? { orderingKey: m.orderingKey } : {}) },
      subscription: envelope.subscription,
      ...(typeof envelope.deliveryAttempt === 'number' ? { deliveryAttempt: envelope.deliveryAttempt } : {}),
    },
  };
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
