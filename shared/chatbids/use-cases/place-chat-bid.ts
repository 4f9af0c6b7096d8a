/**
 * @module place-chat-bid
 * A `!bid` from Twitch chat, into the same book as Discord's bids: judged at the moment
 * Twitch signed the message, with the same settle window; the chatter answered in the
 * channel's next batched chat message; the bid's follow-ups (who it outbid, the embed, the
 * hammer) the same as a Discord bid's. Chat in a channel without chat bidding on, the
 * bot's own messages, and a chatter who never signed in (told once, with the link) never
 * reach the book. Nor does a `!bid` in the sealed final call: typed in chat, everyone saw it,
 * so it is never taken as sealed; the chatter is given the link to bid in private
 * (`/bid/<auction id>`), and where the bot moderates the channel the public message is deleted.
 * The read ahead of the bid (`finalCallOf`) turns most of them away early; the bid itself is
 * flagged as typed in public, so one that meets the final call's first moment between that read
 * and the book is refused by the book, in the same atomic step that begins it (`private-only`).
 */
import type { BidRequest, BidResult, ChatLine } from '../../ports';
import { decideBid, followUpBid, twitchLoginAlias, type BidderReach } from '../../auctions';
import { log } from '../../log';
import type { ChatBidJob } from '../rules/chat-bid-job';
import { readChatBid } from '../rules/chat-bid';
import { chatBidderId, type ChatBidding } from '../rules/chat-bidding';
import { leadLine, outcomeLine, privateBidLine, signInLine, unreadableLine } from '../rules/chat-messages';
import { chatterSignInUrl } from '../rules/twitch-authorize';
import type { ChatDeps } from './chat-deps';
import type { ChatMemory, LiveChatAuction } from './chat-memory';
import { chatResponseToken } from './chat-reach';
import { queueChatLines } from './chat-replies-task';
import { finalCallReadAheadMs } from '../rules/final-call-read-ahead';

export type ChatBidOutcome =
  'ignored' | 'chat-bidding-off' | 'unreadable' | 'not-signed-in' | 'no-live-auction' | 'book-unavailable' | 'final-call-in-private' | BidResult['outcome'];

const accepted = new Set<string>(['leading', 'raised-max', 'outbid']);

export async function placeChatBid(deps: ChatDeps, memory: ChatMemory, bidders: BidderReach, job: ChatBidJob): Promise<ChatBidOutcome> {
  if (job.chatterId === deps.botUserId || job.chatterId === job.broadcasterId) return 'ignored';
  const bidding = await memory.bidding(job.broadcasterId);
  if (!bidding?.on) return 'chat-bidding-off';
  const lines: ChatLine[] = [];
  const outcome = await decide(deps, memory, bidders, job, bidding, lines);
  await queueChatLines(deps, job.broadcasterId, lines);
  return outcome;
}

async function decide(
  deps: ChatDeps,
  memory: ChatMemory,
  bidders: BidderReach,
  job: ChatBidJob,
  { ownerId, guildId }: Pick<ChatBidding, 'ownerId' | 'guildId'>,
  lines: ChatLine[],
): Promise<ChatBidOutcome> {
  const read = readChatBid(job.text, deps.currency);
  if (read.kind === 'not-a-bid') return 'ignored';
  if (read.kind === 'unreadable') {
    lines.push(unreadableLine(job.chatterLogin, read.problem));
    return 'unreadable';
  }
  // Read together: the link is asked of every chatter who bids, through the same memory.
  const [bidder, linkedMemberId] = await Promise.all([memory.bidder(job.chatterId), memory.linkedMember(job.chatterId)]);
  if (!bidder?.linkedAt) {
    lines.push(signInLine(job.chatterLogin, job.chatterId, chatterSignInUrl(deps.publicBaseUrl)));
    return 'not-signed-in';
  }
  const auction = await memory.liveAuction(ownerId, guildId);
  if (!auction) return noLiveAuction(memory, { ownerId, guildId }, job.chatterLogin, lines);
  const finalCall = await finalCallOf(deps, memory, auction, job.sentAtMs);
  if (finalCall === 'on') return sendToPrivatePage(deps, job, auction.auctionId, lines);
  if (finalCall === 'over') {
    // Read once the final call is over, a bid typed in it is too late as well as public: closed, never taken.
    const closed = outcomeLine('closed', job.chatterLogin, undefined);
    if (closed) lines.push(closed);
    await deletePublicBid(deps, job);
    return 'closed';
  }
  const target = { auctionId: auction.auctionId, channelId: auction.channelId };
  const request: BidRequest = {
    bidId: `twitch-${job.chatMessageId}`,
    guildId,
    bidderId: chatBidderId(job.chatterId),
    // An admin may block a chatter by their login before they ever bid.
    bidderAlias: twitchLoginAlias(job.chatterLogin),
    // A block of the member their Twitch account is linked to holds, whenever the link was made.
    ...(linkedMemberId ? { linkedBidderId: linkedMemberId } : {}),
    bidderName: `${job.chatterName} (Twitch)`,
    amountCents: read.bid.amountCents,
    maxCents: read.bid.maxCents,
    responseToken: chatResponseToken(job.broadcasterId, job.chatterLogin),
    atMs: job.sentAtMs,
    receivedAtMs: deps.clock.now().getTime(),
    // Everyone in chat saw it: should the final call begin before the book decides it, the book refuses it.
    typedInPublic: true,
  };
  let result: BidResult;
  try {
    // The chatter's id and login as this message pairs them, recorded beside the bid (never in its way).
    [result] = await Promise.all([decideBid(deps, target, request), memory.noteLogin(job.chatterId, job.chatterLogin)]);
  } catch (error) {
    log.warn('auction book unavailable; chat bid not placed', {
      event: 'bid.decided',
      outcome: 'refused',
      reason: 'book-unavailable',
      repeat: false,
      broadcasterId: job.broadcasterId,
      error,
    });
    lines.push({ text: 'bids can’t be taken this second, try again', group: { name: 'book-down', login: job.chatterLogin } });
    return 'book-unavailable';
  }
  // The final call began between the read above and the bid: the book took nothing, and the chatter is
  // answered as every chat bid in the final call is.
  if (result.outcome === 'private-only') return sendToPrivatePage(deps, job, auction.auctionId, lines);
  if (result.outcome === 'not-found') {
    // The auction this chat took as live is gone from the book: it closed, or the book lost it (a
    // Redis restart; its hammer then ends it unsold). Either way no bid counts now, and the chatter is told.
    memory.forgetAuction(ownerId, guildId);
    const closed = outcomeLine('closed', job.chatterLogin, undefined);
    if (closed) lines.push(closed);
    return 'closed';
  }
  if (!result.repeat && result.snapshot) {
    if (accepted.has(result.outcome)) lines.push(leadLine(result.snapshot));
    const own = outcomeLine(
      result.outcome,
      job.chatterLogin,
      result.snapshot,
      result.newBidderLimitCents !== undefined ? { limitCents: result.newBidderLimitCents } : {},
    );
    if (own && result.outcome !== 'leading' && result.outcome !== 'raised-max') lines.push(own);
  }
  await followUpBid({ ...deps, bidders }, result);
  return result.outcome;
}

