/**
 * @module bidder-trust
 * A server's trust rules for its auctions, as Firestore keeps them under
 * `guilds/<id>.auctions` (`/c500 auction settings`, `/c500 block`, `/c500 unblock`): the most
 * a bidder who has never paid for an order may bid, the least time between one bidder's
 * bids, and the bidders it blocked. The book applies them to every bid (`GuildTrust`);
 * `version` counts the changes, so the book never takes an older copy over a newer one.
 */
import type { GuildTrust } from '../../ports';
import { guildDocPath } from '../../guild';
import { parseAmount } from '../../common';
import { twitchLoginAlias } from './auction-book';
import { parseStreamDelay } from './stream-delay';
import { parseFinalCall } from './final-call';

export interface AuctionTrustSettings {
  /** The most (minor units of the marketplace's currency) a bidder who has never paid may bid; 0: no limit. */
  newBidderLimitCents: number;
  /** 0: no cooldown. */
  cooldownMs: number;
}

/** One bidder an admin blocked: a Discord member by id, or a Twitch chatter by login. */
export interface BlockedBidder {
  /** What the book refuses: the member's id, or `twitch-login:<login>`. */
  key: string;
  /**
   * The same person's other accounts, as the book knows bidders, refused too: a member's
   * linked Twitch account (`twitch:<id>`); the member a Twitch login is linked to, and that
   * account's id. Learnt when blocked and whenever an auction of the server opens.
   */
  linked?: string[];
  /** How people see it: `<@id>` or `twitch.tv/<login>`. */
  label: string;
  blockedBy: string;
  blockedAt: string;
  /** Blocked by C500 itself because they disputed a payment (then `blockedBy` is themselves): the dispute's id. */
  disputeId?: string;
}

/** What the auctions keep in the guild's document: what the settings changed over the defaults, the block list, the change count. */
export interface GuildAuctionRules extends Partial<AuctionTrustSettings> {
  /** The server's stream delay for auctions that name none (`stream-delay`); absent: 3 s. */
  streamDelaySeconds?: number;
  /** The server's sealed final call for auctions that name none (`final-call`); absent: by the delay, 10 s or 20 s. */
  finalCallSeconds?: number;
  blocked?: BlockedBidder[];
  /**
   * Every id in `blocked` (keys and linked accounts), flat: how a person's export and erasure
   * find the servers that block them (Firestore queries a list of strings, never a field of a
   * list's maps). Written with `blocked`, always whole.
   */
  blockedIds?: string[];
  version?: number;
  /** The last block or unblock, so the same command delivered again answers as it did. */
  lastChange?: { interactionId: string; key: string };
}

export interface GuildAuctions {
  auctions?: GuildAuctionRules;
}

export const guildAuctionsPath = (guildId: string) => guildDocPath<GuildAuctions>(guildId);

/** $500 in a two-decimal currency; 50,000 minor units in any. */
export const defaultTrustSettings: AuctionTrustSettings = { newBidderLimitCents: 50_000, cooldownMs: 1_000 };

export const trustLimits = {
  maxCooldownSeconds: 60,
  /** Keeps the list readable in one message and the guild's document small. */
  maxBlocked: 200,
} as const;

export function trustSettingsOf(rules: GuildAuctionRules | undefined): AuctionTrustSettings {
  return {
    newBidderLimitCents: rules?.newBidderLimitCents ?? defaultTrustSettings.newBidderLimitCents,
    cooldownMs: rules?.cooldownMs ?? defaultTrustSettings.cooldownMs,
  };
}

/** What the book is given: a server that never changed anything has the defaults, at version 0. */
export function bookTrustOf(rules: GuildAuctionRules | undefined): GuildTrust {
  return { version: rules?.version ?? 0, ...trustSettingsOf(rules), blocked: (rules?.blocked ?? []).flatMap((b) => [b.key, ...(b.linked ?? [])]) };
}

/** The entry with these keys of the same person linked to it: never its own key, never one twice. */
export function withLinked(entry: BlockedBidder, keys: readonly string[]): BlockedBidder {
  const linked = [...new Set([...(entry.linked ?? []), ...keys])].filter((k) => k !== entry.key);
  return linked.length === (entry.linked?.length ?? 0) ? entry : { ...entry, linked };
}

type Options = Record<string, string | number | boolean>;

/** What `/c500 auction settings` may change: the trust rules and the server's stream delay. */
export type AuctionSettingsChanges = Partial<AuctionTrustSettings> & { streamDelaySeconds?: number; finalCallSeconds?: number };

