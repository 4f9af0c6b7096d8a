/**
 * @module replay
 * Puts dead letters back where they came from. A message that failed `max_delivery_attempts`
 * pushes waits in its dead-letter topic's `-hold` subscription (terraform/pubsub.tf), with the
 * attributes Pub/Sub adds when it dead-letters (`CloudPubSubDeadLetterSourceSubscription`,
 * `…SourceDeliveryCount`, …). Once the cause is fixed, each is published again, with its own
 * data and attributes, to the topic of the subscription that gave it up, and only then acked
 * from the hold: a replay that stops half-way loses nothing, and one run twice sends a message
 * twice, which every subscriber already takes (they are idempotent under redelivery).
 *
 * Publishing to the topic reaches every subscription of it, not only the one that failed: the
 * others have done the work already and treat it as the redelivery it is.
 *
 * Pulled with the synchronous pull, a batch at a time, so it stops when the hold is empty or
 * the limit is reached, and a dry run leaves every message where it was.
 */
import { createHash } from 'node:crypto';
import { v1, type PubSub } from '@google-cloud/pubsub';

/** The attributes Pub/Sub adds to a message when it dead-letters it: not the sender's, so not sent again. */
export const deadLetterAttributePrefix = 'CloudPubSubDeadLetter';

export interface ReplayOptions {
  pubsub: PubSub;
  /** The hold subscription, by name (`stripe-events-dead-letter-hold`) or full path. */
  subscription: string;
  /** At most this many messages in one run. */
  limit: number;
  /** List what would be sent, send nothing, ack nothing. */
  dryRun: boolean;
  /** One line per message and a summary; never the message's data (it can hold a person's). */
  say: (line: string) => void;
}

export interface ReplayResult {
  /** Messages read from the hold. */
  read: number;
  /** Published again and acked from the hold. */
  replayed: number;
  /** Left in the hold: a dry run's, or ones whose source could not be found. */
  left: number;
  /** Topic name -> messages sent to it. */
  byTopic: Record<string, number>;
}

interface DeadLetter {
  ackId: string;
  messageId: string;
  data: Buffer;
  attributes: Record<string, string>;
  source: string;
  attempts: string;
}

const batchSize = 50;

/** `projects/p/subscriptions/s` for a name, a path as it is. */
function subscriptionPath(projectId: string, subscription: string): string {
  return subscription.startsWith('projects/') ? subscription : `projects/${projectId}/subscriptions/${subscription}`;
}

/** The sender's attributes: Pub/Sub's dead-letter ones left out. */
export function senderAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !name.startsWith(deadLetterAttributePrefix)));
}

/** A short fingerprint of a message's bytes, so two runs can be compared without printing the data. */
const digestOf = (data: Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 12);

export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayResult> {
  const { pubsub, limit, dryRun, say } = options;
  // Resolves the project (from the options, the environment or the credentials) as well.
  const { port, ...config } = await pubsub.getClientConfig();
  const subscriber = new v1.SubscriberClient({ ...config, ...(port === undefined ? {} : { port: Number(port) }) });
  const hold = subscriptionPath(pubsub.projectId, options.subscription);
  const result: ReplayResult = { read: 0, replayed: 0, left: 0, byTopic: {} };
  const topics = new Map<string, string | undefined>();
  try {
    while (result.read < limit) {
      const letters = await pullBatch(subscriber, hold, Math.min(batchSize, limit - result.read));
      if (letters.length === 0) break;
      result.read += letters.length;
      const done: string[] = [];
      const keep: string[] = [];
      for (const letter of letters) {
        const topic = await sourceTopic(pubsub, topics, letter.source);
        const line = `${letter.messageId}: from ${letter.source || '(no source subscription)'} after ${letter.attempts || '?'} attempts, ${letter.data.length} bytes sha256:${digestOf(letter.data)}`;
        if (!topic || dryRun) {
          say(`${line} -> ${topic ? `would go to ${topic}` : 'left: its source subscription no longer exists'}`);
          keep.push(letter.ackId);
          continue;
        }
        try {
          await pubsub.topic(topic).publishMessage({ data: letter.data, attributes: senderAttributes(letter.attributes) });
        } catch (error) {
          // Leave this one and everything after it for the next run: nothing is acked unsent.
          keep.push(...letters.slice(letters.indexOf(letter)).map((l) => l.ackId));
          await settle(subscriber, hold, done, keep);
          throw new Error(
            `publishing ${letter.messageId} to ${topic} failed (${error instanceof Error ? error.message : String(error)}); ${result.replayed + done.length} replayed before it`,
            { cause: error },
          );
        }
        say(`${line} -> sent to ${topic}`);
        done.push(letter.ackId);
        result.byTopic[topic] = (result.byTopic[topic] ?? 0) + 1;
      }
      await settle(subscriber, hold, done, keep);
      result.replayed += done.length;
      result.left += keep.length;
      // A dry run hands its batch back at once, so the next pull would read the same messages again.
      if (dryRun || keep.length > 0) break;
    }
  } finally {
    await subscriber.close();
  }
  return result;
}

async function pullBatch(subscriber: v1.SubscriberClient, hold: string, maxMessages: number): Promise<DeadLetter[]> {
  // returnImmediately: an empty hold answers at once rather than holding the pull open.
  const [answer] = await subscriber.pull({ subscription: hold, maxMessages, returnImmediately: true });
  return (answer.receivedMessages ?? []).flatMap((received) => {
    const message = received.message;
    if (!received.ackId || !message) return [];
    const attributes = Object.fromEntries(Object.entries(message.attributes ?? {}).map(([k, v]) => [k, String(v)]));
    return [
      {
        ackId: received.ackId,
        messageId: String(message.messageId ?? ''),
        data: Buffer.from(message.data ?? ''),
        attributes,
        source: attributes[`${deadLetterAttributePrefix}SourceSubscription`] ?? '',
        attempts: attributes[`${deadLetterAttributePrefix}SourceDeliveryCount`] ?? '',
      },
    ];
  });
}

/** Acks what was sent; hands back at once (deadline 0) what stays, for the next run or another reader. */
async function settle(subscriber: v1.SubscriberClient, hold: string, done: string[], keep: string[]): Promise<void> {
  if (done.length > 0) await subscriber.acknowledge({ subscription: hold, ackIds: done });
  if (keep.length > 0) await subscriber.modifyAckDeadline({ subscription: hold, ackIds: keep, ackDeadlineSeconds: 0 });
}

/** The topic of the subscription a dead letter came from, asked once per subscription. */
async function sourceTopic(pubsub: PubSub, known: Map<string, string | undefined>, source: string): Promise<string | undefined> {
  if (!source) return undefined;
  if (!known.has(source)) {
    try {
      const [metadata] = await pubsub.subscription(source).getMetadata();
      known.set(source, metadata.topic ?? undefined);
    } catch {
      known.set(source, undefined);
    }
  }
  return known.get(source);
}
