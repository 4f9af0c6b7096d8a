/**
 * The soak's invariants of Stripe's wider world (issue 49): inquiries, escalations, second
 * disputes, failed refunds, fraud warnings and revoked accounts all end with the money where
 * it belongs. Read from Stripe's stand-in (charges, transfers net of reversals, disputes and
 * the platform's balance transactions) and, for what Stripe cannot know, from our orders (the
 * split of a price, whether a share was released, a host cut paid by hand) and the debts
 * ledger (`debts/<guild>:<user>` and its entries).
 */
import { type HostPayout } from '../../shared/payments';
import { type Order, builderDueCents, builderPartOfRefund, chargedCents, hostPartOfRefund } from '../../shared/orders';
import { type Debt, type DebtEntry, owedFrom, raisingKinds } from '../../shared/debts';
import type { LocalBalanceTransaction, LocalCharge, LocalDispute, LocalRefund, LocalTransfer, LocalTransferReversal } from '../../shared/local/stripe/objects';
import { verdict, type Check, type NamedCheck } from './check';
import { debtLineOf, owedBy, type JournalEntry } from '../../shared/journal';
import { collection, collectionGroup, refundedByJournal, stripeObjects, type SoakWorld } from './world';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const net = (t: LocalTransfer) => t.amount - t.amount_reversed;
/** An inquiry (`warning_*`) withdraws nothing; once escalated the same object is a chargeback. */
export const isInquiry = (d: LocalDispute) => d.status.startsWith('warning_');

/** What the disputes of a charge took from the platform and kept, by their balance transactions: withdrawn less reinstated (fees apart). */
const withdrawnBy = (disputes: readonly LocalDispute[]) => -sum(disputes.flatMap((d) => d.balance_transactions.map((t) => t.amount)));

/** The transfers of a charge: made from it, or a won dispute's returns naming one of its orders. */
function transfersOfCharge(transfers: readonly LocalTransfer[], chargeId: string, orderIds: ReadonlySet<string>): LocalTransfer[] {
  return transfers.filter((t) => t.source_transaction === chargeId || (t.source_transaction === null && orderIds.has(t.metadata.order_id ?? '')));
}

/**
 * What a refund that failed left on the platform: Stripe put the refund back on the platform's
 * balance, but what it took from the shares stays taken (reversals are final, and a release
 * made meanwhile sent the share less its part), marked by each party's `refundCoveredCents`:
 * C500 keeps it there for the buyer (Stripe's advice: pay them back another way; an admin may
 * pay the share by hand instead). Per party: its part of the covered refunds beyond its part
 * of what is gone from the charge now (`gone`: refunded, and what a dispute took, which paid
 * the buyer back instead: a lost chargeback after the failure leaves nothing held for them).
 */
export function heldForFailedRefunds(order: Order, gone: number): number {
  if (!(order.failedRefunds ?? []).length) return 0;
  const builderCovered = order.payouts.builder.refundCoveredCents ?? 0;
  const hostCovered = order.payouts.host?.refundCoveredCents ?? 0;
  const builder = builderPartOfRefund(order, builderCovered) - builderPartOfRefund(order, gone);
  const host = hostPartOfRefund(order, hostCovered) - hostPartOfRefund(order, gone);
  return Math.max(0, builder) + Math.max(0, host);
}

/**
 * A won dispute's return held because its person revoked C500's account: Stripe gave the
 * platform the disputed money back, and C500 keeps their part on its balance for them until
 * they connect a new account (the order's `dispute.returnHeld`).
 */
export function heldForRevokedReturns(order: Order): number {
  const dispute = order.dispute;
  if (!dispute?.returning || dispute.returnedAt) return 0;
  return sum((dispute.returnHeld ?? []).map((part) => dispute.returning?.[`${part}Cents`] ?? 0));
}

/**
 * What the builder of an order not yet released holds of it on Stripe: its commission's
 * tranches (Stripe's metadata names their milestone), and a won dispute's return of what the
 * dispute took back from them, each net of its reversals.
 */
