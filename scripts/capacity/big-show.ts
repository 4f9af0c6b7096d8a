/**
 * A 50,000-viewer show in the capacity model: 10,000 bids/s in Discord and 5,000 chat
 * messages/s at its peak. Measured where this machine can (CPU and what a request costs the
 * services at 1,000 bids/s, docs/capacity/measured-auction.json; one lot's commands per bid
 * script call at batches of 1 to 64, docs/capacity/measured-lot.json), modelled beyond.
 *
 * The wall at 10,000 viewers was Upstash's commands a database. A show's live lot cannot be
 * split (each bid is decided atomically against the others on its keys), so its database's
 * load is what the lot's bid scripts run, and that is set by how many script calls reach it:
 * each instance placing bids sends one batch per lot at a time (the gathering), so a lot's calls
 * a second are at most the instances placing its bids × one call per gathering cycle, and each
 * call runs about the same commands whatever its batch (measured). The design:
 * - the bid gathering's window at `bigShowBook.gatherWindowMs` (terraform's `bid_gather_ms`,
 *   C500_BID_GATHER_MS), so each instance sends a lot at most one call per window, up to 64 bids each;
 * - channels' books spread over `bigShowBook.databases` Upstash databases (`UPSTASH_BOOK_SHARDS`
 *   beside the first; shared/auctions/rules/book-shards.ts, wired in
 *   shared/adapters/upstash/sharded-auction-book.ts), so another busy show seldom shares the lot's.
 * What each database serves beside the lot's bid scripts is measured (docs/capacity/measured-shards.json,
 * `bench:auction -- --twitch --shards`, book-split.ts): the rest of the lot's channel on its database,
 * what belongs to no channel on the first, and what a show costs a database it is not on. Only the
 * lot's bid scripts at the peak's batches are modelled (from measured-lot.json), as above.
 */
import { headroomShare, meanMs, serviceLoads, show, type AuctionRecord, type FunctionSizing, type RacesRecord, type ServiceLoad, type Show } from './model';
import { limits } from './services';
import { maxBidsPerCall } from '../../shared/adapters/upstash/bid-script';
import { productionLatency } from '../../shared/local/latency/latency-profile';
import { bidGatherMs } from '../../shared/adapters/upstash/upstash-auction-book';
import { bookSplit, type ShardsRecord } from './book-split';
import { finalCallReadAheadMs } from '../../shared/chatbids';

/** The gathering window the measured herd (docs/capacity/measured-auction.json, 2026-11-26) ran with. */
export const measuredWindowMs = 4;

/** One lot's herd on its database, as `npm run capacity:lot` recorded it. */
export interface LotRecord {
  measuredAt: string;
  command: string;
  batches: Array<{ bidsPerCall: number; commandsPerCall: number; commandsPerBid: number }>;
}

export const fiftyThousandViewers: Show = {
  ...show,
  viewers: 50_000,
  bidsPerSecond: 10_000,
  chatPerSecond: 5_000,
  buyNowPresses: 10_000,
};

/** The book's design at 50,000 viewers (see the header). */
export const bigShowBook = {
  /** How long a lot's bids wait for company in an instance: the book's default (`bidGatherMs`). */
  gatherWindowMs: bidGatherMs,
  /** Upstash pay-as-you-go databases the channels' books are spread over. */
  databases: 4,
};

/** The Upstash rows of the peak, by what they are (bigShowLoads makes them in this order). */
export const upstashRows = ['lot', 'first', 'lotOnFirst', 'elsewhere', 'lastSeconds'] as const;

/**
 * Whether one database holds the show's peak whatever database its channel hashes to: the lot's
 * database when it is the first too (rendezvous hashing may put it there), within the headroom.
 */
export function oneDatabaseHoldsTheShow(loads: readonly ServiceLoad[]): boolean {
  // The lot's last seconds with chat, on the first: the most any one database carries.
  const worst = loads.filter((l) => l.limitName === 'upstashCommandsPerSecond')[upstashRows.indexOf('lastSeconds')];
  return worst !== undefined && worst.atPeak <= headroomShare * limits.upstashCommandsPerSecond.value;
}

/** The functions whose instances place a lot's bids on its database. */
const placingBids = ['auctionBids', 'chatBids'] as const;

