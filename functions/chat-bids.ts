/**
 * `!bid` from Twitch chat, one message each: the chatter, the channel's switch and its live
 * auction are read through a short-lived memory, then one Lua script on Redis decides the
 * bid in the same book as Discord's; what to say back is queued for the channel's chat.
 * `!enter` takes the same road and enters the channel's giveaway; `!privacy` is answered with
 * the chatter's privacy page.
 */
import type { Platform } from '../shared/platform';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { answerPrivacyAsk, isChatBidJob, looksLikePrivacyAsk, placeChatBid } from '../shared/chatbids';
import { enterFromChat, looksLikeChatEntry } from '../shared/giveaways';
import { chatBidWiring } from '../shared/router/chat-wiring';

export function chatBids(platform: Platform) {
  const { deps, memory, bidders } = chatBidWiring(platform);
  return pubsubFunction('chatBids', async (event) => {
    const job = decodeMessageData(event);
    if (!isChatBidJob(job)) throw new PoisonMessage('not a chat bid');
    if (looksLikeChatEntry(job.text)) await enterFromChat(deps, job);
    else if (looksLikePrivacyAsk(job.text)) await answerPrivacyAsk(deps, job);
    else await placeChatBid(deps, memory, bidders, job);
  });
}
