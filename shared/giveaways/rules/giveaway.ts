/**
 * @module giveaway
 * A giveaway (`giveaways/<id>`): a sponsor's prize, free to enter for a while, then drawn
 * from a seed committed to at the start. Its entries (`giveaways/<id>/entries/<pseudonym>`)
 * are one a person: a Discord member and the Twitch account they linked are one entrant.
 * The seed is kept apart (`giveawaySeeds/<id>`) until the draw reveals it, so nothing that
 * shows the giveaway can show the seed early.
 */
import { collectionPath, docPath } from '../../ports';
import { shortIdFrom } from '../../common';

export const giveawayStatuses = ['open', 'drawn', 'ended'] as const;
export type GiveawayStatus = (typeof giveawayStatuses)[number];

/** One round of the draw: who it picked, and whether they confirmed before the deadline. */
export interface GiveawayRound {
  round: number;
  pseudonym: string;
  /** Personal: the winner's Discord id, or `twitch:<user id>` for a chatter no member linked. */
  winnerId: string;
  /** How the channel names them: `<@id>`, or the Twitch login. */
  winnerLabel: string;
  /** A chatter no member linked: their login, to tell them in the channel's chat. */
  winnerLogin?: string;
  confirmBy: string;
  state: 'waiting' | 'confirmed' | 'lapsed';
  /** The prize's order, once the winner confirmed with their address. */
  orderId?: string;
  /** A redraw: the round whose winner did not confirm in time. */
  replaces?: number;
  /** A redraw's own post (with this round's Confirm button): edited once the round is confirmed or lapses. */
  postMessageId?: string;
}

export interface Giveaway {
  giveawayId: string;
  guildId: string;
  channelId: string;
  sponsorId: string;
  sponsorName: string;
  prize: string;
  winners: number;
  confirmMinutes: number;
  startedAt: string;
  endsAt: string;
  /** SHA-256 of the seed, hex: published at the start. */
  commitment: string;
  status: GiveawayStatus;
  /** The post with the Enter button. */
  messageId?: string;
  /** The sponsor's linked Twitch channel, whose `!enter` counts. */
  broadcasterId?: string;
  broadcasterLogin?: string;
  /** The `/giveaway start` that made it: its redelivery answers as the first. */
  byInteraction: string;
  /** How its rounds are drawn (`draw.ts`): absent on giveaways started before entries were bound, drawn over the seed alone. */
  scheme?: 'entries-bound' | 'beacon-bound';
  /** A beacon-bound giveaway's beacon round, named at the start: published after entry closes, unknown to all until then. */
  beacon?: GiveawayBeacon;
  /** When entry closed and the entries' hash was fixed: before the beacon round was out. */
  closedAt?: string;
  // Set by the draw.
  seed?: string;
  /** The entry list fixed when entry closed: SHA-256 of the sorted pseudonyms, published with the draw. */
  entriesHash?: string;
  drawnAt?: string;
  /** The draw's post, with each waiting round's Confirm button: edited as rounds are confirmed or lapse. */
  drawMessageId?: string;
  entrants?: number;
  rounds?: GiveawayRound[];
}

/** The public randomness a beacon-bound giveaway is drawn from (ports/randomness-beacon). */
export interface GiveawayBeacon {
  chainHash: string;
  /** The chain's HTTP API (`/info`, `/public/<round>`), where anyone fetches the round to check. */
  url: string;
  round: number;
  /** When the beacon publishes the round. */
  at: string;
  /** Set at the draw, as the beacon published it (its signature verified). */
  randomness?: string;
  signature?: string;
}

export interface GiveawaySeed {
  /** Sealed (`TOKEN_SEAL_KEYS`) until the draw reveals it: a copy of the store alone tells nobody the winners. */
  sealedSeed?: string;
  /** A giveaway started before seeds were sealed keeps its seed in the clear. */
  seed?: string;
  /** Keys the entrants' pseudonyms (`pseudonymOf`); never revealed, not even at the draw. Absent on giveaways started before salts. */
  salt?: string;
}

/** One person's entry. The id is their pseudonym, so a person enters once whatever they press. */
export interface GiveawayEntry {
  pseudonym: string;
  /** Personal: the member's Discord id, or `twitch:<user id>`. */
  entrantId: string;
  via: 'discord' | 'twitch';
  /** Personal: how the channel names them if they win. */
  label: string;
  /** Personal: a chatter no member linked, by their login (told in chat if they win). */
  twitchLogin?: string;
  enteredAt: string;
}

/** A Twitch channel's open giveaway, so `!enter` finds it in one read. */
export interface GiveawayChat {
  giveawayId: string;
  guildId: string;
}

export const giveawaysCollection = collectionPath<Giveaway>('giveaways');
export const giveawayPath = (id: string) => docPath<Giveaway>(`giveaways/${id}`);
export const giveawaySeedPath = (id: string) => docPath<GiveawaySeed>(`giveawaySeeds/${id}`);
export const entriesCollection = (id: string) => collectionPath<GiveawayEntry>(`giveaways/${id}/entries`);
export const entryPath = (id: string, pseudonym: string) => docPath<GiveawayEntry>(`giveaways/${id}/entries/${pseudonym}`);
export const giveawayChatPath = (broadcasterId: string) => docPath<GiveawayChat>(`giveawayChats/${broadcasterId}`);

/** Derived from the command that started it: a redelivery names the same giveaway. */
export const giveawayIdFrom = (interactionId: string) => shortIdFrom(`giveaway:${interactionId}`);
export const isGiveawayIdShaped = (id: string) => /^[0-9a-z]{8}$/.test(id);

/** The prize's order: one per giveaway and round, so a redelivered confirmation makes no second. */
export const prizeOrderId = (giveawayId: string, round: number) => `gw-${giveawayId}-${round}`;

/** Who an entrant is as one person: a member, or a chatter whose account no member linked. */
export const memberKey = (memberId: string) => memberId;
export const chatterKey = (twitchUserId: string) => `twitch:${twitchUserId}`;

export const giveawayLimits = {
  minSeconds: 60,
  maxSeconds: 7 * 24 * 3600,
  maxWinners: 20,
  defaultConfirmMinutes: 5,
  maxConfirmMinutes: 24 * 60,
  maxPrizeLength: 200,
} as const;

/** The round's task: round 0 is the draw at the end; round r ≥ 1 is round r's deadline to confirm. */
export interface GiveawayTask {
  giveawayId: string;
  round: number;
}

export const giveawayTaskName = (task: GiveawayTask) => `giveaway-${task.giveawayId}-r${task.round}`;

export function parseGiveawayTask(payload: unknown): GiveawayTask | undefined {
  const { giveawayId, round, ...rest } = (payload ?? {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof giveawayId !== 'string' || !isGiveawayIdShaped(giveawayId)) return undefined;
  return Number.isSafeInteger(round) && (round as number) >= 0 ? { giveawayId, round: round as number } : undefined;
}

/** The round waiting on its winner, if any. */
export const roundOf = (giveaway: Pick<Giveaway, 'rounds'>, round: number) => giveaway.rounds?.find((r) => r.round === round);
