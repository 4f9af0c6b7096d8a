/**
 * @module fitted-messenger
 * Every message a function sends to Discord passes through here and is shortened to
 * Discord's limits first: one long field a person typed would otherwise make Discord refuse
 * the whole message. `hostFunction` puts it in front of every platform's messenger.
 */
import type { DiscordMessenger } from '../../ports';
import { fitToDiscord } from '../../discord';

export function fittedMessenger(inner: DiscordMessenger): DiscordMessenger {
  return {
    sendDm: (userId, message) => inner.sendDm(userId, fitToDiscord(message)),
    postToChannel: (channelId, message) => inner.postToChannel(channelId, fitToDiscord(message)),
    editChannelMessage: (channelId, messageId, message) => inner.editChannelMessage(channelId, messageId, fitToDiscord(message)),
    editOriginalResponse: (reply, message) => inner.editOriginalResponse(reply, fitToDiscord(message)),
    sendFollowup: (reply, message) => inner.sendFollowup(reply, fitToDiscord(message)),
  };
}
