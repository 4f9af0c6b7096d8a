/**
 * @module chat-access-ended
 * Twitch ended C500's access to a channel's chat: it revoked the `channel.chat.message`
 * subscription, or the broadcaster disconnected C500 (`user.authorization.revoke`, when the
 * consent is gone too). Chat bidding goes off for that channel with the reason, and its owner
 * is told by DM how to turn it back on, once, however often and in whichever order the two
 * notices arrive. A channel that was already off by someone's choice stays as it was (a
 * disconnection still forgets its consent); a Twitch user who is no channel of ours (a
 * chatter who disconnected) changes nothing here.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { tellOnce } from '../../discord';
import { chatBiddingPath, type ChatBidding } from '../rules/chat-bidding';
import { chatAccessEndedDm } from '../rules/chat-bidding-messages';

export interface ChatAccessEndedDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

export interface ChatAccessEnded {
  broadcasterId: string;
  reason: NonNullable<ChatBidding['offReason']>;
  /**
   * For a revoked subscription, its id: one the channel no longer uses (an older one, from
   * before chat bidding was turned off and on again) changes nothing.
   */
  subscriptionId?: string;
}

/** Who changed a channel when Twitch did. */
export const changedByTwitch = 'twitch';

export async function chatAccessEnded(deps: ChatAccessEndedDeps, ended: ChatAccessEnded): Promise<void> {
  const now = deps.clock.now().toISOString();
  const told = await deps.store.runTransaction(async (tx): Promise<{ channel: ChatBidding; at: string } | undefined> => {
    const channel = await tx.get(chatBiddingPath(ended.broadcasterId));
    if (!channel) return undefined;
    if (ended.subscriptionId && channel.subscriptionId && channel.subscriptionId !== ended.subscriptionId) return undefined;
    const forget = ended.reason === 'authorization-revoked' && channel.consentAt !== undefined;
    const { subscriptionId: _subscriptionId, consentAt: _consentAt, ...rest } = channel;
    const kept = forget ? rest : { ...rest, ...(channel.consentAt ? { consentAt: channel.consentAt } : {}) };
    if (channel.on) {
      tx.set(chatBiddingPath(ended.broadcasterId), { ...kept, on: false, changedBy: changedByTwitch, changedAt: now, offReason: ended.reason });
      return { channel, at: now };
    }
    if (forget) tx.set(chatBiddingPath(ended.broadcasterId), { ...kept, ...(channel.subscriptionId ? { subscriptionId: channel.subscriptionId } : {}) });
    // Already off because Twitch ended it (this notice's twin, or a redelivery): the telling is keyed by that moment.
    return channel.offReason && channel.changedBy === changedByTwitch ? { channel, at: channel.changedAt } : undefined;
  });
  if (!told) return;
  const { channel, at } = told;
  const reason = channel.offReason ?? ended.reason;
  await tellOnce(deps, `chat-access-ended:${ended.broadcasterId}:${at}`, channel.ownerId, chatAccessEndedDm(channel.login, reason));
}
