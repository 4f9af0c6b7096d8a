/**
 * @module runtime-event-bus
 * What the runtime needs of its Pub/Sub, whichever carries the messages: the in-process
 * `LocalEventBus` by default, or, under the production-clients switch, the facade over
 * Google's emulator (`emulator-event-bus`). Either one delivers to the subscribers
 * `hostFunctions` hands it and knows what is still in flight, for `settle()`,
 * `/_local/health` and `/_local/dead-letters`.
 */
import type { EventPublisher, PubSubHandler, PubSubMessage } from '../ports';
import type { DeadLetter, SubscriptionOptions, SubscriptionStats } from './pubsub/event-bus';

export interface RuntimeEventBus extends EventPublisher {
  /** Messages that gave up, in the order they did. */
  readonly deadLetters: readonly DeadLetter[];
  /** Messages not yet handled or dead-lettered. */
  readonly unsettled: number;
  subscribe(topic: string, subscription: string, handler: PubSubHandler, options: SubscriptionOptions): void;
  /** A message a publisher in another process made: taken as published. */
  accept(topic: string, message: PubSubMessage): void;
  /** Resolves once every message published so far has been handled or dead-lettered. */
  idle(): Promise<void>;
  stats(): SubscriptionStats[];
}
