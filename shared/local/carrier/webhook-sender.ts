/**
 * @module carrier/webhook-sender
 * How the stand-in sends its events, as EasyPost does: the JSON body POSTed to the webhook's
 * URL with `X-Hmac-Signature: hmac-sha256-hex=<HMAC-SHA256 of the body, keyed by the webhook
 * secret (NFKD)>`, sent again a few times while the endpoint does not answer 2xx. Whole-number
 * weights are written as EasyPost's API writes floats (`16.0`): the official client's
 * `validateWebhook` rewrites them so before it hashes, so a body without them would not verify.
 */
import { createHmac } from 'node:crypto';
import { log } from '../../log';
import type { EpEvent } from './objects';

export function easyPostBody(event: unknown): string {
  return JSON.stringify(event).replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0');
}

export function easyPostSignature(body: string, secret: string): string {
  return `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(body, 'utf8')
    .digest('hex')}`;
}

export interface CarrierWebhookTarget {
  url: string;
  secret: string;
  /** How many tries in all, and the wait before the second (doubling): EasyPost retries a failed delivery. */
  attempts?: number;
  firstWaitMs?: number;
}

/**
 * A sender for LocalCarrier: each event POSTed in the background; the answers are noted, not
 * awaited. `stop()` at the runtime's close: its endpoint is gone, so a delivery waiting to try
 * again gives up at once rather than hold the process open through its back-off (seconds).
 */
export function carrierWebhookSender(target: CarrierWebhookTarget): { send: (event: EpEvent) => void; settled: () => Promise<void>; stop: () => void } {
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const send = (event: EpEvent) => {
    if (stopping.signal.aborted) return;
    const sending = deliver(target, easyPostBody(event), event.id, stopping.signal).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  return { send, settled: async () => void (await Promise.all([...inFlight])), stop: () => stopping.abort() };
}

async function deliver(target: CarrierWebhookTarget, body: string, eventId: string, stopped: AbortSignal): Promise<void> {
  const attempts = target.attempts ?? 4;
  let waitMs = target.firstWaitMs ?? 1_000;
  for (let attempt = 1; attempt <= attempts && !stopped.aborted; attempt++) {
    try {
      const answer = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hmac-signature': easyPostSignature(body, target.secret) },
        body,
        signal: stopped,
      });
      if (answer.ok) return;
      log.warn('the carrier’s webhook was not taken', { eventId, status: answer.status, attempt });
    } catch (error) {
      if (stopped.aborted) return;
      log.warn('the carrier’s webhook could not be sent', { eventId, attempt, error: error instanceof Error ? error.message : String(error) });
    }
    if (attempt < attempts) await pause(waitMs, stopped);
    waitMs *= 2;
  }
}

/** A wait that ends early when the sender stops. */
function pause(ms: number, stopped: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stopped.removeEventListener('abort', done);
      resolve();
    }
    stopped.addEventListener('abort', done, { once: true });
  });
}
