/**
 * @module onboard-builder
 * `/c500 onboard`: a Stripe Connect Express account for the builder (made once, reused on
 * every later run) and a fresh single-use onboarding link. `account.updated` later says
 * when the builder can take payments.
 */
import type { Clock, DiscordMessage, DocumentStore, Payments } from '../ports';
import { builderPath, type Builder } from '../domain/builder';
import { onboardingDone, onboardingLink } from '../domain/builder-messages';
import { invoker, type Interaction } from '../domain/interaction';
import { refusals } from '../domain/messages';
import { personName } from '../domain/visible-text';

export interface OnboardDeps {
  store: DocumentStore;
  payments: Payments;
  clock: Clock;
  publicBaseUrl: string;
}

export async function onboardBuilder(deps: OnboardDeps, interaction: Interaction): Promise<DiscordMessage> {
  const user = invoker(interaction);
  if (!user) return refusals.guildOnly;
  const path = builderPath(user.id);
  const builder = await deps.store.get<Builder>(path);
  if (builder?.stripeAccountId && builder.chargesEnabled) return onboardingDone;

  let accountId = builder?.stripeAccountId;
  if (!accountId) {
    // Keyed by the builder, so a retry after a crash gets the same account, not a second one.
    ({ accountId } = await deps.payments.createConnectedAccount({ builderId: user.id, idempotencyKey: `connect-account:${user.id}` }));
    await deps.store.set(
      path,
      { discordUserId: user.id, displayName: personName(user), stripeAccountId: accountId, chargesEnabled: false, payoutsEnabled: false },
      { merge: true },
    );
  }
  const link = await deps.payments.createOnboardingLink({
    idempotencyKey: `onboarding-link:${interaction.id}`,
    accountId,
    refreshUrl: `${deps.publicBaseUrl}/onboarding/refresh`,
    returnUrl: `${deps.publicBaseUrl}/onboarding/done`,
  });
  return onboardingLink(link.url, Boolean(builder?.stripeAccountId));
}
