/**
 * @module turn-chat-bidding-off
 * `/c500 chat-bidding off [channel:<twitch login>]`: without `channel`, the caller's own
 * channels that take chat bids in this server; with it, that channel, for its owner or a
 * server admin (Administrator or Manage Server). Only channels turned on in this server are
 * reached from it. The subscription is deleted at Twitch first, then the channel recorded
 * off, so a retry after a failure finds what is left to do.
 */
import type { DiscordMessage, StoredDocument } from '../../ports';
import { type Interaction, commandCall, isGuildAdmin, refusals, placeOf } from '../../discord';
import { chatBiddingCollection, type ChatBidding } from '../rules/chat-bidding';
import { channelOption, invalidChannelOption } from '../rules/channel-option';
import { chatBiddingAnswers } from '../rules/chat-bidding-messages';
import { recordChatBiddingOff, type ChatBiddingDeps } from './chat-subscription';

export type ChatBiddingOffDeps = Pick<ChatBiddingDeps, 'store' | 'clock' | 'twitch'>;

export async function turnChatBiddingOff(deps: ChatBiddingOffDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const login = channelOption(commandCall(interaction).options.channel);
  if (login === 'invalid') return invalidChannelOption;
  const isAdmin = isGuildAdmin(interaction);

  let channels: ChatBidding[];
  if (login !== undefined) {
    const found = (await deps.store.query(chatBiddingCollection, { where: [['login', '==', login]] })).map(dataOf).filter((c) => c.guildId === place.guildId);
    if (found.length === 0) return chatBiddingAnswers.noSuchChannel(login);
    if (!isAdmin && found.some((c) => c.ownerId !== place.user.id)) return chatBiddingAnswers.notYours(login);
    channels = found;
  } else {
    channels = (
      await deps.store.query(chatBiddingCollection, {
        where: [
          ['ownerId', '==', place.user.id],
          ['guildId', '==', place.guildId],
        ],
      })
    ).map(dataOf);
    if (!channels.some((c) => c.on)) return chatBiddingAnswers.nothingOfYours(isAdmin);
  }

  const turnedOff: string[] = [];
  for (const channel of channels) {
    if (!channel.on && !channel.subscriptionId) continue;
    if (channel.subscriptionId) await deps.twitch.unsubscribe(channel.subscriptionId);
    await recordChatBiddingOff(deps, channel.broadcasterId, { changedBy: place.user.id });
    if (channel.on) turnedOff.push(channel.login);
  }
  if (turnedOff.length === 0) return chatBiddingAnswers.alreadyOff(channels[0]?.login ?? login ?? '');
  return chatBiddingAnswers.turnedOff(turnedOff);
}

const dataOf = (doc: StoredDocument<ChatBidding>): ChatBidding => doc.data;
