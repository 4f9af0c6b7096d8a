/**
 * @module close-auction
 * The hammer drop, run by the task scheduled for the auction's end. The book freezes the
 * auction (a task for an end a counter-bid has since moved is stale and does nothing);
 * the bid history reaches Firestore in batches of its own (see auction-history), then the
 * result and the offers to come in one transaction; then the result is posted and the
 * winner gets a checkout by DM (a show's winner, one checkout per builder when the show is
 * over; and the show goes on to its next lot). Delivered twice, it finds its own result and adds nothing:
 * one result, one checkout, one DM; should the book have lost the auction since, what the
 * result owes is finished from Firestore's record. The sweeper runs the same steps for a
 * hammer whose task was lost.
 */
import { pricedRunnerUps } from '../rules/second-chance';
import { drawnStandings } from '../rules/sealed-draw';
import { preBidResponseToken, type BidderAnswer, type HammerResult } from '../rules/auction-book';
import { auctionPath, type Auction, type AuctionOffer, type UnsoldReason } from '../rules/auction';
import { auctionEmbed, hammerPost, liveCard, resultAnswer, unsoldReasons, builderAuctionUnsold, type AuctionEmbedFacts } from '../rules/auction-messages';
import { createOrder } from '../../orders';
import { writeBidHistory } from './auction-history';
import { auctionOfferOrderId, offerOrder, sendOffer } from './auction-offers';
import { markBiddersWhoErased, withoutErasedBidders } from './erased-bidders';
import { runOnce } from '../../common';
import { TaskNotDueYet } from '../../errors';
import { scheduleHammer, type HammerTask } from './auction-tasks';
import { type HammerDeps } from './auction-deps';
import { editAnswer, replyFromHandle, tellOnce } from '../../discord';
import { log } from '../../log';
import { endLostAuction } from './lost-auction';
import { accountRevoked, builderPath } from '../../onboarding';
import { revokedBuilderMessages } from '../rules/revoked-builder-messages';

export type CloseOutcome = 'closed' | 'stale' | 'gone';

export async function closeAuction(deps: HammerDeps, task: HammerTask): Promise<CloseOutcome> {
  if (task.call === 'final-call') return announceFinalCall(deps, task);
  const hammer = await deps.book.hammer(task.auctionId, task.version, deps.clock.now().getTime());
  // Ran before the end and its settle window by the book's clock (which sealed the bids; ours may
  // differ): the queue runs it again when the book's clock gets there, told on ours.
  if (hammer.kind === 'early') throw new TaskNotDueYet(onOurClock(deps, hammer.dueAtMs, hammer.bookNowMs));
  if (hammer.kind === 'stale') {
    // A counter-bid moved the end; its bid scheduled the newer hammer. Should that have been
    // lost with a crash, this makes sure it exists (the same name: one task either way).
    const live = await deps.book.read(task.auctionId);
    if (live?.status === 'live') await scheduleHammer(deps.tasks, { auctionId: task.auctionId, version: live.version }, live);
    return 'stale';
  }
  if (hammer.kind === 'not-found') return closeWithoutBook(deps, task.auctionId);
  if (hammer.kind !== 'closed') return 'gone';
  return settleClosed(deps, hammer);
}

/**
 * The final call's start: chat is told bids are sealed, and the card says so (the price and
 * leader it shows are those the final call began with), when the end it was scheduled for
 * still stands (a counter-bid since moved it: the newer end's task tells instead). Only once
 * the book says it began, on the book's clock: a process whose clock runs fast never announces
 * it while the book still takes open bids, nor one running slow hold it back. The overlay reads
 * the same word from the book.
 */
async function announceFinalCall(deps: HammerDeps, task: HammerTask): Promise<CloseOutcome> {
  const snapshot = await deps.book.read(task.auctionId);
  if (!snapshot || snapshot.status !== 'live') return 'gone';
  if (snapshot.version !== task.version) return 'stale';
  if (!snapshot.finalCallBegun) throw new TaskNotDueYet(onOurClock(deps, snapshot.endsAtMs, snapshot.bookNowMs));
  const auction = await deps.store.get(auctionPath(task.auctionId));
  if (!auction) return 'gone';
  await deps.bidders.tellFinalCall({ auction, snapshot });
  if (snapshot.messageId) await deps.discord.editChannelMessage(snapshot.channelId, snapshot.messageId, liveCard(snapshot, auction.ladder, auction.drawSeed));
  return 'closed';
}

