/**
 * `bench:auction -- --shards`: each database's commands per request, printed, and recorded for
 * the capacity model (`CAPACITY_RECORD_SHARDS=docs/capacity/measured-shards.json`).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { bookSplit, type MeasuredDatabase, type ShardsRecord } from '../capacity/book-split';
import { fmt } from './auction-report';

export function shardsRecord(
  command: string,
  rates: { discordBidsPerSecondPerLot: number; chatPerSecond: number; discordAckP99Ms: number },
  databases: MeasuredDatabase[],
  ceilingPerSecond: number | undefined,
): ShardsRecord {
  const sum = (pick: (lot: NonNullable<MeasuredDatabase['lot']>) => number) => databases.reduce((n, d) => n + (d.lot ? pick(d.lot) : 0), 0);
  return {
    measuredAt: new Date().toISOString(),
    command,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    ...rates,
    discordBids: sum((lot) => lot.discordBids),
    chatMessages: sum((lot) => lot.chatMessages),
    redisBenchmarkBidsPerSecond: ceilingPerSecond ?? null,
    databases,
  };
}

export function printDatabases(record: ShardsRecord): void {
  const requests = record.discordBids + record.chatMessages;
  console.log(
    `\nthe book over ${record.databases.length} databases (a redis-server each): ${record.discordBids} Discord bids and ${record.chatMessages} chat messages`,
  );
  console.table(
    record.databases.map((d) => ({
      database: d.index,
      holds: d.lot ? `lot in ${d.lot.channelId}: ${d.lot.discordBids} bids, ${d.lot.chatMessages} chat` : 'no lot',
      commands: d.commands,
      'INFO commandstats': d.commandStats,
      'per request of its lot': d.lot ? fmt(d.commands / Math.max(1, d.lot.discordBids + d.lot.chatMessages), 3) : '–',
      'per request of the run': fmt(d.commands / Math.max(1, requests), 3),
      'bid-script calls': d.scripts.bid?.calls ?? 0,
      'bid-script commands': d.scripts.bid?.commands ?? 0,
    })),
  );
  for (const d of record.databases) {
    const scripts = Object.entries(d.scripts).map(([name, s]) => `${name} ${s.calls} calls/${s.commands} commands`);
    const others = Object.entries(d.others).map(([name, n]) => `${name} ${n}`);
    console.log(`database ${d.index}: scripts: ${scripts.join(', ') || 'none'}; on their own: ${others.join(', ') || 'none'}`);
  }
  const split = bookSplit(record);
  console.log(
    `per request: the first database ${fmt(split.firstPerRequest, 3)}; a lot's database beyond its bid scripts ${fmt(split.lotBeyondBidsPerBid, 3)} a Discord bid, ${fmt(split.lotBeyondBidsPerChat, 3)} a chat message; a database holding no lot ${fmt(split.idlePerRequest, 3)}; ${fmt(split.measuredBidsPerCall, 1)} requests a bid-script call`,
  );
  if (record.redisBenchmarkBidsPerSecond)
    console.log(`ceiling in the same run: the bid script by redis-benchmark on one database, ${fmt(record.redisBenchmarkBidsPerSecond)} bids/s`);
}

export function recordShards(file: string, record: ShardsRecord): void {
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nrecorded for the capacity model: ${file}`);
}
