/**
 * @module post-drop
 * The `/c500 drop` modal submitted: validate every field, check the guild has a marketplace
 * channel, then place the drop there with Buy Now (placing checks the builder can take
 * payments).
 */
import type { DiscordMessage } from '../../ports';
import { dropPosted, dropRefusals } from '../rules/drop-messages';
import { readDropForm } from '../rules/drop-form';
import { shortIdFrom, personName } from '../../common';
import { modalValues, type Interaction, refusals, placeOf } from '../../discord';
import { guildPath } from '../../guild';
import { placeDrop, type PlaceDropDeps } from './place-drop';

export interface PostDropDeps extends PlaceDropDeps {
  currency: string;
}

export async function postDrop(deps: PostDropDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const form = readDropForm(modalValues(interaction.data?.components), deps.currency);
  if (!form.ok) return dropRefusals.invalid(form.problems);
  const guild = await deps.store.get(guildPath(guildId));
  if (!guild?.marketplaceChannelId) return dropRefusals.guildNotSetUp;
  const placed = await placeDrop(deps, {
    dropId: shortIdFrom(`drop:${interaction.id}`),
    guildId,
    channelId: guild.marketplaceChannelId,
    builderId: user.id,
    builderName: personName(user),
    currency: deps.currency,
    draft: form.draft,
    origin: { interactionId: interaction.id },
  });
  if (!placed.ok) return placed.problem === 'not-onboarded' ? dropRefusals.notOnboarded : dropRefusals.submitAgain;
  return dropPosted(placed.drop);
}
