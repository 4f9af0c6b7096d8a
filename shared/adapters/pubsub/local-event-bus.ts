/**
 * @module local-event-bus
 * The in-process Pub/Sub: hands subscribers the same CloudEvent a push subscription or
 * Eventarc delivers (base64 `message.data`, attributes, ordering key), redelivers with
 * back-off when a subscriber throws, dead-letters after the subscription's attempts, and
 * delivers messages that share an ordering key one at a time, in order.
 */
import { randomUUID } from 'node:crypto';
import { log } from '../../log';
import type { EventPublisher, PublishOptions, PubSubCloudEvent, PubSubHandler, PubSubMessage } from '../../ports';
import { encodeMessageData } from './pubsub-envelope';

export interface SubscriptionOptions {
  maxDeliveryAttempts: number;
  deadLetterTopic?: string;
}

export interface DeadLetter {
  topic: string;
  subscription: string;
  message: PubSubMessage;
  attempts: number;
  error: string;
}

export interface LocalEventBusOptions {
  projectId: string;
  /** First and longest wait before redelivery; Pub/Sub's own are 10 s and 600 s. */
  backoff?: { minMs: number; maxMs: number };
}

interface Subscription extends SubscriptionOptions {
  name: string;
  topic: string;
  handler: PubSubHandler;
  /** Tail of the delivery chain of each ordering key. */
  orderedTails: Map<string, Promise<void>>;
}

export class LocalEventBus implements EventPublisher {
  readonly deadLetters: DeadLetter[] = [];
  private readonly subscriptions = new Map<string, Subscription[]>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly backoff: { minMs: number; maxMs: number };

  constructor(private readonly options: LocalEventBusOptions) {
    this.backoff = options.backoff ?? { minMs: 200, maxMs: 5000 };
  }

  subscribe(topic: string, subscription: string, handler: PubSubHandler, options: SubscriptionOptions): void {
    const list = this.subscriptions.get(topic) ?? [];
    list.push({ ...options, name: subscription, topic, handler, orderedTails: new Map() });
    this.subscriptions.set(topic, list);
  }

  async publish(topic: string, data: unknown, options: PublishOptions = {}): Promise<string> {
    const message: PubSubMessage = {
      data: encodeMessageData(data),
      attributes: { ...options.attributes },
      messageId: randomUUID(),
      publishTime: new Date().toISOString(),
      ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
    };
    for (const subscription of this.subscriptions.get(topic) ?? []) this.enqueue(subscription, message);
    return message.messageId;
  }

  /** Resolves once every message published so far has been handled or dead-lettered. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(subscription: Subscription, message: PubSubMessage): void {
    this.pending++;
    const key = message.orderingKey;
    if (!key) {
      setImmediate(() => void this.deliver(subscription, message));
      return;
    }
    const tail = subscription.orderedTails.get(key) ?? Promise.resolve();
    const next = tail.then(() => this.deliver(subscription, message));
    subscription.orderedTails.set(key, next);
    void next.then(() => {
      if (subscription.orderedTails.get(key) === next) subscription.orderedTails.delete(key);
    });
  }

  private async deliver(subscription: Subscription, message: PubSubMessage): Promise<void> {
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await subscription.handler(this.cloudEvent(subscription, message, attempt));
          return;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (attempt >= subscription.maxDeliveryAttempts) {
            await this.deadLetter(subscription, message, attempt, reason);
            return;
          }
          log.warn('delivery failed; will redeliver', { subscription: subscription.name, messageId: message.messageId, attempt, error });
          await new Promise((r) => setTimeout(r, Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** (attempt - 1))));
        }
      }
    } finally {
      if (--this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async deadLetter(subscription: Subscription, message: PubSubMessage, attempts: number, error: string): Promise<void> {
    this.deadLetters.push({ topic: subscription.topic, subscription: subscription.name, message, attempts, error });
    log.error('message dead-lettered', { subscription: subscription.name, messageId: message.messageId, attempts, error, deadLetterTopic: subscription.deadLetterTopic });
    if (subscription.deadLetterTopic) {
      for (const s of this.subscriptions.get(subscription.deadLetterTopic) ?? []) this.enqueue(s, message);
    }
  }

  private cloudEvent(subscription: Subscription, message: PubSubMessage, deliveryAttempt: number): PubSubCloudEvent {
    return {
      specversion: '1.0',
      id: message.messageId,
      source: `//pubsub.googleapis.com/projects/${this.options.projectId}/topics/${subscription.topic}`,
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      time: message.publishTime,
      datacontenttype: 'application/json',
      data: {
        message: structuredClone(message),
        subscription: `projects/${this.options.projectId}/subscriptions/${subscription.name}`,
        deliveryAttempt,
      },
    };
  }
}
