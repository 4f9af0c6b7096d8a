/**
 * @module emulator-event-bus
 * Pub/Sub under the production-clients switch: messages go to Google's Pub/Sub emulator with
 * the production publisher, and each subscription's messages come back from it as a push
 * subscription delivers them (emulator-puller): the subscriber is handed the CloudEvent a push
 * body makes, a success acknowledges it, a failure has it delivered again after terraform's
 * back-off, and the emulator dead-letters it after the subscription's attempts.
 *
 * The facade keeps what the runtime knew with the in-process bus: what is in flight (published
 * and not yet acknowledged or dead-lettered, for `settle()` and `/_local/health`), each
 * subscription's deliveries, and the dead letters, read from each dead-letter topic's `-hold`
 * pull subscription. Pub/Sub's documented misbehaviour (the fault plan's `pubsub.*`) is
 * injected at the delivery: a duplicate runs the subscriber twice before the ack, or hands the
 * message back after a success so the emulator delivers it again; a delay or reordering holds
 * the delivery (the others overtake it).
 */
import { PubSub, v1, type Message, type Subscription as PullSubscription } from '@google-cloud/pubsub';
import { ConfigError } from '../config';
import { log } from '../log';
import type { PublishOptions, PubSubCloudEvent, PubSubHandler, PubSubMessage } from '../ports';
import type { TopicName } from '../registry';
import type { BusFaults, DeadLetter, SubscriptionOptions, SubscriptionStats } from './pubsub/event-bus';
import { PubSubClientPublisher } from '../adapters/pubsub/pubsub-client-publisher';
import { cloudEventFromPush } from '../adapters/pubsub/pubsub-envelope';
import { createEmulatorPubSub, createSubscription, holdSubscriptionOf, type EmulatorSubscriptionSpec } from './emulator-pubsub-setup';
import { SubscriptionPuller, type Backoff, type PulledMessage } from './emulator-puller';
import type { RuntimeEventBus } from './runtime-event-bus';
import { UnsettledMessages } from './unsettled-messages';
import type { Journal } from './journal';

export interface EmulatorEventBusOptions {
  projectId: string;
  /** `host:port` of the emulator (`PUBSUB_EMULATOR_HOST`). */
  emulatorHost: string | undefined;
  /** Terraform's retry policy: the wait before each delivery after a failed one. */
  backoff: Backoff;
  /** Where each dead letter read is written, and those an earlier runtime on the same data read. */
  deadLetters?: Journal<DeadLetter>;
  faults?: BusFaults;
}

/** The ack deadline (60 s) and the first two back-offs (10 s, 20 s), and some: what a killed runtime's deliveries take to come back. */
const earlierRuntimeOwesMs = 100_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A subscriber behind its subscription: no more deliveries at once than its function's concurrency. */
class Subscriber {
  inFlight = 0;
  peakInFlight = 0;
  delivered = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly freed: Array<() => void> = [];

  constructor(
    readonly spec: EmulatorSubscriptionSpec,
    readonly handler: PubSubHandler,
    readonly concurrency: number,
  ) {}

  /** How many more deliveries it takes now (those pulled and waiting for a slot count as taken); waits while none. */
  async freeSlots(): Promise<number> {
    for (;;) {
      const free = this.concurrency - this.inFlight - this.waiting.length;
      if (free > 0) return free;
      await new Promise<void>((resolve) => this.freed.push(resolve));
    }
  }

  /** A slot: at once when one is free, else when a delivery hands its own over. */
  async enter(): Promise<void> {
    if (this.inFlight < this.concurrency) this.inFlight++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
    for (const resolve of this.freed.splice(0)) resolve();
  }

  /** Wakes whatever waits for a slot, so a stopped puller can see it is stopped. */
  wake(): void {
    for (const resolve of this.freed.splice(0)) resolve();
  }

  stats(): SubscriptionStats {
    return {
      subscription: this.spec.name,
      concurrency: this.concurrency,
      waiting: this.waiting.length,
      inFlight: this.inFlight,
      peakInFlight: this.peakInFlight,
      delivered: this.delivered,
    };
  }
}

