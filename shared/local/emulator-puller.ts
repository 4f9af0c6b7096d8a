/**
 * @module emulator-puller
 * Delivers one subscription's messages from Google's Pub/Sub emulator as a push subscription
 * with terraform's retry policy delivers them in production: as many at once as the
 * subscriber has slots, acknowledged when it succeeds, and handed back with the policy's
 * exponential back-off when it fails, so a failing delivery comes again 10 s, 20 s, 40 s… later
 * and the emulator dead-letters it after the subscription's attempts.
 *
 * Why pull and not the emulator's own push: the emulator (0.8.20) pushes at most two messages
 * at once per subscription whatever the function's concurrency, pushes a nacked message again
 * within a second (its retry policy loses messages when two fail in one pass, so it cannot be
 * set), and so spends a message's attempts while another delivery, or a killed process's lease,
 * still holds the work. Pulling, the runtime sets each redelivery's time itself: the
 * message's ack deadline is moved to the back-off, after which the emulator delivers it again
 * and counts the attempt, as it does for a push.
 */
import { type v1 } from '@google-cloud/pubsub';
import { log } from '../log';

/** What the emulator hands over for one delivery. */
export interface PulledMessage {
  ackId: string;
  /** As a push body carries it: base64 data, attributes, id and publish time. */
  message: { data: string; attributes: Record<string, string>; messageId: string; publishTime: string };
  /** 1 for the first delivery: set by the emulator when the subscription has a dead-letter policy. */
  deliveryAttempt: number;
}

export interface Backoff {
  minMs: number;
  maxMs: number;
}

/** The wait before delivery `attempt + 1`, in the whole seconds an ack deadline takes (1 to 600). */
export function redeliveryDelaySeconds(backoff: Backoff, attempt: number): number {
  const ms = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(600, Math.max(1, Math.ceil(ms / 1_000)));
}

export interface PullerOptions {
  client: v1.SubscriberClient;
  /** `projects/<project>/subscriptions/<name>` */
  subscription: string;
  backoff: Backoff;
  /** How many more deliveries the subscriber takes now; waits while it takes none. */
  freeSlots: () => Promise<number>;
  /** True when the message is done with (ack), false to have it delivered again. */
  deliver: (pulled: PulledMessage) => Promise<boolean>;
}

/** How long one pull waits on the emulator for a message before asking again. */
const pullWaitMs = 20_000;
/** At most this many messages per pull, whatever the subscriber's slots. */
const mostPerPull = 100;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SubscriptionPuller {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: PullerOptions) {}

  start(): void {
    this.loop ??= this.pullUntilStopped();
  }

  /** Pulls no more and hands back what was pulled and not yet started; deliveries under way finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running]);
  }

  private async pullUntilStopped(): Promise<void> {
    const { client, subscription } = this.options;
    while (!this.stopped) {
      const free = Math.min(mostPerPull, await this.options.freeSlots());
      if (this.stopped) break;
      let received: PulledMessage[];
      try {
        const [answer] = await client.pull({ subscription, maxMessages: free }, { timeout: pullWaitMs, retry: null });
        received = (answer.receivedMessages ?? []).flatMap((r) => (r.ackId && r.message ? [pulledMessage(r)] : []));
      } catch (error) {
        if (this.stopped) break;
        // DEADLINE_EXCEEDED: nothing came within the wait; anything else is logged, then asked again.
        if ((error as { code?: unknown }).code !== 4) {
          log.warn('pulling from the Pub/Sub emulator failed; pulling again', { subscription, error });
          await pause(1_000);
        }
        continue;
      }
      if (this.stopped) {
        await this.handBack(
          received.map((r) => r.ackId),
          0,
        );
        break;
      }
      for (const pulled of received) this.track(this.settle(pulled));
    }
  }

  private track(delivery: Promise<void>): void {
    this.running.add(delivery);
    void delivery.finally(() => this.running.delete(delivery));
  }

  private async settle(pulled: PulledMessage): Promise<void> {
    const { client, subscription, backoff } = this.options;
    let done = false;
    try {
      done = await this.options.deliver(pulled);
    } catch (error) {
      log.error('a Pub/Sub delivery failed unexpectedly; it will come again', { subscription, messageId: pulled.message.messageId, error });
    }
    try {
      if (done) await client.acknowledge({ subscription, ackIds: [pulled.ackId] });
      else await this.handBack([pulled.ackId], redeliveryDelaySeconds(backoff, pulled.deliveryAttempt));
    } catch (error) {
      // The ack deadline then runs out on its own and the emulator delivers the message again.
      log.warn('the Pub/Sub emulator did not take an ack or a back-off', { subscription, messageId: pulled.message.messageId, error });
    }
  }

  private async handBack(ackIds: string[], afterSeconds: number): Promise<void> {
    if (ackIds.length === 0) return;
    const { client, subscription } = this.options;
    await client.modifyAckDeadline({ subscription, ackIds, ackDeadlineSeconds: afterSeconds });
  }
}

/** The fields of a pulled `ReceivedMessage` read here. */
interface Received {
  ackId?: string | null;
  deliveryAttempt?: number | null;
  message?: {
    data?: Uint8Array | string | null;
    attributes?: Record<string, string> | null;
    messageId?: string | null;
    publishTime?: { seconds?: number | string | { toString(): string } | null; nanos?: number | null } | null;
  } | null;
}

function pulledMessage(received: Received): PulledMessage {
  const m = received.message ?? {};
  const data = m.data instanceof Uint8Array ? Buffer.from(m.data).toString('base64') : typeof m.data === 'string' ? m.data : '';
  const seconds = Number(String(m.publishTime?.seconds ?? 0));
  const nanos = Number(m.publishTime?.nanos ?? 0);
  return {
    ackId: received.ackId ?? '',
    message: {
      data,
      attributes: { ...(m.attributes ?? {}) },
      messageId: m.messageId ?? '',
      publishTime: new Date(seconds * 1_000 + Math.floor(nanos / 1e6)).toISOString(),
    },
    deliveryAttempt: received.deliveryAttempt || 1,
  };
}
