/**
 * @module pubsub-trigger
 * The one mapper for Pub/Sub subscribers. A poison message is logged and acknowledged
 * (retrying cannot help); any other error is logged with the message id and rethrown so
 * the platform redelivers and, in the end, dead-letters it. Each delivery is a child span of
 * the publish's (`googclient_traceparent`), recorded as a consumer's span, and its end is one
 * line naming the delivery.
 */
import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import { PoisonMessage } from '../errors';
import { log } from '../log';
import type { PubSubCloudEvent, PubSubHandler } from '../ports';
import { cloudEventFromPush } from '../adapters/pubsub/pubsub-envelope';
import { continueTrace, runInTrace, traceparentAttribute } from '../trace-context';
import { flushSpans } from '../telemetry';

/**
 * How long a delivery that finds its work held by another waits for it, in turns, before it
 * hands the message back: well inside the subscription's 60 s ack deadline. Without waiting,
 * every attempt of a duplicate delivery could be spent while one slow holder works (a burst on
 * a busy instance), and a message whose work was being done would be dead-lettered.
 */
export const holderWaitsMs = [500, 1_000, 2_000, 4_000, 8_000, 12_000];

export interface PubSubFunctionOptions {
  /** Waits `ms` before asking again whether the holder finished: the real timer unless a test steps it. */
  wait?: (ms: number) => Promise<void>;
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const stillRunning = (error: unknown) => (error as { code?: unknown } | undefined)?.code === 'still-running';

export function pubsubFunction(name: string, handle: PubSubHandler, options: PubSubFunctionOptions = {}): PubSubHandler {
  const wait = options.wait ?? realWait;
  /** The handler, again after each wait while another delivery holds its work: it finishes (done, nothing to do) or lets go (taken over). */
  const handleOrWaitForHolder = async (event: PubSubCloudEvent) => {
    for (const ms of holderWaitsMs) {
      try {
        return await handle(event);
      } catch (error) {
        if (!stillRunning(error)) throw error;
        await wait(ms);
      }
    }
    return handle(event);
  };
  const deliver = async (event: PubSubCloudEvent) => {
    const startedMs = Date.now();
    try {
      await handleOrWaitForHolder(event);
      const { message, subscription, deliveryAttempt } = event.data;
      log.info('delivery handled', { function: name, subscription, messageId: message.messageId, attempt: deliveryAttempt, ms: Date.now() - startedMs });
    } catch (error) {
      const fields = { function: name, messageId: event.data.message.messageId, attempt: event.data.deliveryAttempt, error };
      if (error instanceof PoisonMessage) {
        log.error('poison message acknowledged', { event: 'delivery.poison', ...fields });
        return;
      }
      // Another delivery holds the same work (two Stripe events of one dispute at once): expected, not a failure.
      if (stillRunning(error)) {
        log.warn('another delivery is doing this work; Pub/Sub will redeliver', { ...fields, error: (error as Error).message });
        throw error;
      }
      log.error('subscriber failed; Pub/Sub will redeliver', { event: 'delivery.failed', ...fields });
      throw error;
    }
  };
  return (event) => runInTrace(continueTrace(event.data.message.attributes?.[traceparentAttribute]), name, () => deliver(event), 'consumer');
}

/** Serves a subscriber behind a push subscription or an Eventarc trigger. */
export function pushEndpoint(handle: PubSubHandler): HttpFunction {
  return async (req: Request, res: Response) => {
    let event: PubSubCloudEvent;
    try {
      event = cloudEventFromPush(req.headers, req.body);
    } catch (error) {
      log.error('push request is not a Pub/Sub delivery', { error });
      res.status(204).end(); // acknowledge: redelivering a malformed envelope cannot help
      return;
    }
    // The delivery's spans leave before its answer: after it, Cloud Run may take the CPU away (shared/telemetry).
    try {
      await handle(event);
      await flushSpans();
      res.status(204).end();
    } catch {
      await flushSpans();
      res.status(500).send('will retry');
    }
  };
}
