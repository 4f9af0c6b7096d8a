/**
 * What `bench:dashboard` finds in the store when the runtime starts: one builder with ORDERS
 * orders (default 1,000) spread over the last twelve weeks in every state a builder sees
 * (mostly released, a quarter waiting for proof, some unpaid, refunded and expired), among
 * OTHERS orders of thirty other builders in the same collection, as a store holds them. Made
 * as the code makes orders (amount = fee + share), each with the journal entries its payment,
 * release or refund writes (the pages fold their figures from them), and written as the
 * embedded store's snapshot, so the benchmark measures reads, not 1,000 checkouts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Order, OrderStatus } from '../../shared/orders';
import { journalPath, type JournalEntry } from '../../shared/journal';
import { chargeEntry, refundEntry, transferEntry } from '../../shared/orders';

export const benchBuilder = '810000000000000042';
export const benchGuild = '900000000000000042';

const statuses: ReadonlyArray<[OrderStatus, number]> = [
  ['shipped', 30],
  ['building', 30],
  ['paid', 25],
  ['awaiting-payment', 5],
  ['refunded', 5],
  ['expired', 5],
];

function statusAt(i: number): OrderStatus {
  let n = i % 100;
  for (const [status, share] of statuses) {
    if (n < share) return status;
    n -= share;
  }
  return 'paid';
}

export function benchOrder(builderId: string, i: number, nowMs: number): Order {
  const createdMs = nowMs - Math.floor(((i * 7_919) % 84) * 86_400_000 + ((i * 104_729) % 86_400_000));
  const status = statusAt(i);
  const amountCents = 5_000 + ((i * 3_571) % 40_000);
  const platformFeeCents = Math.round(amountCents / 10);
  const paid = status !== 'awaiting-payment' && status !== 'expired';
  const released = status === 'building' || status === 'shipped';
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    orderId: `b${builderId.slice(-4)}-${String(i).padStart(6, '0')}`,
    source: 'drop',
    sourceId: `drop-${i % 40}`,
    dropKind: 'commission',
    guildId: benchGuild,
    title: `Bench board #${i}`,
    buyerId: `82000000000${String(i % 500).padStart(7, '0')}`,
    buyerName: `buyer ${i % 500}`,
    builderId,
    builderName: 'bench builder',
    amountCents,
    currency: 'usd',
    platformFeeCents,
    builderShareCents: amountCents - platformFeeCents,
    status,
    createdAt: at(createdMs),
    payouts: {
      builder: released ? { transferId: `tr_bench_${i}`, releasedAt: at(createdMs + 86_400_000) } : {},
    },
    ...(paid ? { paidAt: at(createdMs + 300_000), chargeId: `ch_bench_${i}`, paymentIntentId: `pi_bench_${i}` } : {}),
    ...(released
      ? {
          proof: { url: 'https://twitch.tv/benchbuilder', provedAt: at(createdMs + 86_400_000) },
          proofUrl: 'https://twitch.tv/benchbuilder',
        }
      : {}),
    ...(status === 'refunded' ? { refundedAt: at(createdMs + 3_600_000) } : {}),
    ...(status === 'expired' ? { expiredAt: at(createdMs + 1_800_000) } : {}),
  };
}

/** Writes the snapshot the embedded store loads at start (`store.json`: `{ format: 1, docs }`). */
export function seedDashboardStore(dataDir: string, orders: number, others: number, nowMs = Date.now()): void {
  const docs: Record<string, unknown> = {
    [`builders/${benchBuilder}`]: { discordUserId: benchBuilder, displayName: 'bench builder', stripeAccountId: 'acct_bench', transfersActive: true },
  };
  const keep = (order: Order) => {
    docs[`orders/${order.orderId}`] = order;
    for (const entry of journalOf(order)) docs[String(journalPath(entry.entryId))] = entry;
  };
  for (let i = 0; i < orders; i++) keep(benchOrder(benchBuilder, i, nowMs));
  for (let i = 0; i < others; i++) keep(benchOrder(`8100000000000001${String(i % 30).padStart(2, '0')}`, i, nowMs));
  writeFileSync(join(dataDir, 'store.json'), JSON.stringify({ format: 1, docs }));
}

/** The entries an order's payment, release and refund write, as the payments module writes them. */
function journalOf(order: Order): JournalEntry[] {
  if (!order.paidAt) return [];
  const { transferId, releasedAt } = order.payouts.builder;
  return [
    chargeEntry(order, order.paidAt),
    transferId && releasedAt ? transferEntry(order, transferId, order.builderShareCents, releasedAt, 'builder') : undefined,
    order.refundedAt ? refundEntry({ ...order, refundedCents: 0 }, order.amountCents, `bench-${order.orderId}`, order.refundedAt) : undefined,
  ].filter((e): e is JournalEntry => e !== undefined);
}
