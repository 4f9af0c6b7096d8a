/**
 * `npm run capacity:lot` (with CAPACITY_RECORD_LOT=docs/capacity/measured-lot.json, the
 * capacity model reads it): what one lot's herd costs its Redis database, measured on the
 * local Redis through the book's own adapter (the bid script, the gathering), by Redis's own
 * INFO: commands per script call and bids per call, for batches of 1 to 64 bids. A herd is
 * waves of bidders pressing the same shown amount at once, as a button herd does: one of them
 * leads, the rest are refused too low or outbid. Machine speed does not enter the figures:
 * each wave's size is its batch size (every wave's bids are handed to the gathering together).
 * The Redis is one of its own (a redis-server it starts on REDIS_PORT, 6391, and stops), so no
 * other client's commands enter Redis's counts.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { connectAuctionBookOverResp } from '../../shared/local/upstash/resp-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { defaultLadder } from '../../shared/auctions';
import type { BidRequest } from '../../shared/ports';

export interface LotBatch {
  bidsPerCall: number;
  commandsPerCall: number;
  commandsPerBid: number;
}

export interface LotRecord {
  measuredAt: string;
  command: string;
  batches: LotBatch[];
}

const port = Number(process.env.REDIS_PORT ?? 6391);
const redisUrl = `redis://127.0.0.1:${port}`;
const waves = Number(process.env.WAVES ?? 40);

async function stats(redis: IORedis): Promise<{ commands: number; calls: number }> {
  const info = await redis.info('commandstats');
  const calls = ['evalsha', 'eval'].reduce((sum, name) => sum + Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info)?.[1] ?? 0), 0);
  const commands = [...info.matchAll(/cmdstat_([a-z|_]+):calls=(\d+)/g)].filter(([, name]) => name !== 'info').reduce((sum, [, , n]) => sum + Number(n), 0);
  return { commands, calls };
}

async function measureBatch(size: number): Promise<LotBatch> {
  const prefix = `measure:lot:${randomUUID()}:`;
  const connection = connectAuctionBookOverResp(redisUrl);
  const counter = new IORedis(redisUrl);
  // A long window: every wave's bids are in one batch, whatever this machine's speed.
  const book = createUpstashAuctionBook(connection.redis, { idKey: 'measure-id-hash-key-0123456789abcdef', keyPrefix: prefix, gatherMs: 50 });
  const now = Date.now();
  const auctionId = `lot-${size}`;
  await book.open({
    auctionId,
    guildId: '900000000000000001',
    channelId: `c-${size}`,
    messageId: 'm1',
    builderId: 'builder',
    item: 'Keyboard',
    currency: 'usd',
    startCents: 1_000,
    reserveCents: 0,
    opensAtMs: now - 1_000,
    endsAtMs: now + 3_600_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 0,
    streamDelayMs: 0,
    finalCallMs: 0,
    ladder: defaultLadder,
  });
  let shown = 1_000;
  const before = await stats(counter);
  let n = 0;
  for (let wave = 0; wave < waves; wave += 1) {
    // Each presses the next amount the embed shows.
    const bids = Array.from({ length: size }, (_, i): BidRequest => {
      n += 1;
      return {
        bidId: `${size}-${n}`,
        guildId: '900000000000000001',
        bidderId: `9100000000000${String(i % 500).padStart(5, '0')}`,
        bidderName: `bidder ${i}`,
        amountCents: shown,
        maxCents: shown,
        responseToken: `t${n}`,
        atMs: Date.now(),
        receivedAtMs: Date.now(),
      };
    });
    const results = await Promise.all(bids.map((bid) => book.placeBid({ auctionId }, bid)));
    shown = Math.max(shown, ...results.map((r) => r.snapshot?.nextMinimumCents ?? shown));
  }
  const after = await stats(counter);
  // A script's first call on a fresh Redis is an EVALSHA refused NOSCRIPT and its EVAL: two calls for one.
  const calls = waves;
  const commands = after.commands - before.commands - (after.calls - before.calls - waves);
  const keys = await counter.keys(`${prefix}*`);
  if (keys.length > 0) await counter.del(...keys);
  await counter.quit();
  await connection.close();
  return { bidsPerCall: (waves * size) / calls, commandsPerCall: commands / calls, commandsPerBid: commands / (waves * size) };
}

async function main(): Promise<void> {
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const batches: LotBatch[] = [];
  try {
    for (let tries = 0; ; tries += 1) {
      const probe = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.quit();
        break;
      } catch (error) {
        probe.disconnect();
        if (tries > 50) throw error;
        await sleep(100);
      }
    }
    for (const size of [1, 4, 16, 64]) batches.push(await measureBatch(size));
  } finally {
    server.kill();
  }
  const record: LotRecord = { measuredAt: new Date().toISOString().slice(0, 10), command: `WAVES=${waves} npm run capacity:lot`, batches };
  console.table(batches);
  if (process.env.CAPACITY_RECORD_LOT) writeFileSync(process.env.CAPACITY_RECORD_LOT, JSON.stringify(record, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
