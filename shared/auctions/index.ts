/**
 * @module auctions
 * Live auctions: `/c500 auction`, bids on the auction book (Upstash Redis), the counter-bid
 * clock and the hammer, offers to the winner and the runners-up. What runs auctions as its
 * lots (shows) hooks in through `LotHooks`.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { auctionRoutes } from './routes';
import type { AuctionBookModel } from './rules/auction-book-model';
export type { AuctionBookModel };
/**
 * The book's rules in memory (the local and test book): loaded when first made, never by the
 * ingress. `clock`: the book's own, for a withdrawal or an erasure (see `AuctionBookModel`).
 */
export const newAuctionBookModel = (clock?: () => number): AuctionBookModel =>
  new (require('./rules/auction-book-model') as typeof import('./rules/auction-book-model')).AuctionBookModel(clock);
export {
  type AuctionSnapshot,
  type AuctionReading,
  type AuctionTerms,
  type BidderAnswer,
  type BidRecord,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type BidTiming,
  type CancelResult,
  type WithdrawResult,
  type EmbedSlot,
  type GuildTrust,
  type HammerResult,
  type IncrementStep,
  type OpenResult,
  type Standing,
  auctionBookStatuses,
  compareStandings,
  bidOutcomes,
  defaultLadder,
  embedIntervalMs,
  forgottenLeaderId,
  ladderText,
  loginOfAlias,
  twitchBidderId,
  twitchBidderPrefix,
  twitchLoginAlias,
} from './rules/auction-book';
export {
  type AuctionTrustSettings,
  type BlockedBidder,
  type GuildAuctionRules,
  bookTrustOf,
  defaultTrustSettings,
  guildAuctionsPath,
  trustSettingsOf,
} from './rules/bidder-trust';
export { blockedAfterDisputeWords } from './rules/dispute-block-words';
export { bidHistoryErasableAtMs, bidHistoryRetentionDays } from './rules/history-retention';
export { parseStreamDelay, streamDelayLimits, streamDelayOf, streamDelayText } from './rules/stream-delay';
export { bookDatabaseOf } from './rules/book-shards';
export { type AuctionPhase, hammerAtMs, incrementAt, phaseOf, preBidResponseToken } from './rules/auction-book';
export { drawCommitment, drawRank, newDrawSeed, seedMatches, winsDraw } from './rules/sealed-draw';
export { defaultFinalCall, finalCallLimits, finalCallOf, finalCallText, leastFinalCall, parseFinalCall } from './rules/final-call';
export { type TwitchLoginSeen, twitchLoginPath, twitchLoginSeen, twitchLoginsCollection } from './rules/twitch-logins';
export { auctionRefusals, unsoldReasons, winnerOffer } from './rules/auction-messages';
export {
  type Auction,
  type AuctionOffer,
  type AuctionStartForm,
  type BidderRecord,
  auctionPath,
  auctionsCollection,
  bidderPath,
  finalCallMsOf,
  parseAuctionStart,
} from './rules/auction';
export { type AuctionBoard } from './use-cases/auction-board-view';
export {
  type AuctionDeps,
  type AuctionPaymentDeps,
  type BidderOffer,
  type BidderReach,
  type BidderShowNotice,
  type HammerDeps,
  type LotHooks,
} from './use-cases/auction-deps';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AuctionBoardView from './use-cases/auction-board-view';
import type * as AuctionOffers from './use-cases/auction-offers';
import type * as AuctionPayments from './use-cases/auction-payments';
import type * as AuctionTasks from './use-cases/auction-tasks';
import type * as BidderTrust from './use-cases/bidder-trust';
import type * as CancelAuction from './use-cases/cancel-auction';
import type * as CloseAuction from './use-cases/close-auction';
import type * as OpenAuction from './use-cases/open-auction';
import type * as BannedBidders from './use-cases/banned-bidders';
import type * as WithdrawErasedBidder from './use-cases/withdraw-erased-bidder';
import type * as ForgetErasedBidder from './use-cases/forget-erased-bidder';
import type * as PassToRunnerUp from './use-cases/pass-to-runner-up';
import type * as PlaceBid from './use-cases/place-bid';
import type * as DecideBid from './use-cases/decide-bid';
import type * as DisputeBlock from './use-cases/dispute-block';
import type * as BidFollowUps from './use-cases/bid-follow-ups';
import type * as RefreshAuctionEmbed from './use-cases/refresh-auction-embed';
import type * as StartAuction from './use-cases/start-auction';
import type * as StopRevokedAuctions from './use-cases/stop-revoked-auctions';
import type * as SweepAuctions from './use-cases/sweep-auctions';
import type * as SweepBidHistories from './use-cases/sweep-bid-histories';
import type * as SweepStrikes from './use-cases/sweep-strikes';
import type * as TrustCommands from './use-cases/trust-commands';
export const auctionBoardView: typeof AuctionBoardView.auctionBoardView = (...args) =>
  (require('./use-cases/auction-board-view') as typeof AuctionBoardView).auctionBoardView(...args);
