/**
 * @module emulator-publisher
 * How a function in a process of the runtime publishes under the production-clients switch:
 * with the publisher a deployed function has (the REST one for an HTTP function, as
 * `gcpPlatform` gives it, the gRPC client for the others), against the Pub/Sub emulator. Once
 * the emulator has a message, the runtime is told its id, so it knows what is in flight
 * until its subscribers acknowledge it (emulator-event-bus).
 */
import type { EventPublisher, PublishOptions } from '../ports';
import type { FunctionEntry, TopicName } from '../registry';
import { grantedPublisher } from './grants';

/** What the publisher tells the runtime: over the process channel, waited for or not. */
export interface PublishedNotice {
  (topic: string, messageId: string): Promise<void> | void;
}

export function emulatorPublisher(entry: FunctionEntry, projectId: string, emulatorHost: string, tell: PublishedNotice): EventPublisher {
  const production = productionPublisher(entry, projectId, emulatorHost);
  return grantedPublisher(entry, async (topic: string, data: unknown, options?: PublishOptions) => {
    const messageId = await production.publish(topic as TopicName, data, options);
    await tell(topic, messageId);
    return messageId;
  });
}

/* eslint-disable @typescript-eslint/no-require-imports -- each SDK loads only under the switch, and only the one the function uses */
function productionPublisher(entry: FunctionEntry, projectId: string, emulatorHost: string): EventPublisher {
  if (entry.kind === 'http') {
    const { PubSubRestPublisher } = require('../adapters/pubsub/pubsub-rest-publisher') as typeof import('../adapters/pubsub/pubsub-rest-publisher');
    return new PubSubRestPublisher({ projectId, emulatorHost });
  }
  const { PubSubClientPublisher } = require('../adapters/pubsub/pubsub-client-publisher') as typeof import('../adapters/pubsub/pubsub-client-publisher');
  return new PubSubClientPublisher({ projectId, emulatorHost });
}