/**
 * A lot's gathering cycle in an instance at a herd: the window, and what the measured run shows
 * a batch takes beyond it (the round trip and the instance's own turn), calibrated from the
 * measured run's requests per script call at its rate per process.
 */
export function gatheringCycleMs(auction: AuctionRecord, windowMs: number, runWindowMs = measuredWindowMs): number {
  const run = auction.runs.find((r) => r.chatPerSecond > 0) ?? auction.runs[0];
  if (!run?.usage) throw new Error('the auction record holds no run with its usage');
  // One process placed each herd's bids (subscribers, chat-bids): requests per call ÷ rate per process.
  const perProcess = (run.bidsPerSecond + run.chatPerSecond) / 2;
  const measuredCycle = (1000 / run.usage.redisScriptCalls / perProcess) * 1;
  const beyondWindow = Math.max(meanMs(productionLatency['upstash.command']), measuredCycle - runWindowMs);
  return windowMs + beyondWindow;
}

/** Commands a bid-script call runs at a batch size: the measured batch at or above it (more bids never cost fewer). */
export function commandsPerCall(lot: LotRecord, bidsPerCall: number): number {
  const sorted = [...lot.batches].sort((a, b) => a.bidsPerCall - b.bidsPerCall);
  const atOrAbove = sorted.find((b) => b.bidsPerCall >= bidsPerCall) ?? sorted[sorted.length - 1];
  if (!atOrAbove) throw new Error('the lot record holds no batch');
  return Math.max(...sorted.filter((b) => b.bidsPerCall <= atOrAbove.bidsPerCall).map((b) => b.commandsPerCall));
}

/** In a lot's last seconds, the chat bids' reads of the book's word on the final call (see finalCallReads). */
export interface FinalCallReads {
  /** chatBids instances placing the lot's chat bids. */
  instances: number;
  /** The most reads an instance makes a second: one at a time, so one a round trip, and never more than its chat bids. */
  perInstance: number;
  readsPerSecond: number;
  /** Commands a read script runs, measured (the shards run's reads on the lot's database). */
  commandsPerRead: number;
  commandsPerSecond: number;
}

/**
 * From `finalCallReadAheadMs` before a lot's stated end, each chat bid asks the book whether the
 * sealed final call has begun; an instance's chat bids on the lot share one read at a time
 * (shared/chatbids/use-cases/shared-reads.ts), so an instance reads at most once a round trip to
 * Upstash (its mean), and never more often than its chat bids come. `shared: false` is the read a
 * chat bid each, as before it was shared.
 */
export function finalCallReads(sizing: readonly FunctionSizing[], shards: ShardsRecord, shared = true): FinalCallReads {
  const chat = sizing.find((s) => s.name === 'chatBids');
  if (!chat) throw new Error('the sizing has no chatBids');
  const reads = shards.databases.flatMap((d) => (d.lot && d.scripts.read ? [d.scripts.read] : []));
  const calls = reads.reduce((sum, r) => sum + r.calls, 0);
  if (calls === 0) throw new Error('the shards record holds no read of a lot');
  const commandsPerRead = reads.reduce((sum, r) => sum + r.commands, 0) / calls;
  const chatPerInstance = chat.requestsPerSecond / chat.needed;
  const perInstance = shared ? Math.min(chatPerInstance, 1000 / meanMs(productionLatency['upstash.command'])) : chatPerInstance;
  const readsPerSecond = chat.needed * perInstance;
  return { instances: chat.needed, perInstance, readsPerSecond, commandsPerRead, commandsPerSecond: readsPerSecond * commandsPerRead };
}

export interface LotDatabaseLoad {
  commandsPerSecond: number;
  callsPerSecond: number;
  cycleMs: number;
  /** Per function placing bids: its instances, rate per instance, bids per call. */
  parts: Array<{ name: string; instances: number; perInstance: number; bidsPerCall: number; calls: number }>;
  /** The most instances placing the lot's bids (at least a batch of one each cycle) before its database passes 80 %. */
  instancesWithin: number;
}