export function sentBeforeRelease(transfers: readonly LocalTransfer[], orderId: string): number {
  const beforeRelease = (t: LocalTransfer) => t.metadata.milestone !== undefined || t.metadata.part === 'dispute-return';
  return sum(transfers.filter((t) => beforeRelease(t) && t.metadata.order_id === orderId).map(net));
}

/** One charge of our orders: what its builders and hosts may keep of it, what they hold of it now, and the platform's part. */
interface ChargeShares {
  charge: LocalCharge;
  orders: Order[];
  /** What the builders and hosts may keep once refunds and disputes are taken off (ours: the split of a price). */
  mayKeep: number;
  /** What is with them now: Stripe's transfers net of reversals, and host cuts an admin paid by hand. */
  holding: number;
  /** The platform's fee on what was neither given back nor lost (ours). */
  fee: number;
  /** Their shares not released yet, still on the platform's balance (a hand-paid cut never left Stripe, so it counts here too), and what a failed refund's reversals keep there for the buyer. */
  held: number;
}

function chargeShares(world: SoakWorld): ChargeShares[] {
  const orders = collection<Order>(world, 'orders').map((d) => d.data);
  const payouts = new Map(collection<HostPayout>(world, 'hostPayouts').map((d) => [d.id, d.data]));
  const transfers = stripeObjects<LocalTransfer>(world, 'Transfers');
  const disputes = stripeObjects<LocalDispute>(world, 'Disputes');
  const refundedOf = refundedByJournal(world);
  return stripeObjects<LocalCharge>(world, 'Charges').flatMap((charge) => {
    const paid = orders.filter((o) => o.chargeId === charge.id);
    if (paid.length === 0) return [];
    // Stripe's word for what left the platform through disputes; a lot's part of it is ours (spread by price, as refunds are).
    const lost = withdrawnBy(disputes.filter((d) => d.charge === charge.id));
    const lostPart = (o: Order) => (paid.length === 1 ? lost : lost > 0 ? (o.dispute?.amountCents ?? 0) : 0);
    const shares = { charge, orders: paid, mayKeep: 0, holding: 0, fee: 0, held: 0 };
    const chargeTransfers = transfersOfCharge(transfers, charge.id, new Set(paid.map((o) => o.orderId)));
    shares.holding = sum(chargeTransfers.map(net));
    for (const order of paid) {
      const charged = chargedCents(order);
      const gone = Math.min(charged, refundedOf(order) + lostPart(order));
      const keptAtCancel = order.commission?.ended === 'cancelled' ? order.commission.keptCents : undefined;
      const builder = keptAtCancel !== undefined ? Math.min(keptAtCancel, charged - gone) : builderDueCents(order) - builderPartOfRefund(order, gone);
      const host = (order.hostCutCents ?? 0) - hostPartOfRefund(order, gone);
      shares.mayKeep += builder + host;
      shares.fee += charged - gone - builder - host;
      if (!order.payouts.builder.transferId) shares.held += builder - sentBeforeRelease(chargeTransfers, order.orderId);
      if (order.hostCutCents && order.payouts.host?.via === undefined) shares.held += host;
      const byHand = order.payouts.host?.via === 'manual' ? payouts.get(order.orderId) : undefined;
      if (byHand) shares.held += byHand.amountCents;
      shares.held += heldForFailedRefunds(order, gone) + heldForRevokedReturns(order);
      if (byHand?.status === 'paid-by-hand') shares.holding += (byHand.paidByHand?.amountCents ?? 0) + sum((byHand.paidAfter ?? []).map((p) => p.amountCents));
    }
    return [shares];
  });
}

interface Account {
  path: string;
  debt: Debt;
  entries: DebtEntry[];
}

function debtAccounts(world: SoakWorld): Account[] {
  const entries = collectionGroup<DebtEntry>(world, 'debtEntries');
  return collection<Debt>(world, 'debts').map(({ id, data }) => ({
    path: `debts/${id}`,
    debt: data,
    entries: entries
      .filter((e) => e.path.startsWith(`debts/${id}/debtEntries/`))
      .map((e) => e.data)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  }));
}

/** What an entry did to its account: up for what was come to owe, down for what was settled. */
const signed = (e: DebtEntry) => (raisingKinds.has(e.kind) ? e.amountCents : -e.amountCents);

