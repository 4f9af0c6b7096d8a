/**
 * @module show
 * A show (`shows/<id>`): a streamer hosts a run of lots from partner builders in one
 * channel, auctioned back to back. Each lot becomes an ordinary auction when it goes up
 * (same book, same hammer, same second chance); the show keeps the run sheet (the lots in
 * order and where the run is) and the host's cut, fixed when the show starts.
 */
import { collectionPath, docPath } from '../../ports';
import { guildDocPath } from '../../guild';
import { invoker, isGuildAdmin, type Interaction } from '../../discord';

export const showStatuses = ['planning', 'running', 'paused', 'ended'] as const;
export type ShowStatus = (typeof showStatuses)[number];

/**
 * `up-next` until it runs; `live` from its start to its hammer; `done` once hammered (its
 * auction keeps the result); `skipped` when the show ended, or its builder could no longer
 * be paid, before it ran.
 */
export type LotState = 'up-next' | 'live' | 'done' | 'skipped';

export interface ShowLot {
  /** Stable across reorders: buttons name it. */
  lotId: string;
  builderId: string;
  builderName: string;
  item: string;
  startCents: number;
  durationSeconds: number;
  /** 0 when there is no reserve. */
  reserveCents: number;
  /** Undefined: the deployment's default, as for any auction. */
  counterBidSeconds?: number;
  suddenDeath: boolean;
  addedAt: string;
  state: LotState;
  /** Its auction, from the moment it goes up. */
  auctionId?: string;
  /** Why a lot was skipped, in the run sheet's words. */
  skippedBecause?: string;
  /** How many pre-bids it holds (their maximums are kept apart: `showPreBids`). */
  preBidCount?: number;
}

export interface Show {
  showId: string;
  guildId: string;
  channelId: string;
  hostId: string;
  hostName: string;
  title: string;
  currency: string;
  status: ShowStatus;
  lots: ShowLot[];
  /** The host's cut of each lot's price in basis points: the guild's setting until the start, then fixed. */
  hostCutBps?: number;
  /** Seconds between a hammer and the next lot; fixed at the start. */
  gapSeconds: number;
  /** The stream delay every lot runs with (stream-delay); fixed at the start. Absent before: 3 s. */
  streamDelaySeconds?: number;
  /** The sealed final call every lot ends with: the server's auction default for the show's delay, fixed at the start. */
  finalCallSeconds?: number;
  /** The run sheet: one message for the whole show. */
  messageId?: string;
  createdAt: string;
  startedAt?: string;
  /** The interaction that started it: its redelivery finishes the start instead of being refused. */
  startedBy?: string;
  endedAt?: string;
  /** When the next lot goes up, while the run waits out the gap after a hammer. */
  nextLotAt?: string | null;
  /**
   * Counts the next-lot tasks the show has scheduled; each task carries its step, so a
   * task from before a pause, a Next lot press or a reorder finds itself stale.
   */
  step: number;
  /** Every winner's checkout was opened: the show is over and its last lot hammered. */
  checkoutsOpenedAt?: string;
}

export const showsCollection = collectionPath<Show>('shows');
export const showPath = (showId: string) => docPath<Show>(`${showsCollection}/${showId}`);

/** One show per channel at a time (`showChannels/<channel id>`), until it ends. */
export interface ShowChannel {
  showId: string;
  guildId: string;
}

export const showChannelPath = (channelId: string) => docPath<ShowChannel>(`showChannels/${channelId}`);

/** The last edit of a run sheet (`showSheetEdits/<show id>`): kept apart, so the show's own document takes no extra write. */
export interface RunSheetEdit {
  showId: string;
  /** A digest of what the run sheet shows now: an unchanged sheet is not edited again. */
  shown: string;
  editedAtMs: number;
}

export const runSheetEditPath = (showId: string) => docPath<RunSheetEdit>(`showSheetEdits/${showId}`);

/** Per guild, under `guilds/<id>.shows`, set by `/c500 show settings`. */
export interface ShowSettings {
  /** Besides admins, members with this role may host shows. */
  hostRoleId: string | null;
  hostCutBps: number;
  gapSeconds: number;
  /** How far behind viewers watch the host's stream; unset: the server's auction default, else 3 s. */
  streamDelaySeconds?: number;
}

/** The shows' part of the guild's document (`guilds/<id>.shows`): what `/c500 show settings` changed over the defaults. */
export interface GuildShows {
  shows?: Partial<ShowSettings>;
}

