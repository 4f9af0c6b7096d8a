import { PermissionFlagsBits } from 'discord-api-types/v10';
import { botActions, botInviteUrl, botPermissions, discordPermissionBits } from '../rules/bot-invite';

describe('the bot invite', () => {
  it('uses Discord’s own permission bits', () => {
    for (const [name, bit] of Object.entries(discordPermissionBits)) {
      expect([name, bit]).toEqual([name, PermissionFlagsBits[name as keyof typeof PermissionFlagsBits]]);
    }
  });

  it('asks for exactly the union of what the bot’s actions need: see, post with embeds, edit its own posts, ping the drop role, post in threads', () => {
    const union = botActions.flatMap((a) => a.needs).reduce((sum, n) => sum | discordPermissionBits[n], 0n);
    expect(botPermissions()).toBe(union);
    expect(botPermissions()).toBe(
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.MentionEveryone |
        PermissionFlagsBits.SendMessagesInThreads,
    );
  });

  it('never asks for administration, moderation or message management', () => {
    const dangerous =
      PermissionFlagsBits.Administrator |
      PermissionFlagsBits.ManageGuild |
      PermissionFlagsBits.ManageChannels |
      PermissionFlagsBits.ManageRoles |
      PermissionFlagsBits.ManageMessages |
      PermissionFlagsBits.BanMembers |
      PermissionFlagsBits.KickMembers;
    expect(botPermissions() & dangerous).toBe(0n);
  });

  it('GIVEN the application id THEN builds Discord’s authorize URL for a guild install with bot and slash commands', () => {
    const url = new URL(botInviteUrl('1100000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1100000000000000001',
      permissions: botPermissions().toString(),
      integration_type: '0',
      scope: 'bot applications.commands',
    });
  });

  it.each(['', 'c500', '12345', '1100000000000000001&scope=admin'])('GIVEN an application id that is no snowflake (%s) THEN refuses to build a link', (id) => {
    expect(() => botInviteUrl(id)).toThrow(/DISCORD_APPLICATION_ID/);
  });
});
