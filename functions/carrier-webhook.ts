/**
 * The carrier's webhook ingress (EasyPost): verify `X-Hmac-Signature` on the raw body as the
 * client's `validateWebhook` does, publish a tracker's update to `carrier-events`, answer.
 * Loads neither the EasyPost client nor Firestore: the check is node:crypto.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptCarrierWebhook } from '../shared/marketplace';
import { carrierIngressDeps } from '../shared/router/carrier-wiring';

export function carrierWebhook(platform: Platform) {
  const deps = carrierIngressDeps(platform);
  return httpFunction('carrierWebhook', (req) => acceptCarrierWebhook({ headers: req.headers, body: rawBodyOf(req) }, deps));
}
