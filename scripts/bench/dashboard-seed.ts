/**
 * What `bench:dashboard` finds in the store when the runtime starts: one builder with ORDERS
 * orders (default 1,000) spread over the last twelve weeks in every state a builder sees
 * (mostly released, a quarter waiting for proof, some unpaid, refunded and expired), among
 * OTHERS orders of thirty other builders in the same collection, as a store holds them. Made
 * as the code makes orders (amount = fee + share), and written as the embedded store's
 * snapshot, so the benchmark measures reads, not 1,000 checkouts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Order, OrderStatus } from '../../shared/orders';

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
      builder: released ? { transferId: `tr_bench_${i}`, releasedCents: amountCents - platformFeeCents, releasedAt: at(createdMs + 86_400_000) } : {},
    },
    ...(paid ? { paidAt: at(createdMs + 300_000), chargeId: `ch_bench_${i}`, paymentIntentId: `pi_bench_${i}` } : {}),
    ...(released
      ? {
          proof: { url: 'https://twitch.tv/benchbuilder', provedAt: at(createdMs + 86_400_000) },
          proofUrl: 'https://twitch.tv/benchbuilder',
        }
      : {}),
    ...(status === 'refunded' ? { amountRefundedCents: amountCents, refundedAt: at(createdMs + 3_600_000) } : {}),
    ...(status === 'expired' ? { expiredAt: at(createdMs + 1_800_000) } : {}),
  };
}

/** Writes the snapshot the embedded store loads at start (`store.json`: `{ format: 1, docs }`). */
export function seedDashboardStore(dataDir: string, orders: number, others: number, nowMs = Date.now()): void {
  const docs: Record<string, unknown> = {
    [`builders/${benchBuilder}`]: { discordUserId: benchBuilder, displayName: 'bench builder', stripeAccountId: 'acct_bench', transfersActive: true },
  };
  for (let i = 0; i < orders; i++) {
    const order = benchOrder(benchBuilder, i, nowMs);
    docs[`orders/${order.orderId}`] = order;
  }
  for (let i = 0; i < others; i++) {
    const order = benchOrder(`8100000000000001${String(i % 30).padStart(2, '0')}`, i, nowMs);
    docs[`orders/${order.orderId}`] = order;
  }
  writeFileSync(join(dataDir, 'store.json'), JSON.stringify({ format: 1, docs }));
}
