/**
 * @module race-wiring
 * What the race functions are handed: the lobbies' commands, tasks and sales subscriber,
 * the pot overlay, and the two shop ingresses (Ko-fi's token and Shopify's HMAC are checked
 * with node:crypto; the guild's secret is one light read, never the Firestore SDK).
 */
import type { Platform } from '../platform';
import { verifyShopifySignature } from '../adapters/shops/shopify-signature';
import { kofiTokenMatches } from '../adapters/shops/kofi-token';
import { RecentIds } from '../common';
import { secretOfShop, type acceptKofiSale, type acceptShopifyEvent, type potView, type RaceCommandDeps, type RaceDeps } from '../races';

/** What every race use case is handed. */
export function raceDeps(platform: Platform): RaceDeps {
  const { config } = platform;
  return {
    store: platform.store(),
    discord: platform.discord(),
    tasks: platform.tasks(),
    clock: platform.clock,
    currency: config.marketplace.currency,
    publicBaseUrl: config.publicBaseUrl,
  };
}

/** The race commands also connect shops: their webhook secrets live in a database of their own. */
export function raceCommandDeps(platform: Platform): RaceCommandDeps {
  return { ...raceDeps(platform), shopSecrets: platform.shopSecrets() };
}

/** The pot overlay: a read of the lobby. */
export function potDeps(platform: Platform): Parameters<typeof potView>[0] {
  return { store: platform.store(), clock: platform.clock, currency: platform.config.marketplace.currency };
}

/** The Ko-fi ingress, made at cold start. */
export function kofiIngressDeps(platform: Platform): Parameters<typeof acceptKofiSale>[2] {
  return {
    publisher: platform.publisher(),
    recent: new RecentIds(),
    clock: platform.clock,
    secretFor: secretOfShop(platform.shopConnections(), 'kofi', platform.config.secrets.KOFI_VERIFICATION_TOKEN),
    kofiTokenMatches,
  };
}

/** The Shopify ingress, made at cold start. */
export function shopifyIngressDeps(platform: Platform): Parameters<typeof acceptShopifyEvent>[3] {
  return {
    publisher: platform.publisher(),
    recent: new RecentIds(),
    clock: platform.clock,
    secretFor: secretOfShop(platform.shopConnections(), 'shopify', platform.config.secrets.SHOPIFY_WEBHOOK_SECRET),
    verifyShopifySignature,
  };
}
