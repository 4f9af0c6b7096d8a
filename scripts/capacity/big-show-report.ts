/**
 * docs/capacity.md's section on a 50,000-viewer show (big-show.ts computes it): the instances
 * the peak needs against those deployed, and every service against its published limit.
 */
import { defaultMaxInstances, functionRegistry } from '../../shared/registry';
import { maxBidsPerCall } from '../../shared/adapters/upstash/bid-script';
import { functionSizing, headroomShare, overHeadroom, type AuctionRecord, type FunctionSizing, type OrdersRecord, type RacesRecord } from './model';
import {
  bigShowBook,
  bigShowLoads,
  commandsPerCall,
  fiftyThousandViewers,
  finalCallReads,
  lotDatabaseLoad,
  measuredWindowMs,
  oneDatabaseHoldsTheShow,
  upstashRows,
  type LotRecord,
} from './big-show';
import { bookSplit, type ShardsRecord } from './book-split';
import { finalCallReadAheadMs } from '../../shared/chatbids';
import { limits } from './services';

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What each function deploys as its instance ceiling: its own `max_instances`, else terraform's cost guard. */
export const deployedMaxInstances = (name: string) => functionRegistry.find((e) => e.name === name)?.maxInstances ?? defaultMaxInstances;

export function bigShowSection(auction: AuctionRecord, orders: OrdersRecord, races: RacesRecord, lot: LotRecord, shards: ShardsRecord): string[] {
  const peak = fiftyThousandViewers;
  const sizing = functionSizing(auction, orders, peak);
  const lotLoad = lotDatabaseLoad(auction, lot, sizing);
  const loads = bigShowLoads(auction, lot, races, sizing, deployedMaxInstances, shards);
  const split = bookSplit(shards);
  const over = overHeadroom(loads);
  const big = [...lot.batches].sort((a, b) => b.bidsPerCall - a.bidsPerCall)[0];
  const bids = sizing.find((f) => f.name === 'auctionBids');
  const upstash = loads.filter((l) => l.limitName === 'upstashCommandsPerSecond');
  const row = (name: (typeof upstashRows)[number]) => upstash[upstashRows.indexOf(name)]?.atPeak ?? 0;
  const share = (commands: number) => `${n((100 * commands) / limits.upstashCommandsPerSecond.value)} %`;
  // Two such peaks at once on the first database: the worst two shows' channels can hash to.
  const twoShows = 2 * row('lotOnFirst');
  const counted = shards.databases.map((d) => `${n(d.commands)}${d.commandStats === d.commands ? '' : ` (INFO ${n(d.commandStats)})`}`).join(', ');
  const ceiling = shards.redisBenchmarkBidsPerSecond;
  const offered = 2 * shards.discordBidsPerSecondPerLot + shards.chatPerSecond;
  const withWindow = bids ? Math.ceil((bids.requestsPerSecond * (bids.wallMsPerRequest + bigShowBook.gatherWindowMs)) / 1000 / bids.concurrency) : 0;
  return [
    `## A show of ${n(peak.viewers)} viewers`,
    '',
    `At its peak: ${n(peak.bidsPerSecond)} bids/s in Discord, ${n(peak.chatPerSecond)} chat messages/s on Twitch, and a drop where ${n(peak.buyNowPresses)} people press Buy Now within ${peak.buyNowWithinSeconds} s for ${peak.buyNowStock} items. The same measured figures a request as above, at these rates; this machine's two cores cannot make the herd itself, so beyond a request's own cost it is modelled.`,
    '',
    `- One lot's herd on its database: \`${lot.command}\`, ${lot.measuredAt}, on a Redis of its own through the book's adapter (docs/capacity/measured-lot.json). A bid-script call runs ${n(commandsPerCall(lot, 2), 1)} commands with a few bids and ${n(big?.commandsPerCall ?? 0, 1)} with ${big?.bidsPerCall ?? 0} (${n(big?.commandsPerBid ?? 0, 2)} a bid): in a herd one bid of a batch leads and the rest are refused, so a call costs about the same whatever its batch, and a lot's database is loaded by its calls, not its bids.`,
    `- A lot's calls: each instance placing bids sends one batch per lot at a time (the gathering), so a lot takes at most one call per instance per gathering cycle: the window plus what a batch takes beyond it, ${n(lotLoad.cycleMs, 1)} ms at a ${bigShowBook.gatherWindowMs} ms window (the round trip's mean, or what the measured run's calls a request show beyond the ${measuredWindowMs} ms window it ran with, the larger), up to ${maxBidsPerCall} bids a call.`,
    '',
    '### The design at this size',
    '',
    `- **The bid gathering's window at ${bigShowBook.gatherWindowMs} ms**, the book's default (\`C500_BID_GATHER_MS\`, terraform's \`bid_gather_ms\`; 0 sends each bid alone): a bid waits at most that long in its instance for company; Discord's 3 s are the ingress's answer, which does not wait for it (the subscriber edits the answer after). With the window in each bid's time in the instance, auctionBids needs ${withWindow} by concurrency, ${withWindow <= (bids?.byCpu ?? 0) ? 'still within its need by CPU' : 'more than its need by CPU: the table below sizes it without the window'}. Which bids share a call never changes an answer (each is decided as alone, at the time Discord received it), so the window moves cost, not outcomes.`,
    `- **One book per lot, never split.** A lot's bids are decided one at a time by one script on one Redis, and its sealed final call begins on that Redis's clock: split over databases, a lot would have two clocks and no one order, and two bidders could be told different things. So a lot's database carries its whole herd, and the gathering (above) is what keeps that within the limit: the row *the live lot's database* below is the wall a single lot meets, at ${lotLoad.instancesWithin} instances placing its bids.`,
    `- **Channels' books spread over ${bigShowBook.databases} Upstash databases** (pay as you go, each its own ${n(limits.upstashCommandsPerSecond.value)} commands/s): the first is \`UPSTASH_REDIS_REST_URL\`, the other ${bigShowBook.databases - 1} the entries of \`UPSTASH_BOOK_SHARDS\` (docs/reference/configuration.md). A channel's auctions and its pointer are on the database \`bookDatabaseOf(channelId, ${bigShowBook.databases})\` picks by rendezvous hashing (shared/auctions/rules/book-shards.ts; adding a database moves about 1 channel in ${bigShowBook.databases + 1}, none between the others; add one between shows: docs/operations/runbook.md#adding-a-database-to-the-book), so a show, all its lots in its channel, is whole on one; every function holding the book is handed one book over all of them (shared/adapters/upstash/sharded-auction-book.ts): bans, trust and servers' rules are written to each, an erasure forgets on each, and what belongs to no channel (the chat outbox, the minute tallies, Stripe's write budget, the probe's notes) stays on the first.`,
    `- **What each database serves, measured**: \`${shards.command}\`, ${shards.measuredAt.slice(0, 10)}, ${shards.machine}: the book over ${shards.databases.length} databases, each a redis-server of its own, two lots at once in channels hashed to the second and third (${n(shards.discordBidsPerSecondPerLot)} Discord bids/s into each, and ${n(shards.chatPerSecond)} chat messages/s into the first of them), the first and the last holding no lot; every command each database ran counted by MONITOR, a script's own commands with it, as Upstash counts them (${counted}; Redis's INFO commandstats agrees) (docs/capacity/measured-shards.json). The run offered ${n(offered)} requests/s in all, and the Discord answers' p99 was ${n(shards.discordAckP99Ms)} ms: what this machine's two cores kept up with that day, shared with other work${ceiling ? ` (the bid script's ceiling by redis-benchmark on one of the databases, in the same run: ${n(ceiling)} bids/s, so the run offered ${n((100 * offered) / ceiling)} % of it)` : ''}. Per request: the first database ${n(split.firstPerRequest, 3)} commands; a lot's database beyond its bid scripts ${n(split.lotBeyondBidsPerBid, 3)} a Discord bid and ${n(split.lotBeyondBidsPerChat, 3)} a chat message; a database the show is not on ${n(split.idlePerRequest, 3)}. The lot's bid scripts are what the run cannot show at this peak (its batches were its own rate's, ${n(split.measuredBidsPerCall, 1)} requests a call): they stay modelled, from one lot's measured calls (above).`,
    `- **At this peak**: the live lot's database ${n(row('lot'))} commands/s (${share(row('lot'))}), the first ${n(row('first'))} (${share(row('first'))}); hashing may put the show's channel on the first, which then carries both, ${n(row('lotOnFirst'))} (${share(row('lotOnFirst'))}): ${oneDatabaseHoldsTheShow(loads) ? `**one database holds a ${n(peak.viewers)}-viewer show's peak** within ${n(100 * headroomShare)} %, wherever its channel falls` : `**one database does not hold a ${n(peak.viewers)}-viewer show's peak** within ${n(100 * headroomShare)} % when its channel falls on the first`}. The ${bigShowBook.databases} databases are for shows at once: two such peaks on the first would be ${n(twoShows)} (${share(twoShows)}), and two shows' channels share a database 1 time in ${bigShowBook.databases} (a host planning two big shows at once checks \`bookDatabaseOf\` of both channels). Before this was measured, the model counted every command a request against the other databases (an upper bound, which asked for 4).`,
    `- The lot's database stays within ${n(100 * headroomShare)} % with up to ${lotLoad.instancesWithin} instances placing its bids at once (each at a call per cycle of ${maxBidsPerCall} bids); the peak needs ${lotLoad.parts.reduce((sum, p) => sum + p.instances, 0)}. Cloud Run runs about what the CPU needs (60 % a vCPU); more instances than that, each busy, would load the lot's database past the model.`,
    '',
    '| function | at the peak | needed | by CPU | by concurrency | `max_instances` deployed | share |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...sizing.map(
      (f) =>
        `| ${f.name} | ${n(f.requestsPerSecond)}/s | ${f.needed} | ${f.byCpu} | ${f.byConcurrency} | ${deployedMaxInstances(f.name)} | ${n((100 * f.needed) / deployedMaxInstances(f.name), 0)} % |`,
    ),
    '',
    '| function placing the lot’s bids | instances | bids/s an instance | bids a call | calls/s |',
    '| --- | --- | --- | --- | --- |',
    ...lotLoad.parts.map((p) => `| ${p.name} | ${p.instances} | ${n(p.perInstance)} | ${n(p.bidsPerCall, 1)} | ${n(p.calls)} |`),
    '',
    `| what | at the peak | limit | share of the limit | within ${n(100 * headroomShare)} % | source |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...loads.map((l) => {
      const within = l.limit === undefined ? '—' : l.atPeak <= headroomShare * l.limit ? 'yes' : '**no**';
      return `| ${l.what} | ${n(l.atPeak, l.atPeak < 10 ? 1 : 0)}${l.unit} | ${l.limit === undefined ? '—' : n(l.limit)} | ${l.limit === undefined ? '—' : `${n((100 * l.atPeak) / l.limit, 0)} %`} | ${within} | ${l.source} |`;
    }),
    '',
    lastSecondsWithChat(sizing, shards, row('lotOnFirst')),
    '',
    over.length === 0
      ? `No service above ${n(100 * headroomShare)} % of its published limit at this peak, with the design above; \`test/unit/scripts/capacity-model.test.ts\` holds the deployed \`max_instances\` and these figures to it.`
      : `**Above ${n(100 * headroomShare)} %:** ${over.join('; ')}.`,
    '',
    "Pub/Sub is held to its publisher quota per project and region, in kB (scripts/capacity/pubsub-load.ts): the ingresses publish one message a request, unbatched (a Discord interaction cannot wait for company), each request counted as its size in whole kB, at least 1 kB; the back-end publishers batch with the client's defaults (up to 100 messages, 1 MB, 10 ms a request). No message carries an ordering key, so the 1 MB/s per ordering key does not apply, and the largest message (a 500-character chat bid) is a few kB against the 10 MB a message. Terraform pages at 80 % of `pubsub_publisher_kb_per_second_limit` (the same 50,000 kB/s; docs/operations/runbook.md#pubsub-publishing-near-the-quota). Firestore's hottest document is a chatter's login, written once whatever the audience.",
    '',
  ];
}

