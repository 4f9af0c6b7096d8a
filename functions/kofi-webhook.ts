/**
 * Ko-fi webhook ingress (`/webhooks/kofi/<guild id>`): the verification token in the form
 * is compared in constant time with the guild's (or the environment's), stale payloads are
 * refused, and each sale is published to `sales`. Loads no Firestore SDK: one REST read.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptKofiSale } from '../shared/races';
import { kofiIngressDeps } from '../shared/router/race-wiring';
import { nameTraceEvent } from '../shared/trace-context';

export function kofiWebhook(platform: Platform) {
  const deps = kofiIngressDeps(platform);
  return httpFunction('kofiWebhook', async (req) => {
    if (req.method !== 'POST') return { status: 405, text: 'use POST', headers: { allow: 'POST' } };
    nameTraceEvent({ webhook: 'kofi' });
    return acceptKofiSale(lastPathSegment(req), rawBodyOf(req), deps);
  });
}
