/**
 * @module debt-actions
 * An admin records, from the server's debts page, that a person paid C500 outside it, or writes
 * (part of) a debt off: only
 * for a guild the session administers (checked by the caller and again here), only a person
 * with an account on that guild, an amount typed in the account's currency, more than
 * nothing and no more than is owed. A form sent twice by the same admin from the same page
 * (the entries it saw) records one payment.
 */
import { parseAmount, visibleText } from '../../common';
import { debtPath, recordPaidOutside, type PaidOutsideRefusal } from '../../debts';
import { log } from '../../log';
import { administers, type DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';
import { maxNoteLength } from './dashboard-actions';

export type DebtPaidOutcome =
  { ok: true } | { ok: false; reason: PaidOutsideRefusal | 'unknown-person' | 'not-admin' | 'bad-note' } | { ok: false; reason: 'bad-amount'; detail: string };

export async function recordDebtPaid(
  deps: DashboardDeps,
  session: DashboardSession,
  guildId: string,
  userId: string,
  form: Record<string, string | undefined>,
  how: 'paid-outside' | 'written-off' = 'paid-outside',
): Promise<DebtPaidOutcome> {
  if (!administers(session, guildId)) return { ok: false, reason: 'not-admin' };
  const note = visibleText((form.note ?? '').replace(/[\r\n]+/g, ' ')) ?? '';
  if (note.length > maxNoteLength) return { ok: false, reason: 'bad-note' };
  const debt = await deps.store.get(debtPath(guildId, userId));
  if (!debt) return { ok: false, reason: 'unknown-person' };
  const amount = parseAmount(form.amount ?? '', debt.currency);
  if (!amount.ok) return { ok: false, reason: 'bad-amount', detail: amount.reason };
  const seen = /^\d{1,9}$/.test(form.seen ?? '') ? form.seen : 'any';
  const outcome = await recordPaidOutside(deps, {
    guildId,
    userId,
    amountCents: amount.cents,
    byUserId: session.userId,
    byName: session.displayName,
    note,
    requestId: `${session.userId}:${seen}`,
    how,
  });
  if (!outcome.ok) return outcome;
  log.info(how === 'written-off' ? 'debt written off' : 'debt recorded paid outside C500', {
    guildId,
    userId,
    byUserId: session.userId,
    amountCents: amount.cents,
  });
  return { ok: true };
}
