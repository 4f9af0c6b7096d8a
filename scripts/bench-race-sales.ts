/**
 * `npm run bench:race-sales`: a hype moment during a race. SALES merch sales (default
 * 3,000) arrive at once from Stripe, Ko-fi and Shopify, plus REPEATS redeliveries (default
 * a third as many), CONCURRENCY in flight (default 200), while RACERS (8) race, through the
 * whole local pipeline as `npm start` runs it, in a process of its own: signed webhook →
 * the shop's own ingress process → bus → the sale's atomic batch → the lobby message task.
 * RUNS bursts (default 3), each in a race of its own; beside each, the same burst to a bare
 * Node server that reads the body and answers 200, the ceiling on this machine. Prints,
 * per run and as medians: webhooks answered, answer p50/p99 against the ceiling's p99, how
 * long until every credit landed, whether each racer's balance is exact to the cent, how
 * many Discord edits the lobby message cost and the busiest documents, and how long from a
 * sale's answer until the race's pot overlay (polled as OBS polls it) counted it. Asserts nothing.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { interactionSigner, type InteractionSigner } from '../shared/local/discord-signing';
import { shopifySignature } from '../shared/adapters/shops/shopify-signature';
import { stripeSignatureHeader } from '../shared/adapters/stripe/stripe-signature';
import { commissionPool, splitCommission, sumWallet, walletTail, type UnfoldedSale, type Wallet } from '../shared/races';
import { snowflakeAt } from '../shared/common';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';
import type { DocumentWrites } from '../shared/local/firestore/document-store';
import type { DevSecrets } from '../shared/local/dev-secrets';
import { startRuntimeProcess, type RuntimeProcess } from './bench/runtime-process';
import { burst, median, percentile, type BurstRequest } from './bench/burst';
import { saleKey, type Shop } from '../shared/payments';

const saleCount = Number(process.env.SALES ?? 3_000);
const repeats = Number(process.env.REPEATS ?? Math.floor(saleCount / 3));
const racerCount = Number(process.env.RACERS ?? 8);
/** Webhooks in flight at once: shops send from many machines, but one process's sockets run out. */
const inFlight = Number(process.env.CONCURRENCY ?? 200);
const runs = Number(process.env.RUNS ?? 3);
const host = '800000000000000001';

interface Sale {
  shop: Shop;
  saleId: string;
  amountCents: number;
}

