/**
 * @module guild-messages
 * What an admin reads about their server's setup.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import type { GuildChannels } from './guild';

/** Why `/c500 setup` was refused: made when asked, so each word is a test's to check. */
export function setupRefusal(why: 'needs-admin' | 'needs-channels'): DiscordMessage {
  return why === 'needs-admin'
    ? privateNote('Only server admins can set up C500 (you need **Administrator** or **Manage Server**). Ask an admin to run `/c500 setup`.')
    : privateNote('Pick both channels: `/c500 setup general:#hangout marketplace:#drops` (the drop role is optional).');
}

export function setupSaved(c: GuildChannels): DiscordMessage {
  const role = c.dropRoleId ? `<@&${c.dropRoleId}> is pinged for drops.` : 'No drop role: drop announcements ping nobody.';
  return privateNote(
    `C500 is set up. Hangouts go to <#${c.generalChannelId}>, drops and hype to <#${c.marketplaceChannelId}>. ${role} Run \`/c500 setup\` again to change it.`,
  );
}