/** The live lot's database at the peak, its bids placed by the instances the sizing needs. */
export function lotDatabaseLoad(
  auction: AuctionRecord,
  lot: LotRecord,
  sizing: readonly FunctionSizing[],
  windowMs = bigShowBook.gatherWindowMs,
): LotDatabaseLoad {
  const cycleMs = gatheringCycleMs(auction, windowMs);
  const parts = placingBids.map((name) => {
    const f = sizing.find((s) => s.name === name);
    if (!f) throw new Error(`the sizing has no ${name}`);
    const perInstance = f.requestsPerSecond / f.needed;
    const bidsPerCall = Math.min(maxBidsPerCall, Math.max(1, (perInstance * cycleMs) / 1000));
    return { name, instances: f.needed, perInstance, bidsPerCall, calls: (f.needed * perInstance) / bidsPerCall };
  });
  const commandsPerSecond = parts.reduce((sum, p) => sum + p.calls * commandsPerCall(lot, p.bidsPerCall), 0);
  const perInstanceCeiling = (1000 / cycleMs) * commandsPerCall(lot, maxBidsPerCall);
  return {
    commandsPerSecond,
    callsPerSecond: parts.reduce((sum, p) => sum + p.calls, 0),
    cycleMs,
    parts,
    instancesWithin: Math.floor((headroomShare * limits.upstashCommandsPerSecond.value) / perInstanceCeiling),
  };
}

/**
 * The services at a 50,000-viewer peak: the 10,000-viewer model's loads at the bigger rates, with
 * Upstash's single database replaced by the lot's database and the rest of the book, and every
 * sized function's instances against its deployed `max_instances`.
 */
export function bigShowLoads(
  auction: AuctionRecord,
  lot: LotRecord,
  races: RacesRecord,
  sizing: readonly FunctionSizing[],
  deployedMax: (name: string) => number | undefined,
  shards: ShardsRecord,
): ServiceLoad[] {
  const lotLoad = lotDatabaseLoad(auction, lot, sizing);
  const split = bookSplit(shards);
  const { bidsPerSecond, chatPerSecond } = fiftyThousandViewers;
  const rate = bidsPerSecond + chatPerSecond;
  const lotRest = bidsPerSecond * split.lotBeyondBidsPerBid + chatPerSecond * split.lotBeyondBidsPerChat;
  const onLot = lotLoad.commandsPerSecond + lotRest;
  const first = split.firstPerRequest * rate;
  const reads = finalCallReads(sizing, shards);
  const others = serviceLoads(auction, races, fiftyThousandViewers).filter((l) => !l.what.startsWith('Upstash'));
  const upstash = (what: string, atPeak: number, source: string): ServiceLoad => ({
    what,
    atPeak,
    limit: limits.upstashCommandsPerSecond.value,
    limitName: 'upstashCommandsPerSecond',
    unit: '/s',
    source: `${limits.upstashCommandsPerSecond.source}; ${source}`,
  });
  const measured = 'docs/capacity/measured-shards.json';
  return [
    upstash(
      `Upstash commands on the live lot's database: its bid scripts (modelled: ${Math.round(lotLoad.callsPerSecond)} calls/s) and the rest of its channel's book (measured: ${split.lotBeyondBidsPerBid.toFixed(3)} a bid, ${split.lotBeyondBidsPerChat.toFixed(3)} a chat message)`,
      onLot,
      `docs/capacity/measured-lot.json; ${measured}`,
    ),
    upstash(`Upstash commands on the first database: what belongs to no channel (measured: ${split.firstPerRequest.toFixed(3)} a request)`, first, measured),
    upstash(`Upstash commands on the live lot's database when its channel hashes to the first (the two rows above)`, onLot + first, measured),
    upstash(
      `Upstash commands on a database the show is not on (measured: ${split.idlePerRequest.toFixed(3)} a request of it)`,
      split.idlePerRequest * rate,
      measured,
    ),
    upstash(
      `Upstash commands on the live lot's database when its channel hashes to the first, in a lot's last ${finalCallReadAheadMs / 1000} s with chat (the live lot's database on the first, as above, and the final call's reads: ${Math.round(reads.readsPerSecond)} reads/s, ${reads.instances} chatBids instances each one a round trip, ${reads.commandsPerRead.toFixed(1)} commands a read)`,
      onLot + first + reads.commandsPerSecond,
      `${measured}; shared/local/latency/latency-profile.ts (upstash.command)`,
    ),
    ...others,
    ...sizing.map((f) => ({
      what: `Cloud Run instances of ${f.name} (${f.needed} needed)`,
      atPeak: f.needed,
      limit: deployedMax(f.name),
      unit: ' instances',
      source: '`max_instances` deployed (terraform/locals.tf, shared/registry.ts)',
    })),
  ];
}