/** A moment on the book's clock (`atMs`, read when the book's clock said `bookNowMs`) as our clock will show it. */
function onOurClock(deps: Pick<HammerDeps, 'clock'>, atMs: number, bookNowMs: number): number {
  return deps.clock.now().getTime() + Math.max(0, atMs - bookNowMs);
}

/**
 * The book lost the auction (Redis restarted empty). Still live in Firestore, its bids are
 * gone and it ends saying so once its end has passed (lost-auction). Already hammered, the
 * result is Firestore's: a delivery that recorded it and stopped before telling it all (a
 * killed process, Discord refusing the post, a once-record held until its lease ran out)
 * is finished from the record, or the show would wait on its lot for good. Only the card
 * keeps the look the first delivery gave it: its edit, made first, needs the book.
 */
async function closeWithoutBook(deps: HammerDeps, auctionId: string): Promise<CloseOutcome> {
  if (await endLostAuction(deps, auctionId)) return 'closed';
  const recorded = await deps.store.get(auctionPath(auctionId));
  if (!recorded?.closedAt || recorded.status === 'live' || recorded.status === 'cancelled') return 'gone';
  await tellResult(deps, recorded);
  return 'closed';
}

export type Closed = Extract<HammerResult, { kind: 'closed' }>;

/** A closed book to Firestore, Discord and Stripe; safe to run again on the same auction. */
export async function settleClosed(deps: HammerDeps, closed: Closed): Promise<CloseOutcome> {
  const recorded = await deps.store.get(auctionPath(closed.snapshot.auctionId));
  if (!recorded) return 'gone';
  const hammer = recorded.status === 'live' ? await withoutErasedBidders(deps.store, closed, recorded) : closed;
  // Before the result: once the result is in, a retry finds it and would not write the history.
  const historyChunks = recorded.status === 'live' ? await writeBidHistory(deps.store, hammer.snapshot.auctionId, hammer.bids) : (recorded.historyChunks ?? 0);
  const auction = await recordResult(deps, hammer, historyChunks);
  if (!auction) return 'gone';
  await markBiddersWhoErased(deps, hammer, recorded);
  const result = resultOf(auction);
  // An edit is idempotent: the card shows the book's last look with the result.
  if (result && auction.messageId)
    await deps.discord.editChannelMessage(auction.channelId, auction.messageId, auctionEmbed(hammer.snapshot, { builderId: auction.builderId, result }));
  await tellResult(deps, auction);
  if (result) await editBidderAnswers(deps, auction, result, hammer.answers ?? []);
  return 'closed';
}

/**
 * Each Discord bidder's last answer ("You lead… ends in") says the result instead, while its
 * token still answers (15 minutes); a chatter's and a pre-bid's have no answer to edit. Once
 * per auction: an edit is the same each time, but a redelivery need not spend Discord's calls.
 */
async function editBidderAnswers(deps: HammerDeps, auction: Auction, result: NonNullable<AuctionEmbedFacts['result']>, answers: readonly BidderAnswer[]) {
  const editable = answers.flatMap((a) => {
    const reply = deps.bidders.reaches(a.bidderId) || a.responseToken === preBidResponseToken ? undefined : replyFromHandle(a.responseToken);
    return reply ? [{ bidderId: a.bidderId, reply }] : [];
  });
  if (editable.length === 0) return;
  await runOnce(
    deps.store,
    `auction-answers:${auction.auctionId}`,
    async () => {
      await Promise.all(
        editable.map(({ bidderId, reply }) =>
          editAnswer(deps, reply, resultAnswer(auction, result, bidderId)).catch((error: unknown) =>
            log.info('a bidder’s answer was not edited with the result', { auctionId: auction.auctionId, error }),
          ),
        ),
      );
    },
    { clock: deps.clock },
  );
}

