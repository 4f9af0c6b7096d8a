/**
 * @module chat-reach
 * How auctions reach a bidder who bid from Twitch chat: outbid, they get a line in the
 * channel's chat; winning (or a second chance), a must line with our pay page's link,
 * said in the chat of the channel the auction ran in. Auctions see only `BidderReach`.
 */
import type { AuctionSnapshot, ChatLine, ChatOutbox, Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { winnerOffer, type BidderOffer, type BidderReach, type BidderShowNotice } from '../../auctions';
import { twitchChannelPath } from '../../onboarding';
import { tellOnce } from '../../discord';
import { log } from '../../log';
import { chatBiddingCollection, twitchBidderPath, twitchUserIdOf } from '../rules/chat-bidding';
import { finalCallLine, outbidLine, showCheckoutLine, showLotLine, soldInDiscordLine, winnerLine } from '../rules/chat-messages';
import { chatPayPath } from '../rules/twitch-authorize';
import { queueChatLines } from './chat-replies-task';

export interface ChatReachDeps {
  /** Read only for an offer: the bid subscriber, which never touches the store, never opens it. */
  store: () => DocumentStore;
  discord: () => DiscordMessenger;
  outbox: ChatOutbox;
  tasks: TaskQueue;
  clock: Clock;
  publicBaseUrl: string;
}

/** What a chat bid carries where a Discord bid carries its interaction: the channel and the chatter's login. */
export const chatResponseToken = (broadcasterId: string, login: string) => `chat:${broadcasterId}:${login}`;

export function readChatResponseToken(token: string): { broadcasterId: string; login: string } | undefined {
  const match = /^chat:(\d{1,20}):([a-z0-9_]{1,25})$/i.exec(token);
  return match ? { broadcasterId: match[1] as string, login: match[2] as string } : undefined;
}

export function chatBidderReach(deps: ChatReachDeps): BidderReach {
  const say = (broadcasterId: string, line: ChatLine) => queueChatLines(deps, broadcasterId, [line]);
  return {
    reaches: (bidderId) => twitchUserIdOf(bidderId) !== undefined,
    async tellOutbid(displaced, snapshot: AuctionSnapshot) {
      const to = readChatResponseToken(displaced.responseToken);
      if (to) await say(to.broadcasterId, outbidLine(to.login, snapshot));
    },
    tellShowLot: (won) => tellShow(deps, say, won, (login, payUrl) => showLotLine(login, won, payUrl)),
    tellShowCheckout: (opened) => tellShow(deps, say, opened, (login, payUrl) => showCheckoutLine(login, opened, payUrl)),
    async tellSoldInDiscord({ auction, priceCents }) {
      const channel = await chatChannelOf(deps.store(), auction.show?.hostId ?? auction.builderId);
      // Once per auction, however often its hammer is delivered.
      if (channel) await say(channel, { ...soldInDiscordLine(auction.item, priceCents, auction.currency), onceKey: `sold:${auction.auctionId}` });
    },
    async tellFinalCall({ auction, snapshot }) {
      const channel = await chatChannelOf(deps.store(), auction.show?.hostId ?? auction.builderId);
      // Once per end: a counter-bid's newer end has its own final call.
      if (channel)
        await say(channel, {
          ...finalCallLine(auction.item, snapshot.finalCallMs, auction.auctionId, deps.publicBaseUrl),
          onceKey: `final-call:${auction.auctionId}:${snapshot.version}`,
        });
    },
    async tellOffer({ auction, offer, expiresAt }: BidderOffer) {
      const twitchUserId = twitchUserIdOf(offer.bidderId) as string;
      const [bidder, channel] = await Promise.all([
        deps.store().get(twitchBidderPath(twitchUserId)),
        chatChannelOf(deps.store(), auction.show?.hostId ?? auction.builderId),
      ]);
      if (!channel) {
        // Chat bidding was turned off since: the pay page still works from /c500 profile's link, but nobody can be told in chat.
        log.warn('a chat winner’s channel has chat bidding off; offer not said in chat', { auctionId: auction.auctionId, orderId: offer.orderId });
        return;
      }
      const payUrl = `${deps.publicBaseUrl}${chatPayPath(offer.orderId)}`;
      const line = winnerLine(bidder?.login ?? offer.bidderName, auction.item, offer.priceCents, auction.currency, payUrl, expiresAt, offer.rank > 0);
      // Once per offer, however often the hammer or the expiry that led here is delivered.
      await say(channel, { ...line, onceKey: `offer:${offer.orderId}` });
      // A chatter whose Twitch account is linked to a Discord member (/c500 link-twitch) gets the DM as well.
      const member = await deps.store().get(twitchChannelPath(twitchUserId));
      if (member) {
        const dm = winnerOffer(auction, offer.priceCents, payUrl, expiresAt, offer.rank > 0);
        await tellOnce({ store: deps.store(), discord: deps.discord(), clock: deps.clock }, `auction-offer:${offer.orderId}`, member.builderId, dm, undefined, {
          mustArrive: true,
        });
      }
    },
  };
}

/** A show's notice to a chat winner, said in the host's chat once: the lot won, or the checkout open. */
async function tellShow(
  deps: ChatReachDeps,
  say: (broadcasterId: string, line: ChatLine) => Promise<void>,
  notice: BidderShowNotice,
  line: (login: string, payUrl: string) => ChatLine,
) {
  const twitchUserId = twitchUserIdOf(notice.bidderId) as string;
  const [bidder, channel] = await Promise.all([deps.store().get(twitchBidderPath(twitchUserId)), chatChannelOf(deps.store(), notice.hostId)]);
  if (!channel) {
    log.warn('a chat winner’s show channel has chat bidding off; not said in chat', { orderId: notice.orderId });
    return;
  }
  const payUrl = `${deps.publicBaseUrl}${chatPayPath(notice.orderId)}`;
  await say(channel, { ...line(bidder?.login ?? twitchUserId, payUrl), onceKey: notice.noticeId });
}

async function chatChannelOf(store: DocumentStore, ownerId: string): Promise<string | undefined> {
  const on = await store.query(chatBiddingCollection, {
    where: [
      ['ownerId', '==', ownerId],
      ['on', '==', true],
    ],
    limit: 1,
  });
  return on[0]?.data.broadcasterId;
}