function delivery(secrets: DevSecrets, guild: string, sale: Sale, id: string): BurstRequest {
  const decimal = (sale.amountCents / 100).toFixed(2);
  const now = new Date();
  if (sale.shop === 'kofi') {
    const data = {
      verification_token: secrets.KOFI_VERIFICATION_TOKEN,
      message_id: id,
      timestamp: now.toISOString(),
      type: 'Shop Order',
      amount: decimal,
      currency: 'USD',
      kofi_transaction_id: sale.saleId,
    };
    return {
      path: `/webhooks/kofi/${guild}`,
      body: new URLSearchParams({ data: JSON.stringify(data) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  if (sale.shop === 'shopify') {
    const body = JSON.stringify({
      id: Number(sale.saleId),
      name: `#${sale.saleId}`,
      currency: 'USD',
      total_price: decimal,
      financial_status: 'paid',
      updated_at: now.toISOString(),
    });
    return {
      path: `/webhooks/shopify/${guild}`,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': shopifySignature(body, secrets.SHOPIFY_WEBHOOK_SECRET as string),
        'x-shopify-topic': 'orders/paid',
        'x-shopify-webhook-id': id,
      },
    };
  }
  const created = Math.floor(now.getTime() / 1000);
  const session = {
    id: sale.saleId,
    object: 'checkout.session',
    payment_status: 'paid',
    amount_total: sale.amountCents,
    currency: 'usd',
    payment_intent: `pi_${sale.saleId}`,
    metadata: { guild_id: guild },
  };
  const body = JSON.stringify({ id: `evt_${id}`, object: 'event', type: 'checkout.session.completed', created, data: { object: session } });
  return {
    path: '/webhooks/stripe',
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, secrets.STRIPE_WEBHOOK_SECRET as string, created) },
  };
}

interface Run {
  answered: number;
  p50: number;
  p99: number;
  ceilingP99: number;
  creditedMs: number;
  offByACent: number;
  edits: number;
  hottest: string;
  /** From a sale's webhook answered to the pot overlay counting it: p50 and p99. */
  overlayP50: number;
  overlayP99: number;
  /** The most written document's busiest second, and which it was. */
  busiestPeakPerSecond: number;
  busiestPath: string;
  /** The most written document's busiest sustained rate (its busiest ten seconds, per second), and which it was. */
  busiestSustainedPerSecond: number;
  busiestSustainedPath: string;
  /** Sales credited a second, over the burst. */
  salesPerSecond: number;
}

async function quiet(rt: RuntimeProcess): Promise<void> {
  for (let calm = 0; calm < 3; await new Promise((r) => setTimeout(r, 250))) {
    const health = (await (await fetch(`${rt.runtimeUrl}/_local/health`)).json()) as {
      unsettledMessages: number;
      tasksDueSoon: number;
      stripeEventsUndelivered?: number;
    };
    calm = health.unsettledMessages === 0 && health.tasksDueSoon === 0 && !health.stripeEventsUndelivered ? calm + 1 : 0;
  }
}

async function outbox(rt: RuntimeProcess, after = 0): Promise<OutboxEntry[]> {
  return ((await (await fetch(`${rt.runtimeUrl}/_local/outbox?after=${after}`)).json()) as { entries: OutboxEntry[] }).entries;
}

async function oneRun(
  rt: RuntimeProcess,
  sign: InteractionSigner,
  secrets: DevSecrets,
  ceilingUrl: string,
  run: number,
): Promise<{ run: Run; guild: string; racers: string[]; sales: Sale[] }> {
  // Each run races in a server of its own: one window per server.
  const guild = `90000000000000${String(run).padStart(4, '0')}`;
  const racers = Array.from({ length: racerCount }, (_, i) => `81000000000${String(run).padStart(3, '0')}${String(i).padStart(4, '0')}`);
  const from = (await outbox(rt)).at(-1)?.seq ?? 0;
  const body = JSON.stringify({
    id: snowflakeAt(Date.now(), run),
    type: 2,
    token: `bench-race-${run}`,
    application_id: '1100000000000000001',
    guild_id: guild,
    channel_id: '910000000000000001',
    member: { user: { id: host, username: 'host' }, permissions: '8' },
    data: { name: 'race', options: [{ name: 'start', type: 1, options: [{ name: 'racers', type: 3, value: racers.map((r) => `<@${r}>`).join(' ') }] }] },
  });
  await fetch(`${rt.url}/discord/interactions`, { method: 'POST', body, headers: sign(body) });
  await quiet(rt);
  const lobbyPost = (await outbox(rt, from)).find((e) => e.kind === 'channel' && /Lobby /.test(e.message.embeds?.[0]?.footer?.text ?? ''));
  if (!lobbyPost) throw new Error('the race did not start');

  const shops: Shop[] = ['stripe', 'kofi', 'shopify'];
  const sales: Sale[] = Array.from({ length: saleCount }, (_, i) => {
    const shop = shops[i % 3] as Shop;
    return { shop, saleId: shop === 'shopify' ? String(5_000_000 + run * 100_000 + i) : `${shop}${run}x${i}`, amountCents: 500 + ((i * 7_919) % 20_000) };
  });
  const sends = [
    ...sales.map((s, i) => delivery(secrets, guild, s, `r${run}d${i}`)),
    ...Array.from({ length: repeats }, (_, i) =>
      delivery(secrets, guild, sales[(i * 3) % saleCount] as Sale, i % 2 === 0 ? `r${run}d${(i * 3) % saleCount}` : `r${run}retry${i}`),
    ),
  ];
  await fetch(`${rt.runtimeUrl}/_local/store/hottest/reset`, { method: 'POST' });
  const lobbyId = /Lobby (\S+)/.exec(lobbyPost.message.embeds?.[0]?.footer?.text ?? '')?.[1] ?? '';
  const overlay = watchPotOverlay(rt, lobbyId);
  const start = Date.now();
  const burstAtMs = performance.now();
  const answers = await burst(rt.url, sends, inFlight);
  await quiet(rt);
  const creditedMs = Date.now() - start;
  const shown = await overlay.stop();
  // Each sale's first delivery, answered 200: the k-th accepted is on the overlay once it counts k sales.
  const accepted = answers
    .slice(0, saleCount)
    .filter((a) => a.status === 200)
    .map((a) => burstAtMs + a.sinceBurstMs)
    .sort((a, b) => a - b);
  const overlayLags = accepted.map((atMs, k) => (shown.find((s) => s.sales >= k + 1)?.atMs ?? Number.NaN) - atMs);
  // C500's own documents (not the stand-ins' `_local…` state), the busiest second first.
  const busiest = ((await (await fetch(`${rt.runtimeUrl}/_local/store/hottest?limit=50`)).json()) as { documents: DocumentWrites[] }).documents
    .filter((d) => !d.path.startsWith('_local'))
    .sort((a, b) => b.peakPerSecond - a.peakPerSecond);
  const hottest = busiest
    .slice(0, 3)
    .map((d) => `${d.path} ${d.writes} (peak ${d.peakPerSecond}/s, sustained ${d.sustainedPerSecond}/s)`)
    .join(', ');
  const steadiest = [...busiest].sort((a, b) => b.sustainedPerSecond - a.sustainedPerSecond)[0];
  const edits = (await outbox(rt, from)).filter((e) => e.kind === 'edit' && e.messageId === lobbyPost.messageId).length;
  const ceiling = await burst(ceilingUrl, sends, inFlight);
  const ms = answers.map((a) => a.ms);
  return {
    guild,
    racers,
    sales,
    run: {
      answered: answers.filter((a) => a.status === 200).length,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      ceilingP99: percentile(
        ceiling.map((a) => a.ms),
        99,
      ),
      creditedMs,
      offByACent: 0,
      edits,
      hottest,
      overlayP50: percentile(overlayLags, 50),
      overlayP99: percentile(overlayLags, 99),
      busiestPeakPerSecond: busiest[0]?.peakPerSecond ?? 0,
      busiestPath: busiest[0]?.path ?? '',
      busiestSustainedPerSecond: steadiest?.sustainedPerSecond ?? 0,
      busiestSustainedPath: steadiest?.path ?? '',
      salesPerSecond: saleCount / (creditedMs / 1000),
    },
  };
}

/** Reads the race's pot overlay as OBS does, every 100 ms (no CDN here: in production its 2 s cache adds up to 2 s). */
function watchPotOverlay(rt: RuntimeProcess, lobbyId: string): { stop(): Promise<Array<{ atMs: number; sales: number }>> } {
  const samples: Array<{ atMs: number; sales: number }> = [];
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const board = (await (await fetch(`${rt.url}/overlay/pot/${lobbyId}`)).json().catch(() => ({}))) as { salesCount?: number };
      samples.push({ atMs: performance.now(), sales: board.salesCount ?? 0 });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await loop;
      return samples;
    },
  };
}