/**
 * A lot's last seconds with chat, in the table's last Upstash row: said beside it, with what the
 * reads would cost unshared (a read a chat bid, as before place-chat-bid shared them).
 */
function lastSecondsWithChat(sizing: readonly FunctionSizing[], shards: ShardsRecord, onLotAndFirst: number): string {
  const reads = finalCallReads(sizing, shards);
  const unshared = finalCallReads(sizing, shards, false);
  const share = (commands: number) => `${n((100 * commands) / limits.upstashCommandsPerSecond.value)} %`;
  return `**A lot's last ${finalCallReadAheadMs / 1000} s with chat (the table's last Upstash row).** From ${finalCallReadAheadMs / 1000} s before a lot's stated end, each chat bid learns from the book whether the sealed final call has begun (\`finalCallOf\`, shared/chatbids/use-cases/place-chat-bid.ts): a read script of ${n(reads.commandsPerRead, 1)} commands (measured above). An instance's chat bids on the lot share one read at a time (shared/chatbids/use-cases/shared-reads.ts; each bid is answered by a read made after it arrived), so each of the ${reads.instances} chatBids instances reads at most once a round trip to Upstash (${n(1000 / reads.perInstance, 1)} ms, its mean): ${n(reads.readsPerSecond)} reads/s, ${n(reads.commandsPerSecond)} commands/s on the live lot's database, ${n(onLotAndFirst + reads.commandsPerSecond)} with the rest when its channel hashes to the first (${share(onLotAndFirst + reads.commandsPerSecond)}), modelled. A read a chat bid, as before they were shared, was ${n(unshared.commandsPerSecond)} commands/s (${share(onLotAndFirst + unshared.commandsPerSecond)} on that database).`;
}
