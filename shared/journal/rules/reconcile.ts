/**
 * @module reconcile
 * The journal held to Stripe's ledger (issue 60), as Stripe's own Ledger holds its books:
 * every balance transaction is matched to the journal entries of the Stripe object it moved
 * money for, by id and amount, and every account that must be empty once its order is done
 * with is. What does not match is reported on either side, never guessed away.
 *
 * Lines and entries meet in groups named by a Stripe object: a charge (its payment, refunds
 * and failed refunds), a transfer (a release and its reversals), a dispute (its withdrawals and
 * reinstatements, net of Stripe's fee). A group matches when the money its lines moved on the
 * platform's balance equals what its entries posted to `stripe-balance`.
 */
import type { BalanceTransactionLine } from '../../ports';
import { entryOf, post, type AccountName, type JournalEntry } from './entry';
import { pendingPastTime } from './fold';
import { neverCausedWhy } from './stripe-lines';

export interface Unexplained {
  /** Which side has money the other has not: a Stripe line with no entry, an entry with no line, or both with other amounts. */
  side: 'stripe' | 'journal' | 'both';
  /** The Stripe object the group is named by (`charge:ch_…`, `transfer:tr_…`, `dispute:dp_…`, `line:txn_…`). */
  group: string;
  stripeCents: number;
  journalCents: number;
  currency: string;
  lines: string[];
  entries: string[];
  /** Stripe's `type` of each line of the group, once each: what kind of money moved. */
  types: string[];
  /** For a line of a type C500 never causes (stripe-lines.ts), why it has no entry, in words. */
  why?: string;
}

export interface Uncleared {
  /** The account that should be empty; `pending` is a reservation (a pending entry) nobody settled in time. */
  account: Extract<AccountName, 'held' | 'owed-to-c500' | 'owed-to-buyer' | 'racer-payable' | 'payout-clearing' | 'host-payable'> | 'pending';
  orderId?: string;
  personId?: string;
  /** The pending entry past its time. */
  entryId?: string;
  /** The chargeback the bank is deciding (or decided) that says what can be done about it. */
  disputeId?: string;
  balanceCents: number;
  currency: string;
  why: string;
}

export interface Reconciliation {
  since: string;
  /** Stripe's lines read. */
  balanceTransactions: number;
  /** Of them, the lines whose group matched the journal. */
  matched: number;
  unexplained: Unexplained[];
  uncleared: Uncleared[];
  /**
   * The operator's report only: the platform's own money per currency, as the journal has it
   * (what it paid out to its bank, less payouts sent back; what Stripe billed it, a cost), and
   * its whole net: every server's orders' net less what Stripe billed it, as Stripe's ledger has it.
   */
  platform?: Array<{ currency: string; paidOutCents: number; stripeBilledCents: number; ordersNetCents: number; netCents: number }>;
}

/**
 * What the reconciliation cannot explain, per currency: the absolute difference of each
 * unexplained group, added up (a group off by +5 and another by -5 are 10 unexplained, not 0).
 * Only the currencies with something unexplained, in name order.
 */
export function unexplainedByCurrency(
  unexplained: readonly Pick<Unexplained, 'stripeCents' | 'journalCents' | 'currency'>[],
): Array<{ currency: string; cents: number }> {
  const cents = new Map<string, number>();
  for (const found of unexplained) cents.set(found.currency, (cents.get(found.currency) ?? 0) + Math.abs(found.stripeCents - found.journalCents));
  return [...cents]
    .filter(([, total]) => total > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => ({ currency, cents: total }));
}