/**
 * Whether a chat bid falls in the auction's sealed final call: typed in it (Twitch's signed
 * time), or read while it runs by the book's word (typed just before it began, it was seen by
 * all the same). `over`: typed in it, read once the book's clock passed its end. Whether it has
 * begun is the book's to say, on its clock, never this process's; should it begin after this read,
 * the book refuses the bid itself (`typedInPublic`). The book is asked only from `readAheadMs` before the end the
 * auction was started with (by the later of Twitch's time and ours): before that no final call
 * can have begun on any clock within that of ours, and the herd's bids cost no extra read. From
 * then, an instance's chat bids on the lot share one read at a time (`SharedReads`): a read per
 * round trip to the book, however many bids chat brings.
 */
async function finalCallOf(deps: ChatDeps, memory: ChatMemory, auction: LiveChatAuction, sentAtMs: number): Promise<'no' | 'on' | 'over'> {
  const latest = Math.max(sentAtMs, deps.clock.now().getTime());
  if (auction.endsAtMs !== undefined && Number.isFinite(auction.endsAtMs) && latest < auction.endsAtMs - finalCallReadAheadMs) return 'no';
  // Shared by the chat bids this instance has waiting on the lot: each is answered by a read made after it arrived.
  const snapshot = await memory.finalCallReads.read(auction.auctionId, () => deps.book.read(auction.auctionId)).catch(() => undefined);
  if (!snapshot || snapshot.status !== 'live' || snapshot.finalCallMs <= 0) return 'no';
  const hammerAtMs = snapshot.endsAtMs + snapshot.finalCallMs;
  const typedInIt = sentAtMs >= snapshot.endsAtMs && sentAtMs < hammerAtMs;
  if (!snapshot.finalCallBegun && !typedInIt) return 'no';
  if (snapshot.bookNowMs < hammerAtMs) return 'on';
  return typedInIt ? 'over' : 'no';
}

/** A `!bid` typed in the sealed final call: never taken, answered with the link to the private page, and deleted where the bot may. */
async function sendToPrivatePage(deps: ChatDeps, job: ChatBidJob, auctionId: string, lines: ChatLine[]): Promise<ChatBidOutcome> {
  lines.push(privateBidLine(job.chatterLogin, auctionId, deps.publicBaseUrl));
  await deletePublicBid(deps, job);
  return 'final-call-in-private';
}

/** Deleted at once where the bot may (a moderator with the scope); elsewhere it stays, and is still not taken as a bid. */
async function deletePublicBid(deps: ChatDeps, job: ChatBidJob): Promise<void> {
  if (!deps.deleteChatMessage) return;
  try {
    const deleted = await deps.deleteChatMessage({ broadcasterId: job.broadcasterId, messageId: job.chatMessageId });
    log.info('public final-call bid', { event: 'chat.final-call-bid', broadcasterId: job.broadcasterId, deleted });
  } catch (error) {
    log.warn('public final-call bid not deleted', { broadcasterId: job.broadcasterId, error });
  }
}

/**
 * No auction of the owner's is live: one whose hammer fell minutes ago answers "bidding has
 * closed", as the book answers a bid that reached it just before the hammer; otherwise chat
 * is not answered (a `!bid` between auctions is nobody's business).
 */
async function noLiveAuction(
  memory: ChatMemory,
  { ownerId, guildId }: Pick<ChatBidding, 'ownerId' | 'guildId'>,
  login: string,
  lines: ChatLine[],
): Promise<ChatBidOutcome> {
  if (!(await memory.endedAuction(ownerId, guildId))) return 'no-live-auction';
  const closed = outcomeLine('closed', login, undefined);
  if (closed) lines.push(closed);
  return 'closed';
}
