/**
 * @module show-overview
 * What a server's show page reads (its admin rights were checked before): the auction book's
 * tally of the last hour, and the server's proved orders, whose releases that have not gone
 * out are listed. The book unreachable still answers a page, saying so, never a 5xx.
 */
import type { MinuteTally } from '../../ports';
import { ordersCollection } from '../../orders';
import { log } from '../../log';
import { pulseWindowMs, showPulseOf, type ShowPulse } from '../rules/show-pulse';
import type { DashboardDeps } from './dashboard-deps';

/** The most proved orders read for the releases waiting: a server rarely has more than a show's worth at once. */
const provedLimit = 200;

export async function showPulseFor(deps: DashboardDeps, guildId: string): Promise<{ pulse: ShowPulse; bookAnswered: boolean }> {
  const nowMs = deps.clock.now().getTime();
  const [tallies, proved] = await Promise.all([
    talliesOf(deps, guildId, nowMs),
    // Equality filters only: Firestore merges its single-field indexes.
    deps.store.query(ordersCollection, {
      where: [
        ['guildId', '==', guildId],
        ['status', '==', 'building'],
      ],
      limit: provedLimit,
    }),
  ]);
  return {
    pulse: showPulseOf(
      tallies ?? [],
      proved.map((d) => d.data),
      nowMs,
    ),
    bookAnswered: tallies !== undefined,
  };
}

async function talliesOf(deps: DashboardDeps, guildId: string, nowMs: number): Promise<MinuteTally[] | undefined> {
  try {
    return deps.book ? await deps.book().tallies(guildId, nowMs - pulseWindowMs, nowMs) : [];
  } catch (error) {
    log.warn('the auction book did not answer the show page', { event: 'dashboard.show-tally-unavailable', guildId, error });
    return undefined;
  }
}
