/**
 * @module tell-why-chat-is-silent
 * A streamer went live (`stream.online`) on a channel whose chat bidding is off: nothing in
 * their chat reaches C500 then, so `!bid` and `!privacy` go unanswered and a streamer would
 * not know why. They are told by DM, once per stream however often Twitch delivers it; a
 * channel with chat bidding on, or no C500 channel, changes nothing.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { tellOnce } from '../../discord';
import { builderPath, twitchChannelPath } from '../../onboarding';
import { chatBiddingPath } from '../rules/chat-bidding';
import { chatSilentDm } from '../rules/chat-bidding-messages';

export interface ChatSilentDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

export interface StreamWentOnline {
  broadcasterId: string;
  /** Twitch's stream id, else the message's time: one DM per stream. */
  streamKey: string;
}

export async function tellWhyChatIsSilent(deps: ChatSilentDeps, online: StreamWentOnline): Promise<void> {
  const channel = await deps.store.get(twitchChannelPath(online.broadcasterId));
  if (!channel) return;
  const [builder, chatBidding] = await Promise.all([deps.store.get(builderPath(channel.builderId)), deps.store.get(chatBiddingPath(online.broadcasterId))]);
  // Relinked to another channel since: not theirs to be told about.
  if (builder?.twitch?.userId !== online.broadcasterId || chatBidding?.on) return;
  await tellOnce(
    deps,
    `chat-silent:${online.broadcasterId}:${online.streamKey}`,
    channel.builderId,
    chatSilentDm(builder.twitch.login, chatBidding?.offReason),
  );
}
