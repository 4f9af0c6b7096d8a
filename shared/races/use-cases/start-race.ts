/**
 * @module start-race
 * `/race start [racers]`: the host opens the commission window of their lobby in this
 * channel, with the racers who joined or the ones named. One window per guild: the
 * transaction that opens it also claims `raceWindows/<guild>`, so of two hosts starting at
 * once one wins and the other is told which race is on. The window closes itself at the
 * guild's maximum (a named task) if the host never ends it.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import {
  canHost,
  parseRacerMentions,
  raceLobbiesCollection,
  raceLobbyPath,
  raceWindowPath,
  type RaceLobby,
  type RaceSettings,
  type Racer,
  guildRacesPath,
  withRacers,
} from '../rules/race';
import { raceAnnouncement, raceRefusals, raceStarted } from '../rules/race-messages';
import { readWallet } from './race-balances';
import { ensureLobby, postLobbyMessage } from './open-race';
import { loadRaceSettings } from './race-settings';
import { scheduleRaceClose, scheduleRaceMessage } from './race-tasks';
import { type RaceDeps } from './race-deps';
import { runOnce, personName } from '../../common';

type Started = { ok: true; lobby: RaceLobby } | { ok: false; answer: DiscordMessage };

export async function startRace(deps: RaceDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: host, guildId } = place;
  const settings = await loadRaceSettings(deps, guildId);
  if (!canHost(interaction, settings)) return raceRefusals.notHost;
  const named = commandCall(interaction).options.racers;
  const grid = named === undefined ? undefined : parseRacerMentions(String(named), settings.maxRacers);
  if (grid && !grid.ok) return raceRefusals.racers(grid.reason);

  let lobby = await lobbyToStart(deps, interaction, host.id);
  if (!lobby && !grid) return raceRefusals.noLobby;
  // A host whose race software knows the grid needs no lobby: this command makes one.
  if (!lobby) {
    const made = await ensureLobby(deps, interaction, { title: `${personName(host)}’s race`, maxRacers: settings.maxRacers });
    if (!made) return raceRefusals.runAgain;
    lobby = await postLobbyMessage(deps, made, settings.commissionBps);
  }
  const racers = grid?.ok ? await racersNamed(deps, guildId, grid.racerIds, lobby) : lobby.racers;

  const started = await openWindow(deps, lobby.lobbyId, racers, settings, interaction.id);
  if (!started.ok) return started.answer;
  const live = started.lobby;
  await scheduleRaceClose(deps.tasks, live.lobbyId, Date.parse(live.closesBy as string));
  await scheduleRaceMessage(deps, live.lobbyId);
  await runOnce(deps.store, `race-started:${live.lobbyId}`, async () => void (await deps.discord.postToChannel(live.channelId, raceAnnouncement(live))), {
    clock: deps.clock,
  });
  return raceStarted(live, `${deps.publicBaseUrl}/overlay/pot?id=${live.lobbyId}`);
}

/** The lobby this command started before (a redelivery), else the host's newest open one in this channel. */
async function lobbyToStart(deps: RaceDeps, interaction: Interaction, hostId: string): Promise<RaceLobby | undefined> {
  const [again] = await deps.store.query(raceLobbiesCollection, { where: [['startedBy', '==', interaction.id]], limit: 1 });
  if (again) return again.data;
  const open = await deps.store.query(raceLobbiesCollection, {
    where: [
      ['hostId', '==', hostId],
      ['status', '==', 'open'],
    ],
  });
  return open
    .map((d) => d.data)
    .filter((l) => l.guildId === interaction.guild_id && l.channelId === interaction.channel_id)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

/** Names for mentioned racers: from the lobby if they joined, else from their wallet, else their place. */
async function racersNamed(deps: RaceDeps, guildId: string, racerIds: string[], lobby: RaceLobby): Promise<Racer[]> {
  return Promise.all(
    racerIds.map(async (userId, i) => {
      const joined = lobby.racers.find((r) => r.userId === userId);
      if (joined) return joined;
      const wallet = await readWallet(deps.store, guildId, userId, { races: false });
      return { userId, name: wallet?.racerName ?? `Racer ${i + 1}` };
    }),
  );
}

async function openWindow(deps: RaceDeps, lobbyId: string, racers: Racer[], settings: RaceSettings, interactionId: string): Promise<Started> {
  return deps.store.runTransaction(async (tx): Promise<Started> => {
    const lobby = await tx.get(raceLobbyPath(lobbyId));
    if (!lobby) return { ok: false, answer: raceRefusals.lobbyGone };
    const pointer = await tx.get(raceWindowPath(lobby.guildId));
    const busy = pointer && pointer.lobbyId !== lobbyId ? await tx.get(raceLobbyPath(pointer.lobbyId)) : undefined;
    const guild = await tx.get(guildRacesPath(lobby.guildId));
    if (lobby.status === 'racing' && lobby.startedBy === interactionId) return { ok: true, lobby };
    if (lobby.status !== 'open') return { ok: false, answer: lobby.status === 'racing' ? raceRefusals.windowBusy(lobby) : raceRefusals.lobbyGone };
    if (busy) return { ok: false, answer: raceRefusals.windowBusy(busy) };
    if (racers.length === 0) return { ok: false, answer: raceRefusals.nobodyJoined(lobby) };

    // On a whole second: Stripe dates a payment to the second, and a sale made in the
    // moment the host started belongs to the race.
    const now = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
    const openedAt = now.toISOString();
    const opened: Partial<RaceLobby> = {
      status: 'racing',
      ...withRacers(racers),
      commissionBps: settings.commissionBps,
      currency: settings.currency,
      windowOpenedAt: openedAt,
      closesBy: new Date(now.getTime() + settings.maxWindowMinutes * 60_000).toISOString(),
      startedBy: interactionId,
    };
    tx.update(raceLobbyPath(lobbyId), opened);
    tx.set(raceWindowPath(lobby.guildId), { guildId: lobby.guildId, lobbyId, openedAt });
    // From the first race on, the guild's currency is fixed: wallets hold one currency.
    if (!guild?.races?.firstRaceAt) tx.set(guildRacesPath(lobby.guildId), { races: { firstRaceAt: openedAt } }, { merge: true });
    return { ok: true, lobby: { ...lobby, ...opened } };
  });
}