/** Each racer's pending balance, read from the store's snapshot once the runtime stopped, against the split of every sale. */
function racersOffByACent(dataDir: string, done: Array<{ guild: string; racers: string[]; sales: Sale[] }>): number[] {
  const docs = (JSON.parse(readFileSync(join(dataDir, 'store.json'), 'utf8')) as { docs: Record<string, Wallet> }).docs;
  return done.map(({ guild, racers, sales }) => {
    const expected = new Map<string, number>(racers.map((r) => [r, 0]));
    for (const sale of sales)
      for (const part of splitCommission(commissionPool(sale.amountCents, 2000), racers, saleKey(sale.shop, sale.saleId)))
        expected.set(part.racerId, (expected.get(part.racerId) ?? 0) + part.cents);
    return racers.filter((r) => {
      const shards = Object.entries(docs)
        .filter(([path]) => path.startsWith(`wallets/${guild}-${r}/shards/`))
        .map(([, shard]) => shard);
      // Sales not yet folded into the wallets (the races' sale-fold) count as the wallet reads them.
      const unfolded = Object.entries(docs)
        .filter(([path]) => path.startsWith('unfoldedSales/'))
        .map(([, sale]) => sale as unknown as UnfoldedSale);
      return (sumWallet([...shards, walletTail(guild, r, unfolded)])?.pendingCents ?? 0) !== expected.get(r);
    }).length;
  });
}