/** The group a Stripe line belongs to, and what it moved on the platform's balance (a dispute's net of its fee, as entries post it). */
export function lineGroup(line: BalanceTransactionLine): { group: string; cents: number } {
  const category = line.reportingCategory;
  if (category === 'charge' && line.sourceId) return { group: `charge:${line.sourceId}`, cents: line.amountCents };
  if ((category === 'refund' || category === 'refund_failure') && line.sourceChargeId)
    return { group: `charge:${line.sourceChargeId}`, cents: line.amountCents };
  if (category === 'transfer' && line.sourceId) return { group: `transfer:${line.sourceId}`, cents: line.amountCents };
  if (category === 'transfer_reversal' && line.sourceTransferId) return { group: `transfer:${line.sourceTransferId}`, cents: line.amountCents };
  if ((category === 'dispute' || category === 'dispute_reversal') && line.sourceId) return { group: `dispute:${line.sourceId}`, cents: line.netCents };
  // A payout out and, when its bank sends it back, the same payout in again: one group, by the payout.
  if ((line.type === 'payout' || line.type === 'payout_failure') && line.sourceId) return { group: `payout:${line.sourceId}`, cents: line.amountCents };
  return { group: `line:${line.id}`, cents: line.amountCents };
}

/** The group an entry's money on Stripe's balance belongs to (undefined: it moved none). */
export function entryGroup(entry: JournalEntry): string | undefined {
  if (!entry.postings.some((p) => p.account === 'stripe-balance') || !entry.stripeId) return undefined;
  if (entry.kind === 'charge' || entry.kind === 'refund' || entry.kind === 'refund-failed') return `charge:${entry.stripeId}`;
  if (entry.kind === 'merch-sale' || entry.kind === 'merch-refund') return `charge:${entry.stripeId}`;
  if (entry.kind === 'release' || entry.kind === 'reversal' || entry.kind === 'racer-payout') return `transfer:${entry.stripeId}`;
  if (entry.kind === 'dispute-withdrawal' || entry.kind === 'dispute-reinstatement') return `dispute:${entry.stripeId}`;
  if (entry.kind === 'stripe-fee') return `fee:${entry.stripeId}`;
  if (entry.kind === 'platform-payout' || entry.kind === 'payout-returned') return `payout:${entry.stripeId}`;
  return `line:${entry.stripeId}`;
}

interface Side {
  cents: number;
  currency: string;
  ids: string[];
  types: string[];
}

const add = (groups: Map<string, Side>, group: string, cents: number, currency: string, id: string, type?: string) => {
  const side = groups.get(group) ?? { cents: 0, currency, ids: [], types: [] };
  side.cents += cents;
  side.currency = currency;
  side.ids.push(id);
  if (type !== undefined && !side.types.includes(type)) side.types.push(type);
  groups.set(group, side);
};

/** A server's part of Stripe's ledger, which is the whole platform's: its orders and their charges. */
export interface LedgerScope {
  orderIds: ReadonlySet<string>;
  chargeIds: ReadonlySet<string>;
}

/**
 * The lines of a server: those of objects its journal knows, and those Stripe ties to its
 * orders whether or not the journal heard of them (a charge of its orders, a refund, dispute or
 * transfer of such a charge, a transfer grouped under one of its orders, a reversal of such a
 * transfer). A line the journal should have and has not is then unexplained, not unseen.
 */
export function linesOf(lines: readonly BalanceTransactionLine[], knownGroups: ReadonlySet<string>, scope: LedgerScope): BalanceTransactionLine[] {
  const ours = (line: BalanceTransactionLine) =>
    knownGroups.has(lineGroup(line).group) ||
    (line.reportingCategory === 'charge' && scope.chargeIds.has(line.sourceId ?? '')) ||
    scope.chargeIds.has(line.sourceChargeId ?? '') ||
    scope.orderIds.has(line.sourceTransferGroup ?? '');
  const kept = new Set(lines.filter(ours));
  const transfers = new Set([...kept].filter((l) => l.reportingCategory === 'transfer').map((l) => l.sourceId));
  return lines.filter((line) => kept.has(line) || (line.reportingCategory === 'transfer_reversal' && transfers.has(line.sourceTransferId)));
}

/**
 * Matches Stripe's lines with the journal's entries: a server's (`scope`), or every line of the
 * platform's balance (`all`), each of which must then be explained. Stripe's fees are matched
 * by the `stripe-fee` entries that record them.
 */
