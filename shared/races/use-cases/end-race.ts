/**
 * @module end-race
 * Closing a window: `/race end` by its host (or an admin), or the task at its maximum.
 * Sales paid after the close go to the house; sales paid before it still count when they
 * arrive late, because a sale feeds the window open at its paid time.
 */
import type { DiscordMessage } from '../../ports';
import { isGuildAdmin, type Interaction, refusals, placeOf } from '../../discord';
import { raceLobbyPath, raceWindowPath, type RaceLobby } from '../rules/race';
import { raceAnnouncement, raceEnded, raceRefusals } from '../rules/race-messages';
import { TaskNotDueYet } from '../../errors';
import { scheduleRaceMessage, type LobbyTask } from './race-tasks';
import { type RaceDeps } from './race-deps';
import { runOnce } from '../../common';
import { lobbyWithPot } from './race-balances';
import { foldRaceSales } from './fold-race-sales';

export async function endRace(deps: RaceDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const pointer = await deps.store.get(raceWindowPath(guildId));
  const lobby = pointer ? await deps.store.get(raceLobbyPath(pointer.lobbyId)) : undefined;
  if (!lobby) return raceRefusals.noWindow;
  if (lobby.hostId !== user.id && !isGuildAdmin(interaction)) return raceRefusals.notYourRace(lobby);
  const ended = await closeRaceWindow(deps, lobby.lobbyId, 'host');
  return ended ? raceEnded((await lobbyWithPot(deps.store, lobby.lobbyId)) ?? ended) : raceRefusals.noWindow;
}

/** The task at the window's maximum: a window the host already ended is left as it is. */
export async function closeRaceOnTime(deps: RaceDeps, task: LobbyTask): Promise<RaceLobby | undefined> {
  return closeRaceWindow(deps, task.lobbyId, 'time');
}

async function closeRaceWindow(deps: RaceDeps, lobbyId: string, by: 'host' | 'time'): Promise<RaceLobby | undefined> {
  const ended = await deps.store.runTransaction(async (tx) => {
    const lobby = await tx.get(raceLobbyPath(lobbyId));
    if (!lobby) return undefined;
    const pointer = await tx.get(raceWindowPath(lobby.guildId));
    if (lobby.status === 'ended') return lobby;
    if (lobby.status !== 'racing') return undefined;
    const now = deps.clock.now();
    const closesBy = Date.parse(lobby.closesBy as string);
    // Ran before its time (clocks differ between machines): the queue tries again.
    if (by === 'time' && now.getTime() < closesBy) throw new TaskNotDueYet(closesBy);
    const closed: Partial<RaceLobby> = { status: 'ended', endedBy: by, windowClosedAt: new Date(Math.min(now.getTime(), closesBy)).toISOString() };
    tx.update(raceLobbyPath(lobbyId), closed);
    if (pointer?.lobbyId === lobbyId) tx.delete(raceWindowPath(lobby.guildId));
    return { ...lobby, ...closed };
  });
  if (!ended) return undefined;
  // Sales a second old go into the wallets now; the message task folds the rest a second
  // on. Every read (the announcement below, /wallet, /payout) adds what is left unfolded.
  await foldRaceSales(deps, lobbyId);
  await scheduleRaceMessage(deps, lobbyId);
  await runOnce(
    deps.store,
    `race-ended:${lobbyId}`,
    async () => {
      // Read after the close: the pot as it stands, not as the transaction saw it.
      const final = (await lobbyWithPot(deps.store, lobbyId)) ?? ended;
      await deps.discord.postToChannel(final.channelId, raceAnnouncement(final));
    },
    { clock: deps.clock },
  );
  return ended;
}
