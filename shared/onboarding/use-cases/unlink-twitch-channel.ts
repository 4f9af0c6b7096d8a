/**
 * @module unlink-twitch-channel
 * The undo link on the Twitch callback page: whoever just authorized a channel can take
 * it back from the builder profile it went to, for example when someone sent them their
 * own `/c500 link-twitch` link to claim a stream that is not theirs.
 */
import type { Clock, DocumentStore } from '../../ports';
import { builderPath, twitchChannelPath } from '../rules/builder';
import { readUnlinkToken } from '../rules/oauth-state';
import type { TwitchUnlinkOutcome } from '../rules/twitch-messages';

export async function unlinkTwitchChannel(deps: { store: DocumentStore; clock: Clock; stateKey: string }, token: string): Promise<TwitchUnlinkOutcome> {
  const claim = readUnlinkToken(token, deps.stateKey, deps.clock.now());
  if (!claim.ok) return claim;
  return deps.store.runTransaction(async (tx): Promise<TwitchUnlinkOutcome> => {
    const channel = await tx.get(twitchChannelPath(claim.twitchUserId));
    const builder = await tx.get(builderPath(claim.builderId));
    // Only the link this page made: a later, different link is not undone by an old page.
    if (channel?.builderId !== claim.builderId || builder?.twitch?.userId !== claim.twitchUserId) return { ok: false, reason: 'not-linked' };
    const { twitch: _twitch, stream: _stream, eventSub: _eventSub, ...rest } = builder;
    tx.set(builderPath(claim.builderId), rest);
    tx.delete(twitchChannelPath(claim.twitchUserId));
    return { ok: true, login: channel.login };
  });
}