export function matchLedger(
  lines: readonly BalanceTransactionLine[],
  entries: readonly JournalEntry[],
  scope: LedgerScope | 'all',
): { balanceTransactions: number; matched: number; unexplained: Unexplained[] } {
  const stripe = new Map<string, Side>();
  const journal = new Map<string, Side>();
  for (const entry of entries) {
    const group = entryGroup(entry);
    if (!group) continue;
    const cents = entry.postings.filter((p) => p.account === 'stripe-balance').reduce((sum, p) => sum + p.amountCents, 0);
    if (entry.kind === 'stripe-fee') add(journal, group, -cents, entry.currency, entry.entryId);
    else add(journal, group, cents, entry.currency, entry.entryId);
  }
  const read = scope === 'all' ? lines : linesOf(lines, new Set(journal.keys()), scope);
  for (const line of read) {
    const { group, cents } = lineGroup(line);
    add(stripe, group, cents, line.currency.toLowerCase(), line.id, line.type);
    // A dispute's fee is in its group's net already; every other line's fee is matched by its own entry.
    if (line.feeCents !== 0 && !group.startsWith('dispute:')) add(stripe, `fee:${line.id}`, line.feeCents, line.currency.toLowerCase(), line.id, line.type);
  }
  const unexplained: Unexplained[] = [];
  let matched = 0;
  const matchedLines = new Set<string>();
  const failedLines = new Set<string>();
  for (const group of new Set([...stripe.keys(), ...journal.keys()])) {
    const s = stripe.get(group);
    const j = journal.get(group);
    if (s && j && s.cents === j.cents && s.currency === j.currency) {
      for (const id of s.ids) matchedLines.add(id);
      continue;
    }
    for (const id of s?.ids ?? []) failedLines.add(id);
    const why = neverCausedWhy(s?.types ?? []);
    unexplained.push({
      side: s && j ? 'both' : s ? 'stripe' : 'journal',
      group,
      stripeCents: s?.cents ?? 0,
      journalCents: j?.cents ?? 0,
      currency: s?.currency ?? j?.currency ?? '',
      lines: s?.ids ?? [],
      entries: j?.ids ?? [],
      types: s?.types ?? [],
      ...(why ? { why } : {}),
    });
  }
  // A line is matched when its amount's group and its fee's both are.
  for (const line of read) if (matchedLines.has(line.id) && !failedLines.has(line.id)) matched++;
  return { balanceTransactions: read.length, matched, unexplained: unexplained.sort((a, b) => a.group.localeCompare(b.group)) };
}

/** An order as reconciliation needs it: whether its money is done with, and the fee it earned. */
export interface OrderToClear {
  orderId: string;
  currency: string;
  platformFeeCents: number;
  /** Nothing is left to release, reverse, return or pay by hand, and no dispute is open. */
  doneWith: boolean;
  /**
   * A refund of it failed and is all that keeps it from being done with: the buyer's money is
   * back in its held account until it is given again or settled another way.
   */
  holdsFailedRefund?: boolean;
  /**
   * A lot whose payment came after it was gone (expired, its late charge on it): nothing was
   * sold, so whatever it holds is its buyer's until given back (a give-back Stripe refused).
   */
  paidLate?: boolean;
  /**
   * Its charge's chargeback, open (the bank is deciding: Stripe refuses any refund until then)
   * or lost (Stripe refuses any refund of the charge for good); none once won or never disputed.
   */
  chargeback?: { disputeId: string; state: 'open' | 'lost' };
}

/** Each account's balance (debits positive) over posted entries, per currency and owner. */
function balancesOf(
  entries: readonly JournalEntry[],
  account: AccountName,
  owner: 'orderId' | 'personId',
): Map<string, { currency: string; id: string; cents: number }> {
  const balances = new Map<string, { currency: string; id: string; cents: number }>();
  for (const entry of entries) {
    if (entry.pending) continue;
    for (const p of entry.postings)
      if (p.account === account) {
        const id = p[owner] ?? '';
        const key = `${entry.currency}|${id}`;
        const balance = balances.get(key) ?? { currency: entry.currency, id, cents: 0 };
        balance.cents += p.amountCents;
        balances.set(key, balance);
      }
  }
  return balances;
}

