/**
 * @module end-twitch-subscriptions
 * A person's erasure at Twitch: every EventSub subscription whose condition names their Twitch
 * account (a linked channel's stream events, chat bidding's chat messages) is deleted, so
 * Twitch stops sending C500 their channel's events. The table of kept data promises it for a
 * linked channel ("the link is revoked at Twitch").
 */
import type { TwitchGateway } from '../../ports';
import { log } from '../../log';

/** Deletes them and answers how many were deleted; one already gone counts as deleted (`unsubscribe`). */
export async function endTwitchSubscriptionsOf(twitch: Pick<TwitchGateway, 'listSubscriptions' | 'unsubscribe'>, twitchUserId: string): Promise<number> {
  const subscriptions = await twitch.listSubscriptions({ userId: twitchUserId });
  const named = subscriptions.filter((subscription) => Object.values(subscription.condition).includes(twitchUserId));
  for (const subscription of named) await twitch.unsubscribe(subscription.id);
  if (named.length > 0) log.info('ended the Twitch subscriptions of an erased account', { twitchUserId, count: named.length });
  return named.length;
}