export const sendOffer: typeof AuctionOffers.sendOffer = (...args) => (require('./use-cases/auction-offers') as typeof AuctionOffers).sendOffer(...args);
export const auctionPayments: typeof AuctionPayments.auctionPayments = (...args) =>
  (require('./use-cases/auction-payments') as typeof AuctionPayments).auctionPayments(...args);
export const parseEmbedTask: typeof AuctionTasks.parseEmbedTask = (...args) =>
  (require('./use-cases/auction-tasks') as typeof AuctionTasks).parseEmbedTask(...args);
export const parseHammerTask: typeof AuctionTasks.parseHammerTask = (...args) =>
  (require('./use-cases/auction-tasks') as typeof AuctionTasks).parseHammerTask(...args);
export const cancelAuction: typeof CancelAuction.cancelAuction = (...args) =>
  (require('./use-cases/cancel-auction') as typeof CancelAuction).cancelAuction(...args);
export const closeAuction: typeof CloseAuction.closeAuction = (...args) => (require('./use-cases/close-auction') as typeof CloseAuction).closeAuction(...args);
export const bannedBidders: typeof BannedBidders.bannedBidders = (...args) =>
  (require('./use-cases/banned-bidders') as typeof BannedBidders).bannedBidders(...args);
export const trustedBidders: typeof BannedBidders.trustedBidders = (...args) =>
  (require('./use-cases/banned-bidders') as typeof BannedBidders).trustedBidders(...args);
export const openAuction: typeof OpenAuction.openAuction = (...args) => (require('./use-cases/open-auction') as typeof OpenAuction).openAuction(...args);
export const passToRunnerUp: typeof PassToRunnerUp.passToRunnerUp = (...args) =>
  (require('./use-cases/pass-to-runner-up') as typeof PassToRunnerUp).passToRunnerUp(...args);
export const placeBid: typeof PlaceBid.placeBid = (...args) => (require('./use-cases/place-bid') as typeof PlaceBid).placeBid(...args);
export const blockDisputingBuyer: typeof DisputeBlock.blockDisputingBuyer = (...args) =>
  (require('./use-cases/dispute-block') as typeof DisputeBlock).blockDisputingBuyer(...args);
export const isBlockedBuyer: typeof DisputeBlock.isBlockedBuyer = (...args) =>
  (require('./use-cases/dispute-block') as typeof DisputeBlock).isBlockedBuyer(...args);
/** What every bid runs, loaded with a bid subscriber's instance: a module load in a lot's first second holds every bid behind it. */
export const loadBidding = (): void => {
  require('./use-cases/place-bid');
  require('./use-cases/decide-bid');
  require('./use-cases/bid-follow-ups');
};
export const decideBid: typeof DecideBid.decideBid = (...args) => (require('./use-cases/decide-bid') as typeof DecideBid).decideBid(...args);
export const followUpBid: typeof BidFollowUps.followUpBid = (...args) => (require('./use-cases/bid-follow-ups') as typeof BidFollowUps).followUpBid(...args);
export const refreshAuctionEmbed: typeof RefreshAuctionEmbed.refreshAuctionEmbed = (...args) =>
  (require('./use-cases/refresh-auction-embed') as typeof RefreshAuctionEmbed).refreshAuctionEmbed(...args);