export type SettingsForm = { ok: true; changes: AuctionSettingsChanges } | { ok: false; problems: string[] };

/** `/c500 auction settings new-bidder-limit:<amount> cooldown:<seconds> stream-delay:<seconds>`; 0 turns any off. */
export function parseTrustSettings(options: Options, currency: string): SettingsForm {
  const changes: AuctionSettingsChanges = {};
  const problems: string[] = [];
  const limit = options['new-bidder-limit'];
  if (limit !== undefined) {
    const parsed = String(limit).trim() !== '' && Number(limit) === 0 ? ({ ok: true, cents: 0 } as const) : parseAmount(limit as number | string, currency);
    if (!parsed.ok) problems.push(`**new-bidder-limit**: ${parsed.reason} \`0\` means no limit.`);
    else changes.newBidderLimitCents = parsed.cents;
  }
  const cooldown = options.cooldown;
  if (cooldown !== undefined) {
    const seconds = Number(cooldown);
    const { maxCooldownSeconds } = trustLimits;
    if (
      String(cooldown).trim() === '' ||
      !Number.isFinite(seconds) ||
      seconds < 0 ||
      seconds > maxCooldownSeconds ||
      // To a tenth: what a person types with one decimal is the number nearest that tenth, exactly.
      Math.round(seconds * 10) / 10 !== seconds
    )
      problems.push(`**cooldown**: seconds between one bidder’s bids, from 0 (none) to ${maxCooldownSeconds}, to a tenth: \`cooldown:1\` or \`cooldown:2.5\`.`);
    else changes.cooldownMs = Math.round(seconds * 1000);
  }
  if (options['stream-delay'] !== undefined) {
    const delay = parseStreamDelay(options['stream-delay']);
    if (delay.ok) changes.streamDelaySeconds = delay.seconds;
    else problems.push(delay.problem);
  }
  if (options['final-call'] !== undefined) {
    const finalCall = parseFinalCall(options['final-call']);
    if (finalCall.ok) changes.finalCallSeconds = finalCall.seconds;
    else problems.push(finalCall.problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

export type BlockTarget = { key: string; label: string; memberId?: string };

/** Twitch logins: 4 to 25 letters, digits and underscores (older accounts may be shorter). */
const twitchLoginPattern = /^[a-z0-9_]{1,25}$/;

/**
 * `/c500 block` and `unblock`: `member:@user` or `twitch:<login>` (one of them), or neither to
 * list who is blocked. A login is taken as typed, with or without `@` or the channel's URL.
 */
export function parseBlockTarget(options: Options): { ok: true; target?: BlockTarget } | { ok: false; problem: string } {
  const member = options.member;
  const twitch = options.twitch;
  if (member !== undefined && twitch !== undefined)
    return { ok: false, problem: 'Name one bidder at a time: a Discord `member:` or a `twitch:` login, not both.' };
  if (typeof member === 'string') return { ok: true, target: { key: member, label: `<@${member}>`, memberId: member } };
  if (twitch === undefined) return { ok: true };
  const login = String(twitch)
    .trim()
    .toLowerCase()
    .replace(/^(https?:\/\/)?(www\.)?twitch\.tv\//, '')
    .replace(/^@/, '');
  if (!twitchLoginPattern.test(login))
    return {
      ok: false,
      problem: `\`${String(twitch).slice(0, 40)}\` isn’t a Twitch login: type the name from their channel’s address, for example \`twitch:keebfan\`.`,
    };
  return { ok: true, target: { key: twitchLoginAlias(login), label: `twitch.tv/${login}` } };
}

/** The list with the bidder added (or as it was, if they were already on it). */
export function withBlocked(list: readonly BlockedBidder[], entry: BlockedBidder): BlockedBidder[] {
  return list.some((b) => b.key === entry.key) ? [...list] : [...list, entry];
}

/** The flat index of a block list's ids (`blockedIds`). */
export function blockedIdsOf(list: readonly BlockedBidder[] | undefined): string[] {
  return [...new Set((list ?? []).flatMap((b) => [b.key, ...(b.linked ?? [])]))];
}

/** Whether the person is blocked because they disputed a payment here (C500's own decision, not an admin's). */
export function blockedForDispute(rules: GuildAuctionRules | undefined, userId: string): boolean {
  return (rules?.blocked ?? []).some((b) => b.disputeId !== undefined && (b.key === userId || (b.linked ?? []).includes(userId)));
}

export function withoutBlocked(list: readonly BlockedBidder[], key: string): BlockedBidder[] {
  return list.filter((b) => b.key !== key);
}
