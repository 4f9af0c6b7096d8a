/**
 * @module bot-invite
 * The link a host opens to add C500 to their server: Discord's OAuth2 authorize URL for a
 * bot install with slash commands, asking for exactly the channel permissions the bot uses.
 * DMs and interaction responses need none; only what the bot does in a server's channels is
 * listed, each with the reason a host sees in docs/guides/first-drop.md.
 */

/** Discord's permission bits (https://discord.com/developers/docs/topics/permissions). */
export const discordPermissionBits = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  MentionEveryone: 1n << 17n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export type BotPermission = keyof typeof discordPermissionBits;

/** What the bot does in a channel, and the permissions each action needs. */
export const botActions: ReadonlyArray<{ action: string; needs: readonly BotPermission[] }> = [
  {
    action: 'post drops, auction embeds, race lobbies, results and "live now" announcements in the channels /c500 setup names or a command is run in',
    needs: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
  },
  { action: 'edit its own posts as stock sells, bids arrive and racers join', needs: ['ViewChannel'] },
  {
    action:
      'ping the drop role when a builder goes live with /c500 live mode:drop, even when that role is not mentionable (every message limits mentions to that one role, never @everyone)',
    needs: ['MentionEveryone'],
  },
  { action: 'post the same things when a command is run inside a thread', needs: ['SendMessagesInThreads'] },
];

/** The permission integer the invite asks for: the union of every action's needs. */
export function botPermissions(): bigint {
  return botActions.flatMap((a) => a.needs).reduce((sum, name) => sum | discordPermissionBits[name], 0n);
}

/** `https://discord.com/oauth2/authorize?client_id=…&scope=bot+applications.commands&permissions=…`, a guild install. */
export function botInviteUrl(applicationId: string): string {
  if (!/^\d{17,20}$/.test(applicationId)) throw new Error(`DISCORD_APPLICATION_ID must be the application's snowflake id, got "${applicationId}"`);
  const query = new URLSearchParams({
    client_id: applicationId,
    permissions: botPermissions().toString(),
    integration_type: '0',
    scope: 'bot applications.commands',
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
