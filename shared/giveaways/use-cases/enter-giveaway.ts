/**
 * @module enter-giveaway
 * **Enter** on a giveaway's post: the member enters once, counted with the Twitch account they
 * linked (`/c500 link-twitch`). Judged at the moment Discord received the press.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { placeOf, refusals, type Interaction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { builderPath } from '../../onboarding';
import { giveawayOfEnter } from '../rules/address-form';
import { giveawayAnswers } from '../rules/giveaway-messages';
import { addEntry } from './add-entry';

export async function enterGiveaway(deps: { store: DocumentStore; clock: Clock; publicBaseUrl: string }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const giveawayId = giveawayOfEnter(interaction.data?.custom_id ?? '');
  if (!giveawayId) return refusals.staleComponent;
  const twitch = (await deps.store.get(builderPath(place.user.id)))?.twitch;
  const outcome = await addEntry(deps, giveawayId, {
    memberId: place.user.id,
    ...(twitch ? { twitchId: twitch.userId, twitchLogin: twitch.login } : {}),
    via: 'discord',
    guildId: place.guildId,
    label: `<@${place.user.id}>`,
    atMs: snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime(),
  });
  switch (outcome.kind) {
    case 'entered':
      return giveawayAnswers.entered(outcome.giveaway, deps.publicBaseUrl, outcome.pseudonym);
    case 'already':
      return giveawayAnswers.already(outcome.giveaway, outcome.pseudonym);
    case 'closed':
      return giveawayAnswers.closed;
    case 'not-found':
      return giveawayAnswers.notFound;
    case 'sponsor':
      return giveawayAnswers.sponsor;
    case 'blocked':
      return giveawayAnswers.blocked;
    case 'blocked-after-dispute':
      return giveawayAnswers.blockedAfterDispute;
  }
}
