/**
 * @module reconcile
 * The daily reconciliation of the journal with Stripe (issue 60): Stripe's balance
 * transactions read through the payments port, each matched to the journal by the object it
 * moved money for; Stripe's fee on each matched line recorded in the journal once (keyed by
 * the line, as the statement is the only source of it); and every order that is done with
 * checked for money still held. A server's report covers the lines of its own orders; the
 * operator's covers every line of the platform's balance.
 */
import type { BalanceTransactionLine, Clock, DocumentStore, Payments } from '../../ports';
import {
  entryGroup,
  journalCollection,
  journalOfGuild,
  lineGroup,
  matchLedger,
  stripeFeeEntries,
  unclearedAccounts,
  unexplainedByCurrency,
  writeEntryUnread,
  type JournalEntry,
  type Reconciliation,
} from '../../journal';
import { ordersCollection } from '../../orders';
import { ledgerScopeOf, ordersToClear } from '../rules/order-journal';
import { log } from '../../log';

export interface ReconcileDeps {
  store: DocumentStore;
  payments: Pick<Payments, 'listBalanceTransactions'>;
  clock: Clock;
}

/** Unavailable where Stripe's ledger cannot be read (the in-process stand-in keeps none). */
export type ReconcileOutcome = Reconciliation | undefined;

/**
 * A server's journal with Stripe's fees recorded from the ledger (where it can be read), and
 * the ledger's lines since the server's first entry: what its report and its result read.
 */
export async function guildJournal(
  deps: ReconcileDeps,
  guildId: string,
): Promise<{ entries: JournalEntry[]; lines: BalanceTransactionLine[] | undefined; since: Date }> {
  const entries = await journalOfGuild(deps.store, guildId);
  const since = startOfDay(entries[0]?.at ?? deps.clock.now().toISOString());
  const read = deps.payments.listBalanceTransactions;
  if (!read) return { entries, lines: undefined, since };
  const lines = entries.length === 0 ? [] : await read.call(deps.payments, { from: since, to: new Date(deps.clock.now().getTime() + 1000) });
  return { entries: [...entries, ...(await recordStripeFees(deps.store, lines, entries))], lines, since };
}

/** One server's report: the lines of its orders since its first entry, and its orders' accounts. */
export async function reconcileGuild(deps: ReconcileDeps, guildId: string): Promise<ReconcileOutcome> {
  const { entries, lines, since } = await guildJournal(deps, guildId);
  if (!lines) return undefined;
  const orders = (await deps.store.query(ordersCollection, { where: [['guildId', '==', guildId]] })).map((d) => d.data);
  return { since: since.toISOString(), ...matchLedger(lines, entries, ledgerScopeOf(orders)), uncleared: unclearedAccounts(entries, ordersToClear(orders)) };
}

/**
 * The operator's report: every line of the platform's balance since `since`, each of which the
 * journal must explain (merch sales, racers' payouts and the platform's own payouts included),
 * and every order's accounts. Groups are read whole: a line of a group that began before
 * `since` is matched with all of its group.
 */
export async function reconcileAll(deps: ReconcileDeps, since: Date): Promise<ReconcileOutcome> {
  const read = deps.payments.listBalanceTransactions;
  if (!read) return undefined;
  const entries = (await deps.store.query(journalCollection)).map((d) => d.data);
  const first = entries.reduce((min, e) => (e.at < min ? e.at : min), since.toISOString());
  const all = await read.call(deps.payments, { from: startOfDay(first), to: new Date(deps.clock.now().getTime() + 1000) });
  const withFees = [...entries, ...(await recordStripeFees(deps.store, all, entries))];
  const fromSince = new Set(all.filter((l) => l.created * 1000 >= since.getTime()).map((l) => lineGroup(l).group));
  const lines = all.filter((l) => fromSince.has(lineGroup(l).group));
  const lineIds = new Set(lines.map((l) => l.id));
  const inGroups = withFees.filter((e) => {
    const group = entryGroup(e);
    if (e.kind === 'stripe-fee') return lineIds.has(e.stripeId ?? '');
    return group !== undefined && (fromSince.has(group) || e.at >= since.toISOString());
  });
  const orders = (await deps.store.query(ordersCollection)).map((d) => d.data);
  return {
    since: since.toISOString(),
    ...matchLedger(lines, inGroups, 'all'),
    uncleared: unclearedAccounts(withFees, ordersToClear(orders)),
  };
}

/**
 * The daily run: the operator's report, and a line per finding for a person to look at
 * (`reconciliation.unexplained` per group, `reconciliation.uncleared` per account: an ERROR
 * each). What the alerts read: `reconcile.unexplained`, one ERROR line per currency with the
 * cents nothing explains (none when all is explained), and `reconcile.finished` after every
 * run that read Stripe's ledger, so a reconciliation that stopped running is seen by its absence.
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
    });
  for (const found of report.uncleared)
    log.error('money: an account that must be empty is not; see docs/operations/reconciliation.md', {
      event: 'reconciliation.uncleared',
      account: found.account,
      ...(found.orderId ? { orderId: found.orderId } : {}),
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

/** Stripe's fees the journal does not record yet, recorded now (once per line, whatever run records it). */
async function recordStripeFees(store: DocumentStore, lines: readonly BalanceTransactionLine[], entries: readonly JournalEntry[]): Promise<JournalEntry[]> {
  const fees = stripeFeeEntries(lines, entries);
  if (fees.length > 0) {
    const batch = store.batch();
    for (const entry of fees) writeEntryUnread(batch, entry);
    await batch.commit();
  }
  return fees;
}

const startOfDay = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
