/**
 * @module place-bid
 * The hot path of a live auction. One Lua script for the bid and the others gathered with
 * it: the book decides it against every other bid at once and says what else to do, so a
 * bid never touches Firestore.
 * Then the bidder's answer is edited, and the bid's follow-ups run (bid-follow-ups).
 */
import type { AuctionBook, Clock, DiscordMessage, DiscordMessenger, TaskQueue } from '../../ports';
import type { BidRequest, BidResult, BidTarget } from '../rules/auction-book';
import { bidFromButton, parseBidCommand, type BidForm } from '../rules/auction';
import { auctionRefusals, bidAnswer } from '../rules/auction-messages';
import { commandCall, placeOf, InteractionType, type Interaction, replyHandle, refusals, editAnswer } from '../../discord';
import { snowflakeTimeMs, personName } from '../../common';
import { PoisonMessage } from '../../errors';
import { log } from '../../log';
import { followUpBid } from './bid-follow-ups';
import { decideBid } from './decide-bid';
import type { BidderReach } from './auction-deps';

export interface PlaceBidDeps {
  book: AuctionBook;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  /** The marketplace's currency: a typed amount is read in its minor units. */
  currency: string;
  /** Chatters a Discord bid outbids are told in chat. */
  bidders: BidderReach;
  /**
   * Asked only when the book refuses a bidder as new: whether our records show they paid
   * for an order (the book then learns it, and the bid is decided again). Loaded lazily, so
   * the hot path never touches Firestore; without it, the book's answer stands.
   */
  trustedOnRecord?: (bidderId: string) => Promise<boolean>;
  /**
   * Asked only when the book refuses a bidder as blocked: why, since a block C500 made itself
   * after a disputed payment must say so and who can lift it (the book knows only that they
   * are blocked). Without it, the admin's block's words stand.
   */
  blockedWhy?: (guildId: string, bidderId: string) => Promise<false | 'admin' | 'dispute'>;
}

export async function placeBid(deps: PlaceBidDeps, interaction: Interaction): Promise<void> {
  // The moment the bid was made, as Discord stamped it: queueing never decides an auction.
  const madeAtMs = snowflakeTimeMs(interaction.id);
  if (madeAtMs === undefined) throw new PoisonMessage('a bid’s interaction id is not a snowflake, so it has no time');
  // A bid redelivered after its token expired is still decided; only its answer is lost. Each answer is tallied for the show page.
  const answer = async (message: DiscordMessage, outcome: string, repeat = false) => {
    await editAnswer(deps, interaction, message);
    if (!repeat) await tallyAnswered(deps, interaction, madeAtMs, outcome);
  };
  const form = bidFormOf(interaction, deps.currency);
  if (!form.ok) return answer(auctionRefusals.invalidBid(form.reason), 'invalid');
  const place = placeOf(interaction);
  if (!place) return answer(refusals.guildOnly, 'guild-only');
  const { user: bidder, channelId } = place;
  // Always from this channel: an auction named by id (typed, or in a button's custom_id) is
  // found only in the channel it was posted in, so no other channel or server can bid on it.
  const target: BidTarget = form.bid.auctionId ? { auctionId: form.bid.auctionId, channelId } : { channelId };

  const request: BidRequest = {
    bidId: interaction.id,
    guildId: place.guildId,
    bidderId: bidder.id,
    bidderName: personName(bidder),
    amountCents: form.bid.amountCents,
    maxCents: form.bid.maxCents,
    responseToken: replyHandle(interaction),
    atMs: madeAtMs,
    receivedAtMs: deps.clock.now().getTime(),
  };
  let result: BidResult;
  try {
    result = await decideBid(deps, target, request);
  } catch (error) {
    // The book is down or slow. Retrying later would place a bid the bidder no longer
    // expects; tell them now instead, and acknowledge.
    log.warn('auction book unavailable; bid not confirmed', {
      event: 'bid.decided',
      outcome: 'refused',
      reason: 'book-unavailable',
      repeat: false,
      interactionId: interaction.id,
      error,
    });
    return answer(auctionRefusals.bookUnavailable, 'book-unavailable');
  }

  if (result.outcome === 'not-found')
    return answer(form.bid.auctionId ? auctionRefusals.noSuchAuction : auctionRefusals.noLiveAuctionHere, result.outcome, result.repeat);
  const refusedForDispute = result.outcome === 'blocked' && (await deps.blockedWhy?.(place.guildId, bidder.id)) === 'dispute';
  await answer(refusedForDispute ? auctionRefusals.blockedAfterDispute : bidAnswer(result, madeAtMs), result.outcome, result.repeat);
  await followUpBid(deps, result);
}

/** Past this from Discord's stamp, a bidder waited longer than Discord gives an interaction. */
export const answerDeadlineMs = 3_000;

/**
 * One answered bid in its server's minute of the book's tally: after the answer, so it never
 * delays one, and a tally Redis refuses is logged and lost, never the bid's failure (a
 * redelivered bid is not counted again).
 */
async function tallyAnswered(deps: PlaceBidDeps, interaction: Interaction, madeAtMs: number, outcome: string): Promise<void> {
  const guildId = interaction.guild_id;
  if (!guildId) return;
  const late = deps.clock.now().getTime() - madeAtMs > answerDeadlineMs;
  try {
    await deps.book.tallyBid(guildId, madeAtMs, { answered: 1, ...(late ? { 'answered-late': 1 } : {}), [outcome]: 1 });
  } catch (error) {
    log.warn('a bid’s tally was not counted', { event: 'bid.tally-lost', interactionId: interaction.id, error });
  }
}

function bidFormOf(interaction: Interaction, currency: string): { ok: true; bid: BidForm } | { ok: false; reason: string } {
  if (interaction.type === InteractionType.Component) {
    const bid = bidFromButton(interaction.data?.custom_id ?? '');
    return bid ? { ok: true, bid } : { ok: false, reason: 'That button belongs to an auction that has ended.' };
  }
  return parseBidCommand(commandCall(interaction).options, currency);
}
