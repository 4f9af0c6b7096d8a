/**
 * @module accept-shop-sale
 * What the Ko-fi and Shopify webhook ingresses do with a delivery to
 * `/webhooks/<shop>/<guild-id>`: check it against the guild's connection secret before
 * reading the sale, refuse a stale one (neither shop signs the moment of sending, so a
 * captured request could be replayed), and publish each delivery once per instance to
 * `sales`. The publish is awaited before answering (a gen2 function loses its CPU once it
 * has answered); a failed publish throws, the HTTP mapper answers 500 and the shop retries.
 */
import type { Clock, EventPublisher } from '../../ports';
import { jsonObjectOf, kofiTokenShape, shopifySignatureShape, type RecentIds } from '../../common';
import { log } from '../../log';
import { nameTraceEvent } from '../../trace-context';
import { kofiSaleOf, readKofiDelivery } from '../rules/kofi-sale';
import { isFresh, type ShopEvent, type ShopEventMessage } from '../rules/sale';
import { isShopifySaleTopic, shopifyEventOf } from '../rules/shopify-sale';

export interface AcceptShopSaleDeps {
  publisher: EventPublisher;
  recent: RecentIds;
  clock: Clock;
  /** This shop's secret for the guild's connection (or the environment's); undefined when there is none. */
  secretFor: (guildId: string) => Promise<string | undefined>;
}

/** The checks themselves are adapters (`shared/adapters/shops`), which use cases do not import. */
export type AcceptKofiDeps = AcceptShopSaleDeps & { kofiTokenMatches: (given: string | undefined, expected: string) => boolean };
export type AcceptShopifyDeps = AcceptShopSaleDeps & { verifyShopifySignature: (rawBody: Buffer, header: string | undefined, secret: string) => boolean };

/** The HTTP answer. Both shops retry anything but 2xx, so a delivery that is not a sale still gets 200. */
export interface ShopWebhookAnswer {
  status: 200 | 400 | 401 | 404;
  text: string;
}

export interface ShopifyHeaders {
  hmac?: string;
  topic?: string;
  webhookId?: string;
}

const snowflake = /^\d{17,20}$/;
const noSuchConnection: ShopWebhookAnswer = { status: 404, text: 'no such shop connection' };
const noSecret: ShopWebhookAnswer = { status: 401, text: 'no secret to verify against' };
const ignored: ShopWebhookAnswer = { status: 200, text: 'ignored' };

export async function acceptKofiSale(guildId: string, rawBody: Buffer, deps: AcceptKofiDeps): Promise<ShopWebhookAnswer> {
  const delivery = readKofiDelivery(rawBody);
  // The answer's `http.answered` line carries the token's shape: the Ko-fi signature SLI counts the well-formed ones only.
  const shape = kofiTokenShape(delivery?.token);
  nameTraceEvent({ signature: shape });
  if (!snowflake.test(guildId)) return noSuchConnection;
  const secret = await deps.secretFor(guildId);
  if (secret === undefined) return noSecret;
  if (!delivery || !deps.kofiTokenMatches(delivery.token, secret)) {
    log.warn('webhook refused', { event: 'webhook.refused', source: 'kofi', reason: 'signature', shape });
    return { status: 401, text: 'invalid Ko-fi verification token' };
  }
  const sale = kofiSaleOf(delivery.data, guildId);
  return sale ? publishOnce(sale, guildId, deps) : ignored;
}

export async function acceptShopifyEvent(guildId: string, rawBody: Buffer, headers: ShopifyHeaders, deps: AcceptShopifyDeps): Promise<ShopWebhookAnswer> {
  // The answer's `http.answered` line carries the signature's shape: the Shopify signature SLI counts the well-formed ones only.
  const shape = shopifySignatureShape(headers.hmac);
  nameTraceEvent({ signature: shape });
  if (!snowflake.test(guildId)) return noSuchConnection;
  const secret = await deps.secretFor(guildId);
  if (secret === undefined) return noSecret;
  if (!deps.verifyShopifySignature(rawBody, headers.hmac, secret)) {
    log.warn('webhook refused', { event: 'webhook.refused', source: 'shopify', reason: 'signature', shape });
    return { status: 401, text: 'invalid X-Shopify-Hmac-Sha256' };
  }
  if (!headers.webhookId) return { status: 400, text: 'missing X-Shopify-Webhook-Id' };
  if (!isShopifySaleTopic(headers.topic)) return ignored;
  const body = jsonObjectOf(rawBody);
  if (!body) return { status: 400, text: 'expected a Shopify order or refund as JSON' };
  const event = shopifyEventOf(headers.topic, body, headers.webhookId, guildId);
  return event ? publishOnce(event, guildId, deps) : ignored;
}

async function publishOnce(event: ShopEvent, guildId: string, deps: AcceptShopSaleDeps): Promise<ShopWebhookAnswer> {
  const signedAt = event.kind === 'sale' ? event.paidAt : event.refundedAt;
  if (!isFresh(signedAt, deps.clock.now().getTime())) {
    // A captured delivery sent again, or a retry past the window: neither shop signs its time, so it is the sale's that is stale.
    nameTraceEvent({ signature: 'stale' });
    log.warn('webhook refused', { event: 'webhook.refused', source: event.shop, reason: 'stale' });
    return { status: 401, text: 'stale' };
  }
  const message: ShopEventMessage = { event };
  const attributes = { shop: event.shop, guildId, kind: event.kind };
  // RecentIds releases the id when the publish throws, so the shop's retry is not taken for a repeat.
  const published = await deps.recent.once(`${event.shop}:${event.eventId}`, () => deps.publisher.publish('shop-events', message, { attributes }));
  return published ? { status: 200, text: 'received' } : { status: 200, text: 'already received' };
}
