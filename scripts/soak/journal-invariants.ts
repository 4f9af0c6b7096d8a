/**
 * The money journal read against the local Stripe (issue 60): every entry balances, every
 * balance transaction of an order is explained by the entries of the object it moved money for,
 * and every order done with holds nothing. Stripe's side is read from the stand-in's own
 * objects (its balance transactions, with the refund's charge, the reversal's transfer and the
 * transfer's charge and group as `expand[]=data.source` gives them), which the product does not
 * write; Stripe's fees are taken as reconciliation records them, from the lines themselves.
 */
import type { BalanceTransactionLine } from '../../shared/ports';
import {
  connectFeeEntries,
  matchLedger,
  owedByHandFor,
  stripeFeeEntries,
  unbalanced,
  unclearedAccounts,
  heldForLateBuyerWhys,
  type JournalEntry,
  type Uncleared,
} from '../../shared/journal';
import type { PotShard, UnfoldedSale } from '../../shared/races';
import { owedNowCents, releaseInFlightProblems, type HostPayout } from '../../shared/payments';
import { ledgerScopeOf, ordersToClear } from '../../shared/orders';
import { type Order } from '../../shared/orders';
import type { LocalBalanceTransaction, LocalDispute, LocalRefund, LocalTransfer, LocalTransferReversal } from '../../shared/local/stripe/objects';
import { ledgerLineOf } from '../../shared/local/stripe/ledger';
import { verdict, type Check, type NamedCheck } from './check';
import { collection, collectionGroup, stripeObjects, type SoakWorld } from './world';
import { racerLines } from './racer-lines';

const entriesOf = (world: Pick<SoakWorld, 'docs'>) => collection<JournalEntry>(world, 'journal').map((d) => d.data);
const ordersOf = (world: Pick<SoakWorld, 'docs'>) => collection<Order>(world, 'orders').map((d) => d.data);

/** The platform's ledger as the payments port reads it, each line's source expanded from the stand-in's objects. */
export function ledgerLines(world: Pick<SoakWorld, 'docs'>): BalanceTransactionLine[] {
  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));
  const refunds = byId(stripeObjects<LocalRefund>(world, 'Refunds'));
  const reversals = byId(stripeObjects<LocalTransferReversal>(world, 'TransferReversals'));
  const transfers = byId(stripeObjects<LocalTransfer>(world, 'Transfers'));
  const disputes = byId(stripeObjects<LocalDispute>(world, 'Disputes'));
  const sourceOf = (id: string) => refunds.get(id) ?? reversals.get(id) ?? transfers.get(id) ?? disputes.get(id);
  return stripeObjects<LocalBalanceTransaction>(world, 'BalanceTransactions').map((t) => ledgerLineOf(t, t.source === null ? undefined : sourceOf(t.source)));
}

/** Every entry's postings sum to zero in its currency, each a whole amount. */
const entriesBalance: Check = (world) => {
  const entries = entriesOf(world);
  const problems = unbalanced(entries).map((u) => `entry ${u.entryId} sums to ${u.sumCents} ${u.currency}`);
  for (const entry of entries)
    if (entry.postings.some((p) => !Number.isSafeInteger(p.amountCents))) problems.push(`entry ${entry.entryId} posts an amount that is not whole`);
  return verdict(entries.length, problems);
};

/** Every balance transaction of our orders (their charges, refunds, disputes, transfers and reversals) matches the journal, and no entry has money Stripe did not move. */
const ledgerExplained: Check = (world) => {
  const orders = ordersOf(world);
  const entries = entriesOf(world);
  const lines = ledgerLines(world);
  const report = matchLedger(lines, [...entries, ...stripeFeeEntries(lines, entries)], ledgerScopeOf(orders));
  return verdict(
    report.balanceTransactions,
    report.unexplained.map(
      (u) =>
        `${u.group}: Stripe moved ${u.stripeCents}, the journal ${u.journalCents} ${u.currency} (lines ${u.lines.join(' ')}; entries ${u.entries.join(' ')})`,
    ),
  );
};

/**
 * Every line of the platform's Stripe balance matches the journal, as the operator's daily run
 * reads it (`reconcileAll`): merch sales through Payment Links, their refunds and racers'
 * payouts by transfer too, not only orders.
 */
const platformLedgerExplained: Check = (world) => {
  const entries = entriesOf(world);
  const lines = ledgerLines(world);
  // What Stripe billed the platform is recorded by the run from its lines, as the fees are.
  const recorded = [...entries, ...stripeFeeEntries(lines, entries)];
  const report = matchLedger(lines, [...recorded, ...connectFeeEntries(lines, new Set(recorded.map((e) => e.entryId)))], 'all');
  return verdict(
    report.balanceTransactions,
    report.unexplained.map((u) => `${u.group}: Stripe moved ${u.stripeCents}, the journal ${u.journalCents} ${u.currency} (lines ${u.lines.join(' ')})`),
  );
};

/**
 * What each race earned each racer, as the journal folds it (their earnings that name the race),
 * is their share in the race's pot: its shards plus the sales not yet folded into them, a
 * cached per-race figure written beside each entry (issue 75).
 */
