/**
 * @module ledger-copy
 * C500's copy of Stripe's ledger (issue 75), which the daily reconciliation keeps: each
 * balance transaction of the platform's, once, at `stripe-ledger/<txn id>`, read from Stripe
 * only after the cursor of the last run; and the last run's findings at
 * `reconciliation/platform`. Pages read these and the journal, never Stripe.
 *
 * Personal data: none (Stripe's ids, amounts and times; the findings keep no person's id).
 */
import { collectionPath, docPath, type BalanceTransactionLine } from '../../ports';
import type { Reconciliation, Uncleared } from '../../journal';

export const ledgerCopyCollection = collectionPath<BalanceTransactionLine>('stripe-ledger');
export const ledgerCopyPath = (lineId: string) => docPath<BalanceTransactionLine>(`${ledgerCopyCollection}/${lineId}`);

/**
 * Where the last run stopped: the newest second of Stripe's it read, and the lines of that
 * second it has (Stripe filters by whole seconds, so the next run reads that second again and
 * keeps only the lines it had not seen).
 */
export interface LedgerCursor {
  created: number;
  lineIds: string[];
}

/** The findings as kept: whose account (a person's id) is left out, so the copy holds no personal data; the run's own answer and `npm run reconcile` name them. */
export type StoredFindings = Omit<Reconciliation, 'uncleared'> & { uncleared: Array<Omit<Uncleared, 'personId'>> };

export interface ReconciliationState {
  cursor?: LedgerCursor;
  /** When the run that wrote this finished (ISO, C500's clock). */
  ranAt: string;
  findings: StoredFindings;
}

/** The findings without the people they name. */
export const storedFindings = (findings: Reconciliation): StoredFindings => ({
  ...findings,
  uncleared: findings.uncleared.map(({ personId: _whose, ...rest }) => rest),
});

export const reconciliationStatePath = docPath<ReconciliationState>('reconciliation/platform');

/** Of the lines read from the cursor on, those the copy does not have yet. */
export function linesAfter(lines: readonly BalanceTransactionLine[], cursor: LedgerCursor | undefined): BalanceTransactionLine[] {
  if (!cursor) return [...lines];
  const seen = new Set(cursor.lineIds);
  return lines.filter((line) => line.created > cursor.created || (line.created === cursor.created && !seen.has(line.id)));
}

/** The cursor once these new lines are in the copy. */
export function cursorAfter(cursor: LedgerCursor | undefined, fresh: readonly BalanceTransactionLine[]): LedgerCursor | undefined {
  const newest = Math.max(cursor?.created ?? Number.NEGATIVE_INFINITY, ...fresh.map((l) => l.created));
  if (!Number.isFinite(newest)) return cursor;
  const kept = cursor && cursor.created === newest ? cursor.lineIds : [];
  return { created: newest, lineIds: [...kept, ...fresh.filter((l) => l.created === newest).map((l) => l.id)] };
}
