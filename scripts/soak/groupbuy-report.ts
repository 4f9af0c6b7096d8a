/**
 * What the group buys came to, for the report: checks and interest, group buys by how they
 * closed, pledges by where they ended, Stripe's PaymentIntents for them, and how much of Stripe's
 * ledger their orders hold, matched against the journal as reconciliation matches it (the
 * invariants judge; this table only counts).
 */
import { matchLedger, stripeFeeEntries, type JournalEntry } from '../../shared/journal';
import { ledgerScopeOf } from '../../shared/orders';
import type { GroupBuy, Pledge } from '../../shared/groupbuys';
import type { Order } from '../../shared/orders';
import type { LocalPaymentIntent } from '../../shared/local/stripe/objects';
import { collection, collectionGroup, storedStripeObjects, type SoakWorld } from './world';
import { ledgerLines } from './journal-invariants';

const tally = <T>(items: readonly T[], key: (item: T) => string): string => {
  const counted = new Map<string, number>();
  for (const item of items) counted.set(key(item), (counted.get(key(item)) ?? 0) + 1);
  return [...counted].map(([what, n]) => `${what} ${n}`).join(', ') || 'none';
};

export function groupBuyTable(world: Pick<SoakWorld, 'docs'>): Record<string, string | number> {
  const groupBuys = collection<GroupBuy>(world, 'groupBuys').map((d) => d.data);
  const pledges = collectionGroup<Pledge>(world, 'pledges').map((d) => d.data);
  const intents = storedStripeObjects<LocalPaymentIntent>(world, 'PaymentIntents').filter((p) => p.stripe.metadata?.group_buy_id);
  const orders = collection<Order>(world, 'orders')
    .map((d) => d.data)
    .filter((o) => o.source === 'groupbuy');
  const intentKind = ({ stripe, offSession }: { stripe: LocalPaymentIntent; offSession?: boolean }) =>
    `${offSession ? 'off session' : 'on a pay link'} ${stripe.status === 'succeeded' ? 'succeeded' : (stripe.last_payment_error?.code ?? stripe.status)}`;
  return {
    'interest checks (people interested)': `${collection(world, 'interestChecks').length} (${collectionGroup(world, 'interest').length})`,
    'group buys opened (from a check)': `${groupBuys.length} (${groupBuys.filter((g) => g.fromCheckId).length})`,
    'group buys by state': tally(groupBuys, (g) => g.status),
    'pledges by state': tally(pledges, (p) => (p.promotedAt ? `${p.status} (moved up from the waitlist)` : p.status)),
    'units funded': groupBuys.reduce((sum, g) => sum + (g.fundedUnits ?? 0), 0),
    'PaymentIntents at Stripe': tally(intents, intentKind),
    'group-buy orders by state': tally(orders, (o) => o.status),
    'their balance transactions matched to the journal': reconciled(world, orders),
  };
}

/** The group-buy orders' lines of Stripe's balance, matched to their journal entries as the daily reconciliation matches them. */
function reconciled(world: Pick<SoakWorld, 'docs'>, orders: readonly Order[]): string {
  const ids = new Set(orders.map((o) => o.orderId));
  const entries = collection<JournalEntry>(world, 'journal')
    .map((d) => d.data)
    .filter((e) => ids.has(e.orderId ?? ''));
  const lines = ledgerLines(world as SoakWorld);
  const report = matchLedger(lines, [...entries, ...stripeFeeEntries(lines, entries)], ledgerScopeOf(orders));
  return `${report.matched} of ${report.balanceTransactions}`;
}
