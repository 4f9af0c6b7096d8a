/**
 * @module bid-follow-ups
 * What a decided bid sets off, wherever it came from (a Discord `/bid` or a `!bid` in
 * Twitch chat): the leader it pushed out is told (their Discord answer edited, or a line
 * in chat), the embed is edited now or by one trailing task, and a counter-bid that moved
 * the end schedules the hammer for the new end.
 */
import type { BidResult, Clock, DiscordMessenger, TaskQueue } from '../../ports';
import { auctionEmbed, outbidDm, outbidNotice } from '../rules/auction-messages';
import { preBidResponseToken } from '../rules/auction-book';
import { replyFromHandle, editAnswer, sendDmIfOpen } from '../../discord';
import { log } from '../../log';
import { scheduleEmbedEdit, scheduleHammer } from './auction-tasks';
import type { BidderReach } from './auction-deps';

export interface BidFollowUpDeps {
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  bidders: BidderReach;
}

export async function followUpBid(deps: BidFollowUpDeps, result: BidResult): Promise<void> {
  const snapshot = result.snapshot;
  if (!snapshot) return;
  // A redelivery, or a retry whose first answer was lost: the book did nothing this time,
  // but the first try may have moved the end without scheduling its hammer. Named tasks
  // make this free when it did.
  if (result.repeat) {
    if (snapshot.status === 'live') await scheduleHammer(deps.tasks, { auctionId: snapshot.auctionId, version: snapshot.version }, snapshot);
    return;
  }
  const followUps: Promise<unknown>[] = [];
  const displaced = result.displaced;
  if (displaced && deps.bidders.reaches(displaced.bidderId)) {
    followUps.push(
      deps.bidders.tellOutbid(displaced, snapshot).catch((error: unknown) => log.info('outbid line not queued', { auctionId: snapshot.auctionId, error })),
    );
  } else if (displaced?.responseToken === preBidResponseToken) {
    // A show's pre-bid has no interaction to edit: its bidder is told by DM.
    followUps.push(
      sendDmIfOpen(deps.discord, displaced.bidderId, outbidDm(snapshot)).catch((error: unknown) =>
        log.info('outbid DM not sent', { auctionId: snapshot.auctionId, error }),
      ),
    );
  } else if (displaced) {
    const displacedReply = replyFromHandle(displaced.responseToken);
    // A leader whose token has expired keeps their old answer: the embed shows who leads,
    // and a channel post per outbid would drown the auction.
    if (displacedReply) {
      followUps.push(
        editAnswer(deps, displacedReply, outbidNotice(snapshot)).catch((error: unknown) =>
          log.info('outbid notice not edited', { auctionId: snapshot.auctionId, error }),
        ),
      );
    }
  }
  if (result.embed.kind === 'now' && snapshot.messageId) {
    followUps.push(deps.discord.editChannelMessage(snapshot.channelId, snapshot.messageId, auctionEmbed(snapshot, { builderId: snapshot.builderId })));
  } else if (result.embed.kind === 'trailing') {
    followUps.push(scheduleEmbedEdit(deps.tasks, { auctionId: snapshot.auctionId, behindMs: result.embed.behindMs }, result.embed.atMs));
  }
  if (result.extended) followUps.push(scheduleHammer(deps.tasks, { auctionId: snapshot.auctionId, version: snapshot.version }, snapshot));
  await Promise.all(followUps);
}