/** Why a lot paid after it was gone is listed: it holds its buyer's money (the money check says what to do). */
export const heldForLateBuyer = 'a payment that came after its lot was gone, which Stripe would not let C500 give back: give it back with /c500 refund';
/** The same while the buyer's bank decides a chargeback of the charge: Stripe refuses a refund until it does. */
export const heldForLateBuyerDisputed = 'a payment that came after its lot was gone, charged back in part: wait for the bank to decide the dispute';
/** The same once a chargeback of part of it was lost: Stripe refuses any refund of the charge, so the rest is paid back outside Stripe. */
export const heldForLateBuyerChargedBack =
  'a payment that came after its lot was gone, charged back in part and lost: Stripe refuses any refund of it, so pay the rest back outside Stripe and record how';
/** The whys of a lot holding a late payment's money for its buyer, whatever its chargeback. */
export const heldForLateBuyerWhys: readonly string[] = [heldForLateBuyer, heldForLateBuyerDisputed, heldForLateBuyerChargedBack];
/** Why an order that would be done with but for a refund that failed is listed. */
export const heldByFailedRefund = 'a refund that failed left the buyer’s money held: give it again with /c500 refund';
/** Why money owed to a buyer is listed: a failed refund then a chargeback lost, so Stripe refuses a refund (owed-to-buyer). */
export const owedAfterChargeback =
  'money owed to the buyer of this order (a refund of it failed, then its charge was charged back): Stripe refuses a refund, so pay it back another way and record how it was settled';
/** The same on a lot paid after it was gone whose give-back failed at the bank: Stripe gives it again unless charged back. */
export const owedAfterGiveBack =
  'money owed to the buyer of a lot paid after it was gone (C500’s give-back failed at their bank): give it again with /c500 refund, or pay it back another way and record how it was settled';
/** The same while the bank decides a chargeback of that lot's charge: it may pay them, and Stripe refuses a refund until it decides. */
export const owedWhileDisputed =
  'money owed to the buyer of a lot paid after it was gone, whose charge is charged back: wait for the bank to decide the dispute';

/** Why a lot paid after it was gone holds or is owed its buyer's money, by its chargeback. */
function lateBuyerWhy(order: OrderToClear, account: 'held' | 'owed-to-buyer'): { why: string; disputeId?: string } {
  const chargeback = order.chargeback;
  if (chargeback?.state === 'open') return { why: account === 'held' ? heldForLateBuyerDisputed : owedWhileDisputed, disputeId: chargeback.disputeId };
  if (chargeback?.state === 'lost') return { why: account === 'held' ? heldForLateBuyerChargedBack : owedAfterChargeback, disputeId: chargeback.disputeId };
  return { why: account === 'held' ? heldForLateBuyer : owedAfterGiveBack };
}

/**
 * The accounts that must be empty and are not, each with why in words:
 * - an order done with holds nothing for anybody (its held money is at most zero, and never
 *   below minus its fee: the platform gave back no more than it earned);
 * - an order that would be done with but for a refund that failed holds the buyer's money;
 * - a lot paid after it was gone holds nothing (what it holds is its buyer's, to give back);
 * - nobody's debt is below zero; no buyer is owed money (`owed-to-buyer`); no racer's payable
 *   is below zero (a refund took back a commission already paid out to them);
 * - `payout-clearing` is empty (every payout recorded went out or was undone);
 * - no host was paid by hand more than they were owed (`host-payable` above zero);
 * - given `nowIso`, no pending entry is still open past its time.
 */