/** A message one subscription has been delivered and has not yet acknowledged. */
interface Delivery {
  message: PubSubMessage;
  /** Deliveries seen here. */
  attempts: number;
  error?: string;
}

export async function openEmulatorEventBus(options: EmulatorEventBusOptions): Promise<EmulatorEventBus> {
  const { emulatorHost, projectId } = options;
  if (!emulatorHost)
    throw new ConfigError(
      'C500_PRODUCTION_CLIENTS=1 runs Pub/Sub on its emulator: set PUBSUB_EMULATOR_HOST, or run npm start -- --production-clients, which starts one',
    );
  const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
  const { specs, existed } = await createEmulatorPubSub({ pubsub, projectId });
  const { port, ...config } = await pubsub.getClientConfig();
  const client = new v1.SubscriberClient({ ...config, ...(port !== undefined ? { port: Number(port) } : {}) });
  const bus = new EmulatorEventBus(pubsub, client, specs, options);
  bus.readDeadLetters();
  if (existed) bus.owedByAnEarlierRuntime();
  return bus;
}

export class EmulatorEventBus implements RuntimeEventBus {
  readonly deadLetters: DeadLetter[];
  private readonly ledger = new UnsettledMessages();
  private readonly subscribers = new Map<string, Subscriber>();
  /** By subscription and message id. */
  private readonly deliveries = new Map<string, Delivery>();
  private readonly publisher: PubSubClientPublisher;
  private readonly holds: PullSubscription[] = [];
  private readonly pullers: SubscriptionPuller[] = [];
  private readonly faults: BusFaults | undefined;
  /** Subscriptions beyond the registry's (a test's witness) still being created on the emulator. */
  private creating: Array<Promise<void>> = [];
  private stopped = false;

  constructor(
    private readonly pubsub: PubSub,
    private readonly client: v1.SubscriberClient,
    private readonly specs: EmulatorSubscriptionSpec[],
    private readonly options: Pick<EmulatorEventBusOptions, 'projectId' | 'backoff' | 'deadLetters' | 'faults'>,
  ) {
    this.publisher = new PubSubClientPublisher({ pubsub });
    this.faults = options.faults;
    this.deadLetters = [...(options.deadLetters?.earlier ?? [])];
  }

  /**
   * The subscriptions were there before this runtime (one on this project was killed): they
   * may hold messages it was delivering, which come back once their ack deadline passes, and
   * messages it handed back for later. Nobody here heard them published, so for that long the
   * runtime counts itself unsettled: a caller waiting for quiet does not take the gap for it.
   */
  owedByAnEarlierRuntime(): void {
    const release = this.ledger.hold();
    setTimeout(release, earlierRuntimeOwesMs).unref();
  }

  subscribe(topic: string, subscription: string, handler: PubSubHandler, options: SubscriptionOptions): void {
    let spec = this.specs.find((s) => s.name === subscription && s.topic === topic);
    let ready: Promise<void> = Promise.resolve();
    if (!spec) {
      // Not deployed by terraform: a test's own subscriber, delivered like the others once the emulator has it.
      spec = { name: subscription, topic, maxDeliveryAttempts: options.maxDeliveryAttempts, deadLetterTopic: options.deadLetterTopic };
      this.specs.push(spec);
      ready = createSubscription(this.pubsub, this.options.projectId, spec).then(() => undefined);
      ready.catch(() => undefined); // its failure surfaces at the next publish
      this.creating.push(ready);
    }
    const subscriber = new Subscriber(spec, handler, options.concurrency ?? Number.POSITIVE_INFINITY);
    this.subscribers.set(subscription, subscriber);
    const puller = new SubscriptionPuller({
      client: this.client,
      subscription: `projects/${this.options.projectId}/subscriptions/${subscription}`,
      backoff: this.options.backoff,
      freeSlots: () => (this.stopped ? Promise.resolve(1) : subscriber.freeSlots()),
      deliver: (pulled) => this.delivered(subscriber, pulled),
    });
    this.pullers.push(puller);
    void ready.then(
      () => puller.start(),
      () => undefined,
    );
  }

