/**
 * @module onboard-builder
 * `/c500 onboard country:<code>`: a Stripe Connect Express account for the builder (made
 * once, in the country they are paid in, reused on every later run) and a fresh
 * single-use onboarding link. `account.updated` later says when the builder can be paid.
 */
import type { Clock, DiscordMessage, DocumentStore, Payments } from '../../ports';
import { accountRevoked, builderPath, canSell } from '../rules/builder';
import { onboardingDone, onboardingLink, onboardingRefusals } from '../rules/builder-messages';
import { accountTerms, parseCountry } from '../rules/connect-account';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { personName } from '../../common';
import { PaymentRefused } from '../../errors';
import { log, personPseudonym } from '../../log';

export interface OnboardDeps {
  store: DocumentStore;
  payments: Payments;
  clock: Clock;
  publicBaseUrl: string;
  /** The Stripe platform account's country (config). */
  platformCountry: string;
}

export async function onboardBuilder(deps: OnboardDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user } = place;
  const path = builderPath(user.id);
  const builder = await deps.store.get(path);
  if (builder?.stripeAccountId && canSell(builder)) return onboardingDone;

  // A revoked account can never be paid again: a new one is made, keyed apart from the old.
  const revoked = accountRevoked(builder) ? builder?.revokedAccount?.accountId : undefined;
  let accountId = revoked ? undefined : builder?.stripeAccountId;
  if (!accountId) {
    const typed = commandCall(interaction).options.country;
    if (typeof typed !== 'string') return onboardingRefusals.countryNeeded;
    const country = parseCountry(typed);
    if (!country.ok) return onboardingRefusals.invalidCountry(country.reason);
    const terms = accountTerms(country.country, deps.platformCountry);
    try {
      // Keyed by the builder (their keyed pseudonym: Stripe keeps its keys) and country: a retry after a crash gets the same account, not a second one.
      ({ accountId } = await deps.payments.createConnectedAccount({
        builderId: user.id,
        ...terms,
        idempotencyKey: `connect-account:${personPseudonym(user.id)}:${terms.country}${revoked ? `:after:${revoked}` : ''}`,
      }));
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      log.warn('Stripe refused to open a connected account', { builderId: user.id, country: terms.country, error });
      return onboardingRefusals.countryRefused(country.name, terms.country);
    }
    await deps.store.set(
      path,
      {
        discordUserId: user.id,
        displayName: personName(user),
        stripeAccountId: accountId,
        stripeCountry: terms.country,
        chargesEnabled: false,
        transfersActive: false,
        payoutsEnabled: false,
      },
      { merge: true },
    );
  }
  const link = await deps.payments.createOnboardingLink({
    idempotencyKey: `onboarding-link:${interaction.id}`,
    accountId,
    refreshUrl: `${deps.publicBaseUrl}/onboarding/refresh`,
    returnUrl: `${deps.publicBaseUrl}/onboarding/done`,
  });
  return onboardingLink(link.url, Boolean(builder?.stripeAccountId) && !revoked);
}
