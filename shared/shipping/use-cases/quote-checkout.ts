/**
 * @module quote-checkout
 * The shipping of a checkout: what the builder's profile in that server quotes for its items,
 * or none (no profile, or one in another currency): then no address is asked.
 */
import type { CheckoutShipping, DocumentStore } from '../../ports';
import { log } from '../../log';
import { shippingProfilePath } from '../rules/profile';
import { quoteShipping } from '../rules/rates';

export async function quoteCheckoutShipping(
  store: Pick<DocumentStore, 'get'>,
  checkout: { guildId: string; builderId: string; currency: string; items: readonly number[] },
): Promise<CheckoutShipping | undefined> {
  const profile = await store.get(shippingProfilePath(checkout.guildId, checkout.builderId));
  if (!profile) return undefined;
  if (profile.currency !== checkout.currency.toLowerCase()) {
    log.warn('a shipping profile in another currency than the checkout; no shipping asked', { builderId: checkout.builderId, guildId: checkout.guildId });
    return undefined;
  }
  return quoteShipping(profile, checkout.items);
}
