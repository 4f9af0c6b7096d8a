/**
 * @module reconcile
 * The daily reconciliation of the journal with Stripe (issues 60, 75). The run reads Stripe's
 * balance transactions only after the cursor the last run left (`ledger-copy.ts`), keeps each
 * in C500's copy of the ledger, records what only Stripe's lines say (Stripe's processing fee
 * on a line of a known object, and what Stripe billed the platform), then matches the copy with
 * the journal by the object each line moved money for, checks every account that should be
 * empty, and stores its findings. Reads (a server's report, its result) read the copy, the
 * journal and the findings: they never call Stripe and never write.
 */
import type { BalanceTransactionLine, Clock, DocumentStore, Payments } from '../../ports';
import {
  connectFeeEntries,
  entryGroup,
  journalCollection,
  journalOfGuild,
  lineGroup,
  matchLedger,
  readEntries,
  stripeFeeEntries,
  unclearedAccounts,
  unexplainedByCurrency,
  writeEntry,
  type JournalEntry,
  type Reconciliation,
} from '../../journal';
import { ordersCollection } from '../../orders';
import { ledgerScopeOf, ordersToClear } from '../../orders';
import { platformNetOf } from '../rules/platform-result';
import {
  cursorAfter,
  ledgerCopyCollection,
  ledgerCopyPath,
  linesAfter,
  reconciliationStatePath,
  storedFindings,
  type StoredFindings,
} from '../rules/ledger-copy';
import { log } from '../../log';

export interface ReconcileDeps {
  store: DocumentStore;
  payments: Pick<Payments, 'listBalanceTransactions'>;
  clock: Clock;
}

/** What a read needs: the store and the time, never Stripe. */
export type ReadDeps = Pick<ReconcileDeps, 'store' | 'clock'>;

/** Unavailable where Stripe's ledger cannot be read (the in-process stand-in keeps none), or, for a read, before the first run. */
export type ReconcileOutcome = Reconciliation | undefined;

/** A server's journal, as its result and its report read it: entries only, since its first. */
export async function guildJournal(deps: ReadDeps, guildId: string): Promise<{ entries: JournalEntry[]; since: Date }> {
  const entries = await journalOfGuild(deps.store, guildId);
  return { entries, since: startOfDay(entries[0]?.at ?? deps.clock.now().toISOString()) };
}

/**
 * One server's report: the lines of its orders in C500's copy of Stripe's ledger, and its
 * orders' accounts, as the last run left them. Undefined before the first run.
 */
export async function reconcileGuild(deps: ReadDeps, guildId: string): Promise<ReconcileOutcome> {
  if (!(await deps.store.get(reconciliationStatePath))) return undefined;
  const { entries, since } = await guildJournal(deps, guildId);
  const lines = entries.length === 0 ? [] : (await deps.store.query(ledgerCopyCollection)).map((d) => d.data);
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((d) => d.data);
  return {
    since: since.toISOString(),
    ...matchLedger(lines, entries, ledgerScopeOf(orders)),
    uncleared: unclearedAccounts(entries, ordersToClear(orders), deps.clock.now().toISOString()),
  };
}

/** The findings of the last run, as it stored them, naming no person (undefined before the first). */
export async function lastReconciliation(deps: Pick<ReconcileDeps, 'store'>): Promise<StoredFindings | undefined> {
  return (await deps.store.get(reconciliationStatePath))?.findings;
}

/** When the daily run last read Stripe's ledger (undefined before the first). */
export async function reconciledAt(deps: Pick<ReconcileDeps, 'store'>): Promise<string | undefined> {
  return (await deps.store.get(reconciliationStatePath))?.ranAt;
}

/**
 * The run: Stripe's new lines read and kept, the entries only they give recorded, and the
 * operator's report made and stored. The report covers every line of the platform's balance
 * whose group has a line since `since` (each group read whole from the copy), each of which
 * the journal must explain, and every account of the platform that should be empty.
 */
