/**
 * @module set-shipping
 * `/c500 shipping [to:… domestic:… …]`: with no options a builder sees their profile in this
 * server; with some, the profile is changed (what is not given stays). Domestic means the
 * country of their Stripe account, which never changes.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { builderPath } from '../../onboarding';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { changeProfile, shippingProfilePath, type ShippingOptions } from '../rules/profile';
import { profileView, shippingRefusals } from '../rules/shipping-messages';

export interface SetShippingDeps {
  store: DocumentStore;
  clock: Clock;
  /** The server's currency: what prices and rates are in. */
  currency: string;
}

export async function setShipping(deps: SetShippingDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const options = commandCall(interaction).options as ShippingOptions;
  const path = shippingProfilePath(place.guildId, place.user.id);
  if (Object.keys(options).length === 0) {
    const profile = await deps.store.get(path);
    return profile ? profileView(profile, false) : shippingRefusals.noProfile;
  }
  const homeCountry = (await deps.store.get(builderPath(place.user.id)))?.stripeCountry;
  if (!homeCountry) return shippingRefusals.notOnboarded;
  // Read and written in one transaction: two changes at once never lose each other's rates.
  return deps.store.runTransaction(async (tx) => {
    const change = changeProfile(await tx.get(path), options, {
      guildId: place.guildId,
      builderId: place.user.id,
      currency: deps.currency.toLowerCase(),
      homeCountry,
      updatedAt: deps.clock.now().toISOString(),
    });
    if (!change.ok) return shippingRefusals.invalid(change.reason);
    tx.set(path, change.profile);
    return profileView(change.profile, true);
  });
}
