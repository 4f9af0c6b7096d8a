/**
 * @module money-check
 * A server's money check for its admins (issue 75): read only. It folds the server's journal
 * and orders for the accounts that should be empty and are not; it never asks Stripe and never
 * writes (the daily run reads Stripe's ledger and records what it finds). An admin records,
 * here, how a buyer owed money outside Stripe was paid back: one entry clears the order's
 * `owed-to-buyer` account, once, however often the form is sent.
 */
import { journalOfGuild, journalOfOrder, JournalRead, unclearedAccounts, writeEntry } from '../../journal';
import { ordersCollection, orderPath } from '../../orders';
import { buyerPaidOutsideEntry, buyerSettlements, paidLate, reconciledAt, reconcileGuild, type BuyerSettlement } from '../../payments';
import { ordersToClear } from '../../orders';
import { log } from '../../log';
import { administers, type DashboardSession } from '../rules/session';
import { moneyCheckPage, type MoneyCheck } from '../rules/pages/money-check-page';
import type { Frame } from '../rules/pages/layout';
import type { AdminGuild } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

/**
 * The daily run's match of the server's lines against its journal (from C500's copy of Stripe's
 * ledger, never Stripe) and its accounts that should be empty; before the first run, the
 * accounts alone.
 */
export async function moneyCheckOf(deps: Pick<DashboardDeps, 'store' | 'clock'>, guildId: string): Promise<MoneyCheck> {
  const report = await reconcileGuild(deps, guildId);
  if (report) {
    const checkedAt = await reconciledAt(deps);
    return { uncleared: report.uncleared, unexplained: report.unexplained, ...(checkedAt ? { checkedAt } : {}) };
  }
  const entries = await journalOfGuild(deps.store, guildId);
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((f) => f.data);
  return { uncleared: unclearedAccounts(entries, ordersToClear(orders)) };
}

/** The money check's page for one of the admin's servers. */
export const moneyCheckHtml = async (deps: Pick<DashboardDeps, 'store' | 'clock'>, frame: Frame, guild: AdminGuild): Promise<string> =>
  moneyCheckPage(frame, guild, await moneyCheckOf(deps, guild.id));

export type BuyerPaidOutcome =
  { ok: true } | { ok: false; reason: 'not-admin' | 'unknown-order' | 'bad-how' | 'nothing-owed' | 'disputed'; disputeId?: string };

/** An admin's record that the buyer of `orderId` was paid back outside Stripe, `form.how` saying how. */
export async function recordBuyerPaid(
  deps: DashboardDeps,
  session: DashboardSession,
  guildId: string,
  orderId: string,
  form: Record<string, string | undefined>,
): Promise<BuyerPaidOutcome> {
  if (!administers(session, guildId)) return { ok: false, reason: 'not-admin' };
  const how = form.how;
  if (!(buyerSettlements as readonly string[]).includes(how ?? '')) return { ok: false, reason: 'bad-how' };
  const outcome = await deps.store.runTransaction(async (tx): Promise<BuyerPaidOutcome> => {
    const order = await tx.get(orderPath(orderId));
    if (!order || order.guildId !== guildId) return { ok: false, reason: 'unknown-order' };
    // The bank is deciding a chargeback of it: its ruling may pay the buyer, so nothing is recorded paid by hand until then.
    if (order.dispute?.state === 'open') return { ok: false, reason: 'disputed', disputeId: order.dispute.disputeId };
    const orderEntries = await journalOfOrder(tx, orderId);
    // A lot paid after it was gone holds its buyer's money: what it holds is settled by hand too (a give-back Stripe refuses).
    const entry = buyerPaidOutsideEntry(order, orderEntries, how as BuyerSettlement, deps.clock.now().toISOString(), { held: paidLate(order) });
    if (!entry) return { ok: false, reason: 'nothing-owed' };
    writeEntry(tx, JournalRead.ofOrders([orderId], orderEntries), entry);
    return { ok: true };
  });
  if (outcome.ok) log.info('buyer recorded paid back outside Stripe', { event: 'owed-to-buyer.paid', guildId, orderId, how });
  return outcome;
}

/** What a refused settlement answers: its status, heading, the line that says what to do, and the way back. */
export function buyerPaidRefusals(
  reason: Extract<BuyerPaidOutcome, { ok: false }>['reason'],
  guildId: string,
  disputeId?: string,
): [status: number, heading: string, line: string, back: { href: string; label: string }] {
  const back = { href: `/dashboard/guild/${guildId}/reconciliation`, label: 'Back to the money check' };
  if (reason === 'disputed')
    return [
      409,
      'The bank is deciding',
      `The buyer’s bank is deciding dispute ${disputeId ?? ''} on this order, and its ruling may pay them: nothing was recorded. The money check says what to do once it decides.`,
      back,
    ];
  if (reason === 'nothing-owed') return [409, 'Nothing owed', 'The buyer of this order is owed nothing outside Stripe: it was recorded paid already.', back];
  if (reason === 'bad-how') return [400, 'Say how', 'Choose how the buyer was paid back: a bank transfer, PayPal, store credit or another way.', back];
  return [404, 'No such order', 'This server has no such order.', back];
}

/** `recordBuyerPaid`, a refusal with what the page says of it. */
export async function recordBuyerPaidAnswer(
  ...args: Parameters<typeof recordBuyerPaid>
): Promise<{ ok: true } | { ok: false; status: number; heading: string; line: string; back: { href: string; label: string } }> {
  const outcome = await recordBuyerPaid(...args);
  if (outcome.ok) return outcome;
  const [status, heading, line, back] = buyerPaidRefusals(outcome.reason, args[2], outcome.disputeId);
  return { ok: false, status, heading, line, back };
}
