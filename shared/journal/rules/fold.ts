/**
 * @module fold
 * Every balance is a fold of the journal: one function each, here. A balance is the sum of
 * its postings (debits positive), so money held for an order or earned as fees reads negative
 * and money owed to C500 positive; each function below says which way it answers.
 */
import type { AccountName, EntryKind, JournalEntry, Posting } from './entry';

type Where = (posting: Posting, entry: JournalEntry) => boolean;

/** The sum of the posted postings `where` picks, over entries of one currency: a pending entry is money in flight, counted by no balance. */
export function sumOf(entries: readonly JournalEntry[], currency: string, where: Where): number {
  const wanted = currency.toLowerCase();
  let sum = 0;
  for (const entry of entries) if (entry.currency === wanted && !entry.pending) for (const p of entry.postings) if (where(p, entry)) sum += p.amountCents;
  return sum;
}

/** The pending entries no entry has posted or voided yet: money still in flight, oldest first. */
export function openPending(entries: readonly JournalEntry[]): JournalEntry[] {
  // Stryker disable next-line ArrayDeclaration: the empty list given a made-up id settles no real entry, so that mutant is equivalent (the resolved id's list emptied, which the tests kill, goes with it)
  const settled = new Set(entries.flatMap((e) => (e.resolves ? [e.resolves.entryId] : [])));
  return entries.filter((e) => e.pending && !settled.has(e.entryId)).sort((a, b) => a.at.localeCompare(b.at) || a.entryId.localeCompare(b.entryId));
}

/** Of the open pending entries, those past their time: a reservation nobody settled, which reconciliation reports. */
export function pendingPastTime(entries: readonly JournalEntry[], nowIso: string): JournalEntry[] {
  // Stryker disable next-line OptionalChaining,StringLiteral: openPending returns only pending entries, so `pending` is always there and the fallback never read
  return openPending(entries).filter((e) => (e.pending?.timeoutAt ?? '') < nowIso);
}

/** What the open pending entries reserve on an account (debits positive), optionally of one order or person. */
export function pendingOn(entries: readonly JournalEntry[], currency: string, account: AccountName, of: { orderId?: string; personId?: string } = {}): number {
  const wanted = currency.toLowerCase();
  let sum = 0;
  for (const entry of openPending(entries))
    if (entry.currency === wanted)
      for (const p of entry.postings)
        if (p.account === account && (of.orderId === undefined || p.orderId === of.orderId) && (of.personId === undefined || p.personId === of.personId))
          sum += p.amountCents;
  return sum;
}

/** An account's balance (debits positive), optionally of one order or one person. */
export function balanceOf(entries: readonly JournalEntry[], currency: string, account: AccountName, of: { orderId?: string; personId?: string } = {}): number {
  return sumOf(
    entries,
    currency,
    (p) => p.account === account && (of.orderId === undefined || p.orderId === of.orderId) && (of.personId === undefined || p.personId === of.personId),
  );
}

/** What the platform holds for an order's builder, host or buyer: its `held` account, read as money held (positive). */
export const heldFor = (entries: readonly JournalEntry[], currency: string, orderId: string): number => 0 - balanceOf(entries, currency, 'held', { orderId });

/** What a person owes C500 on the server: their `owed-to-c500` account (positive: owed). */
export const owedBy = (entries: readonly JournalEntry[], currency: string, personId: string): number =>
  balanceOf(entries, currency, 'owed-to-c500', { personId });

/**
 * What the platform owes a racer on the server: their `racer-payable` account read as payable
 * (positive). Below zero, the racer owes it back: a refund reversed their commission after it
 * was paid out, and their next credits make it up.
 */
export const payableTo = (entries: readonly JournalEntry[], currency: string, personId: string): number =>
  0 - balanceOf(entries, currency, 'racer-payable', { personId });

/** The accounts a person owns on a server, which empty and may then lose their name: a racer's payable, a debt to C500. */
export type PersonalAccount = Extract<AccountName, 'racer-payable' | 'owed-to-c500'>;

