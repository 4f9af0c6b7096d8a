/**
 * @module platform-result-read
 * The platform's result of a server's orders, folded from its journal (issue 60). Stripe's
 * processing fees are in the journal once reconciliation recorded them from Stripe's ledger,
 * so the read reconciles first where the ledger can be read; the figures never come from
 * Stripe's lines or the orders' counters directly.
 */
import { ordersCollection, platformResults, reconcileGuild, type PlatformResults } from '../../payments';
import { journalOfGuild } from '../../journal';
import type { DashboardDeps } from './dashboard-deps';

export async function guildResults(deps: DashboardDeps, guildId: string): Promise<PlatformResults> {
  await reconcileGuild({ store: deps.store, clock: deps.clock, payments: deps.payments() }, guildId);
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((f) => f.data);
  return platformResults(await journalOfGuild(deps.store, guildId), orders, deps.settings.currency);
}
