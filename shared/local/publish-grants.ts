/**
 * @module publish-grants
 * Each function may publish only to the topics its registry entry names, which is what
 * terraform grants it: the local runtime refuses the rest, so a missing grant shows up on
 * a developer's machine before it does in the cloud.
 */
import type { EventPublisher, PublishOptions } from '../ports';
import type { FunctionEntry } from '../registry';

export function checkPublishGrant(entry: Pick<FunctionEntry, 'name' | 'publishes'>, topic: string): void {
  if (!(entry.publishes as readonly string[]).includes(topic)) {
    throw new Error(`${entry.name} may not publish to ${topic}: add it to its publishes in shared/registry.ts (terraform grants from there)`);
  }
}

export function grantedPublisher(entry: Pick<FunctionEntry, 'name' | 'publishes'>, publish: (topic: string, data: unknown, options?: PublishOptions) => Promise<string>): EventPublisher {
  return {
    publish: async (topic, data, options) => {
      checkPublishGrant(entry, topic);
      return publish(topic, data, options);
    },
  };
}
