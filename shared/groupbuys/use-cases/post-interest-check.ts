/**
 * @module post-interest-check
 * `/groupbuy interest title:<…> price:<…> moq:<n> [description] [image]`: a builder who
 * sells on C500 posts a check with **Interested** in the channel, and its end is armed for 30
 * days on (interest-end). Redelivered, it finds its own check (the id is the interaction's),
 * arms the same end by its name, and posts nothing twice.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { personName, scheduleTask } from '../../common';
import { builderPath, canSell } from '../../onboarding';
import { checkIdFrom, interestCheckPath, type InterestCheck } from '../rules/interest-check';
import { interestEndTaskOf } from '../rules/interest-end';
import { readInterestForm } from '../rules/group-buy-forms';
import { interestAnswers, interestPost } from '../rules/interest-messages';

export interface InterestCheckDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  /** Where the check's end is armed (the `groupbuy-close` queue). */
  tasks: TaskQueue;
  /** The marketplace's currency: the price is read in it. */
  currency: string;
}

export async function postInterestCheck(deps: InterestCheckDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const read = readInterestForm(commandCall(interaction).options, deps.currency);
  if (!read.ok) return interestAnswers.invalid(read.problem);
  if (!canSell(await deps.store.get(builderPath(place.user.id)))) return interestAnswers.notAllowed;
  const checkId = checkIdFrom(interaction.id);
  const fresh: InterestCheck = {
    checkId,
    guildId: place.guildId,
    channelId: place.channelId,
    builderId: place.user.id,
    builderName: personName(place.user),
    ...read.form,
    currency: deps.currency,
    status: 'open',
    interestedPeople: 0,
    interestedUnits: 0,
    byInteraction: interaction.id,
    createdAt: deps.clock.now().toISOString(),
  };
  const check = await deps.store.runTransaction(async (tx) => {
    const existing = await tx.get(interestCheckPath(checkId));
    if (existing) return existing;
    tx.create(interestCheckPath(checkId), fresh);
    return fresh;
  });
  // Armed before the post: a check is never up without its end.
  await scheduleTask(deps.tasks, 'groupbuyClose', interestEndTaskOf(check));
  if (!check.messageId) {
    const { messageId } = await deps.discord.postToChannel(check.channelId, { ...interestPost(check), nonce: `gbi-${checkId}`, enforce_nonce: true });
    await deps.store.update(interestCheckPath(checkId), { messageId });
  }
  return interestAnswers.posted(check);
}
