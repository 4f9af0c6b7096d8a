/**
 * The ceiling for `bench:auction`: the bid script, exactly as the book runs it, driven by
 * `redis-benchmark` with EVALSHA straight at Redis (no HTTP, no Upstash), and the same
 * bids through the Upstash adapter alone (REST bridge, auto-pipelining, no Discord or
 * Pub/Sub), so the two can be compared. Amounts are random, as in a herd: many bids are
 * accepted early, more are "too low" later; the accepted share is printed with the rate.
 */
import { execFileSync } from 'node:child_process';
import type { AuctionBook } from '../shared/ports';
import { defaultLadder } from '../shared/auctions';
import { auctionBookKeys } from '../shared/adapters/upstash/upstash-auction-book';
import { bidScript } from '../shared/adapters/upstash/auction-scripts';
import { withoutUpstashOnlyFlags } from '../shared/local/upstash/upstash-only-script-flags';

export interface Ceiling {
  clients: number;
  perSecond: number;
  acceptedShare: number;
  adapterBids: number;
  adapterPerSecond: number;
  adapterAcceptedShare: number;
}

/** The server of the ceiling's auctions. */
const ceilingGuild = 'ceiling-guild';

export async function bidCeiling(options: {
  redisUrl: string;
  book: AuctionBook;
  keyPrefix: string;
  requests?: number;
  clients?: number;
}): Promise<Ceiling | undefined> {
  const { hostname, port } = new URL(options.redisUrl);
  const cli = (...args: string[]) => execFileSync('redis-cli', ['-h', hostname, '-p', port || '6379', ...args], { encoding: 'utf8' }).trim();
  const requests = options.requests ?? 100_000;
  const clients = options.clients ?? 50;
  const keys = auctionBookKeys(options.keyPrefix);
  const now = Date.now();

  let sha: string;
  try {
    // Straight at Redis, which refuses Upstash's allow-key-locking: the script as the local stand-ins run it.
    sha = cli('SCRIPT', 'LOAD', withoutUpstashOnlyFlags(bidScript));
  } catch {
    console.log('redis-benchmark ceiling skipped: redis-cli is not installed');
    return undefined;
  }
  await openCeilingAuction(options.book, 'ceilingraw', now);
  // The default cooldown (each bid reads and writes the bidder's last), no new-bidder limit:
  // the amounts are random up to $1M, and a refusal would be cheaper than the bids measured.
  await options.book.setGuildTrust(ceilingGuild, { version: Date.now(), newBidderLimitCents: 0, cooldownMs: 1_000, blocked: [] });
  const rawKeys = keys.bidKeys('ceilingraw', ceilingGuild);
  const perSecond = evalShaBenchmark({ hostname, port: port || '6379', requests, clients, sha, rawKeys, now });
  const rawAccepted = Number(cli('XLEN', rawKeys[1] as string));

  await openCeilingAuction(options.book, 'ceilingrest', now);
  const adapter = await bidsThroughAdapter(options.book, Math.min(requests, 20_000), now);
  for (const auctionId of ['ceilingraw', 'ceilingrest']) cli('DEL', ...keys.auctionKeys(auctionId), keys.pointerKey(`ceiling-${auctionId}`));
  cli('DEL', keys.trustKey(ceilingGuild));
  return {
    clients,
    perSecond,
    acceptedShare: rawAccepted / requests,
    adapterBids: adapter.bids,
    adapterPerSecond: adapter.bids / adapter.seconds,
    adapterAcceptedShare: adapter.accepted / adapter.bids,
  };
}

/** An hour-long auction of the ceiling's, open from `now`. */
async function openCeilingAuction(book: AuctionBook, auctionId: string, now: number): Promise<void> {
  await book.open({
    auctionId,
    guildId: ceilingGuild,
    channelId: `ceiling-${auctionId}`,
    messageId: 'm',
    builderId: 'builder',
    item: 'Ceiling board',
    currency: 'usd',
    startCents: 100,
    reserveCents: 0,
    opensAtMs: now,
    endsAtMs: now + 3_600_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 0,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
  });
}

/** `redis-benchmark` running the bid script by EVALSHA on `ceilingraw`: the requests per second it reports. */
function evalShaBenchmark(o: {
  hostname: string;
  port: string;
  requests: number;
  clients: number;
  sha: string;
  rawKeys: readonly string[];
  now: number;
}): number {
  const { hostname, port, requests, clients, sha, rawKeys, now } = o;
  // Each __rand_int__ is its own random 12-digit number: bid ids never repeat, bidders rarely, amounts climb from $1.
  const bench = execFileSync(
    'redis-benchmark',
    [
      '-h',
      hostname,
      '-p',
      port,
      '-n',
      String(requests),
      '-c',
      String(clients),
      '-r',
      '100000000',
      '-q',
      'EVALSHA',
      sha,
      String(rawKeys.length),
      ...rawKeys,
      // A batch of one, by id: no expected auction.
      '',
      '1',
      'b__rand_int__',
      'u__rand_int__',
      'Bidder',
      '__rand_int__',
      '__rand_int__',
      'token',
      String(now + 1),
      String(now + 1),
      ceilingGuild,
      'twitch-login:nobody',
      // Not a pre-bid; the bidder's id and alias as the lists keep them (hashed), as a real bid carries them.
      '',
      'h:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'h:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
    ],
    { encoding: 'utf8' },
  );
  return Number(/([\d.]+) requests per second/.exec(bench)?.[1] ?? 0);
}

/** `count` random bids at once on `ceilingrest` through the Upstash adapter: how long they took and how many the book took. */
async function bidsThroughAdapter(book: AuctionBook, count: number, now: number): Promise<{ bids: number; seconds: number; accepted: number }> {
  const began = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const amount = 100 + Math.floor(Math.random() * 100_000_000);
      return book.placeBid(
        { auctionId: 'ceilingrest' },
        {
          bidId: `r${i}`,
          guildId: ceilingGuild,
          // Each bidder's bids made two seconds apart: the cooldown is read and written, never refuses.
          bidderId: `u${i % 2_000}`,
          bidderName: 'Bidder',
          amountCents: amount,
          maxCents: amount,
          responseToken: 'token',
          atMs: now + 1 + i,
          receivedAtMs: now + 1,
        },
      );
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const accepted = results.filter((r) => r.outcome === 'leading' || r.outcome === 'outbid' || r.outcome === 'raised-max').length;
  return { bids: count, seconds, accepted };
}
