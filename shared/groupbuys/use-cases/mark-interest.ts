/**
 * @module mark-interest
 * An interest check's **Interested** (its quantity modal, submitted) and **Not interested**:
 * a member is counted once, with the quantity they last gave; taking it back uncounts them.
 * The check's counts change in the same transaction as the member's interest, so the post
 * never counts what is not there; the post follows.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { modalValues, placeOf, refusals, type Interaction, type Place } from '../../discord';
import { personName } from '../../common';
import { idOfComponent, pressedOnItsPost, readQuantity } from '../rules/components';
import { interestCheckPath, interestPath, type InterestCheck } from '../rules/interest-check';
import { interestAnswers } from '../rules/interest-messages';
import { followInterestPost } from './interest-posts';

export interface InterestDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

type Marked = { kind: 'marked'; check: InterestCheck; quantity: number; changed: boolean } | { kind: 'unmarked' | 'was-not'; check: InterestCheck };
type Refused = { kind: 'not-found' | 'own' } | { kind: 'closed'; check: InterestCheck };

function refusal(outcome: Refused): DiscordMessage {
  if (outcome.kind === 'closed') return interestAnswers.closed(outcome.check);
  return outcome.kind === 'own' ? interestAnswers.ownCheck : interestAnswers.notFound;
}

/** The check as this member may change their interest in it, or why not. */
function refusalOf(check: InterestCheck | undefined, place: Place, memberId: string): Refused | undefined {
  if (!check || !pressedOnItsPost(check, place)) return { kind: 'not-found' };
  if (check.builderId === memberId) return { kind: 'own' };
  return check.status === 'open' ? undefined : { kind: 'closed', check };
}

/** The quantity modal, submitted: counted, or the quantity changed. */
export async function markInterest(deps: InterestDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const checkId = idOfComponent('interestModal', interaction.data?.custom_id ?? '');
  if (!checkId) return refusals.staleComponent;
  const read = readQuantity(modalValues(interaction.data?.components).quantity);
  if (!read.ok) return interestAnswers.badQuantity(read.problem);
  const memberId = place.user.id;
  const outcome = await deps.store.runTransaction(async (tx): Promise<Marked | Refused> => {
    const [check, mine] = await Promise.all([tx.get(interestCheckPath(checkId)), tx.get(interestPath(checkId, memberId))]);
    const refused = refusalOf(check, place, memberId);
    if (refused || !check) return refused ?? { kind: 'not-found' };
    if (mine?.byInteraction === interaction.id) return { kind: 'marked', check, quantity: mine.quantity, changed: false };
    const next = {
      ...check,
      interestedPeople: check.interestedPeople + (mine ? 0 : 1),
      interestedUnits: check.interestedUnits - (mine?.quantity ?? 0) + read.quantity,
    };
    const at = deps.clock.now().toISOString();
    tx.set(interestPath(checkId, memberId), {
      checkId,
      memberId,
      memberName: personName(place.user),
      quantity: read.quantity,
      at,
      byInteraction: interaction.id,
    });
    tx.update(interestCheckPath(checkId), { interestedPeople: next.interestedPeople, interestedUnits: next.interestedUnits });
    return { kind: 'marked', check: next, quantity: read.quantity, changed: mine !== undefined };
  });
  if (outcome.kind !== 'marked') return refusal(outcome as Refused);
  await followInterestPost(deps, checkId);
  return interestAnswers.marked(outcome.check, outcome.quantity, outcome.changed);
}

/** **Not interested**: uncounted, if they were counted. */
export async function withdrawInterest(deps: InterestDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const checkId = idOfComponent('notInterested', interaction.data?.custom_id ?? '');
  if (!checkId) return refusals.staleComponent;
  const memberId = place.user.id;
  const outcome = await deps.store.runTransaction(async (tx): Promise<Marked | Refused> => {
    const [check, mine] = await Promise.all([tx.get(interestCheckPath(checkId)), tx.get(interestPath(checkId, memberId))]);
    const refused = refusalOf(check, place, memberId);
    if (refused || !check) return refused ?? { kind: 'not-found' };
    if (!mine) return { kind: 'was-not', check };
    tx.delete(interestPath(checkId, memberId));
    tx.update(interestCheckPath(checkId), { interestedPeople: check.interestedPeople - 1, interestedUnits: check.interestedUnits - mine.quantity });
    return { kind: 'unmarked', check };
  });
  if (outcome.kind === 'was-not') return interestAnswers.wasNot(outcome.check);
  if (outcome.kind !== 'unmarked') return refusal(outcome as Refused);
  await followInterestPost(deps, checkId);
  return interestAnswers.unmarked(outcome.check);
}