async function main(): Promise<void> {
  const rt = await startRuntimeProcess({ C500_LOG_LEVEL: 'silent' });
  const child = fork(join(__dirname, 'bench', 'bare-ingress.js'), ['--any'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const secrets = JSON.parse(readFileSync(join(rt.dataDir, 'dev-secrets.json'), 'utf8')) as DevSecrets;
  const done: Array<Awaited<ReturnType<typeof oneRun>>> = [];
  try {
    for (let run = 1; run <= runs; run++) done.push(await oneRun(rt, interactionSigner(rt.privateKey), secrets, `http://127.0.0.1:${port}`, run));
  } finally {
    child.kill();
    await rt.stop({ keepData: true });
  }
  racersOffByACent(rt.dataDir, done).forEach((off, i) => ((done[i] as (typeof done)[number]).run.offByACent = off));
  const results = done.map((d) => d.run);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(
    `${saleCount} sales + ${repeats} repeats (${saleCount + repeats} webhooks) from Stripe, Ko-fi and Shopify, ${inFlight} in flight, ${racerCount} racers; ${runs} runs, medians last`,
  );
  console.log(
    '\n| run | HTTP 200 | answer p50 | answer p99 | bare server p99 (ceiling) | every credit landed after | sale → pot overlay p50 / p99 | racers off by a cent | lobby edits | busiest documents |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const row = (name: string, r: Run) =>
    console.log(
      `| ${name} | ${r.answered} of ${saleCount + repeats} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.ceilingP99.toFixed(0)} ms | ${(r.creditedMs / 1000).toFixed(1)} s | ${(r.overlayP50 / 1000).toFixed(2)} / ${(r.overlayP99 / 1000).toFixed(2)} s | ${r.offByACent} | ${r.edits} | ${r.hottest} |`,
    );
  results.forEach((r, i) => row(String(i + 1), r));
  const pick = (f: (r: Run) => number) => median(results.map(f));
  row('median', {
    answered: pick((r) => r.answered),
    p50: pick((r) => r.p50),
    p99: pick((r) => r.p99),
    ceilingP99: pick((r) => r.ceilingP99),
    creditedMs: pick((r) => r.creditedMs),
    offByACent: pick((r) => r.offByACent),
    edits: pick((r) => r.edits),
    overlayP50: pick((r) => r.overlayP50),
    overlayP99: pick((r) => r.overlayP99),
    busiestPeakPerSecond: pick((r) => r.busiestPeakPerSecond),
    busiestPath: '',
    busiestSustainedPerSecond: pick((r) => r.busiestSustainedPerSecond),
    busiestSustainedPath: '',
    salesPerSecond: pick((r) => r.salesPerSecond),
    hottest: '',
  });
  if (process.env.CAPACITY_RECORD_RACES) {
    const record = {
      measuredAt: new Date().toISOString(),
      command: `${process.env.C500_LATENCY ? `C500_LATENCY=${process.env.C500_LATENCY} ` : ''}SALES=${saleCount} RUNS=${runs} npm run bench:race-sales`,
      latency: process.env.C500_LATENCY ?? 'off',
      salesPerSecond: pick((r) => r.salesPerSecond),
      busiestPeakPerSecond: pick((r) => r.busiestPeakPerSecond),
      busiestPath: results.find((r) => r.busiestPeakPerSecond === pick((x) => x.busiestPeakPerSecond))?.busiestPath ?? results[0]?.busiestPath ?? '',
      busiestSustainedPerSecond: pick((r) => r.busiestSustainedPerSecond),
      busiestSustainedPath:
        results.find((r) => r.busiestSustainedPerSecond === pick((x) => x.busiestSustainedPerSecond))?.busiestSustainedPath ??
        results[0]?.busiestSustainedPath ??
        '',
      answerP99Ms: pick((r) => r.p99),
      overlayP99Ms: pick((r) => r.overlayP99),
    };
    writeFileSync(process.env.CAPACITY_RECORD_RACES, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`recorded for the capacity model: ${process.env.CAPACITY_RECORD_RACES}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
