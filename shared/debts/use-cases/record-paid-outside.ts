/**
 * @module record-paid-outside
 * An admin settles (part of) a person's debt without C500 netting it: paid outside C500 (the
 * person paid by other means), or written off (C500 gives up on it). An entry on the person's
 * account of that guild, never more than is owed, once per request id. The caller has checked
 * that the session administers the guild.
 */
import type { Clock, DocumentStore } from '../../ports';
import { debtEntryIds } from '../rules/debt';
import { checkPaidOutside, type PaidOutsideRefusal } from '../rules/ledger';
import { readAccount, writeMove } from './debt-account';

export interface PaidOutside {
  guildId: string;
  userId: string;
  amountCents: number;
  byUserId: string;
  byName: string;
  /** As typed, visible text only. */
  note: string;
  /** Names the request, so a form sent twice records one payment. */
  requestId: string;
  /** Paid outside C500 (the default), or written off. */
  how?: 'paid-outside' | 'written-off';
}

export type PaidOutsideOutcome = { ok: true; owedCents: number; currency: string } | { ok: false; reason: PaidOutsideRefusal | 'unknown-person' };

export async function recordPaidOutside(deps: { store: DocumentStore; clock: Clock }, paid: PaidOutside): Promise<PaidOutsideOutcome> {
  const at = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx): Promise<PaidOutsideOutcome> => {
    const writtenOff = paid.how === 'written-off';
    const entryId = writtenOff ? debtEntryIds.writtenOff(paid.requestId) : debtEntryIds.paidOutside(paid.requestId);
    const read = await readAccount(tx, paid.guildId, paid.userId, entryId);
    if (!read.debt) return { ok: false, reason: 'unknown-person' };
    if (read.done) return { ok: true, owedCents: read.debt.owedCents, currency: read.debt.currency };
    const refusal = checkPaidOutside(read.debt.owedCents, paid.amountCents);
    if (refusal) return { ok: false, reason: refusal };
    const moved = writeMove(tx, read, {
      guildId: paid.guildId,
      userId: paid.userId,
      entryId,
      kind: writtenOff ? 'written-off' : 'paid-outside',
      amountCents: paid.amountCents,
      currency: read.debt.currency,
      reason: `${writtenOff ? 'written off' : 'paid outside C500'}${paid.note ? `: ${paid.note}` : ''}`,
      at,
      byUserId: paid.byUserId,
      byName: paid.byName,
    });
    return { ok: true, owedCents: read.debt.owedCents - moved, currency: read.debt.currency };
  });
}
