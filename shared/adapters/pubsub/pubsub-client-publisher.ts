/**
 * @module pubsub-client-publisher
 * Publishes through `@google-cloud/pubsub` (gRPC, batching, retries). For back-end
 * subscribers that publish onward, where its ~400 ms import is paid once per instance;
 * ingress functions use `PubSubRestPublisher` instead.
 *
 * @example
 * const publisher = new PubSubClientPublisher({ projectId: 'c500-prod' });
 * await publisher.publish('payments', { orderId }, { orderingKey: orderId });
 */
import { PubSub } from '@google-cloud/pubsub';
import type { EventPublisher, PublishOptions } from '../../ports';
import { messageBytes } from './pubsub-envelope';
import { withTraceAttribute } from '../../trace-context';

/** The part of a `Topic` used here, so tests can hand in a fake. */
export interface PublishingTopic {
  publishMessage(message: { data: Buffer; attributes?: Record<string, string>; orderingKey?: string }): Promise<string>;
  resumePublishing(orderingKey: string): void;
}

/** How the client gathers messages into publish requests (`@google-cloud/pubsub`'s `BatchPublishOptions`). */
export interface PublishBatching {
  maxMessages: number;
  maxBytes: number;
  maxMilliseconds: number;
}

/** The part of `PubSub` used here. */
export interface TopicSource {
  topic(name: string, options?: { messageOrdering?: boolean; batching?: PublishBatching }): PublishingTopic;
}

/**
 * The client's own defaults, written here so the capacity model and its test read what is sent:
 * a publish request holds at most 1,000 messages and 10 MB (https://cloud.google.com/pubsub/quotas),
 * and Pub/Sub counts each request at least 1 kB, so a request of many small messages costs the
 * quota less than each alone. 10 ms is a subscriber's wait, not a person's.
 */
export const publishBatching: PublishBatching = { maxMessages: 100, maxBytes: 1024 * 1024, maxMilliseconds: 10 };

export interface PubSubClientPublisherOptions {
  projectId?: string;
  /** Defaults to `new PubSub({ projectId })`, which honours `PUBSUB_EMULATOR_HOST`. */
  pubsub?: TopicSource;
  /** `host:port` of the Pub/Sub emulator, named rather than read from the environment (the local runtime's processes). */
  emulatorHost?: string;
}

export class PubSubClientPublisher implements EventPublisher {
  private readonly pubsub: TopicSource;
  /** Each Topic object holds its own batching queues, so one per topic is reused. */
  private readonly topics = new Map<string, PublishingTopic>();

  constructor(options: PubSubClientPublisherOptions = {}) {
    this.pubsub =
      options.pubsub ??
      new PubSub({
        ...(options.projectId ? { projectId: options.projectId } : {}),
        ...(options.emulatorHost ? { apiEndpoint: options.emulatorHost, emulatorMode: true } : {}),
      });
  }

  async publish(topic: string, data: unknown, options: PublishOptions = {}): Promise<string> {
    const bytes = messageBytes(data);
    const { orderingKey } = options;
    // The trace travels where Google's own client (and its tooling) reads it: `googclient_traceparent`.
    const attributes = withTraceAttribute(options.attributes);
    const handle = this.topic(topic);
    try {
      return await handle.publishMessage({
        data: bytes,
        ...(attributes ? { attributes } : {}),
        ...(orderingKey ? { orderingKey } : {}),
      });
    } catch (error) {
      // After a failed publish the client pauses that ordering key and rejects every
      // later message with it until told to resume; this instance may live on for many
      // more events, so unblock the key and let the caller's retry try again.
      if (orderingKey) handle.resumePublishing(orderingKey);
      throw error;
    }
  }

  private topic(name: string): PublishingTopic {
    let handle = this.topics.get(name);
    if (!handle) {
      // Ordering must be switched on for the Topic object before any ordering key is accepted.
      handle = this.pubsub.topic(name, { messageOrdering: true, batching: publishBatching });
      this.topics.set(name, handle);
    }
    return handle;
  }
}
