/**
 * @module emulator-pubsub-setup
 * Pub/Sub on the emulator as terraform/pubsub.tf deploys it: every topic of the registry, a
 * dead-letter topic for each with its `-hold` pull subscription, and one push subscription
 * per subscriber function (60 s ack deadline, no ordering: no publisher passes an ordering
 * key, and terraform orders nothing), with the topic's dead-letter policy. Its push endpoint
 * is the runtime's own route (`POST /_local/pubsub/push/<subscription>`).
 *
 * Without terraform's retry policy: the emulator (0.8.20) keeps the messages it is to push
 * again later in a map by due time, and when two fail in the same pass they share a time; it
 * then files one again, pushes it, and the second time it comes due its expiry pass fails
 * (the delivery is gone) and stops for good: every later nacked message of that subscription
 * is neither pushed again nor dead-lettered (a herd of bids refused by Discord's rate limit
 * showed it in the soak). Without a retry policy it pushes a nacked message again after
 * about a second.
 */
import type { PubSub } from '@google-cloud/pubsub';
import { functionRegistry, subscriptionName, topicOf, topics, type PubSubFunctionEntry } from '../registry';

/** A push subscription as it is created: the registry's, or one a test names. */
export interface PushSubscriptionSpec {
  name: string;
  topic: string;
  maxDeliveryAttempts: number;
  deadLetterTopic: string | undefined;
}

export const pushRoutePrefix = '/_local/pubsub/push/';

/** terraform's `-hold` subscription on a dead-letter topic: where dead letters wait to be read. */
export const holdSubscriptionOf = (deadLetterTopic: string) => `${deadLetterTopic}-hold`;

/** Every subscriber function's push subscription, as terraform names it. */
export function registrySubscriptions(): PushSubscriptionSpec[] {
  return functionRegistry
    .filter((entry): entry is PubSubFunctionEntry => entry.kind === 'pubsub')
    .map((entry) => {
      const topic = topicOf(entry.topic);
      return { name: subscriptionName(entry), topic: entry.topic, maxDeliveryAttempts: topic.maxDeliveryAttempts, deadLetterTopic: topic.deadLetterTopic };
    });
}

export async function createEmulatorPubSub(options: {
  pubsub: PubSub;
  projectId: string;
  /** The runtime's own address, which the emulator pushes to. */
  pushBaseUrl: string;
}): Promise<PushSubscriptionSpec[]> {
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
  await Promise.all(specs.map((spec) => createPushSubscription(pubsub, projectId, spec, options.pushBaseUrl)));
  return specs;
}

export async function createPushSubscription(pubsub: PubSub, projectId: string, spec: PushSubscriptionSpec, pushBaseUrl: string): Promise<void> {
  const pushConfig = { pushEndpoint: `${pushBaseUrl}${pushRoutePrefix}${encodeURIComponent(spec.name)}` };
  const created = await ignoreExisting(
    pubsub.topic(spec.topic).createSubscription(spec.name, {
      ackDeadlineSeconds: 60,
      enableMessageOrdering: false,
      pushConfig,
      ...(spec.deadLetterTopic
        ? { deadLetterPolicy: { deadLetterTopic: `projects/${projectId}/topics/${spec.deadLetterTopic}`, maxDeliveryAttempts: spec.maxDeliveryAttempts } }
        : {}),
    }),
  );
  // Left by an earlier run on the same project: it pushed to that run's port.
  if (!created) await pubsub.subscription(spec.name).modifyPushConfig(pushConfig);
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
