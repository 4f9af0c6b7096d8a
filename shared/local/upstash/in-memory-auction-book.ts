/**
 * @module in-memory-auction-book
 * The auction book in this process's memory, for running locally when no Redis answers.
 * It is the reference model itself behind the port: every operation is decided whole
 * before the next (JavaScript runs one at a time), which is what Redis gives the Lua.
 * Nothing survives a restart.
 */
import { minuteOf, tallyKeptMs, type AuctionBook, type GuildTrust, type MinuteTally } from '../../ports';
import {
  type AuctionReading,
  type AuctionTerms,
  type BidRequest,
  type BidResult,
  type BidTarget,
  type BidTiming,
  type CancelResult,
  type EmbedSlot,
  type HammerResult,
  type OpenResult,
  type WithdrawResult,
  type AuctionBookModel,
  newAuctionBookModel,
} from '../../auctions';

export class InMemoryAuctionBook implements AuctionBook {
  /** `guild:minute` -> counts, as Redis keeps one hash per server and minute. */
  private readonly minutes = new Map<string, MinuteTally>();

  /** The probe bids' decisions; a local run makes one every five minutes, so the newest few are enough. */
  private readonly probeDecisions = new Map<string, string>();
  private readonly probeCounts = new Map<number, number>();

  /**
   * `clock`: the book's own clock, as Redis's `TIME` is the Redis book's: whether the final call
   * has begun (a read) and whether the hammer may fall are its to say, whatever the caller's
   * says. The local runtime gives its own (one process), as the playground moves it. Absent:
   * the caller's, a hammer's `atMs` and this process's for a read.
   */
  constructor(
    private readonly model: AuctionBookModel = newAuctionBookModel(),
    private readonly clock?: () => number,
  ) {}

  async tallyBid(guildId: string, atMs: number, counts: Readonly<Record<string, number>>): Promise<void> {
    const minuteMs = minuteOf(atMs);
    // Forgotten after the time Redis would let them expire: a long local run stays small.
    for (const [key, tally] of this.minutes) if (tally.minuteMs + tallyKeptMs < minuteMs) this.minutes.delete(key);
    const tally = this.minutes.get(`${guildId}:${minuteMs}`) ?? { minuteMs, counts: {} };
    for (const [name, n] of Object.entries(counts)) tally.counts[name] = (tally.counts[name] ?? 0) + n;
    this.minutes.set(`${guildId}:${minuteMs}`, tally);
  }

  async tallies(guildId: string, fromMs: number, toMs: number): Promise<MinuteTally[]> {
    const found: MinuteTally[] = [];
    for (let minuteMs = minuteOf(fromMs); minuteMs <= toMs; minuteMs += 60_000) {
      const tally = this.minutes.get(`${guildId}:${minuteMs}`);
      if (tally) found.push({ minuteMs, counts: { ...tally.counts } });
    }
    return found;
  }

  async noteProbeDecision(probeId: string, decision: string): Promise<void> {
    if (this.probeDecisions.size >= 100) this.probeDecisions.clear();
    this.probeDecisions.set(probeId, decision);
  }

  async countProbeBid(minuteMs: number): Promise<number> {
    // Only the current minute is ever asked again: older counts are dropped, as Redis expires them.
    for (const minute of this.probeCounts.keys()) if (minute < minuteMs) this.probeCounts.delete(minute);
    const count = (this.probeCounts.get(minuteMs) ?? 0) + 1;
    this.probeCounts.set(minuteMs, count);
    return count;
  }

  async probeDecision(probeId: string): Promise<string | undefined> {
    return this.probeDecisions.get(probeId);
  }

  async open(terms: AuctionTerms): Promise<OpenResult> {
    return this.model.open(terms);
  }

  async holdsBidder(auctionId: string, bidderId: string): Promise<boolean> {
    return this.model.holdsBidder(auctionId, bidderId);
  }

  async withdraw(auctionId: string, bidderId: string): Promise<WithdrawResult> {
    return this.model.withdraw(auctionId, bidderId);
  }

  async forget(bidderIds: readonly string[]): Promise<number> {
    return this.model.forget(bidderIds);
  }

  async preBidsIn(auctionId: string): Promise<void> {
    this.model.preBidsIn(auctionId);
  }

  /** Decided at once, in this process: no gathering's wait and no script call, so a bid's timing is left as it was. */
  async placeBid(target: BidTarget, bid: BidRequest, _timing?: BidTiming): Promise<BidResult> {
    return this.model.placeBid(target, bid);
  }

  async liveAuctionIn(channelId: string): Promise<string | undefined> {
    return this.model.liveAuctionIn(channelId);
  }

  async read(auctionId: string): Promise<AuctionReading | undefined> {
    return this.model.reading(auctionId, this.clock ? this.clock() : Date.now());
  }

  async claimEmbedEdit(auctionId: string, behindMs: number, atMs: number): Promise<EmbedSlot> {
    return this.model.claimEmbedEdit(auctionId, behindMs, atMs);
  }

  async hammer(auctionId: string, version: number, atMs: number): Promise<HammerResult> {
    return this.model.hammer(auctionId, version, this.clock ? this.clock() : atMs);
  }

  async cancel(auctionId: string, how?: { evenWithBids: boolean }): Promise<CancelResult> {
    return this.model.cancel(auctionId, how);
  }

  async ban(bidderId: string): Promise<void> {
    this.model.ban(bidderId);
  }

  async unban(bidderId: string): Promise<void> {
    this.model.unban(bidderId);
  }

  async trust(bidderId: string): Promise<void> {
    this.model.trust(bidderId);
  }

  async setGuildTrust(guildId: string, trust: GuildTrust): Promise<void> {
    this.model.setGuildTrust(guildId, trust);
  }
}
