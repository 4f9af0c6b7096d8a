/**
 * Small soak worlds for the invariants' tests: an order, Stripe's objects as its stand-in
 * keeps them, and the verdict of one invariant by name.
 */
import type { PrivacyWorld } from '../../scripts/soak/privacy-invariants';
import { checkInvariants, type InvariantResult } from '../../scripts/soak/invariants';
import type { SoakWorld } from '../../scripts/soak/world';
import type { Order } from '../../shared/orders';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { anOrder } from './orders';
import { journalPath, type JournalEntry } from '../../shared/journal';
import type { RacerLine } from '../../shared/races';
import { racerEntry } from '../../shared/races/rules/race-journal';

export const now = Date.parse('2026-11-23T18:00:00Z');
export const iso = (msAgo: number) => new Date(now - msAgo).toISOString();

/**
 * An order; `refundedCents` is what the journal says was refunded of it, `builderDebtCents` what
 * Stripe refused to reverse of its builder's transfer (the order keeps neither: see `world`).
 */
export function order({ refundedCents, builderDebtCents, ...over }: Partial<Order> & { refundedCents?: number; builderDebtCents?: number }): Order {
  const made = anOrder({
    sourceId: 'd1',
    dropKind: 'commission',
    guildId: 'g',
    title: 'Board',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    createdAt: iso(60_000),
    chargeId: 'ch_1',
    ...over,
  });
  if (refundedCents) Object.assign(made, { [refundedInJournal]: refundedCents });
  if (builderDebtCents) Object.assign(made, { [debtInJournal]: builderDebtCents });
  return made;
}

/** Where `order` keeps its builder's debt, for `world` to write as the refused reversal's entry. */
const debtInJournal = Symbol('a debt in the journal');

/** The journal's entry of a reversal Stripe refused: the builder owes what the order's held money could not take back. */
function debtEntryOf(orderId: string, cents: number, o: Pick<Order, 'guildId' | 'currency' | 'builderId'>) {
  return {
    entryId: `refused-reversal:${orderId}`,
    kind: 'refused-reversal',
    at: iso(20_000),
    guildId: o.guildId,
    currency: o.currency,
    orderId,
    postings: [
      { account: 'owed-to-c500', amountCents: cents, personId: o.builderId },
      { account: 'held', amountCents: -cents, orderId },
    ],
  };
}

/** Where `order` keeps what its journal says was refunded, for `world` to write as the refund's entry. */
const refundedInJournal = Symbol('refunded in the journal');

/** The journal's entry of a refund of an order, as the payments module writes it (what Stripe's charge holds is the test's to say). */
function refundEntryOf(orderId: string, cents: number, o: Pick<Order, 'guildId' | 'currency' | 'chargeId'>) {
  return {
    entryId: `refund:${orderId}`,
    kind: 'refund',
    at: iso(30_000),
    guildId: o.guildId,
    currency: o.currency,
    orderId,
    ...(o.chargeId ? { stripeId: o.chargeId } : {}),
    postings: [
      { account: 'held', amountCents: cents, orderId },
      { account: 'stripe-balance', amountCents: -cents },
    ],
  };
}

export const charge = (over: Record<string, unknown> = {}) => ({ stripe: { id: 'ch_1', object: 'charge', amount: 10_000, amount_refunded: 0, ...over } });
export const transfer = (id: string, amount: number, over: Record<string, unknown> = {}) => ({
  stripe: { id, object: 'transfer', amount, amount_reversed: 0, source_transaction: 'ch_1', metadata: { order_id: 'o1' }, ...over },
});

export function world(docs: Record<string, unknown>, over: Partial<SoakWorld> = {}): SoakWorld {
  const journal: Record<string, unknown> = {};
  for (const [path, doc] of Object.entries(docs)) {
    const cents = (doc as { [refundedInJournal]?: number })[refundedInJournal];
    if (path.startsWith('orders/') && cents) journal[`journal/refund:${path.slice(7)}`] = refundEntryOf(path.slice(7), cents, doc as Order);
    const debt = (doc as { [debtInJournal]?: number })[debtInJournal];
    if (path.startsWith('orders/') && debt) journal[`journal/refused-reversal:${path.slice(7)}`] = debtEntryOf(path.slice(7), debt, doc as Order);
  }
  return {
    docs: new Map(Object.entries({ ...journal, ...docs })) as SoakWorld['docs'],
    outbox: [],
    refused: [],
    deadLetters: [],
    sent: [],
    refundsAsked: [],
    addressesTyped: [],
    dropsListed: [],
    salesSent: [],
    pingable: { users: new Set(['801', '802']), roles: new Set(['930']) },
    nowMs: now,
    graceMs: 30_000,
    ...over,
  };
}

export const verdict = (w: PrivacyWorld, name: string): InvariantResult => {
  const found = checkInvariants(w).find((r) => r.name === name);
  if (!found) throw new Error(`no invariant named ${name}`);
  return found;
};

export const dm = (seq: number, userId: string, content: string): OutboxEntry => ({ seq, at: iso(1_000), kind: 'dm', userId, message: { content } });

/**
 * A racer's move as the journal keeps it (issue 75: the only ledger), keyed by its document's
 * path: `racerMove('a', {...})` gives `{ 'journal/race-ledger:a': entry }`, written by the races
 * module's own `racerEntry`. A payout's id must be `payout-<payout id>` (`-undone` when undone).
 */
export function racerMove(entryId: string, move: Omit<RacerLine, 'entryId'>): Record<string, JournalEntry> {
  const entry = racerEntry({ entryId, ...move });
  if (!entry) throw new Error(`move ${entryId} moves nothing`);
  return { [journalPath(entry.entryId)]: entry };
}
