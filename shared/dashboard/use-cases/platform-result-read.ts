/**
 * @module platform-result-read
 * The platform's result of a server's orders, folded from its journal (issue 60). Stripe's
 * processing fees are in the journal once the daily reconciliation recorded them from Stripe's
 * ledger; the read reads the journal only (it never calls Stripe nor writes), and the figures
 * never come from Stripe's lines or the orders' counters directly.
 */
import { guildJournal, platformResults, type PlatformResults } from '../../payments';
import { ordersCollection } from '../../orders';
import type { DashboardDeps } from './dashboard-deps';

export async function guildResults(deps: DashboardDeps, guildId: string): Promise<PlatformResults> {
  const { entries } = await guildJournal({ store: deps.store, clock: deps.clock }, guildId);
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((f) => f.data);
  return platformResults(entries, orders, deps.settings.currency);
}
