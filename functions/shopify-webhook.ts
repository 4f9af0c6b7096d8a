/**
 * Shopify webhook ingress (`/webhooks/shopify/<guild id>`): `X-Shopify-Hmac-Sha256` over
 * the raw body with the guild's (or the environment's) secret, then `orders/paid` and
 * `refunds/create` are published to `sales`, once per `X-Shopify-Webhook-Id`.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment, rawBodyOf } from '../shared/triggers/http-trigger';
import { acceptShopifyEvent } from '../shared/races';
import { shopifyIngressDeps } from '../shared/router/race-wiring';
import { nameTraceEvent } from '../shared/trace-context';

export function shopifyWebhook(platform: Platform) {
  const deps = shopifyIngressDeps(platform);
  return httpFunction('shopifyWebhook', async (req) => {
    if (req.method !== 'POST') return { status: 405, text: 'use POST', headers: { allow: 'POST' } };
    nameTraceEvent({ webhook: 'shopify', shopifyWebhookId: (req.get('x-shopify-webhook-id') ?? '').slice(0, 100) });
    const headers = { hmac: req.get('x-shopify-hmac-sha256'), topic: req.get('x-shopify-topic'), webhookId: req.get('x-shopify-webhook-id') };
    return acceptShopifyEvent(lastPathSegment(req), rawBodyOf(req), headers, deps);
  });
}
