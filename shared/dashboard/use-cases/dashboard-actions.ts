/**
 * @module dashboard-actions
 * What a signed-in person may change or open from the dashboard, each checked against the
 * session in the use case: one order's page (only for its builder, its buyer, its show's
 * host or an admin of its guild), a host cut marked paid by hand (only by an admin of the
 * cut's own guild, once, kept as an audit record), and a fresh Stripe Express login link
 * (only for the signed-in builder's own account).
 */
import { collectionPath, docPath, type DocumentStore, type Transaction } from '../../ports';
import { hostPayoutPath, type HostPayout, type PaidByHand } from '../../payments';
import { handPaymentEntry } from '../../orders';
import { orderPath, type Order } from '../../orders';
import { journalOfOrder, JournalRead, writeEntry } from '../../journal';
import { builderPath } from '../../onboarding';
import { visibleText } from '../../common';
import { log } from '../../log';
import { PaymentRefused } from '../../errors';
import { administers, type DashboardSession } from '../rules/session';
import { payoutStandingOf } from '../rules/host-views';
import type { OrderAccess } from '../rules/pages/overview-page';
import type { DashboardDeps } from './dashboard-deps';

/**
 * The order and how the session may see it; not found for anyone else, so an id tells a
 * stranger nothing. Admin rights count only while Discord's answer is fresh (`rightsKnown`):
 * old rights never open another person's order, as they never open a guild page.
 */
export async function orderFor(
  store: DocumentStore,
  session: DashboardSession,
  orderId: string,
  rightsKnown: boolean,
): Promise<{ order: Order; access: OrderAccess } | undefined> {
  if (!/^[0-9a-z-]{4,40}$/.test(orderId)) return undefined;
  const order = await store.get(orderPath(orderId));
  if (!order) return undefined;
  const access: OrderAccess | undefined =
    order.builderId === session.userId
      ? 'builder'
      : order.hostId === session.userId
        ? 'host'
        : rightsKnown && administers(session, order.guildId)
          ? 'admin'
          : order.buyerId === session.userId
            ? 'buyer'
            : undefined;
  return access ? { order, access } : undefined;
}

/**
 * The order whose packing slip (and address) the session may see: only its builder's. Not
 * found for anyone else, its buyer, its show's host and its server's admins included, so
 * the slip of an order tells them nothing, not even that it exists.
 */
export async function slipOrderFor(store: DocumentStore, session: DashboardSession, orderId: string): Promise<Order | undefined> {
  if (!/^[0-9a-z-]{4,40}$/.test(orderId)) return undefined;
  const order = await store.get(orderPath(orderId));
  return order?.builderId === session.userId ? order : undefined;
}

/** The audit trail of what admins did by hand (`dashboardAudit/<id>`): written once, never edited. */
export interface AuditRecord {
  auditId: string;
  kind: 'host-payout-paid-by-hand';
  guildId: string;
  orderId: string;
  hostId: string;
  byUserId: string;
  byName: string;
  at: string;
  amountCents: number;
  currency: string;
  note: string;
}

export const dashboardAuditCollection = collectionPath<AuditRecord>('dashboardAudit');
const auditPath = (auditId: string) => docPath<AuditRecord>(`${dashboardAuditCollection}/${auditId}`);

export type PaidByHandOutcome =
  | { ok: true; payout: HostPayout }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already-paid'; paidByHand: PaidByHand }
  | { ok: false; reason: 'nothing-owed' }
  | { ok: false; reason: 'bad-note' };

export const maxNoteLength = 500;

