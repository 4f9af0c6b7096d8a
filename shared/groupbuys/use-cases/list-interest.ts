/**
 * @module list-interest
 * **Who's interested** on a check: its builder alone reads each interested member and their
 * quantity, in an answer only they see; anyone else is told it is the builder's. Once the check
 * opened or ended, who was interested is no longer kept: a press on an old post hears so.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { placeOf, refusals, type Interaction } from '../../discord';
import { idOfComponent, pressedOnItsPost } from '../rules/components';
import { interestCheckPath, interestCollection } from '../rules/interest-check';
import { interestAnswers, interestList } from '../rules/interest-messages';

/** One answer holds this many lines comfortably inside Discord's 2,000 characters. */
const listedAtMost = 20;

export async function listInterest(deps: { store: DocumentStore }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const checkId = idOfComponent('whoIsInterested', interaction.data?.custom_id ?? '');
  if (!checkId) return refusals.staleComponent;
  const check = await deps.store.get(interestCheckPath(checkId));
  if (!check || !pressedOnItsPost(check, place)) return interestAnswers.notFound;
  if (check.builderId !== place.user.id) return interestAnswers.notBuilder;
  if (check.status !== 'open') return interestAnswers.closed(check);
  const interest = await deps.store.query(interestCollection(checkId));
  return interestList(
    check,
    interest.map((i) => i.data),
    listedAtMost,
  );
}