/** A person's balance on one of their accounts in each currency it has moved in (debits positive), posted entries only. */
function personBalances(entries: readonly JournalEntry[], personId: string, account: PersonalAccount): Map<string, number> {
  const balances = new Map<string, number>();
  for (const entry of entries)
    if (!entry.pending)
      for (const p of entry.postings)
        // Stryker disable next-line ArithmeticOperator: only whether each sum is zero is read, and a sum negated is zero when it is
        if (p.account === account && p.personId === personId) balances.set(entry.currency, (balances.get(entry.currency) ?? 0) + p.amountCents);
  return balances;
}

/** Whether a person's account is empty: nothing on it in any currency, and nothing of theirs in flight. */
export function accountSettled(entries: readonly JournalEntry[], personId: string, account: PersonalAccount): boolean {
  return [...personBalances(entries, personId, account).values()].every((cents) => cents === 0) && openPending(entries).length === 0;
}

/**
 * Of a person's entries on one of their accounts on a server (oldest first), the shortest run
 * from the first through `through` after which the account is empty (`accountSettled`): entries
 * that may lose the person's name together, since the rest still fold to the same balance.
 * Losing it one at a time, a settled account's remaining entries would stop adding up to zero.
 * Undefined when the account is not empty at any point from `through` on.
 */
export function settledRun(entries: readonly JournalEntry[], personId: string, through: string, account: PersonalAccount): JournalEntry[] | undefined {
  const at = entries.findIndex((entry) => entry.entryId === through);
  if (at < 0) return undefined;
  const balances = new Map<string, number>();
  const inFlight = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as JournalEntry;
    if (entry.pending) inFlight.add(entry.entryId);
    else
      for (const p of entry.postings)
        // Stryker disable next-line ArithmeticOperator: only whether each sum is zero is read, and a sum negated is zero when it is
        if (p.account === account && p.personId === personId) balances.set(entry.currency, (balances.get(entry.currency) ?? 0) + p.amountCents);
    if (entry.resolves) inFlight.delete(entry.resolves.entryId);
    if (i >= at && inFlight.size === 0 && [...balances.values()].every((cents) => cents === 0)) return entries.slice(0, i + 1);
  }
  return undefined;
}

/** A racer's money on a server as the journal has it: the figures of their wallet. */
export interface RacerMoney {
  /** Earned and not yet paid out (`payableTo`); below zero when a refund came after a payout. */
  pendingCents: number;
  /** Paid out, less payouts undone. */
  paidCents: number;
  /** Credited less reversed, over every race. */
  earnedCents: number;
}

/** The fold of a racer's `racer-payable` postings: earnings credit it, payouts (and their undoing) debit it. */
export function racerMoney(entries: readonly JournalEntry[], currency: string, personId: string): RacerMoney {
  const on = (kind: EntryKind) => sumOf(entries, currency, (p, e) => e.kind === kind && p.account === 'racer-payable' && p.personId === personId);
  return { pendingCents: payableTo(entries, currency, personId), paidCents: on('racer-payout'), earnedCents: 0 - on('racer-earning') };
}

/** What was refunded of an order, net of refunds that failed: its refund entries' moves out of its held money. */
export const refundedOf = (entries: readonly JournalEntry[], currency: string, orderId: string): number =>
  sumOf(entries, currency, (p, e) => (e.kind === 'refund' || e.kind === 'refund-failed') && p.account === 'held' && p.orderId === orderId);

/** What transfers sent a party of an order (its release, a commission's tranches, a won dispute's return). */
export const sentTo = (entries: readonly JournalEntry[], currency: string, orderId: string, party: 'builder' | 'host'): number =>
  sumOf(entries, currency, (p, e) => e.kind === 'release' && p.account === 'held' && p.orderId === orderId && p.party === party);

/** What reversals Stripe made took back from a party of an order. */
export const reversedFrom = (entries: readonly JournalEntry[], currency: string, orderId: string, party: 'builder' | 'host'): number =>
  0 - sumOf(entries, currency, (p, e) => e.kind === 'reversal' && p.account === 'held' && p.orderId === orderId && p.party === party);

/** What one transfer sent (a release, a tranche or a won dispute's return, by its Stripe id). */
export const sentBy = (entries: readonly JournalEntry[], currency: string, transferId: string): number =>
  sumOf(entries, currency, (p, e) => e.kind === 'release' && e.stripeId === transferId && p.account === 'held');

