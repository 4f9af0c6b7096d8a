/**
 * Ko-fi webhook ingress (`/webhooks/kofi/<guild id>`): the verification token in the form
 * is compared in constant time with the guild's (or the environment's), stale payloads are
 * refused, and each sale is published to `sales`. Loads no Firestore SDK: one REST read.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, lastPathSegment, rawBodyOf } from '../shared/triggers/http-trigger';
import { kofiTokenMatches } from '../shared/adapters/shops/kofi-token';
import { acceptKofiSale, secretOfShop } from '../shared/races';
import { RecentIds } from '../shared/common';

export function kofiWebhook(platform: Platform) {
  const deps = {
    publisher: platform.publisher(),
    recent: new RecentIds(),
    clock: platform.clock,
    secretFor: secretOfShop(platform.shopConnections(), 'kofi', platform.config.secrets.KOFI_VERIFICATION_TOKEN),
    kofiTokenMatches,
  };
  return httpFunction('kofiWebhook', async (req) => {
    if (req.method !== 'POST') return { status: 405, text: 'use POST', headers: { allow: 'POST' } };
    return acceptKofiSale(lastPathSegment(req), rawBodyOf(req), deps);
  });
}
