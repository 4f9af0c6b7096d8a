/**
 * @module chat-memory
 * What a chat-bids instance remembers between messages, briefly: at a thousand chat bids a
 * second, reading a channel's switch, the chatter (and the member their Twitch account is
 * linked to) and the channel's live auction from the store for each would be four reads a
 * bid. Each answer is kept a short time: a switch
 * turned off, or an auction that ended, is seen within seconds (and the book refuses a
 * bid on an ended auction anyway).
 */
import type { AuctionReading, Clock, DocumentStore } from '../../ports';
import { SharedReads } from './shared-reads';
import { auctionsCollection, twitchLoginPath, twitchLoginSeen } from '../../auctions';
import { log } from '../../log';
import { twitchChannelPath } from '../../onboarding';
import { chatBiddingPath, twitchBidderPath, type ChatBidding, type TwitchBidder } from '../rules/chat-bidding';

export interface LiveChatAuction {
  auctionId: string;
  channelId: string;
  /**
   * The end it was started with. Counter-bids only ever move the end later, so before this no
   * bid can be in the sealed final call, and chat need not ask the book (see place-chat-bid).
   */
  endsAtMs?: number;
}

const ttl = { bidding: 2_000, linked: 60_000, unlinked: 2_000, auction: 1_000, ended: 5_000 };

/**
 * How long after its hammer a channel's auction still answers a late `!bid` with "bidding
 * has closed", as the book answers one that reached it just before: chat that arrives a
 * moment late is told, not met with silence; chat long after is not an answer to anything.
 */
export const endedAnswerMs = 5 * 60_000;

export class ChatMemory {
  private readonly biddings = new Map<string, { value: ChatBidding | undefined; until: number }>();
  private readonly bidders = new Map<string, { value: TwitchBidder | undefined; until: number }>();
  private readonly links = new Map<string, { value: string | undefined; until: number }>();
  private readonly auctions = new Map<string, { value: LiveChatAuction | undefined; until: number }>();
  private readonly ended = new Map<string, { value: LiveChatAuction | undefined; until: number }>();
  /** `<twitch user id>:<login>` pairs this instance recorded in `twitchLogins`. */
  private readonly logins = new Set<string>();
  /** The book's word on a lot's final call, one read at a time per lot, shared by the chat bids waiting on it (place-chat-bid). */
  readonly finalCallReads = new SharedReads<AuctionReading | undefined>();

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  bidding(broadcasterId: string): Promise<ChatBidding | undefined> {
    return this.cached(
      this.biddings,
      broadcasterId,
      () => ttl.bidding,
      () => this.store.get(chatBiddingPath(broadcasterId)),
    );
  }

  bidder(twitchUserId: string): Promise<TwitchBidder | undefined> {
    return this.cached(
      this.bidders,
      twitchUserId,
      (b) => (b?.linkedAt ? ttl.linked : ttl.unlinked),
      () => this.store.get(twitchBidderPath(twitchUserId)),
    );
  }

  /**
   * The Discord member the chatter's Twitch account is linked to (`/c500 link-twitch`), kept as
   * long as a signed-in chatter's record: a block of the member holds for their chat bids.
   */
  linkedMember(twitchUserId: string): Promise<string | undefined> {
    return this.cached(
      this.links,
      twitchUserId,
      () => ttl.linked,
      async () => (await this.store.get(twitchChannelPath(twitchUserId)))?.builderId,
    );
  }

  /** The owner's live auction in the server chat bidding was turned on in: one they sell, or the lot on air in a show they host. */
  liveAuction(ownerId: string, guildId: string): Promise<LiveChatAuction | undefined> {
    return this.cached(
      this.auctions,
      `${guildId}:${ownerId}`,
      () => ttl.auction,
      () => liveAuctionOf(this.store, ownerId, guildId),
    );
  }

  /** The owner's auction in the server that ended (its hammer) within `endedAnswerMs`: asked only when none is live. */
  endedAuction(ownerId: string, guildId: string): Promise<LiveChatAuction | undefined> {
    return this.cached(
      this.ended,
      `${guildId}:${ownerId}`,
      () => ttl.ended,
      () => endedAuctionOf(this.store, ownerId, guildId, this.clock.now().getTime() - endedAnswerMs),
    );
  }

  /**
   * Records, once per instance, that a chat message paired this account with this login, so a
   * block by the login holds for the account by its id after a rename. Never fails a bid.
   */
  async noteLogin(twitchUserId: string, login: string): Promise<void> {
    const pair = `${twitchUserId}:${login.toLowerCase()}`;
    if (this.logins.has(pair)) return;
    try {
      await this.store.set(twitchLoginPath(login), twitchLoginSeen(login, twitchUserId, this.clock.now().toISOString()));
      if (this.logins.size > 10_000) this.logins.clear();
      this.logins.add(pair);
    } catch (error) {
      log.warn('a chatter’s login not recorded; a block by it holds only by the login', { twitchUserId, error });
    }
  }

  forgetAuction(ownerId: string, guildId: string): void {
    this.auctions.delete(`${guildId}:${ownerId}`);
  }

  private async cached<T>(
    map: Map<string, { value: T | undefined; until: number }>,
    key: string,
    keep: (v: T | undefined) => number,
    read: () => Promise<T | undefined>,
  ) {
    const now = this.clock.now().getTime();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await read();
    if (map.size > 10_000) map.clear();
    map.set(key, { value, until: now + keep(value) });
    return value;
  }
}

export async function liveAuctionOf(store: DocumentStore, ownerId: string, guildId: string): Promise<LiveChatAuction | undefined> {
  // Equality filters only: Firestore serves them from its single-field indexes.
  const [hosted, own] = await Promise.all([
    store.query(auctionsCollection, {
      where: [
        ['show.hostId', '==', ownerId],
        ['status', '==', 'live'],
        ['guildId', '==', guildId],
      ],
      limit: 1,
    }),
    store.query(auctionsCollection, {
      where: [
        ['builderId', '==', ownerId],
        ['status', '==', 'live'],
        ['guildId', '==', guildId],
      ],
      limit: 1,
    }),
  ]);
  const auction = (hosted[0] ?? own[0])?.data;
  return auction ? { auctionId: auction.auctionId, channelId: auction.channelId, endsAtMs: Date.parse(auction.endsAt) } : undefined;
}

/** The owner's latest auction, sold or hosted, if it is in this server and its hammer fell after `sinceMs`. */
export async function endedAuctionOf(store: DocumentStore, ownerId: string, guildId: string, sinceMs: number): Promise<LiveChatAuction | undefined> {
  const [hosted, own] = await Promise.all([
    store.query(auctionsCollection, { where: [['show.hostId', '==', ownerId]], orderBy: [['startedAt', 'desc']], limit: 1 }),
    store.query(auctionsCollection, { where: [['builderId', '==', ownerId]], orderBy: [['startedAt', 'desc']], limit: 1 }),
  ]);
  const ended = [hosted[0]?.data, own[0]?.data].find((a) => a?.guildId === guildId && a.closedAt !== undefined && Date.parse(a.closedAt) >= sinceMs);
  return ended ? { auctionId: ended.auctionId, channelId: ended.channelId } : undefined;
}
