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

/** A sender for LocalCarrier: each event POSTed in the background; the answers are noted, not awaited. */
export function carrierWebhookSender(target: CarrierWebhookTarget): { send: (event: EpEvent) => void; settled: () => Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  const send = (event: EpEvent) => {
    const sending = deliver(target, easyPostBody(event), event.id).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  return { send, settled: async () => void (await Promise.all([...inFlight])) };
}

async function deliver(target: CarrierWebhookTarget, body: string, eventId: string): Promise<void> {
  const attempts = target.attempts ?? 4;
  let waitMs = target.firstWaitMs ?? 1_000;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const answer = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hmac-signature': easyPostSignature(body, target.secret) },
        body,
      });
      if (answer.ok) return;
      log.warn('the carrier’s webhook was not taken', { eventId, status: answer.status, attempt });
    } catch (error) {
      log.warn('the carrier’s webhook could not be sent', { eventId, attempt, error: error instanceof Error ? error.message : String(error) });
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, waitMs));
    waitMs *= 2;
  }
}
