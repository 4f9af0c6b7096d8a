/**
 * What each database of a sharded book served, as `npm run bench:auction -- --twitch --shards`
 * measured it (docs/capacity/measured-shards.json): lots in channels on different databases at
 * once, each database a redis-server of its own, and the first holding no lot. From it, per
 * request: what the first database serves for every show (the chat outbox, the tallies, what
 * belongs to no channel), what a lot's database serves beyond its bid scripts (per Discord bid
 * and per chat message), and what a database holding no live lot gets from a show elsewhere.
 */

/** One database's count over the measured herd. */
export interface MeasuredDatabase {
  index: number;
  /** The lot on it, and the requests sent into it; none on a database holding no lot. */
  lot?: { channelId: string; discordBids: number; chatMessages: number };
  /** Every command it ran, a script's own included (MONITOR's count; Upstash counts each). */
  commands: number;
  /** Redis's INFO commandstats over the same span, beside it. */
  commandStats: number;
  /** Per script (by name): calls, and the commands they ran, the call included. */
  scripts: Record<string, { calls: number; commands: number }>;
  /** Commands sent on their own, by name. */
  others: Record<string, number>;
}

export interface ShardsRecord {
  measuredAt: string;
  command: string;
  machine: string;
  /** The offered rates: Discord bids a second into each lot, chat messages a second into the lot with chat. */
  discordBidsPerSecondPerLot: number;
  chatPerSecond: number;
  /** The Discord answers' p99 over both lots, in ms: how well this machine kept up at the rates offered. */
  discordAckP99Ms: number;
  /** The requests of the whole run, every lot's. */
  discordBids: number;
  chatMessages: number;
  /** The bid script's ceiling on one database, by redis-benchmark in the same run. */
  redisBenchmarkBidsPerSecond: number | null;
  databases: MeasuredDatabase[];
}

/** Per request, the measured split the capacity model uses. */
export interface BookSplit {
  /** The first database (holding no lot), per request of every show. */
  firstPerRequest: number;
  /** A lot's database beyond its bid scripts, per Discord bid and per chat message into the lot. */
  lotBeyondBidsPerBid: number;
  lotBeyondBidsPerChat: number;
  /** A database holding no lot (not the first), per request of a show elsewhere. */
  idlePerRequest: number;
  /** Bids per bid-script call on the lot's databases in the measured run (its batches, at its rate). */
  measuredBidsPerCall: number;
}

const beyondBids = (d: MeasuredDatabase) => d.commands - (d.scripts.bid?.commands ?? 0);

/** The split from the record: the Discord-only lot gives a bid's share, the lot with chat a chat message's beside it. */
export function bookSplit(record: ShardsRecord): BookSplit {
  const requests = Math.max(1, record.discordBids + record.chatMessages);
  const [first, ...rest] = record.databases;
  if (!first || first.lot) throw new Error('the shards record needs its first database holding no lot');
  const lots = rest.filter((d) => d.lot);
  const discordOnly = lots.find((d) => d.lot && d.lot.chatMessages === 0 && d.lot.discordBids > 0);
  const withChat = lots.find((d) => d.lot && d.lot.chatMessages > 0);
  if (!discordOnly || !withChat) throw new Error('the shards record needs a lot with Discord bids alone and a lot with chat');
  const perBid = beyondBids(discordOnly) / Math.max(1, discordOnly.lot?.discordBids ?? 0);
  const chatLot = withChat.lot as NonNullable<MeasuredDatabase['lot']>;
  const perChat = Math.max(0, beyondBids(withChat) - perBid * chatLot.discordBids) / Math.max(1, chatLot.chatMessages);
  const idle = rest.filter((d) => !d.lot);
  const lotRequests = lots.reduce((sum, d) => sum + (d.lot?.discordBids ?? 0) + (d.lot?.chatMessages ?? 0), 0);
  const lotCalls = lots.reduce((sum, d) => sum + (d.scripts.bid?.calls ?? 0), 0);
  return {
    firstPerRequest: first.commands / requests,
    lotBeyondBidsPerBid: perBid,
    lotBeyondBidsPerChat: perChat,
    idlePerRequest: idle.length === 0 ? 0 : Math.max(...idle.map((d) => d.commands)) / requests,
    measuredBidsPerCall: lotRequests / Math.max(1, lotCalls),
  };
}
