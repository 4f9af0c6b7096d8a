/**
 * @module unlink-twitch-channel
 * The undo link on the Twitch callback page: whoever just authorized a channel can take
 * it back from the builder profile it went to, for example when someone sent them their
 * own `/c500 link-twitch` link to claim a stream that is not theirs.
 */
import type { Clock, DocumentStore, TwitchGateway } from '../../ports';
import { log } from '../../log';
import { builderPath, twitchChannelPath } from '../rules/builder';
import { readUnlinkToken } from '../rules/oauth-state';
import type { TwitchUnlinkOutcome } from '../rules/twitch-messages';

export async function unlinkTwitchChannel(
  deps: { store: DocumentStore; clock: Clock; stateKey: string; twitch: Pick<TwitchGateway, 'unsubscribe'> },
  token: string,
): Promise<TwitchUnlinkOutcome> {
  const claim = readUnlinkToken(token, deps.stateKey, deps.clock.now());
  if (!claim.ok) return claim;
  let subscriptionIds: readonly string[] = [];
  const outcome = await deps.store.runTransaction(async (tx): Promise<TwitchUnlinkOutcome> => {
    const channel = await tx.get(twitchChannelPath(claim.twitchUserId));
    const builder = await tx.get(builderPath(claim.builderId));
    // Only the link this page made: a later, different link is not undone by an old page.
    if (channel?.builderId !== claim.builderId || builder?.twitch?.userId !== claim.twitchUserId) return { ok: false, reason: 'not-linked' };
    const { twitch: _twitch, stream: _stream, eventSub, ...rest } = builder;
    subscriptionIds = eventSub?.subscriptionIds ?? [];
    tx.set(builderPath(claim.builderId), rest);
    tx.delete(twitchChannelPath(claim.twitchUserId));
    return { ok: true, login: channel.login };
  });
  // The stream subscriptions this link made go too, so Twitch stops sending that channel's events.
  // A refusal leaves them at Twitch, where their events now match no builder and are ignored.
  if (outcome.ok)
    for (const id of subscriptionIds)
      await deps.twitch
        .unsubscribe(id)
        .catch((error: unknown) => log.warn('could not delete an unlinked channel’s Twitch subscription', { subscriptionId: id, error }));
  return outcome;
}