  async publish(topic: TopicName, data: unknown, options: PublishOptions = {}): Promise<string> {
    await this.created();
    const messageId = await this.publisher.publish(topic, data, options);
    this.published(topic, messageId);
    return messageId;
  }

  /** A message made elsewhere (encoded, named): published as it is, under the id the emulator gives it. */
  accept(topic: string, message: PubSubMessage): void {
    const release = this.ledger.hold();
    const data = Buffer.from(message.data, 'base64');
    this.created()
      .then(() => this.pubsub.topic(topic).publishMessage({ data, ...(message.attributes ? { attributes: message.attributes } : {}) }))
      .then(
        (messageId) => this.published(topic, messageId),
        (error: unknown) => log.error('could not publish to the Pub/Sub emulator', { topic, error }),
      )
      .finally(release);
  }

  /** A publisher (here, or in a function's process) has the emulator's word for a message: each subscription of its topic owes a delivery. */
  published(topic: string, messageId: string): void {
    const owing = this.specs.filter((s) => s.topic === topic).map((s) => s.name);
    this.ledger.published(owing, messageId);
  }

  /** Publishing waits for the subscriptions being created, or they would miss what it sends. */
  private async created(): Promise<void> {
    if (this.creating.length === 0) return;
    const pending = this.creating;
    this.creating = [];
    await Promise.all(pending);
  }

  get unsettled(): number {
    return this.ledger.count;
  }

  idle(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.ledger.idle();
  }

  stats(): SubscriptionStats[] {
    return [...this.subscribers.values()].map((s) => ({ ...s.stats(), unsettled: this.ledger.owedBy(s.spec.name) }));
  }

  /** One delivery from the emulator: true when it is done with (the puller acknowledges it), false to have it come again. */
  private async delivered(subscriber: Subscriber, pulled: PulledMessage): Promise<boolean> {
    if (this.stopped) return false;
    const subscription = subscriber.spec.name;
    // Made into a CloudEvent the way a push subscription's body is, by the production mapper.
    const body = {
      message: pulled.message,
      subscription: `projects/${this.options.projectId}/subscriptions/${subscription}`,
      deliveryAttempt: pulled.deliveryAttempt,
    };
    let event: PubSubCloudEvent;
    try {
      event = cloudEventFromPush({}, body);
    } catch (error) {
      log.error('a pulled message is not a Pub/Sub delivery', { subscription, error });
      return true; // redelivering a malformed envelope cannot help
    }
    const { message } = event.data;
    const key = `${subscription}\n${message.messageId}`;
    const delivery = this.deliveries.get(key) ?? { message, attempts: 0 };
    this.deliveries.set(key, delivery);
    delivery.attempts++;
    // A redelivery of a message already settled is in flight too while it runs.
    const release = this.ledger.isOpen(subscription, message.messageId) ? undefined : this.ledger.hold();
    try {
      return await this.deliver(subscriber, event, delivery);
    } finally {
      release?.();
    }
  }

  private async deliver(subscriber: Subscriber, event: PubSubCloudEvent, delivery: Delivery): Promise<boolean> {
    const { message } = event.data;
    const subscription = subscriber.spec.name;
    // Asked once per message per subscription, as the in-process bus asks.
    const first = delivery.attempts === 1;
    const duplicate = first ? this.faults?.duplicate(message) : undefined;
    const holdBackMs = first && message.orderingKey === undefined ? (this.faults?.holdBackMs(message) ?? 0) : 0;
    if (holdBackMs > 0) await pause(holdBackMs);
    const failure = await this.run(subscriber, event, duplicate === 'at-once' ? 2 : 1);
    if (failure !== undefined) {
      delivery.error = failure instanceof Error ? failure.message : String(failure);
      log.warn('delivery failed; it comes again after the back-off', {
        subscription,
        messageId: message.messageId,
        attempt: event.data.deliveryAttempt ?? delivery.attempts,
        error: failure,
      });
      return false;
    }
    // Handled, and still delivered again: at least once means sometimes twice.
    if (duplicate === 'after-ack') return false;
    subscriber.delivered++;
    this.deliveries.delete(`${subscription}\n${message.messageId}`);
    this.ledger.settle(subscription, message.messageId);
    return true;
  }

