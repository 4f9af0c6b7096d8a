/**
 * @module direct-messages
 * A DM to someone whose DMs are closed (their privacy setting for the server, or they
 * blocked the bot) is refused by Discord with 50007. That is the person's choice, not an
 * outage: retrying the event cannot change it, so it is an outcome, and the caller tells
 * them another way (a channel mention saying to open DMs, and where to find what the DM
 * held).
 */
import type { DiscordMessage, DiscordMessenger } from '../../ports';
import { discordErrorCode, discordErrorCodes } from '../../errors';
import { log } from '../../log';

export type DmOutcome = 'sent' | 'dms-closed';

export async function sendDmIfOpen(discord: DiscordMessenger, userId: string, message: DiscordMessage): Promise<DmOutcome> {
  try {
    await discord.sendDm(userId, message);
    return 'sent';
  } catch (error) {
    if (discordErrorCode(error) !== discordErrorCodes.cannotMessageUser) throw error;
    log.info('a DM was refused: the user’s DMs are closed', { userId });
    return 'dms-closed';
  }
}

/**
 * Sends the DM, or, when their DMs are closed, posts `notice` (which mentions them) in
 * `channelId`. With no channel to post in, the DM is let go.
 */
export async function sendDmOrMention(
  discord: DiscordMessenger,
  userId: string,
  message: DiscordMessage,
  fallback: { channelId: string | undefined; notice: DiscordMessage },
): Promise<DmOutcome> {
  const outcome = await sendDmIfOpen(discord, userId, message);
  if (outcome === 'dms-closed' && fallback.channelId) await discord.postToChannel(fallback.channelId, fallback.notice);
  return outcome;
}