const racesEarnedIsTheFold: Check = (world) => {
  const shares = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, cents: number) => map.set(key, (map.get(key) ?? 0) + cents);
  for (const { path, data } of collectionGroup<PotShard>(world, 'pot'))
    if (path.startsWith('raceLobbies/')) for (const [racerId, cents] of Object.entries(data.shares ?? {})) add(shares, `${data.lobbyId}/${racerId}`, cents);
  for (const { data } of collection<UnfoldedSale>(world, 'unfoldedSales'))
    for (const part of data.credits) add(shares, `${data.lobbyId}/${part.racerId}`, part.cents);
  const earned = new Map<string, number>();
  for (const line of racerLines(world)) if (line.lobbyId) add(earned, `${line.lobbyId}/${line.racerId}`, line.amountCents);
  const keys = new Set([...shares.keys(), ...earned.keys()]);
  const problems = [...keys].flatMap((key) => {
    const [lobbyId, racerId] = key.split('/');
    const share = shares.get(key) ?? 0;
    const folded = earned.get(key) ?? 0;
    return share === folded ? [] : [`racer ${racerId} in race ${lobbyId}: ${share} by the pot's shares, ${folded} by the journal`];
  });
  return verdict(keys.size, problems);
};

/**
 * What the soak leaves uncleared on purpose, which the operator must see listed: a refund the
 * buyer's bank sent back and nobody gave again holds the buyer's money (or, once the charge was
 * charged back and lost, is owed to the buyer); a late payment whose give-back Stripe refused
 * holds it too; a racer paid out before a merch sale was
 * refunded owes it back from their next earnings. Anything else uncleared is a defect.
 */
function leftOnPurpose(u: Uncleared, orders: ReadonlyMap<string, Order>): boolean {
  if (u.account === 'racer-payable') return true;
  // A late payment Stripe would not let C500 give back (a chargeback won since, say) holds the buyer's money until an admin gives it back.
  if (u.account === 'held' && heldForLateBuyerWhys.includes(u.why)) return true;
  const failedRefund = (orders.get(u.orderId ?? '')?.failedRefunds ?? []).length > 0;
  return failedRefund && (u.account === 'owed-to-buyer' || (u.account === 'held' && u.why.startsWith('a refund that failed')));
}

/** An order whose money is done with holds nothing for anybody, no debt is below zero, and every other account that should be empty is, but for what the soak left on purpose. */
const accountsClear: Check = (world) => {
  const orders = ordersOf(world);
  const done = ordersToClear(orders);
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  return verdict(
    done.filter((o) => o.doneWith).length,
    unclearedAccounts(entriesOf(world), done)
      .filter((u) => !leftOnPurpose(u, byId))
      .map((u) => `${u.account} ${u.orderId ?? u.personId}: ${u.balanceCents} ${u.currency}, ${u.why}`),
  );
};

/**
 * The operator's reconciliation of the run's end, as `reconcileAll` counts it over the platform's
 * whole ledger: Stripe's lines, those matched, the groups unexplained, and the accounts left
 * uncleared (those the soak left on purpose counted apart from the rest).
 */
export function reconciliationCounts(world: Pick<SoakWorld, 'docs'>): Record<string, number> {
  const entries = entriesOf(world);
  const lines = ledgerLines(world);
  const recorded = [...entries, ...stripeFeeEntries(lines, entries)];
  const report = matchLedger(lines, [...recorded, ...connectFeeEntries(lines, new Set(recorded.map((e) => e.entryId)))], 'all');
  const orders = ordersOf(world);
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const uncleared = unclearedAccounts(entries, ordersToClear(orders));
  const onPurpose = uncleared.filter((u) => leftOnPurpose(u, byId)).length;
  return {
    'Stripe balance transactions': report.balanceTransactions,
    matched: report.matched,
    unexplained: report.unexplained.length,
    'uncleared (left on purpose: a failed refund, a racer paid before a refund)': onPurpose,
    'uncleared (anything else)': uncleared.length - onPurpose,
  };
}

/** Each release being sent, as its order keeps it, is the journal's money in flight for it, and none other is. */
const releasesInFlightAgree: Check = (world) => {
  const entries = entriesOf(world);
  const byOrder = new Map<string, JournalEntry[]>();
  for (const entry of entries) if (entry.orderId) byOrder.set(entry.orderId, [...(byOrder.get(entry.orderId) ?? []), entry]);
  const orders = ordersOf(world);
  return verdict(
    orders.length,
    orders.flatMap((o) => releaseInFlightProblems(o, byOrder.get(o.orderId) ?? [])),
  );
};

/** What each host's cut owed by hand says is owed now is what the journal's `host-payable` adds up to for its order. */
const hostOwedIsTheFold: Check = (world) => {
  const entries = entriesOf(world);
  const payouts = collection<HostPayout>(world, 'hostPayouts').map((d) => d.data);
  return verdict(
    payouts.length,
    payouts.flatMap((p) => {
      const folded = owedByHandFor(entries, p.currency, p.orderId);
      return owedNowCents(p) === folded ? [] : [`host cut of ${p.orderId}: ${owedNowCents(p)} owed by its record, ${folded} ${p.currency} by the journal`];
    }),
  );
};

export const journalChecks: NamedCheck[] = [
  { name: 'every journal entry sums to zero', group: 'money', check: entriesBalance },
  { name: 'every balance transaction of an order explained by the journal', group: 'money', check: ledgerExplained },
  { name: 'every order done with holds nothing in the journal', group: 'money', check: accountsClear },
  { name: 'every line of the platform’s balance explained by the journal', group: 'money', check: platformLedgerExplained },
  { name: 'every race’s share of each racer is the journal’s', group: 'money', check: racesEarnedIsTheFold },
  { name: 'every release being sent is the journal’s money in flight', group: 'money', check: releasesInFlightAgree },
  { name: 'every host’s cut owed by hand is the journal’s', group: 'money', check: hostOwedIsTheFold },
];
