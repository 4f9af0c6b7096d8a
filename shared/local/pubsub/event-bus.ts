/**
 * @module event-bus
 * The in-process Pub/Sub: hands subscribers the same CloudEvent a push subscription or
 * Eventarc delivers (base64 `message.data`, attributes, ordering key), redelivers with
 * back-off when a subscriber throws, dead-letters after the subscription's attempts, and
 * delivers messages that share an ordering key one at a time, in order.
 *
 * Like a push subscription in front of one instance of its function, it hands a
 * subscriber no more messages at once than the function's `concurrency` (the figure
 * terraform deploys); the rest wait here, as they would in Pub/Sub, and a message waiting
 * for its redelivery holds no slot.
 */
import { randomUUID } from 'node:crypto';
import { log } from '../../log';
import type { EventPublisher, PublishOptions, PubSubCloudEvent, PubSubHandler, PubSubMessage } from '../../ports';
import { encodeMessageData } from '../../adapters/pubsub/pubsub-envelope';
import { continueTrace, runInTrace, traceparentAttribute, withTraceAttribute } from '../../trace-context';

export interface SubscriptionOptions {
  maxDeliveryAttempts: number;
  deadLetterTopic?: string;
  /** Messages handed to the subscriber at once; the rest wait in the bus. Unbounded when not given. */
  concurrency?: number;
}

export interface DeadLetter {
  topic: string;
  subscription: string;
  message: PubSubMessage;
  attempts: number;
  error: string;
}

/** What a subscription is doing now and has done, for tests and benchmarks. */
export interface SubscriptionStats {
  subscription: string;
  concurrency: number;
  /** Waiting for a slot (or behind an earlier message with the same ordering key). */
  waiting: number;
  inFlight: number;
  /** The most ever handed out at once. */
  peakInFlight: number;
  delivered: number;
  /** On the Pub/Sub emulator: messages published to it and not yet acknowledged or dead-lettered (waiting there included). */
  unsettled?: number;
}

export interface LocalEventBusOptions {
  projectId: string;
  /** First and longest wait before redelivery; Pub/Sub's own are 10 s and 600 s. */
  backoff?: { minMs: number; maxMs: number };
  /** What Pub/Sub is documented to do now and then, injected on demand (the local runtime's fault plan); none by default. */
  faults?: BusFaults;
  /** How long Pub/Sub takes from a publish to its push (the runtime's latency profile); at once when not given. */
  pushLatencyMs?: () => number;
}

/**
 * Pub/Sub delivers at least once and, without an ordering key, in any order: these hooks
 * make it do so on purpose. Asked once per message per subscription.
 */
export interface BusFaults {
  /** Deliver it twice: both at once, or once more after it was handled. */
  duplicate(message: PubSubMessage): 'at-once' | 'after-ack' | undefined;
  /** Hold it back this long before it may go out (0: not at all); never asked for a message with an ordering key. */
  holdBackMs(message: PubSubMessage): number;
}

interface Delivery {
  message: PubSubMessage;
  attempt: number;
  /** Pub/Sub will hand it out once more after it is acknowledged (an injected fault). */
  duplicateAfterAck?: true;
  /** When Pub/Sub pushes it at the earliest (an ordered message's latency, served in its key's turn so the order holds). */
  pushAtMs?: number;
}

interface Subscription extends SubscriptionOptions {
  name: string;
  topic: string;
  handler: PubSubHandler;
  concurrency: number;
  ready: Delivery[];
  inFlight: number;
  peakInFlight: number;
  delivered: number;
  pumpScheduled: boolean;
  /** Ordering keys with a message out (in flight or waiting to be redelivered), and those queued behind it. */
  orderedBehind: Map<string, Delivery[]>;
}

