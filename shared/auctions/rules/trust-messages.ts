/**
 * @module trust-messages
 * What admins read from `/c500 auction settings`, `/c500 block` and `/c500 unblock`. Every
 * answer is private; block lists name people by mention, which notifies no one
 * (`allowed_mentions` is empty in a private note).
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney } from '../../common';
import { clip, privateNote } from '../../discord';
import { everyText } from './auction-messages';
import { streamDelayText } from './stream-delay';
import { finalCallText } from './final-call';
import { trustLimits, type AuctionTrustSettings, type BlockedBidder } from './bidder-trust';

const limitText = (s: AuctionTrustSettings, currency: string) =>
  s.newBidderLimitCents > 0 ? `**${formatMoney({ cents: s.newBidderLimitCents, currency })}**` : '**no limit**';
const cooldownText = (s: AuctionTrustSettings) => (s.cooldownMs > 0 ? `one bid **${everyText(s.cooldownMs)}**` : '**no cooldown**');

/** As many as fit a message with room to spare, then how many more. */
function listLines(list: readonly BlockedBidder[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const b of list) {
    const line = `• ${clip(b.label, 60)}${b.linked?.length ? ' and the accounts linked to it' : ''}`;
    if (length + line.length > 1_600) break;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.length < list.length ? `${lines.join('\n')}\n…and ${list.length - lines.length} more` : lines.join('\n');
}

const linkedText = (linked: 'twitch' | 'member' | undefined) =>
  linked === 'twitch' ? ' and the Twitch account they linked' : linked === 'member' ? ' and the Discord member who linked it' : '';

export const trustAnswers = {
  settings: (s: AuctionTrustSettings & { streamDelaySeconds: number; finalCallSeconds: number }, currency: string, changed: boolean): DiscordMessage =>
    privateNote(
      `${changed ? 'Saved. ' : ''}Auction rules here: bidders who haven’t paid for an order on C500 yet can bid up to ${limitText(s, currency)} (\`new-bidder-limit\`, 0 for none), and each bidder gets ${cooldownText(s)} (\`cooldown\` in seconds, 0 for none). Live auctions follow a change at once. ` +
        `Auctions that name no \`stream-delay\` run with **${streamDelayText(s.streamDelaySeconds)}** (0 for none), and end with **${finalCallText(s.finalCallSeconds)}** (\`final-call\`): after the end the overlay shows, bids are still taken but kept private, so viewers watching behind lose nothing, and the result comes when it ends. Block a bidder with \`/c500 block\`.`,
    ),
  /** How the server answers Stripe's early fraud warnings (`fraud-refund`). */
  fraudRefund: (autoRefund: boolean): string =>
    autoRefund
      ? 'When Stripe warns that a payment is likely fraud, C500 refunds the order in full if none of its money went out yet, as Stripe advises (`fraud-refund:False` holds it for your review instead).'
      : 'When Stripe warns that a payment is likely fraud, the order’s money is held for your review: nothing is refunded by itself (`fraud-refund:True` refunds such orders as Stripe advises).',
  /** `linked`: the blocked account is linked to another, blocked with it: their Twitch account, or the member who linked it. */
  blocked: (label: string, already: boolean, linked?: 'twitch' | 'member'): DiscordMessage =>
    privateNote(
      already
        ? `${label} was already blocked: their bids in this server’s auctions are refused.`
        : `Blocked ${label}${linkedText(linked)}: from now on their bids in this server’s auctions are refused, live ones included. Bids they already placed stand. \`/c500 unblock\` undoes it.`,
    ),
  unblocked: (label: string, was: boolean): DiscordMessage =>
    privateNote(was ? `Unblocked ${label}: they can bid in this server’s auctions again.` : `${label} wasn’t blocked, so nothing changed.`),
  list: (list: readonly BlockedBidder[]): DiscordMessage =>
    privateNote(
      list.length === 0
        ? 'Nobody is blocked from this server’s auctions. Block a bidder with `/c500 block member:@someone` or `/c500 block twitch:<login>`.'
        : `Blocked from this server’s auctions (${list.length}):\n${listLines(list)}\n\`/c500 unblock member:@someone\` or \`/c500 unblock twitch:<login>\` lets one bid again.`,
    ),
};

export const trustRefusals = {
  notAdmin: privateNote('Only server admins (Administrator or Manage Server) can change auction rules or block bidders.'),
  invalidSettings: (problems: string[]) =>
    privateNote(`Nothing was saved. Fix these and run \`/c500 auction settings\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
  invalidTarget: (problem: string) => privateNote(`Nobody was blocked or unblocked. ${problem}`),
  notYourself: privateNote('You can’t block yourself.'),
  listFull: privateNote(`This server already blocks ${trustLimits.maxBlocked} bidders, the most it can. Unblock someone with \`/c500 unblock\` first.`),
  bookDown: privateNote('Saved, but the live auctions didn’t hear it yet: the auction service isn’t answering. Run the command again in a minute.'),
};
