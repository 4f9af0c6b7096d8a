/**
 * @module answer-sealed-bid
 * `/bid/<auction id>`: a viewer's sealed bid in an auction's final call, placed in private
 * rather than typed in chat. GET shows the form to a chatter signed in with Twitch (signed out,
 * the Twitch sign-in first, then back here); POST places the bid through the same use case as
 * every other bid (`decideBid`, then its follow-ups), as the chatter's identity (`twitch:<id>`),
 * with a bid id from the form's nonce, so a form sent twice is one bid. Only in the final call:
 * before it, bidding is in the open (chat or Discord); after it, closed.
 */
import type { BidRequest } from '../../ports';
import { auctionPath, decideBid, followUpBid, twitchLoginAlias, type BidderReach } from '../../auctions';
import { acceptedOutcomes } from '../../ports';
import { builderPath } from '../../onboarding';
import { readChatBid } from '../rules/chat-bid';
import { chatBidderId, isTwitchUserId } from '../rules/chat-bidding';
import { outcomeLine } from '../rules/chat-messages';
import { readChatterCookie } from '../rules/chatter-cookie';
import { newNonce } from '../rules/signed-token';
import { chatterSignInUrl } from '../rules/twitch-authorize';
import type { ChatterWebApp } from '../rules/chat-app-config';
import type { WebAnswer } from '../rules/chat-pages';
import { readSealedBidForm, sealedBidFormMinutes, sealedBidPage, sealedBidPath, signSealedBidForm, type SealedBidOutcome } from '../rules/sealed-bid-page';
import type { ChatDeps } from './chat-deps';
import { ChatMemory } from './chat-memory';
import { chatResponseToken } from './chat-reach';

export interface SealedBidDeps {
  chat: ChatDeps;
  bidders: BidderReach;
  app: Pick<ChatterWebApp, 'stateKey' | 'publicBaseUrl'>;
}

export interface SealedBidRequest {
  method: 'GET' | 'POST';
  auctionId: string;
  cookies: string | undefined;
  /** POST: the form's token and the amount typed. */
  token?: string;
  amount?: string;
}

export async function answerSealedBid(deps: SealedBidDeps, request: SealedBidRequest): Promise<WebAnswer> {
  return sealedBidPage(await outcomeOf(deps, request));
}

async function outcomeOf(deps: SealedBidDeps, request: SealedBidRequest): Promise<SealedBidOutcome> {
  const { store, book, clock } = deps.chat;
  const { auctionId } = request;
  // Checked before anything is read: a malformed id reaches neither the store nor the sign-in.
  if (!/^[0-9a-z]{4,40}$/.test(auctionId)) return { kind: 'not-found' };
  const nowMs = clock.now().getTime();
  const session = readChatterCookie(request.cookies, 'bid', deps.app.stateKey, nowMs);
  if (!session.ok || !isTwitchUserId(session.cookie.id)) {
    return { kind: 'sign-in', signInUrl: `${chatterSignInUrl(deps.app.publicBaseUrl)}?next=${encodeURIComponent(sealedBidPath(auctionId))}` };
  }
  const twitchUserId = session.cookie.id;
  const memory = new ChatMemory(store, clock);
  const [auction, snapshot, me] = await Promise.all([store.get(auctionPath(auctionId)), book.read(auctionId), memory.bidder(twitchUserId)]);
  if (!auction || !snapshot) return { kind: 'not-found' };
  const item = snapshot.item;
  // Where the final call stands is the book's word, on its clock: never this process's.
  if (snapshot.status !== 'live' || snapshot.bookNowMs >= snapshot.endsAtMs + snapshot.finalCallMs) return { kind: 'closed', item };
  if (!snapshot.finalCallBegun) return { kind: 'not-final-call', item };
  const login = me?.login ?? `Twitch user ${twitchUserId}`;
  const form = (problem?: string): SealedBidOutcome => ({
    kind: 'form',
    item,
    login,
    minimumCents: snapshot.nextMinimumCents,
    currency: snapshot.currency,
    token: signSealedBidForm({ twitchUserId, auctionId, nonce: newNonce() }, nowMs + sealedBidFormMinutes * 60_000, deps.app.stateKey),
    ...(problem ? { problem } : {}),
  });
  if (request.method === 'GET') return form();

  const read = readSealedBidForm(request.token, { twitchUserId, auctionId }, deps.app.stateKey, nowMs);
  if (!read.ok) return read.reason === 'forged' ? { kind: 'form-forged' } : { kind: 'form-expired', auctionId };
  const bid = readChatBid(`!bid ${request.amount ?? ''}`, deps.chat.currency);
  if (bid.kind !== 'bid') return form(bid.kind === 'unreadable' ? `Not placed: ${bid.problem.replace(/!bid /g, '')}.` : 'Type an amount.');
  const ownerId = auction.show?.hostId ?? auction.builderId;
  const [linkedMemberId, owner] = await Promise.all([memory.linkedMember(twitchUserId), store.get(builderPath(ownerId))]);
  const request_: BidRequest = {
    bidId: `page-${read.nonce}`,
    guildId: auction.guildId,
    bidderId: chatBidderId(twitchUserId),
    bidderAlias: twitchLoginAlias(login),
    ...(linkedMemberId ? { linkedBidderId: linkedMemberId } : {}),
    bidderName: `${me?.displayName ?? login} (Twitch)`,
    amountCents: bid.bid.amountCents,
    maxCents: bid.bid.maxCents,
    // The result reaches them where they watch: the channel's chat, as a chat bidder's.
    responseToken: owner?.twitch ? chatResponseToken(owner.twitch.userId, login) : `page:${twitchUserId}`,
    atMs: nowMs,
    receivedAtMs: nowMs,
    // Never `typedInPublic`: this page is seen by the bidder alone, the final call's way in for a chatter.
  };
  const result = await decideBid(deps.chat, { auctionId, channelId: auction.channelId }, request_);
  await followUpBid({ ...deps.chat, bidders: deps.bidders }, result);
  if (acceptedOutcomes.includes(result.outcome)) return { kind: 'sealed', item };
  if (result.outcome === 'closed' || result.outcome === 'not-found') return { kind: 'closed', item };
  return { kind: 'refused', item, why: capitalized(outcomeLine(result.outcome, login, result.snapshot)?.text ?? 'this bid could not be taken') };
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
