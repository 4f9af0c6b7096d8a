/**
 * `npm run capacity`: recomputes docs/capacity.md from what the benchmarks recorded
 * (docs/capacity/measured-*.json) and what the services publish (scripts/capacity/services.ts).
 * `--check` only says whether the page is up to date (exit 1 when not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/local/runtime';
import { capacityReport } from './capacity/report';
import type { AuctionRecord, OrdersRecord, RacesRecord } from './capacity/model';
import type { LotRecord } from './capacity/big-show';
import type { ShardsRecord } from './capacity/book-split';

const docsDir = join(projectRoot(), 'docs');

export function readMeasured(docs = docsDir): { auction: AuctionRecord; orders: OrdersRecord; races: RacesRecord; lot: LotRecord; shards: ShardsRecord } {
  const read = <T>(name: string) => JSON.parse(readFileSync(join(docs, 'capacity', name), 'utf8')) as T;
  return {
    auction: read<AuctionRecord>('measured-auction.json'),
    orders: read<OrdersRecord>('measured-orders.json'),
    races: read<RacesRecord>('measured-races.json'),
    lot: read<LotRecord>('measured-lot.json'),
    shards: read<ShardsRecord>('measured-shards.json'),
  };
}

function main(): void {
  const { auction, orders, races, lot, shards } = readMeasured();
  const page = capacityReport(auction, orders, races, lot, shards);
  const file = join(docsDir, 'capacity.md');
  if (process.argv.includes('--check')) {
    const same = readFileSync(file, 'utf8') === page;
    console.log(same ? 'docs/capacity.md is up to date' : 'docs/capacity.md is out of date: run npm run capacity');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(file, page);
  console.log(page);
}

if (require.main === module) main();