export async function reconcileAll(deps: ReconcileDeps, since: Date): Promise<ReconcileOutcome> {
  const read = deps.payments.listBalanceTransactions;
  if (!read) return undefined;
  const state = await deps.store.get(reconciliationStatePath);
  const from = new Date((state?.cursor?.created ?? 0) * 1000);
  const fresh = linesAfter(await read.call(deps.payments, { from, to: new Date(deps.clock.now().getTime() + 1000) }), state?.cursor);
  await keepLines(deps.store, fresh);
  const all = (await deps.store.query(ledgerCopyCollection)).map((d) => d.data);
  let entries = (await deps.store.query(journalCollection)).map((d) => d.data);
  // A line read before its object's entry was written gets its fee once the entry is there: every run looks again at those left unexplained.
  const unexplainedBefore = new Set((state?.findings.unexplained ?? []).flatMap((u) => u.lines));
  const toRecord = [...fresh, ...all.filter((l) => unexplainedBefore.has(l.id))];
  entries = [...entries, ...(await recordFromLines(deps.store, toRecord, entries))];

  const fromSince = new Set(all.filter((l) => l.created * 1000 >= since.getTime()).map((l) => lineGroup(l).group));
  const lines = all.filter((l) => fromSince.has(lineGroup(l).group));
  const lineIds = new Set(lines.map((l) => l.id));
  const inGroups = entries.filter((e) => {
    const group = entryGroup(e);
    if (e.kind === 'stripe-fee') return lineIds.has(e.stripeId ?? '');
    return group !== undefined && (fromSince.has(group) || e.at >= since.toISOString());
  });
  const orders = (await deps.store.query(ordersCollection)).map((d) => d.data);
  const now = deps.clock.now().toISOString();
  const findings: Reconciliation = {
    since: since.toISOString(),
    ...matchLedger(lines, inGroups, 'all'),
    uncleared: unclearedAccounts(entries, ordersToClear(orders), now),
    // Every currency the platform moved money in: its net is there even before Stripe billed it anything.
    platform: [...new Set(entries.map((e) => e.currency))].sort().map((currency) => platformNetOf(entries, orders, currency)),
  };
  const cursor = cursorAfter(state?.cursor, fresh);
  await deps.store.set(reconciliationStatePath, { ...(cursor ? { cursor } : {}), ranAt: now, findings: storedFindings(findings) });
  return findings;
}

/**
 * The daily run, and a line per finding for a person to look at (`reconciliation.unexplained`
 * per group, `reconciliation.uncleared` per account: an ERROR each). What the alerts read:
 * `reconcile.unexplained`, one ERROR line per currency with the cents nothing explains (none
 * when all is explained), and `reconcile.finished` after every run that read Stripe's ledger,
 * so a reconciliation that stopped running is seen by its absence.
 */
export async function reconcileAndReport(deps: ReconcileDeps, since: Date): Promise<ReconcileOutcome> {
  const report = await reconcileAll(deps, since);
  if (!report) return undefined;
  for (const found of report.unexplained)
    log.error('money: a Stripe balance transaction and the journal disagree; see docs/operations/reconciliation.md', {
      event: 'reconciliation.unexplained',
      group: found.group,
      side: found.side,
      stripeCents: found.stripeCents,
      journalCents: found.journalCents,
      currency: found.currency,
      types: found.types,
      ...(found.why ? { why: found.why } : {}),
    });
  for (const found of report.uncleared)
    log.error('money: an account that must be empty is not; see docs/operations/reconciliation.md', {
      event: 'reconciliation.uncleared',
      account: found.account,
      ...(found.orderId ? { orderId: found.orderId } : {}),
      ...(found.entryId ? { entryId: found.entryId } : {}),
      balanceCents: found.balanceCents,
      currency: found.currency,
      why: found.why,
    });
  for (const { currency, cents } of unexplainedByCurrency(report.unexplained))
    log.error('money: the reconciliation found amounts it cannot explain; see docs/operations/reconciliation.md', {
      event: 'reconcile.unexplained',
      currency,
      cents,
    });
  log.info('reconciled with Stripe', {
    event: 'reconcile.finished',
    balanceTransactions: report.balanceTransactions,
    matched: report.matched,
    unexplained: report.unexplained.length,
    uncleared: report.uncleared.length,
  });
  return report;
}

/** New lines into the copy, a batch at a time (Firestore takes 500 writes a batch). */
async function keepLines(store: DocumentStore, lines: readonly BalanceTransactionLine[]): Promise<void> {
  for (let at = 0; at < lines.length; at += 400) {
    const batch = store.batch();
    for (const line of lines.slice(at, at + 400)) batch.set(ledgerCopyPath(line.id), line);
    await batch.commit();
  }
}

/**
 * What only Stripe's lines say, recorded once each: Stripe's fee on a line of an object the
 * journal knows, and what Stripe billed the platform. Written as every entry is, read first:
 * a run that overlaps another writes nothing twice.
 */
async function recordFromLines(store: DocumentStore, lines: readonly BalanceTransactionLine[], entries: readonly JournalEntry[]): Promise<JournalEntry[]> {
  const recorded = new Set(entries.map((e) => e.entryId));
  const found = [...stripeFeeEntries(lines, entries), ...connectFeeEntries(lines, recorded)];
  const written: JournalEntry[] = [];
  for (let at = 0; at < found.length; at += 100) {
    const chunk = found.slice(at, at + 100);
    await store.runTransaction(async (tx) => {
      const read = await readEntries(
        tx,
        chunk.map((e) => e.entryId),
      );
      for (const entry of chunk) writeEntry(tx, read, entry);
    });
    written.push(...chunk);
  }
  return written;
}

const startOfDay = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
