/**
 * @module platform-result-read
 * The platform's result of a server's orders: its paid orders (an equality filter alone, no
 * composite index) and Stripe's ledger of the platform's balance since the first of them,
 * every page, through the payments port. Undefined where the ledger cannot be read.
 */
import { ordersCollection, platformResults, type PlatformResults } from '../../payments';
import type { DashboardDeps } from './dashboard-deps';

export async function guildResults(deps: DashboardDeps, guildId: string): Promise<PlatformResults | undefined> {
  const payments = deps.payments();
  if (!payments.listBalanceTransactions) return undefined;
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((f) => f.data).filter((o) => o.chargeId);
  const now = deps.clock.now();
  const first = Math.min(now.getTime(), ...orders.map((o) => Date.parse(o.paidAt ?? o.createdAt)).filter((t) => !Number.isNaN(t)));
  // From the start of the first order's month: its month's lines are whole.
  const from = new Date(Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth(), 1));
  const lines = orders.length === 0 ? [] : await payments.listBalanceTransactions({ from, to: new Date(now.getTime() + 1000) });
  return platformResults(lines, orders, deps.settings.currency);
}
