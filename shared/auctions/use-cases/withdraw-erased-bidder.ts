/**
 * @module withdraw-erased-bidder
 * A member who erases themselves (`/c500 privacy`, or the dashboard's Your data) is taken out of
 * every live auction at once, not only at its hammer (erased-bidders): the book forgets their
 * max, name and answer token, and should they lead or set the price the proxy rule is applied
 * again to the bidders left, so their max no longer bids for them, leads or wins. Their linked
 * Twitch account, as the book knows it, goes with them. A card whose leader or price moved is
 * edited; nobody is told anything else. Run before the store forgets their links; safe to run again.
 */
import type { AuctionBook, Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { log } from '../../log';
import { auctionsCollection } from '../rules/auction';
import { liveCard } from '../rules/auction-messages';
import { linkedKeysOf } from './linked-identities';

export interface WithdrawDeps {
  store: DocumentStore;
  book: AuctionBook;
  discord: DiscordMessenger;
  clock: Clock;
}

/** The member as the books know them (their Discord id, their linked Twitch account), and the auctions live now. */
async function liveAndKeys(store: DocumentStore, memberId: string) {
  const keys = [memberId, ...(await linkedKeysOf(store, memberId))];
  const live = await store.query(auctionsCollection, { where: [['status', '==', 'live']] });
  return { keys, live };
}

/**
 * The live auctions whose book holds something of the member (a max, a refused bid's time), by
 * id: a look of one query and a read or two an auction, no search (an erasure asked again reads it).
 */
export async function liveAuctionsHolding(deps: Pick<WithdrawDeps, 'store' | 'book'>, memberId: string): Promise<string[]> {
  const { keys, live } = await liveAndKeys(deps.store, memberId);
  const held: string[] = [];
  for (const { data } of live) if ((await Promise.all(keys.map((key) => deps.book.holdsBidder(data.auctionId, key)))).includes(true)) held.push(data.auctionId);
  return held;
}

/** What `/c500 privacy` says the live books keep of the member: a line, or none. */
export async function liveBidsKept(deps: Pick<WithdrawDeps, 'store' | 'book'>, memberId: string): Promise<string[]> {
  const held = (await liveAuctionsHolding(deps, memberId)).length;
  return held === 0 ? [] : [`${held} × your bid and max in an auction still live (erasing takes it out at once: it no longer bids or wins)`];
}

/** Answers how many live auctions they were taken out of. */
export async function withdrawErasedBidder(deps: WithdrawDeps, memberId: string): Promise<number> {
  const { keys, live } = await liveAndKeys(deps.store, memberId);
  let withdrawn = 0;
  for (const { data: auction } of live) {
    const outcomes = await Promise.all(keys.map((key) => deps.book.withdraw(auction.auctionId, key)));
    if (!outcomes.includes('withdrawn')) continue;
    withdrawn += 1;
    const snapshot = await deps.book.read(auction.auctionId);
    if (!snapshot?.messageId || snapshot.status !== 'live') continue;
    // The card is the channel's to read: a failed edit leaves the old one, and the next bid's edit mends it.
    await deps.discord
      .editChannelMessage(snapshot.channelId, snapshot.messageId, liveCard(snapshot, auction.ladder, auction.drawSeed))
      .catch((error: unknown) => log.warn('auction card not edited after a withdrawal', { auctionId: auction.auctionId, error }));
  }
  return withdrawn;
}
