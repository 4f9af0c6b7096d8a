/**
 * @module race
 * A race lobby (`raceLobbies/<id>`): a timed pop-up shop. Racers join; when the host
 * starts, the commission window opens and a share of every merch sale in the guild goes
 * to a pool split evenly among them, until the host ends it or the window's maximum runs out.
 */
import { collectionPath, docPath } from '../../ports';
import { guildDocPath } from '../../guild';
import { type Interaction, isGuildAdmin } from '../../discord';
import { defaultCommissionBps } from './commission';
import { personName } from '../../common';

export const raceStatuses = ['open', 'racing', 'ended'] as const;
export type RaceStatus = (typeof raceStatuses)[number];

export interface Racer {
  userId: string;
  /** As shown on the overlay: never a Discord id. */
  name: string;
}

export interface RaceLobby {
  lobbyId: string;
  guildId: string;
  channelId: string;
  /** The lobby message with its Join and Leave buttons, edited as the pot grows. */
  messageId?: string;
  hostId: string;
  title: string;
  status: RaceStatus;
  /** The grid, in order: the split's stable order. Fixed once the window opens. */
  racers: Racer[];
  /**
   * The grid's ids, beside it (`withRacers` writes both): a racer's export and erasure find the
   * lobbies they raced in by this list (array-contains), which no query on `racers` can do.
   * Absent on lobbies made before it existed.
   */
  racerIds?: string[];
  maxRacers: number;
  createdAt: string;
  /** The command that opened it: its id is derived from this, and only this may find it again. */
  interactionId?: string;
  /** Set when the window opens, from the guild's settings then: later changes do not move a running race. */
  commissionBps?: number;
  currency?: string;
  windowOpenedAt?: string;
  /** The window closes itself then (a named task), if the host has not ended it. */
  closesBy?: string;
  windowClosedAt?: string;
  endedBy?: 'host' | 'time';
  /** The `/race start` interaction that opened the window, so its redelivery finds it. */
  startedBy?: string;
  /**
   * The pot as read with `lobbyWithPot`: the lobby's own (0 since the pot moved to shards)
   * plus every shard's. Sales never write the lobby itself.
   */
  poolCents?: number;
  salesCount?: number;
  /** Racer id -> cents credited from this race, net of refunds. */
  shares?: Record<string, number>;
}

export const raceLobbiesCollection = collectionPath<RaceLobby>('raceLobbies');
export const raceLobbyPath = (lobbyId: string) => docPath<RaceLobby>(`${raceLobbiesCollection}/${lobbyId}`);

/**
 * One part of a lobby's pot (`raceLobbies/<id>/pot/<n>`), kept with atomic increments next
 * to each sale's record. A burst of sales spreads over the shards instead of queueing on
 * the one lobby document.
 */
export interface PotShard {
  lobbyId: string;
  poolCents: number;
  salesCount: number;
  shares: Record<string, number>;
}

export const potShardCount = 16;
export const potShardsPath = (lobbyId: string) => collectionPath<PotShard>(`${raceLobbyPath(lobbyId)}/pot`);
export const potShardPath = (lobbyId: string, shard: number) => docPath<PotShard>(`${potShardsPath(lobbyId)}/${shard}`);

/** The lobby with its pot summed over its shards: integer cents, so the sum is exact. */
export function withPot(lobby: RaceLobby, shards: readonly PotShard[]): RaceLobby {
  const shares: Record<string, number> = { ...(lobby.shares ?? {}) };
  let poolCents = lobby.poolCents ?? 0;
  let salesCount = lobby.salesCount ?? 0;
  for (const shard of shards) {
    poolCents += shard.poolCents ?? 0;
    salesCount += shard.salesCount ?? 0;
    for (const [racerId, cents] of Object.entries(shard.shares ?? {})) shares[racerId] = (shares[racerId] ?? 0) + cents;
  }
  return { ...lobby, poolCents, salesCount, shares };
}

/**
 * The guild's one open window: `raceWindows/<guild>` names the racing lobby. Starting a
 * window creates it in the same transaction, so two hosts cannot open two at once.
 */
export interface RaceWindowPointer {
  guildId: string;
  lobbyId: string;
  openedAt: string;
}

export const raceWindowPath = (guildId: string) => docPath<RaceWindowPointer>(`raceWindows/${guildId}`);

/** The last edit of a lobby's message (`raceMessageEdits/<id>`): its own document, so the lobby's hot one takes no extra write. */
export interface RaceMessageEdit {
  lobbyId: string;
  /** A digest of what the message shows now. */
  shown: string;
  editedAtMs: number;
}

export const raceMessageEditPath = (lobbyId: string) => docPath<RaceMessageEdit>(`raceMessageEdits/${lobbyId}`);