/** One transaction: the cut is this guild's and still owed (refunds may have brought it to nothing); it becomes paid by hand, and the audit record is made beside it. */
export async function markHostPayoutPaid(
  deps: DashboardDeps,
  session: DashboardSession,
  guildId: string,
  orderId: string,
  rawNote: string,
): Promise<PaidByHandOutcome> {
  const note = visibleText(rawNote.replace(/[\r\n]+/g, ' ')) ?? '';
  if (note.length > maxNoteLength) return { ok: false, reason: 'bad-note' };
  if (!administers(session, guildId) || !/^[0-9a-z-]{4,40}$/.test(orderId)) return { ok: false, reason: 'not-found' };
  const now = deps.clock.now().toISOString();
  const outcome = await deps.store.runTransaction(async (tx): Promise<PaidByHandOutcome> => {
    const payout = await tx.get(hostPayoutPath(orderId));
    if (!payout || payout.guildId !== guildId) return { ok: false, reason: 'not-found' };
    // The order's journal, read before the writes: a hand payment is appended against it.
    const journal = JournalRead.ofOrders([orderId], await journalOfOrder(tx, orderId));
    if (payout.status === 'paid-by-hand' && payout.paidByHand && (payout.differenceOwedCents ?? 0) > 0)
      return payDifference(tx, journal, session, guildId, payout, note, now);
    if (payout.status === 'paid-by-hand' && payout.paidByHand) return { ok: false, reason: 'already-paid', paidByHand: payout.paidByHand };
    if (payoutStandingOf(payout) === 'nothing-owed') return { ok: false, reason: 'nothing-owed' };
    const paidByHand: PaidByHand = { byUserId: session.userId, byName: session.displayName, at: now, amountCents: payout.amountCents, note };
    tx.update(hostPayoutPath(orderId), { status: 'paid-by-hand', paidByHand });
    writeEntry(tx, journal, handPaymentEntry(payout, `host-payout-paid-${orderId}`, payout.amountCents, now));
    tx.create(auditPath(`host-payout-paid-${orderId}`), {
      auditId: `host-payout-paid-${orderId}`,
      kind: 'host-payout-paid-by-hand',
      guildId,
      orderId,
      hostId: payout.hostId,
      byUserId: session.userId,
      byName: session.displayName,
      at: now,
      amountCents: payout.amountCents,
      currency: payout.currency,
      note,
    });
    return { ok: true, payout: { ...payout, status: 'paid-by-hand', paidByHand } };
  });
  if (outcome.ok) log.info('host cut marked paid by hand', { guildId, orderId, byUserId: session.userId });
  return outcome;
}

/** What a won dispute gave back on top of a hand payment already made: paid now, kept beside the first payment, audited. */
function payDifference(
  tx: Transaction,
  journal: JournalRead,
  session: DashboardSession,
  guildId: string,
  payout: HostPayout,
  note: string,
  now: string,
): PaidByHandOutcome {
  const amountCents = payout.differenceOwedCents ?? 0;
  const paid: PaidByHand = { byUserId: session.userId, byName: session.displayName, at: now, amountCents, note };
  const paidAfter = [...(payout.paidAfter ?? []), paid];
  const auditId = `host-payout-paid-${payout.orderId}-${paidAfter.length}`;
  tx.update(hostPayoutPath(payout.orderId), { differenceOwedCents: 0, paidAfter });
  writeEntry(tx, journal, handPaymentEntry(payout, auditId, amountCents, now));
  tx.create(auditPath(auditId), {
    auditId,
    kind: 'host-payout-paid-by-hand',
    guildId,
    orderId: payout.orderId,
    hostId: payout.hostId,
    byUserId: session.userId,
    byName: session.displayName,
    at: now,
    amountCents,
    currency: payout.currency,
    note,
  });
  return { ok: true, payout: { ...payout, differenceOwedCents: 0, paidAfter } };
}

export type LoginLinkOutcome = { ok: true; url: string } | { ok: false; reason: 'no-account' | 'refused' | 'unreachable' };

/**
 * A single-use link into the builder's own Stripe Express dashboard, made fresh each time
 * (Stripe's login links expire in minutes). Stripe refusing it (an account whose onboarding
 * is unfinished) and Stripe out of reach are answers for the builder, not crashes: nothing
 * was changed, so asking again is safe.
 */
export async function stripeLoginLink(deps: DashboardDeps, session: DashboardSession): Promise<LoginLinkOutcome> {
  const builder = await deps.store.get(builderPath(session.userId));
  if (!builder?.stripeAccountId) return { ok: false, reason: 'no-account' };
  try {
    const { url } = await deps.payments().createLoginLink({ accountId: builder.stripeAccountId });
    return { ok: true, url };
  } catch (error) {
    const refused = error instanceof PaymentRefused;
    log.warn('Stripe made no Express login link for a builder', { userId: session.userId, refused, error });
    return { ok: false, reason: refused ? 'refused' : 'unreachable' };
  }
}