/**
 * (a) No share stays paid out on money the buyer got back: what a charge's builders and hosts
 * hold (Stripe's transfers net of reversals, and a cut paid by hand) is at most what they may
 * keep once Stripe's refunds and disputes are taken off, unless the rest is a debt recorded
 * for that charge's orders on an account the person and the admins can see.
 */
const noShareOnMoneyGivenBack: Check = (world) => {
  const accounts = debtAccounts(world);
  const owedFor = (orderIds: ReadonlySet<string>) =>
    sum(accounts.flatMap((a) => a.entries.filter((e) => orderIds.has(e.orderId ?? '') && e.kind !== 'netted' && e.kind !== 'paid-outside').map(signed)));
  const all = chargeShares(world);
  const problems = all.flatMap(({ charge, orders, mayKeep, holding }) => {
    const beyond = holding - mayKeep;
    if (beyond <= 0) return [];
    const owed = owedFor(new Set(orders.map((o) => o.orderId)));
    return owed >= beyond
      ? []
      : [
          `charge ${charge.id} (${orders.map((o) => o.orderId).join(', ')}): builders and hosts hold ${holding}, may keep ${mayKeep} after ${charge.amount_refunded} refunded and its disputes; ${beyond - owed} of it is no debt`,
        ];
  });
  return verdict(all.length, problems);
};

/**
 * (b) Every debt is netted, recorded paid, or outstanding: each account's `owedCents` is
 * exactly its entries replayed (never below zero), and what the ledger says was netted is
 * what the journal says the releases and tranches kept back, once each.
 */
const everyDebtAccounted: Check = (world) => {
  const accounts = debtAccounts(world);
  const problems = accounts.flatMap(({ path, debt, entries }) => {
    const replayed = owedFrom(entries);
    if (debt.owedCents < 0) return [`${path} owes ${debt.owedCents}, below zero`];
    return debt.owedCents === replayed ? [] : [`${path} says ${debt.owedCents} is owed; its ${entries.length} entries come to ${replayed}`];
  });
  const nettedInLedger = sum(accounts.flatMap((a) => a.entries.filter((e) => e.kind === 'netted' || e.kind === 'netting-undone').map((e) => -signed(e))));
  const nettedAtRelease = -sum(
    collection<JournalEntry>(world, 'journal').flatMap(({ data }) =>
      data.kind === 'netting' || data.kind === 'netting-undone' ? data.postings.filter((p) => p.account === 'owed-to-c500').map((p) => p.amountCents) : [],
    ),
  );
  if (nettedInLedger !== nettedAtRelease)
    problems.push(`the debts ledger netted ${nettedInLedger} in all, the journal’s releases kept back ${nettedAtRelease}`);
  return verdict(accounts.length, problems);
};

/** The balance transactions that moved our orders' money: of their charges, refunds, transfers, reversals and disputes. */
function orderLines(world: SoakWorld, shares: readonly ChargeShares[]): LocalBalanceTransaction[] {
  const charges = new Set(shares.map((s) => s.charge.id));
  const orderIds = new Set(shares.flatMap((s) => s.orders.map((o) => o.orderId)));
  const transfers = stripeObjects<LocalTransfer>(world, 'Transfers').filter(
    (t) => charges.has(t.source_transaction ?? '') || orderIds.has(t.metadata.order_id ?? ''),
  );
  const transferIds = new Set(transfers.map((t) => t.id));
  const sources = new Set<string>([
    ...charges,
    ...transferIds,
    ...stripeObjects<LocalTransferReversal>(world, 'TransferReversals')
      .filter((r) => transferIds.has(r.transfer))
      .map((r) => r.id),
    ...stripeObjects<LocalRefund>(world, 'Refunds')
      .filter((r) => charges.has(r.charge))
      .map((r) => r.id),
    ...stripeObjects<LocalDispute>(world, 'Disputes')
      .filter((d) => charges.has(d.charge))
      .map((d) => d.id),
  ]);
  return stripeObjects<LocalBalanceTransaction>(world, 'BalanceTransactions').filter((t) => t.source !== null && sources.has(t.source));
}