  /**
   * Runs the subscriber (twice at once for a duplicate) in one of its slots: the error when it
   * failed. Of a duplicate, one success is enough: the other found the work done or under way.
   */
  private async run(subscriber: Subscriber, event: PubSubCloudEvent, times: number): Promise<unknown> {
    await subscriber.enter();
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: times }, () => subscriber.handler(structuredClone(event))));
      const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      return failed.length === outcomes.length ? (failed[0] ?? new Error('no delivery ran')) : undefined;
    } finally {
      subscriber.leave();
    }
  }

  /** Reads every dead-letter topic's `-hold` subscription, as someone paged by terraform's alert would. */
  readDeadLetters(): void {
    for (const topic of new Set(this.specs.flatMap((s) => (s.deadLetterTopic ? [s.deadLetterTopic] : [])))) {
      const hold = this.pubsub.subscription(holdSubscriptionOf(topic));
      hold.on('message', (m: Message) => {
        try {
          this.deadLettered(m);
        } catch (error) {
          log.error('a dead letter could not be read', { subscription: hold.name, messageId: m.id, error });
        }
        m.ack();
      });
      hold.on('error', (error: unknown) => log.error('reading dead letters from the Pub/Sub emulator failed', { subscription: hold.name, error }));
      this.holds.push(hold);
    }
  }

  /** A dead letter, matched to the deliveries seen here by its subscription and bytes: the emulator gives it a new id. */
  private deadLettered(m: Message): void {
    const { CloudPubSubDeadLetterSourceSubscription: source = '', CloudPubSubDeadLetterSourceDeliveryCount: count } = m.attributes;
    const attributes = Object.fromEntries(Object.entries(m.attributes).filter(([name]) => !name.startsWith('CloudPubSubDeadLetter')));
    const data = m.data.toString('base64');
    const found = [...this.deliveries].find(
      ([key, d]) => key.startsWith(`${source}\n`) && d.message.data === data && sameAttributes(d.message.attributes ?? {}, attributes),
    );
    if (found) this.deliveries.delete(found[0]);
    const message: PubSubMessage = found?.[1].message ?? { data, attributes, messageId: m.id, publishTime: m.publishTime.toISOString() };
    const attempts = Number(count ?? found?.[1].attempts ?? 0);
    const error = found?.[1].error ?? 'dead-lettered with no failed push seen here';
    const spec = this.specs.find((s) => s.name === source);
    const deadLetter: DeadLetter = { topic: spec?.topic ?? '', subscription: source, message, attempts, error };
    this.deadLetters.push(deadLetter);
    this.options.deadLetters?.write(deadLetter);
    log.error('message dead-lettered', { subscription: source, messageId: message.messageId, attempts, error, deadLetterTopic: spec?.deadLetterTopic });
    if (found) this.ledger.settle(source, message.messageId);
  }

  /** Waits (at most `withinMs`) for what is in flight, then takes no more deliveries: the functions they would reach close next. */
  async drain(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ledger.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
    this.stop();
  }

  /**
   * Stops pulling and reading dead letters. The subscriptions stay on the emulator with what
   * they still hold, as a deployed one keeps its messages while its function is down: a runtime
   * started again on the same project gets them.
   */
  async close(): Promise<void> {
    this.stop();
    // Closing the client cancels the pulls still waiting on the emulator.
    await this.client.close().catch(() => undefined);
    await Promise.all(this.holds.map((hold) => hold.close().catch(() => undefined)));
    await this.pubsub.close();
  }

  private stop(): void {
    this.stopped = true;
    for (const subscriber of this.subscribers.values()) subscriber.wake();
    for (const puller of this.pullers) void puller.stop();
  }
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
