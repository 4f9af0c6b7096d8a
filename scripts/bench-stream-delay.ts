/**
 * `npm run bench:stream-delay`: one clock for everyone, whatever their delay. For stream
 * delays of 0, 3 and 12 s, AUCTIONS (default 30) sudden-death auctions, each ending in the
 * sealed final call its delay gets by default (10 s, 20 s past 5 s), each take CHATTERS
 * (default 400) chat bids from viewers who watch the on-stream overlay through that delay
 * and type `!bid` at a random moment around the end: while their screen shows time left, at
 * 00:00, or after it shows SOLD. Each bid carries Twitch's timestamp (when it was typed) and
 * reaches the book 50–1,500 ms later, as EventSub delivers it; the book is the real bid
 * script on the local Redis (REDIS_URL), or the reference model when none answers.
 *
 * The viewer's screen is the overlay as `web/overlay/auction.html` draws it, seen `delay`
 * later: the JSON polled every second (a random phase), the clock redrawn every 250 ms (a
 * random phase) down the final call to its end less the stream's delay (the overlay's zero
 * comes that early on stream, so a viewer that far behind sees it as bidding closes), half a
 * second earlier still, its server time known to ±100 ms; SOLD once a poll finds the hammer
 * fallen (at the final call's end plus the settle window). Discord's card gives the final
 * call's end, `<t:hammer:T>`, which reaches it at the hammer's whole second. Time is simulated (the book takes it only as arguments), so the figures do
 * not depend on this machine. Prints the table; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { cpus, hostname } from 'node:os';
import { defaultFinalCall, defaultLadder, newAuctionBookModel, type AuctionTerms } from '../shared/auctions';
import { createUpstashAuctionBook } from '../shared/adapters/upstash/upstash-auction-book';
import { connectAuctionBookOverResp } from '../shared/local/upstash/resp-connection';
import { acceptedOutcomes, type AuctionBook, type BidOutcome } from '../shared/ports';

const delays = [0, 3, 12];
const auctions = Number(process.env.AUCTIONS ?? 30);
const chatters = Number(process.env.CHATTERS ?? 400);
const settleMs = 2_000;
const pollMs = 1_000;
const tickMs = 250;
/** As web/overlay/auction.html: its clock reaches zero this much before the stated end. */
const zeroGuardMs = 500;
const offsetErrorMs = 100;

type Screen = 'time-left' | 'zero' | 'sold';

interface Row {
  delay: number;
  bids: Record<Screen, { made: number; judged: number; accepted: number }>;
  /** Discord's zero minus the delayed overlay's, per auction: the worst either way. */
  gapMs: { min: number; max: number };
}

/** A seeded generator, so a run can be repeated exactly (SEED). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What a viewer watching `delayMs` behind sees at wall time `t`. */
function screenAt(t: number, o: { zeroMs: number; delayMs: number; soldOnObsMs: number; pollPhase: number; tickPhase: number; offsetMs: number }): Screen {
  const obs = t - o.delayMs;
  const lastPoll = Math.floor((obs - o.pollPhase) / pollMs) * pollMs + o.pollPhase;
  if (lastPoll >= o.soldOnObsMs) return 'sold';
  const lastTick = Math.floor((obs - o.tickPhase) / tickMs) * tickMs + o.tickPhase;
  const remaining = o.zeroMs - (lastTick + o.offsetMs) - zeroGuardMs;
  return Math.ceil(Math.max(0, remaining) / 1000) > 0 ? 'time-left' : 'zero';
}

async function openBook(): Promise<{ book: AuctionBook; kind: string; close: () => Promise<void> }> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  try {
    const connection = connectAuctionBookOverResp(url);
    const book = createUpstashAuctionBook(connection.redis, { keyPrefix: `bench-delay-${Date.now()}:`, idKey: randomBytes(32).toString('hex') });
    await book.read('probe');
    return { book, kind: `the bid script (Lua) on Redis at ${url}`, close: () => connection.close() };
  } catch {
    const model = newAuctionBookModel();
    const book = {
      open: async (t: AuctionTerms) => model.open(t),
      placeBid: async (...a: Parameters<typeof model.placeBid>) => model.placeBid(...a),
      hammer: async (...a: Parameters<typeof model.hammer>) => model.hammer(...a),
    } as unknown as AuctionBook;
    return { book, kind: 'the reference model (no Redis answered)', close: async () => undefined };
  }
}

