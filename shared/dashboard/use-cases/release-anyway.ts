/**
 * @module release-anyway
 * An admin's "release anyway" on an order held for their review by an early fraud warning
 * (the server turned C500's refund off): only by an admin of the order's own server, only a
 * warning held for review, once. Who and when are kept on the order's warning; then the
 * releases that waited (the builder's share, a host's cut) go out, each keyed as any release,
 * so a second click or a redelivery sends nothing twice.
 */
import { clearFraudHold } from '../../payments';
import { orderPath, type OrderFraudWarning, applyOrderFact } from '../../orders';
import { log } from '../../log';
import { administers, type DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

export type ReleaseAnywayOutcome =
  | { ok: true }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-cleared'; clearedBy: NonNullable<OrderFraudWarning['clearedBy']> }
  | { ok: false; reason: 'not-held' };

export async function releaseAnyway(deps: DashboardDeps, session: DashboardSession, guildId: string, orderId: string): Promise<ReleaseAnywayOutcome> {
  if (!administers(session, guildId) || !/^[0-9a-z-]{4,40}$/.test(orderId)) return { ok: false, reason: 'not-found' };
  const now = deps.clock.now().toISOString();
  const outcome = await deps.store.runTransaction(async (tx): Promise<ReleaseAnywayOutcome> => {
    const order = await tx.get(orderPath(orderId));
    if (!order || order.guildId !== guildId) return { ok: false, reason: 'not-found' };
    const warning = order.fraudWarning;
    if (warning?.clearedBy) return { ok: false, reason: 'already-cleared', clearedBy: warning.clearedBy };
    const cleared = clearFraudHold(warning, { byUserId: session.userId, byName: session.displayName }, now);
    if (!cleared) return { ok: false, reason: 'not-held' };
    applyOrderFact(tx, order, { kind: 'fraud-hold-cleared', fraudWarning: cleared });
    return { ok: true };
  });
  if (outcome.ok) log.info('an order held for a fraud warning released anyway by an admin', { guildId, orderId, byUserId: session.userId });
  // Released again on a second click too: a release that stopped half-way is finished, and one made is not repeated.
  if (outcome.ok || outcome.reason === 'already-cleared') await releaseNow(deps, orderId);
  return outcome;
}

/** The clear is recorded whatever happens here: a release Stripe or Discord stopped is finished by pressing again (or the next proof). */
async function releaseNow(deps: DashboardDeps, orderId: string): Promise<void> {
  try {
    await deps.releaseWaiting?.(orderId);
  } catch (error) {
    log.error('a release after "release anyway" failed; pressing again finishes it', { orderId, error: String(error) });
  }
}