export const guildShowsPath = (guildId: string) => guildDocPath<GuildShows>(guildId);

export const showLimits = {
  maxLots: 20,
  maxTitleLength: 80,
  /** A lot is a short burst: 10 seconds to 30 minutes. */
  lotSeconds: { min: 10, max: 30 * 60 },
  gapSeconds: { min: 0, max: 300 },
  /** The host's cut, at most half of a lot's price (the platform fee comes out of it too). */
  maxHostCutBps: 5_000,
} as const;

export const defaultShowSettings: ShowSettings = { hostRoleId: null, hostCutBps: 1_000, gapSeconds: 10 };

export function showSettingsOf(stored: Partial<ShowSettings> | undefined): ShowSettings {
  return { ...defaultShowSettings, ...(stored ?? {}) };
}

/** Show ids as people type them or buttons carry them. */
export function isShowIdShaped(id: string): boolean {
  return /^[0-9a-z]{8}$/.test(id);
}

export const isLotIdShaped = isShowIdShaped;

/** Named from the show, the lot and the step, so a redelivered schedule makes one task and a newer step its own. */
export const nextLotTaskName = (showId: string, lotId: string, step: number) => `show-${showId}-lot-${lotId}-s${step}`;
/** Named from the show and the second it is due: a burst of changes schedules one edit a second. */
export const runSheetTaskName = (showId: string, atMs: number) => `sheet-${showId}-${Math.ceil(atMs / 1000)}`;

/** The lot to run next: the first one up next, in run-sheet order. */
export function nextUpIndex(show: Pick<Show, 'lots'>): number {
  return show.lots.findIndex((l) => l.state === 'up-next');
}

export function liveLot(show: Pick<Show, 'lots'>): ShowLot | undefined {
  return show.lots.find((l) => l.state === 'live');
}

/** Over, and nothing left to hammer: every winner may be sent their checkout. */
export function isWrappedUp(show: Pick<Show, 'status' | 'lots'>): boolean {
  return show.status === 'ended' && !liveLot(show);
}

// ---------------------------------------------------------------------------------------
// Buttons: on the run sheet (host controls and Pay now) and on `/c500 show lots`.

export const runSheetActions = ['next', 'pause', 'resume', 'end', 'pay'] as const;
export type RunSheetAction = (typeof runSheetActions)[number];
export const lotActions = ['up', 'down', 'remove'] as const;
export type LotAction = (typeof lotActions)[number];

export type ShowButton = { showId: string; action: RunSheetAction } | { showId: string; action: LotAction; lotId: string };

export const runSheetButtonId = (showId: string, action: RunSheetAction) => `show:${showId}:${action}`;
export const lotButtonId = (showId: string, action: LotAction, lotId: string) => `show:${showId}:${action}:${lotId}`;

/** A button's id is the presser's to forge: only the exact shapes we make are read. */
export function showButtonOf(customId: string): ShowButton | undefined {
  const match = /^show:([0-9a-z]{8}):([a-z]{2,6})(?::([0-9a-z]{8}))?$/.exec(customId);
  if (!match) return undefined;
  const [, showId, action, lotId] = match as unknown as [string, string, string, string | undefined];
  const sheet = runSheetActions.find((a) => a === action);
  if (sheet && lotId === undefined) return { showId, action: sheet };
  const lot = lotActions.find((a) => a === action);
  if (lot && lotId !== undefined) return { showId, action: lot, lotId };
  return undefined;
}

/** The show's own host, admins, and members with the guild's show host role run a show. */
export function canHostShow(interaction: Interaction, settings: Pick<ShowSettings, 'hostRoleId'>, show?: Pick<Show, 'hostId'>): boolean {
  if (isGuildAdmin(interaction)) return true;
  if (show && invoker(interaction)?.id === show.hostId) return true;
  // Stryker disable next-line ArrayDeclaration: a role id is a snowflake, never the filler a mutant puts in the empty list
  return settings.hostRoleId !== null && (interaction.member?.roles ?? []).includes(settings.hostRoleId);
}

/** The next-lot task a running show is waiting on, if any: after a hammer, for the lot up next. */
export function pendingNextLot(show: Show): { showId: string; lotId: string; step: number; atMs: number } | undefined {
  if (show.status !== 'running' || liveLot(show) || !show.nextLotAt) return undefined;
  const next = show.lots[nextUpIndex(show)];
  return next ? { showId: show.showId, lotId: next.lotId, step: show.step, atMs: Date.parse(show.nextLotAt) } : undefined;
}