async function runDelay(book: AuctionBook, delay: number, rand: () => number, run: string): Promise<Row> {
  const row: Row = {
    delay,
    bids: { 'time-left': { made: 0, judged: 0, accepted: 0 }, zero: { made: 0, judged: 0, accepted: 0 }, sold: { made: 0, judged: 0, accepted: 0 } },
    gapMs: { min: Infinity, max: -Infinity },
  };
  const delayMs = delay * 1000;
  for (let n = 0; n < auctions; n++) {
    const opensAtMs = 1_800_000_000_000 + n * 3_600_000 + Math.floor(rand() * 1000);
    const endMs = opensAtMs + 60_000;
    const finalCallMs = defaultFinalCall(delay) * 1000;
    const hammerMs = endMs + finalCallMs;
    const auctionId = `sd${run}d${delay}n${n}`;
    const terms: AuctionTerms = {
      auctionId,
      guildId: 'bench-guild',
      channelId: `c-${auctionId}`,
      messageId: 'm',
      builderId: 'builder',
      item: 'Delay board',
      currency: 'usd',
      startCents: 100,
      reserveCents: 0,
      opensAtMs,
      endsAtMs: endMs,
      streamDelayMs: delayMs,
      finalCallMs,
      counterBidMs: 0,
      suddenDeath: true,
      settleMs,
      ladder: defaultLadder,
    };
    await book.open(terms);
    const screen = {
      // The overlay's final call reaches zero the stream's delay before its end: on the viewer's screen, as it ends.
      zeroMs: hammerMs - delayMs,
      delayMs,
      // The hammer's task runs once the settle window is over; the overlay's next poll finds it.
      soldOnObsMs: hammerMs + settleMs + 50,
      pollPhase: Math.floor(rand() * pollMs),
      tickPhase: Math.floor(rand() * tickMs),
      offsetMs: Math.round((rand() * 2 - 1) * offsetErrorMs),
    };
    // The first wall moment the delayed overlay shows zero (or SOLD), to the millisecond.
    let overlayZero = hammerMs - 3_000;
    while (screenAt(overlayZero, screen) === 'time-left') overlayZero += 1;
    const discordZero = Math.floor(hammerMs / 1000) * 1000;
    row.gapMs.min = Math.min(row.gapMs.min, discordZero - overlayZero);
    row.gapMs.max = Math.max(row.gapMs.max, discordZero - overlayZero);

    const bids = Array.from({ length: chatters }, (_, i) => {
      // Typed from 4 s before the overlay's zero to 4 s after SOLD shows on the viewer's screen.
      const from = overlayZero - 4_000;
      const to = screen.soldOnObsMs + delayMs + pollMs + 4_000;
      const typedAt = Math.floor(from + rand() * (to - from));
      return { i, typedAt, receivedAt: typedAt + 50 + Math.floor(rand() * 1_450), seen: screenAt(typedAt, screen) };
    }).sort((a, b) => a.receivedAt - b.receivedAt);
    for (const b of bids) {
      const result = await book.placeBid(
        { auctionId },
        {
          bidId: `${auctionId}-${b.i}`,
          guildId: 'bench-guild',
          bidderId: `twitch:${b.i}`,
          bidderName: `viewer ${b.i}`,
          amountCents: 100 + b.i * 100,
          maxCents: 100 + b.i * 100,
          responseToken: '',
          atMs: b.typedAt,
          receivedAtMs: b.receivedAt,
        },
      );
      const tally = row.bids[b.seen];
      tally.made += 1;
      if (judged(result.outcome)) tally.judged += 1;
      if (acceptedOutcomes.includes(result.outcome)) tally.accepted += 1;
    }
    await book.hammer(auctionId, 0, hammerMs + settleMs);
  }
  return row;
}

/** Judged: decided on its merits (led, outbid, too low), not refused as made too late. */
const judged = (outcome: BidOutcome) => outcome !== 'closed' && outcome !== 'too-early' && outcome !== 'not-found';

function table(rows: Row[]): string {
  const lines = [
    '| stream delay | bids typed while the screen showed time left | of them judged | typed at 00:00 before SOLD | of them judged | typed after SOLD on screen | of them accepted | Discord’s zero − the delayed overlay’s zero |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const { 'time-left': left, zero, sold } = r.bids;
    lines.push(
      `| ${r.delay} s | ${left.made} | ${left.judged} | ${zero.made} | ${zero.judged} | ${sold.made} | ${sold.accepted} | ${(r.gapMs.min / 1000).toFixed(2)} s to ${(r.gapMs.max / 1000).toFixed(2)} s |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { book, kind, close } = await openBook();
  const seed = Number(process.env.SEED ?? 53);
  const rand = random(seed);
  const rows: Row[] = [];
  for (const delay of delays) rows.push(await runDelay(book, delay, rand, String(seed)));
  await close();
  console.log(`stream delay: ${auctions} sudden-death auctions a delay, ${chatters} chat bids each, judged by ${kind}; seed ${seed}`);
  console.log(`machine: ${hostname()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}\n`);
  console.log(table(rows));
  const fair = rows.every((r) => r.bids['time-left'].judged === r.bids['time-left'].made && r.bids.sold.accepted === 0);
  const together = rows.every((r) => Math.abs(r.gapMs.min) <= 1_000 && Math.abs(r.gapMs.max) <= 1_000);
  console.log(`\nevery bid typed with time left on screen judged, none typed after SOLD accepted: ${fair ? 'yes' : 'NO'}`);
  console.log(`Discord and the delayed overlay reach zero within 1 s of each other: ${together ? 'yes' : 'NO'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