export function unclearedAccounts(entries: readonly JournalEntry[], orders: readonly OrderToClear[], nowIso?: string): Uncleared[] {
  const uncleared: Uncleared[] = [];
  const heldByOrder = balancesOf(entries, 'held', 'orderId');
  for (const order of orders) {
    if (!order.doneWith && !order.holdsFailedRefund && !order.paidLate) continue;
    const held = -(heldByOrder.get(`${order.currency.toLowerCase()}|${order.orderId}`)?.cents ?? 0);
    const at = { account: 'held' as const, orderId: order.orderId, balanceCents: held, currency: order.currency };
    if (held > 0 && order.paidLate) uncleared.push({ ...at, ...lateBuyerWhy(order, 'held') });
    else if (held > 0 && !order.doneWith) uncleared.push({ ...at, why: heldByFailedRefund });
    else if (held > 0) uncleared.push({ ...at, why: 'held for nobody on an order done with' });
    else if (order.doneWith && held < -order.platformFeeCents) uncleared.push({ ...at, why: 'more went out of the order than came in, beyond its fee' });
  }
  for (const { currency, id, cents } of balancesOf(entries, 'owed-to-c500', 'personId').values())
    if (cents < 0) uncleared.push({ account: 'owed-to-c500', personId: id, balanceCents: cents, currency, why: 'a debt below zero: C500 owes it back' });
  const lateLots = new Map(orders.filter((o) => o.paidLate).map((o) => [o.orderId, o]));
  for (const { currency, id, cents } of balancesOf(entries, 'owed-to-buyer', 'orderId').values()) {
    const late = lateLots.get(id);
    if (cents !== 0)
      uncleared.push({
        account: 'owed-to-buyer',
        orderId: id,
        balanceCents: -cents,
        currency,
        ...(late ? lateBuyerWhy(late, 'owed-to-buyer') : { why: owedAfterChargeback }),
      });
  }
  for (const { currency, id, cents } of balancesOf(entries, 'racer-payable', 'personId').values())
    if (cents > 0)
      uncleared.push({
        account: 'racer-payable',
        personId: id,
        balanceCents: -cents,
        currency,
        why: 'a racer was paid more than they earned (a refund took back a commission already paid out): recover it or write it off',
      });
  for (const { currency, id, cents } of balancesOf(entries, 'host-payable', 'orderId').values())
    if (cents > 0)
      uncleared.push({
        account: 'host-payable',
        orderId: id,
        balanceCents: -cents,
        currency,
        why: 'a host was paid by hand more than they were owed for this order: recover it or write it off',
      });
  const clearing = new Map<string, number>();
  for (const entry of entries)
    if (!entry.pending)
      for (const p of entry.postings) if (p.account === 'payout-clearing') clearing.set(entry.currency, (clearing.get(entry.currency) ?? 0) + p.amountCents);
  for (const [currency, cents] of clearing)
    if (cents !== 0)
      uncleared.push({ account: 'payout-clearing', balanceCents: cents, currency, why: 'a payout recorded that neither went out nor was undone' });
  if (nowIso !== undefined)
    for (const entry of pendingPastTime(entries, nowIso))
      uncleared.push({
        account: 'pending',
        entryId: entry.entryId,
        ...(entry.orderId ? { orderId: entry.orderId } : {}),
        balanceCents: entry.postings.reduce((sum, p) => sum + Math.max(0, p.amountCents), 0),
        currency: entry.currency,
        why: `money in flight (${entry.kind}) past its time ${entry.pending?.timeoutAt ?? ''}: nobody posted or voided it`,
      });
  return uncleared;
}

/**
 * Stripe's fee on each line of a group the journal knows, as an entry of that group's server
 * and order (what Stripe kept is spent from the platform's balance), for lines whose fee no
 * entry records yet. A dispute's fee is its own entry's already.
 */
export function stripeFeeEntries(lines: readonly BalanceTransactionLine[], entries: readonly JournalEntry[]): JournalEntry[] {
  const owners = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const group = entryGroup(entry);
    if (group && !owners.has(group)) owners.set(group, entry);
  }
  const known = new Set(entries.filter((e) => e.kind === 'stripe-fee').map((e) => e.stripeId));
  return lines.flatMap((line) => {
    const { group } = lineGroup(line);
    const owner = owners.get(group);
    if (!owner || line.feeCents === 0 || group.startsWith('dispute:') || known.has(line.id)) return [];
    const entry = entryOf(
      {
        entryId: `stripe-fee:${line.id}`,
        kind: 'stripe-fee',
        at: new Date(line.created * 1000).toISOString(),
        guildId: owner.guildId,
        currency: line.currency,
        ...(owner.orderId ? { orderId: owner.orderId } : {}),
        stripeId: line.id,
      },
      [post.to('stripe-fees', line.feeCents), post.stripe(-line.feeCents)],
    );
    return entry ? [entry] : [];
  });
}