export const startAuction: typeof StartAuction.startAuction = (...args) => (require('./use-cases/start-auction') as typeof StartAuction).startAuction(...args);
export const sweepBidHistories: typeof SweepBidHistories.sweepBidHistories = (...args) =>
  (require('./use-cases/sweep-bid-histories') as typeof SweepBidHistories).sweepBidHistories(...args);
/** The retention sweep's part that ends a bidder's strikes, and the ban they made, a year after the last. */
export const sweepStrikes: typeof SweepStrikes.sweepStrikes = (...args) => (require('./use-cases/sweep-strikes') as typeof SweepStrikes).sweepStrikes(...args);
export const stopRevokedBuilderAuctions: typeof StopRevokedAuctions.stopRevokedBuilderAuctions = (...args) =>
  (require('./use-cases/stop-revoked-auctions') as typeof StopRevokedAuctions).stopRevokedBuilderAuctions(...args);
export const sweepAuctions: typeof SweepAuctions.sweepAuctions = (...args) =>
  (require('./use-cases/sweep-auctions') as typeof SweepAuctions).sweepAuctions(...args);
export const trustPayingBuyers: typeof BidderTrust.trustPayingBuyers = (...args) =>
  (require('./use-cases/bidder-trust') as typeof BidderTrust).trustPayingBuyers(...args);
export const trustedOnRecord: typeof BidderTrust.trustedOnRecord = (...args) =>
  (require('./use-cases/bidder-trust') as typeof BidderTrust).trustedOnRecord(...args);
export const configureAuctions: typeof TrustCommands.configureAuctions = (...args) =>
  (require('./use-cases/trust-commands') as typeof TrustCommands).configureAuctions(...args);
export const blockBidder: typeof TrustCommands.blockBidder = (...args) => (require('./use-cases/trust-commands') as typeof TrustCommands).blockBidder(...args);
export const unblockBidder: typeof TrustCommands.unblockBidder = (...args) =>
  (require('./use-cases/trust-commands') as typeof TrustCommands).unblockBidder(...args);

/** The use case of each job the auction commands (a bid has a subscriber of its own) defers to a subscriber; the router serves each on its job's topic. */
export const auctionJobs = {
  'start-auction': startAuction,
  'cancel-auction': cancelAuction,
  'configure-auctions': configureAuctions,
  'block-bidder': blockBidder,
  'unblock-bidder': unblockBidder,
} satisfies JobUseCases<typeof auctionRoutes, 'place-bid' | 'pre-bid'>;
/** Erasure's part in the live auction books: the member's max, name and token forgotten now, not only at the hammer. */
export const withdrawErasedBidder: typeof WithdrawErasedBidder.withdrawErasedBidder = (...args) =>
  (require('./use-cases/withdraw-erased-bidder') as typeof WithdrawErasedBidder).withdrawErasedBidder(...args);
/** The live auctions whose book holds something of a person: what an erasure asked again looks at. */
export const liveAuctionsHolding: typeof WithdrawErasedBidder.liveAuctionsHolding = (...args) =>
  (require('./use-cases/withdraw-erased-bidder') as typeof WithdrawErasedBidder).liveAuctionsHolding(...args);
export const liveBidsKept: typeof WithdrawErasedBidder.liveBidsKept = (...args) =>
  (require('./use-cases/withdraw-erased-bidder') as typeof WithdrawErasedBidder).liveBidsKept(...args);
/** Erasure's part in every auction the book holds, live or ended: whatever names the person goes (run after the withdrawal). */
import type * as ErasedBlocks from './use-cases/erased-blocks';
/** An erasure: every server's block list forgets the person, and the book hears it. */
export const forgetBlockedPerson: typeof ErasedBlocks.forgetBlockedPerson = (...args) =>
  (require('./use-cases/erased-blocks') as typeof ErasedBlocks).forgetBlockedPerson(...args);
export const forgetErasedBidder: typeof ForgetErasedBidder.forgetErasedBidder = (...args) =>
  (require('./use-cases/forget-erased-bidder') as typeof ForgetErasedBidder).forgetErasedBidder(...args);