/** Per guild, under `guilds/<id>.races`. */
export interface RaceSettings {
  commissionBps: number;
  payoutThresholdCents: number;
  maxRacers: number;
  maxWindowMinutes: number;
  /** Besides admins, members with this role may host. */
  hostRoleId: string | null;
  currency: string;
  /** Ko-fi payment types that count as merch. */
  kofiTypes: string[];
}

/** Titles show in embeds and on the overlay's one-line bar. */
export const maxTitleLength = 80;

export const raceLimits = { maxRacers: { min: 2, max: 25 }, maxWindowMinutes: { min: 5, max: 24 * 60 } } as const;

/** The races' part of the guild's document (`guilds/<id>.races`): what `/race settings` changed over the defaults; from the first race on, the currency is fixed. */
export interface GuildRaces {
  races?: Partial<RaceSettings> & { firstRaceAt?: string };
}

export const guildRacesPath = (guildId: string) => guildDocPath<GuildRaces>(guildId);

export function defaultRaceSettings(currency: string): RaceSettings {
  return {
    commissionBps: defaultCommissionBps,
    payoutThresholdCents: 2_000,
    maxRacers: 8,
    maxWindowMinutes: 180,
    hostRoleId: null,
    currency,
    kofiTypes: ['Shop Order'],
  };
}

/** What is stored, over the defaults: a guild that never ran `/race settings` has them all. */
export function raceSettingsOf(stored: Partial<RaceSettings> | undefined, currency: string): RaceSettings {
  return { ...defaultRaceSettings(currency), ...(stored ?? {}) };
}

/** Admins host; so do members with the guild's host role. */
export function canHost(interaction: Interaction, settings: Pick<RaceSettings, 'hostRoleId'>): boolean {
  if (isGuildAdmin(interaction)) return true;
  // A role id is a string: without a host role (null), no member's role matches.
  return interaction.member?.roles?.some((role) => role === settings.hostRoleId) === true;
}

export type RacerList = { ok: true; racerIds: string[] } | { ok: false; reason: string };

/**
 * `racers:<@1> <@!2>, <@3>` -> the ids in the order typed. Anything that is not a user
 * mention is refused: a role or a plain name would leave someone out of the split.
 */
export function parseRacerMentions(text: string, maxRacers: number): RacerList {
  const tokens = text.split(/[\s,]/).filter(Boolean);
  const ids: string[] = [];
  for (const token of tokens) {
    const id = /^<@!?(\d{17,20})>$/.exec(token)?.[1];
    if (!id) return { ok: false, reason: `\`${token.slice(0, 40)}\` isn’t a member mention. Type the racers as mentions: \`/race start racers:@ana @bo\`.` };
    if (ids.includes(id)) return { ok: false, reason: `<@${id}> is in the list twice: each racer holds one place on the grid.` };
    ids.push(id);
  }
  if (ids.length === 0)
    return { ok: false, reason: 'Name at least one racer: `/race start racers:@ana @bo`, or leave `racers` out to start with those who joined.' };
  if (ids.length > maxRacers)
    return {
      ok: false,
      reason: `That’s ${ids.length} racers; a lobby here takes at most ${maxRacers}. An admin can change it with \`/race settings max-racers:<n>\`.`,
    };
  return { ok: true, racerIds: ids };
}

/** Lobby ids as people type them or buttons carry them. */
export function isLobbyIdShaped(id: string): boolean {
  return /^[0-9a-z]{8}$/.test(id);
}

export const joinButtonId = (lobbyId: string) => `race:join:${lobbyId}`;
export const leaveButtonId = (lobbyId: string) => `race:leave:${lobbyId}`;

/** `race:join:<id>` -> { action: 'join', lobbyId }. */
export function raceButtonOf(customId: string): { action: 'join' | 'leave'; lobbyId: string } | undefined {
  const match = /^race:(join|leave):([0-9a-z]{8})$/.exec(customId);
  return match ? { action: match[1] as 'join' | 'leave', lobbyId: match[2] as string } : undefined;
}

/** The task that closes a window left open, one per lobby. */
export const raceCloseTaskName = (lobbyId: string) => `race-close-${lobbyId}`;

/**
 * The lobby message is edited at most once a second: every change schedules the edit for
 * the next whole second under a name made of it, and the queue keeps one task per name.
 */
export function raceMessageSlot(lobbyId: string, nowMs: number): { name: string; atMs: number } {
  const second = Math.floor(nowMs / 1000) + 1;
  return { name: `race-message-${lobbyId}-${second}`, atMs: second * 1000 };
}

/** A racer's display name as Discord sends it on an interaction. */
export function racerName(user: { username: string; global_name?: string | null }): string {
  return personName(user, 40);
}

/** A lobby's grid as it is written: the racers, and their ids for a racer's own lookup. */
export const withRacers = (racers: Racer[]): Pick<RaceLobby, 'racers' | 'racerIds'> => ({ racers, racerIds: racers.map((racer) => racer.userId) });
