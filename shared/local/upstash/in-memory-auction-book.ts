/**
 * @module in-memory-auction-book
 * The auction book in this process's memory, for running locally when no Redis answers.
 * It is the reference model itself behind the port: every operation is decided whole
 * before the next (JavaScript runs one at a time), which is what Redis gives the Lua.
 * Nothing survives a restart.
 */
import type { AuctionBook, GuildTrust } from '../../ports';
import {
  type AuctionSnapshot,
  type AuctionTerms,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type CancelResult,
  type EmbedSlot,
  type HammerResult,
  type OpenResult,
  type AuctionBookModel,
  newAuctionBookModel,
} from '../../auctions';

export class InMemoryAuctionBook implements AuctionBook {
  constructor(private readonly model: AuctionBookModel = newAuctionBookModel()) {}

  async open(terms: AuctionTerms): Promise<OpenResult> {
    return this.model.open(terms);
  }

  async placeBid(target: BidTarget, bid: BidRequest): Promise<BidResult> {
    return this.model.placeBid(target, bid);
  }

  async liveAuctionIn(channelId: string): Promise<string | undefined> {
    return this.model.liveAuctionIn(channelId);
  }

  async read(auctionId: string): Promise<AuctionSnapshot | undefined> {
    return this.model.read(auctionId);
  }

  async claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): Promise<EmbedSlot> {
    return this.model.claimEmbedEdit(auctionId, behindMs, atMs);
  }

  async hammer(auctionId: string, version: number, atMs: number): Promise<HammerResult> {
    return this.model.hammer(auctionId, version, atMs);
  }

  async cancel(auctionId: string): Promise<CancelResult> {
    return this.model.cancel(auctionId);
  }

  async ban(bidderId: string): Promise<void> {
    this.model.ban(bidderId);
  }

  async trust(bidderId: string): Promise<void> {
    this.model.trust(bidderId);
  }

  async setGuildTrust(guildId: string, trust: GuildTrust): Promise<void> {
    this.model.setGuildTrust(guildId, trust);
  }
}
