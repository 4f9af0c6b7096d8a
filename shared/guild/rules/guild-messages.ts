/**
 * @module guild-messages
 * What an admin reads about their server's setup.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import type { GuildChannels } from './guild';
import { deliveryWindow } from '../../orders';

/** Why `/c500 setup` was refused: made when asked, so each word is a test's to check. */
export function setupRefusal(why: 'needs-admin' | 'needs-channels' | 'bad-window'): DiscordMessage {
  if (why === 'needs-admin')
    return privateNote('Only server admins can set up C500 (you need **Administrator** or **Manage Server**). Ask an admin to run `/c500 setup`.');
  if (why === 'bad-window')
    return privateNote(
      `The delivery window is a whole number of days from 0 to ${deliveryWindow.maxDays}, for example \`delivery-window:3\`. Nothing was changed.`,
    );
  return privateNote('Pick both channels: `/c500 setup general:#hangout marketplace:#drops` (the drop role is optional).');
}

/** What stands after setup: the channels, the drop role, and how long a delivered order's last payout waits. */
export function setupSaved(c: GuildChannels, windowDays: number): DiscordMessage {
  const role = c.dropRoleId ? `<@&${c.dropRoleId}> is pinged for drops.` : 'No drop role: drop announcements ping nobody.';
  const wait = windowDays === 0 ? 'as soon as the carrier delivers it' : `${windowDays} day${windowDays === 1 ? '' : 's'} after the carrier delivers it`;
  return privateNote(
    `C500 is set up. Hangouts go to <#${c.generalChannelId}>, drops and hype to <#${c.marketplaceChannelId}>. ${role} An order’s last payout leaves ${wait} (or when the buyer presses Received). Run \`/c500 setup\` again to change it.`,
  );
}