async function recordResult(deps: HammerDeps, hammer: Closed, historyChunks: number): Promise<Auction | undefined> {
  const s = hammer.snapshot;
  return deps.store.runTransaction(async (tx) => {
    const auction = await tx.get(auctionPath(s.auctionId));
    if (!auction || auction.status !== 'live') return auction;
    // A builder who revoked C500's access to their account cannot be paid: no checkout opens for their lot.
    const won = s.leaderId !== undefined && s.reserveMet;
    const unpayable = won && accountRevoked(await tx.get(builderPath(auction.builderId)));
    const sold = won && !unpayable;
    const unsoldReason: UnsoldReason | undefined = sold ? undefined : unpayable ? 'account-revoked' : s.bidCount === 0 ? 'no-bids' : 'reserve-not-met';
    // Only bids that met the reserve can be offered the item; the winner is not their own runner-up.
    // Each is priced now, by the proxy rule without those above them: never offered their hidden max.
    // Equal maxes from the final call in the draw's order, as the winner's tie was: never by speed.
    const ranked = { ...hammer, standings: drawnStandings(hammer.standings, { endsAtMs: s.endsAtMs, drawSeed: auction.drawSeed }) };
    const standingUps = ranked.standings.filter((st) => st.bidderId !== s.leaderId && st.topCents >= s.reserveCents).slice(0, deps.auctions.secondChanceDepth);
    const runnerUps = pricedRunnerUps(ranked, standingUps, auction.ladder);
    const closedAt = deps.clock.now().toISOString();
    let offer: AuctionOffer | undefined;
    if (sold) {
      offer = {
        rank: 0,
        bidderId: s.leaderId as string,
        bidderName: s.leaderName ?? (s.leaderId as string),
        priceCents: s.priceCents,
        orderId: auctionOfferOrderId(s.auctionId, 0),
      };
      createOrder(tx, offerOrder(deps, auction, offer));
    }
    const result: Partial<Auction> = {
      status: sold ? 'awaiting-payment' : 'unsold',
      closedAt,
      finalEndsAt: new Date(s.endsAtMs).toISOString(),
      bidCount: s.bidCount,
      priceCents: s.priceCents,
      runnerUps,
      historyChunks,
      ...(offer ? { offer, winner: { bidderId: offer.bidderId, bidderName: offer.bidderName, priceCents: offer.priceCents } } : {}),
      ...(unsoldReason ? { unsoldReason } : {}),
      ...(unpayable
        ? { unpayableWinner: { bidderId: s.leaderId as string, bidderName: s.leaderName ?? (s.leaderId as string), priceCents: s.priceCents } }
        : {}),
    };
    tx.update(auctionPath(s.auctionId), result);
    return { ...auction, ...result };
  });
}

export function resultOf(auction: Auction): NonNullable<AuctionEmbedFacts['result']> | undefined {
  if (auction.status === 'cancelled') return { kind: 'cancelled' };
  if (auction.winner && (auction.status === 'awaiting-payment' || auction.status === 'paid'))
    return { kind: 'sold', winnerId: auction.winner.bidderId, winnerName: auction.winner.bidderName, priceCents: auction.winner.priceCents };
  if (auction.status === 'unsold') return { kind: 'unsold', reason: unsoldReasons[auction.unsoldReason ?? 'no-bids'] };
  return undefined;
}

/** What a recorded result owes, from Firestore's record alone, each part once however often it runs. */
async function tellResult(deps: HammerDeps, auction: Auction): Promise<void> {
  const result = resultOf(auction);
  if (result) {
    await runOnce(
      deps.store,
      `auction-result:${auction.auctionId}`,
      async () => void (await deps.discord.postToChannel(auction.channelId, hammerPost(auction, result))),
      {
        clock: deps.clock,
      },
    );
    if (result.kind === 'sold' && !deps.bidders.reaches(result.winnerId)) await deps.bidders.tellSoldInDiscord({ auction, priceCents: result.priceCents });
    if (result.kind === 'unsold') await tellOnce(deps, `auction-unsold:${auction.auctionId}`, auction.builderId, builderAuctionUnsold(auction, result.reason));
  }
  const unpaid = auction.unpayableWinner;
  // A Twitch chatter is not a member to DM: the channel's post says it for them.
  if (unpaid && !deps.bidders.reaches(unpaid.bidderId))
    await tellOnce(deps, `auction-unpayable:${auction.auctionId}`, unpaid.bidderId, revokedBuilderMessages.winnerNoCheckout(auction, unpaid.priceCents));
  // A show's lot: its winner pays for every lot won from one builder in one checkout (the show's), and the show goes on.
  if (auction.show) await deps.lots.hammered(auction);
  else if (auction.status === 'awaiting-payment' && auction.offer?.rank === 0) await sendOffer(deps, auction, auction.offer);
}
