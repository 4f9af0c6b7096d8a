/**
 * @module eligibility
 * Who may start a giveaway and who may enter one. Only who the person is decides entry:
 * the sponsor and anyone the server blocked from its auctions (by member id, linked Twitch
 * account or login) cannot enter; nothing about purchases, and no word of the prize, counts.
 */
import { isGuildAdmin, type Interaction } from '../../discord';
import { guildDocPath } from '../../guild';
import { canSell, type Builder } from '../../onboarding';
import { twitchLoginAlias, type GuildAuctionRules } from '../../auctions';

/** The part of the guild's document this module reads: the shows' host role. */
export interface GuildHostRole {
  shows?: { hostRoleId?: string | null };
}
export const guildHostRolePath = (guildId: string) => guildDocPath<GuildHostRole>(guildId);

/** A builder who sells on C500, a show host (the guild's host role) or a server admin. */
export function canSponsor(interaction: Interaction, builder: Builder | undefined, guild: GuildHostRole | undefined): boolean {
  if (canSell(builder) || isGuildAdmin(interaction)) return true;
  const role = guild?.shows?.hostRoleId;
  return typeof role === 'string' && (interaction.member?.roles ?? []).includes(role);
}

/** One person as the entry sees them: a member, their linked Twitch account, or a chatter. */
export interface Entrant {
  memberId?: string;
  twitchId?: string;
  twitchLogin?: string;
}

/** `blocked-after-dispute`: C500 blocked them itself after a payment they disputed, which they are told, with how to contest it. */
export type EntryRefusal = 'sponsor' | 'blocked' | 'blocked-after-dispute';

export function entryRefusal(
  entrant: Entrant,
  sponsor: { sponsorId: string; broadcasterId?: string },
  rules: GuildAuctionRules | undefined,
): EntryRefusal | undefined {
  if (entrant.memberId === sponsor.sponsorId || (entrant.twitchId !== undefined && entrant.twitchId === sponsor.broadcasterId)) return 'sponsor';
  const keys = new Set(
    [
      entrant.memberId,
      entrant.twitchId !== undefined ? `twitch:${entrant.twitchId}` : undefined,
      entrant.twitchLogin !== undefined ? twitchLoginAlias(entrant.twitchLogin) : undefined,
    ].filter((k) => k !== undefined),
  );
  const blocks = (rules?.blocked ?? []).filter((b) => [b.key, ...(b.linked ?? [])].some((k) => keys.has(k)));
  if (blocks.length === 0) return undefined;
  return blocks.some((b) => b.disputeId !== undefined) ? 'blocked-after-dispute' : 'blocked';
}