/** A message as Pub/Sub keeps it: the data encoded (it must be JSON), a new id, the time it was published, the publisher's trace. */
export function pubsubMessage(data: unknown, options: PublishOptions = {}): PubSubMessage {
  return {
    data: encodeMessageData(data),
    attributes: { ...withTraceAttribute(options.attributes) },
    messageId: randomUUID(),
    publishTime: new Date().toISOString(),
    ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
  };
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
    list.push({
      ...options,
      name: subscription,
      topic,
      handler,
      concurrency: options.concurrency ?? Number.POSITIVE_INFINITY,
      ready: [],
      inFlight: 0,
      peakInFlight: 0,
      delivered: 0,
      pumpScheduled: false,
      orderedBehind: new Map(),
    });
    this.subscriptions.set(topic, list);
  }

  async publish(topic: string, data: unknown, options: PublishOptions = {}): Promise<string> {
    const message = pubsubMessage(data, options);
    this.accept(topic, message);
    return message.messageId;
  }

  /** A message a publisher in another process made (encoded, named and stamped): taken as published. */
  accept(topic: string, message: PubSubMessage): void {
    for (const subscription of this.subscriptions.get(topic) ?? []) this.enqueue(subscription, message);
  }

  /** Messages not yet handled or dead-lettered: waiting, in flight, or backing off before a redelivery. */
  get unsettled(): number {
    return this.pending;
  }

  /** Resolves once every message published so far has been handled or dead-lettered. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): SubscriptionStats[] {
    return [...this.subscriptions.values()].flat().map((s) => ({
      subscription: s.name,
      concurrency: s.concurrency,
      waiting: s.ready.length + [...s.orderedBehind.values()].reduce((n, behind) => n + behind.length, 0),
      inFlight: s.inFlight,
      peakInFlight: s.peakInFlight,
      delivered: s.delivered,
    }));
  }

  private enqueue(subscription: Subscription, message: PubSubMessage, withFaults = true): void {
    const faults = withFaults ? this.options.faults : undefined;
    const duplicate = faults?.duplicate(message);
    const pushMs = this.options.pushLatencyMs?.() ?? 0;
    const ordered = message.orderingKey !== undefined;
    const holdBackMs = (faults && !ordered ? faults.holdBackMs(message) : 0) + (ordered ? 0 : pushMs);
    if (duplicate === 'at-once') this.enqueue(subscription, message, false);
    this.pending++;
    const delivery: Delivery = {
      message,
      attempt: 1,
      ...(duplicate === 'after-ack' ? { duplicateAfterAck: true } : {}),
      ...(ordered && pushMs > 0 ? { pushAtMs: Date.now() + pushMs } : {}),
    };
    if (holdBackMs > 0) {
      setTimeout(() => this.queue(subscription, delivery), holdBackMs);
      return;
    }
    this.queue(subscription, delivery);
  }

  private queue(subscription: Subscription, delivery: Delivery): void {
    const key = delivery.message.orderingKey;
    if (key !== undefined) {
      const behind = subscription.orderedBehind.get(key);
      if (behind) {
        behind.push(delivery);
        return;
      }
      subscription.orderedBehind.set(key, []);
    }
    subscription.ready.push(delivery);
    this.schedulePump(subscription);
  }

  /** Hands out waiting messages on the next turn of the event loop, never inside the publisher's call. */
  private schedulePump(subscription: Subscription): void {
    if (subscription.pumpScheduled) return;
    subscription.pumpScheduled = true;
    setImmediate(() => {
      subscription.pumpScheduled = false;
      while (subscription.inFlight < subscription.concurrency) {
        const next = subscription.ready.shift();
        if (!next) break;
        subscription.inFlight++;
        subscription.peakInFlight = Math.max(subscription.peakInFlight, subscription.inFlight);
        void this.deliver(subscription, next);
      }
    });
  }

  /** In the message's trace, as Pub/Sub's own: what the bus says of a delivery is a line of the trace that published it. */
  private deliver(subscription: Subscription, delivery: Delivery): Promise<void> {
    const span = continueTrace(delivery.message.attributes?.[traceparentAttribute]);
    return runInTrace(span, `pubsub:${subscription.name}`, () => this.deliverNow(subscription, delivery));
  }

  private async deliverNow(subscription: Subscription, delivery: Delivery): Promise<void> {
    const { message, attempt } = delivery;
    let acknowledged = true;
    // Counted from its publish: a key's messages overlap their latencies, as Pub/Sub's do, rather than add them up.
    const pushWaitMs = attempt === 1 && delivery.pushAtMs !== undefined ? delivery.pushAtMs - Date.now() : 0;
    if (pushWaitMs > 0) await new Promise((resolve) => setTimeout(resolve, pushWaitMs));
    try {
      await subscription.handler(this.cloudEvent(subscription, message, attempt));
    } catch (error) {
      acknowledged = false;
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt < subscription.maxDeliveryAttempts) {
        log.warn('delivery failed; will redeliver', { subscription: subscription.name, messageId: message.messageId, attempt, error });
        // The slot is free while the message waits; an ordering key stays held, so nothing overtakes it.
        this.release(subscription);
        setTimeout(
          () => {
            subscription.ready.push({ ...delivery, attempt: attempt + 1 });
            this.schedulePump(subscription);
          },
          Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** (attempt - 1)),
        );
        return;
      }
      this.deadLetter(subscription, message, attempt, reason);
    }
    subscription.delivered++;
    this.release(subscription);
    // Acknowledged, and still delivered again: at least once means sometimes twice.
    if (acknowledged && delivery.duplicateAfterAck) this.enqueue(subscription, message, false);
    this.settled(subscription, message);
  }

  private release(subscription: Subscription): void {
    subscription.inFlight--;
    if (subscription.ready.length > 0) this.schedulePump(subscription);
  }

  /** A message is done (handled or dead-lettered): the next one with its ordering key may go. */
  private settled(subscription: Subscription, message: PubSubMessage): void {
    const key = message.orderingKey;
    if (key !== undefined) {
      const next = subscription.orderedBehind.get(key)?.shift();
      if (next) {
        subscription.ready.push(next);
        this.schedulePump(subscription);
      } else subscription.orderedBehind.delete(key);
    }
    if (--this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private deadLetter(subscription: Subscription, message: PubSubMessage, attempts: number, error: string): void {
    this.deadLetters.push({ topic: subscription.topic, subscription: subscription.name, message, attempts, error });
    log.error('message dead-lettered', {
      subscription: subscription.name,
      messageId: message.messageId,
      attempts,
      error,
      deadLetterTopic: subscription.deadLetterTopic,
    });
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
        // A copy, so a subscriber that changes what it was handed cannot change a redelivery.
        message: { ...message, attributes: { ...message.attributes } },
        subscription: `projects/${this.options.projectId}/subscriptions/${subscription.name}`,
        deliveryAttempt,
      },
    };
  }
}