/**
 * (c) The platform's net on our orders, per Stripe's balance transactions (charges less
 * Stripe's fee, refunds and failed refunds, transfers and reversals, dispute withdrawals,
 * reinstatements and fees), equals what our records say to the cent:
 *
 *   Σ net = fees kept + shares held − Stripe's fees − (debts outstanding + paid outside C500)
 *
 * Why: each charge is refunded + (sent − owed back) + fee kept + held + withdrawn by disputes
 * (the charge balance above); the platform's net on it is the charge less Stripe's processing
 * fee, refunds, what was sent and what disputes withdrew and charged. So the net is fee kept +
 * held − processing fee − dispute fees − what was sent beyond what the person may keep, which
 * is the debt raised on it, less what later releases netted (sent less). A debt forgiven by a
 * won dispute was never taken back, so it is no loss; a debt paid outside C500 was paid past
 * Stripe's ledger, so the platform's Stripe balance still misses it. Stripe's fees are the
 * `fee` of every line (processing on charges, 1,500¢ per dispute). Merch sales and racers'
 * payouts are no order's and are left out.
 */
const platformNetAsRecorded: Check = (world) => {
  const shares = chargeShares(world);
  const lines = orderLines(world, shares);
  const stripeNet = sum(lines.map((t) => t.net));
  const stripeFees = sum(lines.map((t) => t.fee));
  const fees = sum(shares.map((s) => s.fee));
  const held = sum(shares.map((s) => s.held));
  const entries = debtAccounts(world).flatMap((a) => a.entries);
  // What is outstanding is the journal's fold of each account, not its cached figure (check (d) holds the two equal).
  const journal = collection<JournalEntry>(world, 'journal').map((d) => d.data);
  const outstanding = sum(debtAccounts(world).map((a) => foldedDebt(journal, a.debt)));
  const paidOutside = sum(entries.filter((e) => e.kind === 'paid-outside').map((e) => e.amountCents));
  const expected = fees + held - stripeFees - (outstanding + paidOutside);
  return verdict(
    lines.length,
    stripeNet === expected
      ? []
      : [
          `Stripe's ledger nets ${stripeNet} on ${shares.length} charges; our records say fees ${fees} + held ${held} − Stripe's fees ${stripeFees} − debts outstanding ${outstanding} − paid outside ${paidOutside} = ${expected}`,
        ],
  );
};

/**
 * What the person owes as the journal folds it: their `owed-to-c500` postings in the debt entries
 * of the server, whichever key their ids carry (the member's pseudonym, or their raw id before issue 79).
 */
const foldedDebt = (journal: readonly JournalEntry[], debt: Debt): number =>
  owedBy(
    journal.filter((e) => e.guildId === debt.guildId && debtLineOf(e.entryId) !== undefined),
    debt.currency,
    debt.userId,
  );

/**
 * (d) What a person owes is the journal's fold (issue 75): each account's cached `owedCents`,
 * which the checks above read, equals the sum of the person's `owed-to-c500` postings in the
 * entries of their account (`debt:<guild>:<pseudonym>:`, or `debt:<guild>:<person>:` before issue 79), and no fold is below zero.
 */
const debtsAreTheirFold: Check = (world) => {
  const journal = collection<JournalEntry>(world, 'journal').map((d) => d.data);
  const problems = debtAccounts(world).flatMap(({ path, debt }) => {
    const folded = foldedDebt(journal, debt);
    if (folded < 0) return [`${path}: the journal folds to ${folded}, below zero`];
    return folded === debt.owedCents ? [] : [`${path} caches ${debt.owedCents} owed; the journal folds to ${folded}`];
  });
  return verdict(debtAccounts(world).length, problems);
};

export const stripeWorldChecks: NamedCheck[] = [
  { name: 'no share stays paid out on money given back, unless a debt shows it', group: 'money', check: noShareOnMoneyGivenBack },
  { name: 'every debt netted, recorded paid, or outstanding', group: 'money', check: everyDebtAccounted },
  { name: "the platform's net per Stripe's ledger = fees − Stripe's fees − open debts", group: 'money', check: platformNetAsRecorded },
  { name: "every debt's cached figure is the journal's fold", group: 'money', check: debtsAreTheirFold },
];
