/**
 * @module profile-debts
 * `/c500 profile`: what the person owes C500 on this server, after their orders (theirs
 * alone: the message is private). Nothing is added for someone who never owed anything.
 */
import type { DiscordMessage } from '../../ports';
import { EPHEMERAL, colors } from '../../discord';
import { debtProfileLines, type DebtAccount } from '../../debts';

export function withDebt(profile: DiscordMessage, account: DebtAccount | undefined): DiscordMessage {
  const lines = debtProfileLines(account);
  if (lines.length === 0) return profile;
  const embed = {
    title: 'What you owe C500',
    color: colors.peach,
    description: lines.join('\n'),
    footer: { text: 'From refunds and disputes after your money went out. Your next releases pay it; an admin can record it paid outside C500.' },
  };
  return { ...profile, flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: [...(profile.embeds ?? []), embed] };
}
