/**
 * `npm run bench:race-sales`: a hype moment during a race. SALES merch sales (default
 * 3,000) arrive at once from Stripe, Ko-fi and Shopify, plus REPEATS redeliveries (default
 * a third as many), while RACERS (8) race, through the whole local pipeline: signed webhook
 * → verify → bus → the sale's atomic batch → the lobby message task. Prints throughput,
 * answer latencies, how long until every credit landed, whether each racer's balance is
 * exact to the cent, and how many Discord edits the lobby message cost. Asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostFunction } from '../functions/catalog';
import { startLocalRuntime, type LocalRuntime } from '../shared/local/runtime';
import { signInteraction } from '../shared/local/discord-signing';
import { shopifySignature } from '../shared/adapters/shops/shopify-signature';
import { stripeSignatureHeader } from '../shared/adapters/stripe/stripe-signature';
import { commissionPool, splitCommission } from '../shared/domain/races/commission';
import { saleKey, type Shop } from '../shared/domain/races/sale';
import { raceLobbiesCollection } from '../shared/domain/races/race';
import { lobbyWithPot, readWallet } from '../shared/app/races/race-balances';
import { snowflakeAt } from '../shared/domain/common/ids';

const saleCount = Number(process.env.SALES ?? 3_000);
const repeats = Number(process.env.REPEATS ?? Math.floor(saleCount / 3));
const racerCount = Number(process.env.RACERS ?? 8);
/** Webhooks in flight at once: shops send from many machines, but one process's sockets run out. */
const inFlight = Number(process.env.CONCURRENCY ?? 200);
const guild = '900000000000000001';

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number;

interface Sale {
  shop: Shop;
  saleId: string;
  amountCents: number;
}

function delivery(rt: LocalRuntime, sale: Sale, id: string): { path: string; body: string; headers: Record<string, string> } {
  const decimal = (sale.amountCents / 100).toFixed(2);
  const now = new Date();
  if (sale.shop === 'kofi') {
    const data = {
      verification_token: rt.secrets.KOFI_VERIFICATION_TOKEN,
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
        'x-shopify-hmac-sha256': shopifySignature(body, rt.secrets.SHOPIFY_WEBHOOK_SECRET as string),
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
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, rt.secrets.STRIPE_WEBHOOK_SECRET as string, created) },
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'c500-bench-'));
  const rt = await startLocalRuntime({
    hostFunction,
    port: 0,
    print: () => undefined,
    env: { ...process.env, C500_DATA_DIR: dataDir, C500_LOG_LEVEL: 'silent', DISCORD_PUBLIC_KEY: undefined },
  });
  const key = rt.secrets.DISCORD_PRIVATE_KEY as string;
  let seq = 0;
  const command = (userId: string, name: string, options: unknown[]) => {
    const raw = JSON.stringify({
      id: snowflakeAt(Date.now(), ++seq),
      type: 2,
      token: `bench-${seq}`,
      application_id: '1100000000000000001',
      guild_id: guild,
      channel_id: '910000000000000001',
      member: { user: { id: userId, username: `u${userId}` }, permissions: '8' },
      data: { name, options },
    });
    return fetch(`${rt.url}/discord/interactions`, { method: 'POST', body: raw, headers: signInteraction(raw, key) });
  };
  const host = '800000000000000001';
  const racers = Array.from({ length: racerCount }, (_, i) => `81000000000000${String(i).padStart(4, '0')}`);
  await command(host, 'race', [{ name: 'start', type: 1, options: [{ name: 'racers', type: 3, value: racers.map((r) => `<@${r}>`).join(' ') }] }]);
  await rt.settle();
  const [lobbyDoc] = await rt.store.query(raceLobbiesCollection, { limit: 1 });
  if (lobbyDoc?.data.status !== 'racing') throw new Error('the race did not start');

  const shops: Shop[] = ['stripe', 'kofi', 'shopify'];
  const sales: Sale[] = Array.from({ length: saleCount }, (_, i) => {
    const shop = shops[i % 3] as Shop;
    return { shop, saleId: shop === 'shopify' ? String(5_000_000 + i) : `${shop}${i}`, amountCents: 500 + ((i * 7_919) % 20_000) };
  });
  const sends = [
    ...sales.map((s, i) => delivery(rt, s, `d${i}`)),
    ...Array.from({ length: repeats }, (_, i) => delivery(rt, sales[(i * 3) % saleCount] as Sale, i % 2 === 0 ? `d${(i * 3) % saleCount}` : `retry${i}`)),
  ];
  const editsBefore = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === lobbyDoc.data.messageId).length;

  rt.store.resetWriteCounts();
  const start = performance.now();
  const answered: Array<{ status: number; ms: number }> = [];
  let nextSend = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (nextSend < sends.length) {
        const s = sends[nextSend++] as (typeof sends)[number];
        const sentAt = performance.now();
        const res = await fetch(`${rt.url}${s.path}`, { method: 'POST', body: s.body, headers: s.headers });
        answered.push({ status: res.status, ms: performance.now() - sentAt });
      }
    }),
  );
  await rt.settle();
  const credited = performance.now() - start;

  const expected = new Map<string, number>(racers.map((r) => [r, 0]));
  for (const sale of sales)
    for (const part of splitCommission(commissionPool(sale.amountCents, 2000), racers, saleKey(sale.shop, sale.saleId)))
      expected.set(part.racerId, (expected.get(part.racerId) ?? 0) + part.cents);
  const wrong = (await Promise.all(racers.map(async (r) => ((await readWallet(rt.store, guild, r))?.pendingCents ?? 0) - (expected.get(r) ?? 0)))).filter(
    (d) => d !== 0,
  );
  const lobby = await lobbyWithPot(rt.store, lobbyDoc.id);
  const edits = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === lobbyDoc.data.messageId).length - editsBefore;

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(
    `${saleCount} sales + ${repeats} repeats (${sends.length} webhooks) from Stripe, Ko-fi and Shopify, ${inFlight} in flight at a time, ${racerCount} racers`,
  );
  console.log(
    `webhook answers: ${answered.filter((a) => a.status === 200).length} HTTP 200 of ${sends.length}; answer time p50 ${percentile(
      answered.map((a) => a.ms),
      50,
    ).toFixed(0)} ms, p99 ${percentile(
      answered.map((a) => a.ms),
      99,
    ).toFixed(0)} ms`,
  );
  console.log(
    `every credit landed after ${credited.toFixed(0)} ms: ${(sends.length / (credited / 1000)).toFixed(0)} webhooks/s, ${(saleCount / (credited / 1000)).toFixed(0)} sales/s`,
  );
  console.log(`pot ${lobby?.poolCents} cents from ${lobby?.salesCount} sales; racers off by a cent or more: ${wrong.length}`);
  console.log(`lobby message edits during the burst: ${edits} (at most one a second)`);
  // Firestore sustains about one write a second per document: the busiest ones, in all and in their busiest second.
  const hot = rt.store.hottestDocuments(3).map((d) => `${d.path} ${d.writes} (peak ${d.peakPerSecond}/s)`);
  console.log(`most written documents during the burst: ${hot.join(', ')}`);
  await rt.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
