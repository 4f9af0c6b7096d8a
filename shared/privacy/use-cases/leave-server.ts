/**
 * @module leave-server
 * `/c500 leave`: records the admin's request once (a second run answers with the first one's
 * dates) and tells them when the server's members' data will be erased.
 */
import type { DiscordMessage } from '../../ports';
import { isGuildAdmin, placeOf, refusals, type Interaction } from '../../discord';
import { eraseAfterOf, leaveAnswers, serverLeavePath, type ServerLeave } from '../rules/server-leave';
import type { PrivacyDeps } from './privacy-deps';

export async function leaveServer(deps: Pick<PrivacyDeps, 'store' | 'clock'>, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  if (!isGuildAdmin(interaction)) return leaveAnswers.needsAdmin;
  const now = deps.clock.now();
  const leave: ServerLeave = {
    guildId: place.guildId,
    askedBy: place.user.id,
    askedAt: now.toISOString(),
    eraseAfter: eraseAfterOf(now),
    byInteraction: interaction.id,
  };
  await deps.store.createIfAbsent(serverLeavePath(place.guildId), leave);
  return leaveAnswers.asked((await deps.store.get(serverLeavePath(place.guildId))) ?? leave);
}

/** **Keep C500 here**, within the grace: an admin of the same server cancels the leave; once erased, it is said plainly. */
export async function cancelServerLeave(deps: Pick<PrivacyDeps, 'store'>, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  if (!isGuildAdmin(interaction)) return leaveAnswers.needsAdmin;
  return deps.store.runTransaction(async (tx) => {
    const leave = await tx.get(serverLeavePath(place.guildId));
    if (!leave) return leaveAnswers.notLeaving;
    if (leave.erasedAt) return leaveAnswers.alreadyErased(leave);
    tx.delete(serverLeavePath(place.guildId));
    return leaveAnswers.cancelled;
  });
}
