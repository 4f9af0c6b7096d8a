/**
 * @module event-bus
 * Pub/Sub as the functions see it: publishing, and the CloudEvent a subscriber is handed.
 */
import type { TopicName } from '../registry';

export interface PublishOptions {
  attributes?: Record<string, string>;
  /** Messages with the same key reach a subscriber one at a time, in publish order. */
  orderingKey?: string;
}

export interface EventPublisher {
  /** Resolves with the message id once the bus has accepted the message. */
  /** The topic's name is the registry's: a misspelt one does not compile. */
  publish(topic: TopicName, data: unknown, options?: PublishOptions): Promise<string>;
}

/** What Pub/Sub hands a subscriber: the `data` of a `messagePublished` CloudEvent. */
export interface PubSubMessage {
  data: string;
  attributes?: Record<string, string>;
  messageId: string;
  publishTime: string;
  orderingKey?: string;
}

export interface PubSubCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: 'google.cloud.pubsub.topic.v1.messagePublished';
  time: string;
  datacontenttype: 'application/json';
  data: { message: PubSubMessage; subscription: string; deliveryAttempt?: number };
}

/** A subscriber: throwing asks the bus to deliver the message again later. */
export type PubSubHandler = (event: PubSubCloudEvent) => Promise<void>;
