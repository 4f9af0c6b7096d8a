/**
 * @module streamer-facts
 * Reads a streamer's setup out of the local runtime for the playground's "Twitch & pages":
 * their linked channel, chat bidding's record, whether the local Twitch has the bot as a
 * moderator there, and what of theirs is live in the server (an auction, a show, a group buy,
 * a race). Local only; what it says is streamer-words'.
 */
import type { DocumentStore } from '../../ports';
import { builderPath } from '../../onboarding';
import { chatBiddingPath } from '../../chatbids';
import { auctionsCollection } from '../../auctions';
import { showsCollection } from '../../shows';
import { groupBuysCollection } from '../../groupbuys';
import { raceLobbiesCollection } from '../../races';
import type { LiveThing, StreamerFacts } from './streamer-words';

export interface StreamerFactsDeps {
  store: DocumentStore;
  /** The local Twitch's moderators. */
  isModerator(broadcasterId: string, userId: string): Promise<boolean>;
  botUserId: string | undefined;
}

export async function readStreamerFacts(deps: StreamerFactsDeps, userId: string, guildId: string): Promise<StreamerFacts> {
  const { store } = deps;
  const twitch = (await store.get(builderPath(userId)))?.twitch;
  const [chatBidding, botIsModerator, live] = await Promise.all([
    twitch ? store.get(chatBiddingPath(twitch.userId)) : undefined,
    twitch && deps.botUserId ? deps.isModerator(twitch.userId, deps.botUserId) : false,
    liveThings(store, userId, guildId),
  ]);
  return {
    ...(twitch ? { login: twitch.login } : {}),
    ...(chatBidding ? { chatBidding: { on: chatBidding.on, ...(chatBidding.offReason ? { offReason: chatBidding.offReason } : {}) } } : {}),
    botIsModerator,
    live,
  };
}

/** One equality each (no composite index), the rest sifted here: a person has a handful of each. */
async function liveThings(store: DocumentStore, userId: string, guildId: string): Promise<LiveThing[]> {
  const [auctions, shows, groupBuys, races] = await Promise.all([
    store.query(auctionsCollection, { where: [['builderId', '==', userId]] }),
    store.query(showsCollection, { where: [['hostId', '==', userId]] }),
    store.query(groupBuysCollection, { where: [['builderId', '==', userId]] }),
    store.query(raceLobbiesCollection, { where: [['hostId', '==', userId]] }),
  ]);
  const here = <T extends { guildId: string }>(docs: ReadonlyArray<{ data: T }>) => docs.map((d) => d.data).filter((d) => d.guildId === guildId);
  return [
    ...here(auctions)
      .filter((a) => a.status === 'live')
      .map((a): LiveThing => ({ kind: 'auction', id: a.auctionId, title: a.item })),
    ...here(shows)
      .filter((s) => s.status === 'running' || s.status === 'paused')
      .map((s): LiveThing => ({ kind: 'show', id: s.showId, title: s.title })),
    ...here(groupBuys)
      .filter((g) => g.status === 'open')
      .map((g): LiveThing => ({ kind: 'group buy', id: g.groupBuyId, title: g.title })),
    ...here(races)
      .filter((r) => r.status !== 'ended')
      .map((r): LiveThing => ({ kind: 'race', id: r.lobbyId, title: r.title })),
  ];
}
