/**
 * @module platform-result-read
 * The platform's result of a server's orders, folded from its journal (issue 60). Stripe's
 * processing fees are in the journal once recorded from Stripe's ledger, so the read records
 * any not yet recorded where the ledger can be read; the figures never come from Stripe's
 * lines or the orders' counters directly.
 */
import { guildJournal, platformResults, type PlatformResults } from '../../payments';
import { ordersCollection } from '../../orders';
import type { DashboardDeps } from './dashboard-deps';

export async function guildResults(deps: DashboardDeps, guildId: string): Promise<PlatformResults> {
  const { entries } = await guildJournal({ store: deps.store, clock: deps.clock, payments: deps.payments() }, guildId);
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((f) => f.data);
  return platformResults(entries, orders, deps.settings.currency);
}
