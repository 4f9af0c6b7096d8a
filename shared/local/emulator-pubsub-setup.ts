/**
 * @module emulator-pubsub-setup
 * Pub/Sub on the emulator as terraform/pubsub.tf deploys it: every topic of the registry, a
 * dead-letter topic for each with its `-hold` pull subscription, and one subscription per
 * subscriber function (60 s ack deadline, no ordering: no publisher passes an ordering key,
 * and terraform orders nothing), with the topic's dead-letter policy.
 *
 * Terraform's are push subscriptions with a retry policy; here the runtime pulls and pushes
 * itself, with that policy's back-off (emulator-puller says why). Neither a push endpoint nor
 * a retry policy is set on the emulator: its retry policy (0.8.20) keeps the messages it is to
 * push again in a map by due time, and when two fail in the same pass they share a time; it
 * then files one again, and the second time it comes due its expiry pass fails and stops for
 * good, so every later failed message of that subscription is neither delivered again nor
 * dead-lettered.
 */
import type { PubSub } from '@google-cloud/pubsub';
import { functionRegistry, subscriptionName, topicOf, topics, type PubSubFunctionEntry } from '../registry';

/** A subscription as it is created: the registry's, or one a test names. */
export interface EmulatorSubscriptionSpec {
  name: string;
  topic: string;
  maxDeliveryAttempts: number;
  deadLetterTopic: string | undefined;
}

/** terraform's `-hold` subscription on a dead-letter topic: where dead letters wait to be read. */
export const holdSubscriptionOf = (deadLetterTopic: string) => `${deadLetterTopic}-hold`;

/** Every subscriber function's subscription, as terraform names it. */
export function registrySubscriptions(): EmulatorSubscriptionSpec[] {
  return functionRegistry
    .filter((entry): entry is PubSubFunctionEntry => entry.kind === 'pubsub')
    .map((entry) => {
      const topic = topicOf(entry.topic);
      return { name: subscriptionName(entry), topic: entry.topic, maxDeliveryAttempts: topic.maxDeliveryAttempts, deadLetterTopic: topic.deadLetterTopic };
    });
}

export async function createEmulatorPubSub(options: { pubsub: PubSub; projectId: string }): Promise<{ specs: EmulatorSubscriptionSpec[]; existed: boolean }> {
  const { pubsub, projectId } = options;
  await Promise.all(topics.flatMap((t) => [t.name, t.deadLetterTopic]).map((name) => ignoreExisting(pubsub.createTopic(name))));
  // A dead-letter topic with no subscription drops what it is sent.
  await Promise.all(
    topics.map((t) =>
      ignoreExisting(
        pubsub
          .topic(t.deadLetterTopic)
          .createSubscription(holdSubscriptionOf(t.deadLetterTopic), { ackDeadlineSeconds: 60, messageRetentionDuration: { seconds: 604_800 } }),
      ),
    ),
  );
  const specs = registrySubscriptions();
  const created = await Promise.all(specs.map((spec) => createSubscription(pubsub, projectId, spec)));
  // Made by an earlier runtime on this project (one killed, then started again here).
  return { specs, existed: created.some((made) => !made) };
}

/** Answers whether it was made now (false: it was there already). */
export async function createSubscription(pubsub: PubSub, projectId: string, spec: EmulatorSubscriptionSpec): Promise<boolean> {
  const created = await ignoreExisting(
    pubsub.topic(spec.topic).createSubscription(spec.name, {
      ackDeadlineSeconds: 60,
      enableMessageOrdering: false,
      ...(spec.deadLetterTopic
        ? { deadLetterPolicy: { deadLetterTopic: `projects/${projectId}/topics/${spec.deadLetterTopic}`, maxDeliveryAttempts: spec.maxDeliveryAttempts } }
        : {}),
    }),
  );
  // Left by an earlier run on the same project, perhaps one that had the emulator push: pulled now.
  if (!created) await pubsub.subscription(spec.name).modifyPushConfig({});
  return created;
}

/** A run on a project an earlier run used (GOOGLE_CLOUD_PROJECT) finds its topics there already. */
async function ignoreExisting(creating: Promise<unknown>): Promise<boolean> {
  try {
    await creating;
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 6) throw error; // ALREADY_EXISTS
    return false;
  }
}