/**
 * What one transfer still holds on Stripe: what it sent less what reversals took back from it
 * (a release, a tranche or a won dispute's return, by its Stripe id), as the journal has it.
 * Reversals not yet answered by Stripe are not in it: the caller takes off those it fixed.
 */
export const holdsOf = (entries: readonly JournalEntry[], currency: string, transferId: string): number =>
  sumOf(entries, currency, (p, e) => (e.kind === 'release' || e.kind === 'reversal') && e.stripeId === transferId && p.account === 'held');

/** What a dispute's reversals took back from a party of an order (its release, its tranches, a host's cut). */
export const disputeReversedFrom = (entries: readonly JournalEntry[], currency: string, disputeId: string, party: 'builder' | 'host'): number =>
  0 - sumOf(entries, currency, (p, e) => e.kind === 'reversal' && e.disputeId === disputeId && p.account === 'held' && p.party === party);

/** What a dispute's reversals took back from one transfer (a commission's tranche, by its Stripe id). */
export const disputeReversedOn = (entries: readonly JournalEntry[], currency: string, disputeId: string, transferId: string): number =>
  0 - sumOf(entries, currency, (p, e) => e.kind === 'reversal' && e.disputeId === disputeId && e.stripeId === transferId && p.account === 'held');

/**
 * What a dispute made a party's debt: the reversals Stripe refused for it, and its loss on a cut
 * already paid by hand (each a debt raised against the order's held money, on the party's side).
 */
export const disputeDebtOf = (entries: readonly JournalEntry[], currency: string, disputeId: string, party: 'builder' | 'host'): number =>
  0 -
  sumOf(
    entries,
    currency,
    (p, e) => (e.kind === 'refused-reversal' || e.kind === 'loss-after-payout') && e.disputeId === disputeId && p.account === 'held' && p.party === party,
  );

/** What an order's nettings paid of a person's debt instead of going out to them, less the nettings undone. */
export const nettedFor = (entries: readonly JournalEntry[], currency: string, orderId: string, personId: string): number =>
  0 -
  sumOf(
    entries,
    currency,
    (p, e) => (e.kind === 'netting' || e.kind === 'netting-undone') && e.orderId === orderId && p.account === 'owed-to-c500' && p.personId === personId,
  );

/** What an admin paid a show's host by hand for an order: out of what was owed to the host (older entries: out of its held money). */
export const paidByHandFor = (entries: readonly JournalEntry[], currency: string, orderId: string): number =>
  sumOf(entries, currency, (p, e) => e.kind === 'hand-payment' && (p.account === 'held' || p.account === 'host-payable') && p.orderId === orderId);

/**
 * What C500 owes an order's show host by hand now (positive: owed): the cut owed at release, less
 * the host's part of refunds and disputes since, plus what a won dispute gave back, less what an
 * admin paid by hand. `hostPayouts/<order>` caches it (`owedNowCents`), held equal by test.
 */
export const owedByHandFor = (entries: readonly JournalEntry[], currency: string, orderId: string): number =>
  0 - balanceOf(entries, currency, 'host-payable', { orderId });

/** One party's money out of an order, as the journal has it. */
export interface PartyMoney {
  /** What transfers sent them (a release, tranches, a won dispute's return). */
  sentCents: number;
  /** What reversals Stripe made took back. */
  reversedCents: number;
  /** What paid their debt on the server instead of going out to them. */
  nettedCents: number;
}

/** An order's money as the journal has it: the figures every page and export shows of it. */
export interface OrderMoney {
  /** What was refunded to the buyer, net of refunds that failed. */
  refundedCents: number;
  builder: PartyMoney;
  host: PartyMoney & { paidByHandCents: number };
}

/** The fold of an order's money, from entries that hold at least the order's own. */
export function orderMoneyOf(entries: readonly JournalEntry[], order: { orderId: string; currency: string; builderId: string; hostId?: string }): OrderMoney {
  const { orderId, currency } = order;
  const party = (role: 'builder' | 'host', personId: string | undefined): PartyMoney => ({
    sentCents: sentTo(entries, currency, orderId, role),
    reversedCents: reversedFrom(entries, currency, orderId, role),
    nettedCents: personId === undefined ? 0 : nettedFor(entries, currency, orderId, personId),
  });
  return {
    refundedCents: refundedOf(entries, currency, orderId),
    builder: party('builder', order.builderId),
    host: { ...party('host', order.hostId), paidByHandCents: paidByHandFor(entries, currency, orderId) },
  };
}

