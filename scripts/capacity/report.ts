/**
 * docs/capacity.md as the model computes it: written by `npm run capacity`, and compared
 * with the file by the capacity test, so the page never says what the figures do not.
 */
import {
  costs,
  functionSizing,
  headroomShare,
  planFor,
  serviceLoads,
  show,
  timeoutMargin,
  warmForTheHerd,
  type AuctionRecord,
  type OrdersRecord,
  type RacesRecord,
} from './model';
import { limits, prices, pricesReadOn } from './services';
import { defaultMaxInstances } from '../../shared/registry';
import { bigShowSection } from './big-show-report';
import type { ShardsRecord } from './book-split';
import type { LotRecord } from './big-show';

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const usd = (value: number) => `$${value < 1 ? value.toFixed(4) : n(value, 2)}`;

export function capacityReport(auction: AuctionRecord, orders: OrdersRecord, races: RacesRecord, lot: LotRecord, shards: ShardsRecord): string {
  const sizing = functionSizing(auction, orders);
  const loads = serviceLoads(auction, races);
  const cost = costs(auction, orders);
  const limited = loads.filter((l) => l.limit !== undefined).map((l) => ({ ...l, share: l.atPeak / (l.limit as number) }));
  const wall = [...limited].sort((a, b) => b.share - a.share)[0];
  const lines = [
    '# Capacity and cost of a show',
    '',
    '<!-- Written by `npm run capacity` from docs/capacity/*.json and scripts/capacity/services.ts; edit those, not this page. -->',
    '',
    `A show of ${n(show.viewers)} viewers at its peak: ${n(show.bidsPerSecond)} bids/s in Discord, ${n(show.chatPerSecond)} chat messages/s on Twitch, and a drop where ${n(show.buyNowPresses)} people press Buy Now within ${show.buyNowWithinSeconds} s. What each function needs, where the first wall is, and what it costs at list prices read on ${pricesReadOn}.`,
    '',
    '## Measured inputs',
    '',
    `- The herds: \`${auction.command}\`, ${auction.measuredAt.slice(0, 10)}, latency profile ${auction.latency} (docs/capacity/measured-auction.json).`,
    `- The orders: \`${orders.command}\`, ${orders.measuredAt.slice(0, 10)}, latency profile ${orders.latency} (docs/capacity/measured-orders.json).`,
    `- A race's merch sales: \`${races.command}\`, ${races.measuredAt.slice(0, 10)}, latency profile ${races.latency} (docs/capacity/measured-races.json).`,
    '- CPU per request is what each function process measured of itself on this machine (2 cores); a Cloud Run vCPU is taken as one of them.',
    `- What a request costs the services (Redis commands, Pub/Sub messages, Firestore writes, Discord calls) is the herds' average per request at ${n(auction.runs.find((r) => r.chatPerSecond > 0)?.bidsPerSecond ?? 0)} bids/s and ${n(auction.runs.find((r) => r.chatPerSecond > 0)?.chatPerSecond ?? 0)} chat messages/s, applied to the show's ${n(show.bidsPerSecond)} + ${n(show.chatPerSecond)}: the show's mix on this machine's two cores would measure the machine, not the product.`,
    "- A request's time in the instance is its CPU and the means of the latency profile's waits it makes (docs/latency-profile.md): for a Buy Now press, two reads and the answer's edit when sold out, six reads, two commits, Stripe, a task and the edit when it reserves. The bench's own press-to-edit also holds this machine's queue of 2,000 presses on two cores, which production's instances do not share.",
    '- Re-measure with `CAPACITY_RECORD=docs/capacity/measured-auction.json C500_LATENCY=production RATES=1000 npm run bench:auction -- --twitch`, `CAPACITY_RECORD_ORDERS=docs/capacity/measured-orders.json C500_LATENCY=production npm run bench:buy-now` and `CAPACITY_RECORD_RACES=docs/capacity/measured-races.json C500_LATENCY=production npm run bench:race-sales`, then `npm run capacity`.',
    '',
    '## Instances',
    '',
    `Each function has one vCPU an instance and takes \`concurrency\` requests at once. By CPU: requests/s × CPU a request at 60 % of the vCPU. By concurrency: requests/s × the time a request spends in the instance (its CPU and its waits on the services, the means of the latency profile) ÷ the slots. The limit deployed is three times the need, never below terraform's cost guard (\`var.max_instances\`, ${defaultMaxInstances}), which a lower cap would only turn into refused requests past the model: the CPU was measured on this machine’s cores (a Cloud Run vCPU may be slower), instances start while others fill, and a cold start’s seconds need the slack.`,
    '',
    '| function | a request is | at the peak | CPU a request | in the instance | concurrency | by CPU | by concurrency | needed | `max_instances` | `min_instances` |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...sizing.map(
      (f) =>
        `| ${f.name} | ${f.request} | ${n(f.requestsPerSecond)}/s | ${n(f.cpuMsPerRequest, 3)} ms | ${n(f.wallMsPerRequest, 0)} ms | ${f.concurrency} | ${f.byCpu} | ${f.byConcurrency} | ${f.needed} | ${f.maxInstances} | ${f.minInstances} |`,
    ),
    '',
    `Kept warm (\`min_instances\`): the peak's need of the functions a lot's herd meets first (${[...warmForTheHerd].join(', ')}). An instance that starts under a herd spends its first seconds compiling its code with a full queue (the bench's warm-up, docs/performance.md), and Discord's 3 s count a cold start; warm, a lot's first bids meet compiled code and open connections. ${cost.warmInstances} instances idle cost ${usd(cost.warmPerMonth)} a month at Cloud Run's idle price (below).`,
    '',
    '### Concurrency and timeouts',
    '',
    `An instance's slots should not run out before its CPU does: the model raises a function's \`concurrency\` to where one vCPU reaches 60 % (its requests' time in the instance × 60 % ÷ their CPU), up to Cloud Run's ${n(limits.cloudRunMaxConcurrency.value)}, and never lowers it: Cloud Run adds instances when their CPU passes 60 % and sends a busy instance fewer requests than its slots (${limits.cloudRunMaxConcurrency.source}), so slots beyond the CPU cost nothing. A timeout covers ${timeoutMargin} times the slowest requests (the p99s of their waits added up).`,
    '',
    '| function | `concurrency` deployed | the CPU fills an instance at | the model’s | slowest requests (bound) | `timeout_seconds` |',
    '| --- | --- | --- | --- | --- | --- |',
    ...sizing.map(
      (f) =>
        `| ${f.name} | ${f.concurrency} | ${n(f.cpuFullAt)} | ${f.recommendedConcurrency} | ${n(f.p99WallMs, 0)} ms | ${f.timeoutSeconds} (${n((f.timeoutSeconds * 1000) / f.p99WallMs, 0)} ×) |`,
    ),
    '',
    '`terraform/locals.tf` sets each `max_instances` and `concurrency` above (the registry mirrors them, and `test/unit/scripts/capacity-model.test.ts` holds both to these tables); every other function keeps `var.max_instances` and its own slots.',
    '',
    '## The services against their limits',
    '',
    `The show's peak may take ${n(100 * headroomShare)} % of a published limit; the rest is the headroom for a herd past the model. Above it, the model names the plan that gives the headroom, with its price (scripts/capacity/services.ts lists only plans whose limit and price are both published), and \`test/unit/scripts/capacity-model.test.ts\` fails where there is none.`,
    '',
    `| what | at the peak | limit | share of the limit | within ${n(100 * headroomShare)} % | source |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...loads.map((l) => {
      const plan = planFor(l);
      const within =
        l.limit === undefined ? '—' : l.atPeak <= headroomShare * l.limit ? 'yes' : plan ? `with ${plan.name} ($${n(plan.monthlyUsd, 2)} a month)` : '**no**';
      return `| ${l.what} | ${n(l.atPeak, l.atPeak < 10 ? 1 : 0)}${l.unit} | ${l.limit === undefined ? '—' : n(l.limit)} | ${l.limit === undefined ? '—' : `${n((100 * l.atPeak) / l.limit, 0)} %`} | ${within} | ${l.source} |`;
    }),
    '',
    `**The first wall: ${wall ? `${wall.what}, at ${n(100 * wall.share, 0)} % of its limit` : 'none of the limits above'}.** ${whatMovesIt(wall?.what)}`,
    ...limited
      .filter((l) => l !== wall && l.share > headroomShare)
      .flatMap((l) => ['', `**Also above ${n(100 * headroomShare)} % of its limit: ${l.what}, at ${n(100 * l.share, 0)} %.** ${whatMovesIt(l.what)}`]),
    '',
    `Discord's interaction callbacks and their webhook edits (every bid's answer) are outside the bot's global limit; the auction embed is edited at most once a second per auction, within a channel's ${limits.discordChannelEditsPerFiveSeconds.value} edits per 5 s. The bot's chat lines are held to ${limits.twitchChatPerThirtySeconds.value} per 30 s (\`bench:auction -- --twitch\` prints the most it sent in any 30 s).`,
    '',
    ...bigShowSection(auction, orders, races, lot, shards),
    '## Cost at list prices',
    '',
    `Read on ${pricesReadOn}: Cloud Run $${prices.cloudRunVcpuSecond.value}/vCPU-s and $${prices.cloudRunGibSecond.value}/GiB-s (${prices.cloudRunVcpuSecond.source}), Pub/Sub $${prices.pubsubTib.value}/TiB (${prices.pubsubTib.source}), Firestore $0.18 per 100,000 writes (${prices.firestoreWrite.source}), Upstash $0.20 per 100,000 commands (${prices.upstashCommand.source}), Stripe ${n(100 * prices.stripeCardPercent.value, 1)} % + $${prices.stripeCardFixed.value.toFixed(2)} a card payment (${prices.stripeCardPercent.source}).`,
    '',
    '| what | cost |',
    '| --- | --- |',
    `| the warm instances (${cost.warmInstances}, \`min_instances\` above), idle for a month at $${prices.cloudRunIdleVcpuSecond.value}/vCPU-s and $${prices.cloudRunIdleGibSecond.value}/GiB-s | ${usd(cost.warmPerMonth)} |`,
    `| 10,000 bids, with the chat that comes with them | ${usd(cost.perTenThousandBids)} |`,
    `| 1,000 orders on the platform (functions, writes, messages) | ${usd(cost.perThousandOrdersPlatform)} |`,
    `| Stripe's fees on 1,000 orders of $${n(show.averageOrderCents / 100)} | ${usd(cost.perThousandOrdersStripe)} |`,
    `| the show: ${show.lots} lots, each a ${show.herdSeconds} s herd at the peak, and ${show.orders} orders (Stripe's fees apart) | ${usd(cost.show)} |`,
    '',
    `Not in these: Firestore reads ($${n(prices.firestoreRead.value * 100_000, 2)} per 100,000; the benchmarks count writes, not reads) and Cloud Tasks operations ($${n(prices.cloudTasksOperation.value * 1_000_000, 2)} per million: an order's checkout expiry, an auction's hammer), a public ingress's warm instances beyond the model's (\`var.ingress_min_instances\`, 0 by default), storage, egress, and the monthly minimums of each service.`,
    '',
  ];
  return lines.join('\n');
}

function whatMovesIt(what: string | undefined): string {
  if (!what) return '';
  if (what.startsWith('Upstash commands'))
    return 'It moves with fewer commands a bid (each command inside the bid script counts), a fixed Upstash plan or Prod Pack (a higher command rate), or each auction on a database of its own (a show runs one auction at a time, so one database a concurrent auction).';
  if (what.startsWith("a race's busiest document"))
    return 'A race’s sales land as documents of their own and are folded into each racer’s wallet and the pot at most once a second a document (races/rules/sale-fold.ts), so a burst of any size writes its busiest document at the fold’s cadence: one write a second is Firestore’s sustained limit itself, with no headroom. It moves with a fold every 1.25 s or more (`foldSpacingMs`; balances stay exact meanwhile, as the wallet reads the unfolded tail).';
  if (what.startsWith('the busiest document')) return 'It moves by spreading that document over shards, as stock and wallets already are.';
  if (what.startsWith('Firestore writes')) return 'It moves with fewer writes a request, or by ramping traffic up ahead of the show (500/50/5).';
  return 'It moves by sending fewer of these calls a request.';
}