/** Each entry's postings, summed per currency: a journal that balances answers zero for every currency. */
export function unbalanced(entries: readonly JournalEntry[]): Array<{ entryId: string; currency: string; sumCents: number }> {
  return entries.flatMap((entry) => {
    const sum = entry.postings.reduce((total, p) => total + p.amountCents, 0);
    return sum === 0 ? [] : [{ entryId: entry.entryId, currency: entry.currency, sumCents: sum }];
  });
}

/** One order's part of a person's debt: what it raised, what of it is still owed, and how the rest was settled. */
export interface OrderDebt {
  personId: string;
  orderId: string;
  raisedCents: number;
  owedCents: number;
  nettedCents: number;
  paidOutsideCents: number;
  writtenOffCents: number;
  forgivenCents: number;
}

const settledAs: Partial<Record<EntryKind, 'nettedCents' | 'paidOutsideCents' | 'writtenOffCents' | 'forgivenCents'>> = {
  netting: 'nettedCents',
  'paid-outside': 'paidOutsideCents',
  'write-off': 'writtenOffCents',
  forgiven: 'forgivenCents',
};

/**
 * Each person's debt attributed to the orders that made it: what settles a debt (netted from
 * a release, paid outside C500, written off) pays the oldest first, and a forgiveness its own
 * order's first. The parts of one person add up to what they owe; a netting undone raises the
 * debt again as a part of the order whose release had netted it.
 */
export function debtsOfOrders(entries: readonly JournalEntry[], currency: string): OrderDebt[] {
  const wanted = currency.toLowerCase();
  const moves = entries
    .filter((e) => e.currency === wanted)
    .flatMap((e) => e.postings.filter((p) => p.account === 'owed-to-c500').map((p) => ({ entry: e, personId: p.personId ?? '', cents: p.amountCents })))
    // In time order; of moves in the same instant, what raised a debt comes before what settled one (a debt is never below zero).
    .sort((a, b) => a.entry.at.localeCompare(b.entry.at) || Math.sign(b.cents) - Math.sign(a.cents) || a.entry.entryId.localeCompare(b.entry.entryId));
  const parts: OrderDebt[] = [];
  for (const { entry, personId, cents } of moves) {
    const orderId = entry.orderId ?? '';
    // Stryker disable next-line EqualityOperator: a posting is never zero (entryProblem), so `>= 0` is equivalent (`<= 0`, which the tests kill, goes with it)
    if (cents > 0) {
      parts.push({ personId, orderId, raisedCents: cents, owedCents: cents, nettedCents: 0, paidOutsideCents: 0, writtenOffCents: 0, forgivenCents: 0 });
      continue;
    }
    const owed = parts.filter((p) => p.personId === personId && p.owedCents > 0);
    const payOrder = entry.kind === 'forgiven' ? [...owed.filter((o) => o.orderId === orderId), ...owed.filter((o) => o.orderId !== orderId)] : owed;
    const how = settledAs[entry.kind] ?? 'paidOutsideCents';
    let left = -cents;
    for (const part of payOrder) {
      const taken = Math.min(left, part.owedCents);
      part.owedCents -= taken;
      part[how] += taken;
      left -= taken;
      // Stryker disable next-line ConditionalExpression: never breaking is equivalent: with nothing left each later part gives min(0, owed) = 0 (`true`, which the tests kill, goes with it)
      if (left === 0) break;
    }
  }
  return parts;
}

/** What each person still owes, by the orders that made it (see `debtsOfOrders`). */
export function debtsByOrder(entries: readonly JournalEntry[], currency: string): Array<{ personId: string; orderId: string; owedCents: number }> {
  return debtsOfOrders(entries, currency)
    .filter((p) => p.owedCents > 0)
    .map(({ personId, orderId, owedCents }) => ({ personId, orderId, owedCents }));
}
