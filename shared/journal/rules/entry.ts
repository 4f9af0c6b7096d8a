/**
 * @module entry
 * The money's journal (issue 60): every movement of money C500 knows of is one entry of
 * postings to named accounts that sum to zero, written once under the id of the Stripe
 * object, event or C500 decision it comes from, in the same transaction as the change it
 * records. Nothing is edited; a correction is a new entry. Every balance is a fold of the
 * entries (fold.ts).
 *
 * A posting's amount is signed, in the currency's minor units: positive debits the account
 * (money the platform holds or spent), negative credits it (money the platform owes or earned).
 * Stored at `journal/<entry id>`.
 *
 * Personal data: a posting to a person's debt account, a racer's payable or a host's cut owed by
 * hand names the person's Discord id (`personId`): the person and their server's admins see it,
 * as they see the debt, the wallet or the cut itself.
 */
import { collectionPath, docPath } from '../../ports';

/**
 * The accounts, in the product's words:
 * - `stripe-balance`: the platform's money at Stripe (every charge in, every refund, transfer
 *   and dispute out); what reconciliation holds to Stripe's balance transactions.
 * - `platform-fees`: C500's fee on each order, earned when it is paid.
 * - `held`: one per order, the buyer's money held for its builder and host (and owed back to
 *   the buyer when refunded). Released shares, refunds and disputes move it; once an order is
 *   done with, it holds nothing for anybody, and what it holds below zero is what the platform
 *   gave back of its fee.
 * - `owed-to-c500`: one per person and server, what a builder or host owes C500 (a debt):
 *   a reversal Stripe refused, a loss after a payout made by hand; netted, paid or forgiven.
 * - `stripe-fees`, `dispute-fees`: what Stripe kept for processing and for disputes.
 * - `paid-outside`, `paid-by-hand`: money that moved outside Stripe (a debt paid to C500, a
 *   host's or racer's payout made by an admin), and `written-off`: a debt C500 gave up on.
 * - `merch-revenue`: one per server, what its merch sales brought in (less refunds), of which
 *   racers are credited their commission; `shop-balance`: a sale's money at the server's own
 *   shop (Ko-fi, Shopify), outside Stripe.
 * - `racer-payable`: one per racer and server, what they earned and were not yet paid;
 *   `payout-clearing`: a payout recorded and not yet sent (empty once it went out or was undone).
 * - `owed-to-buyer`: one per order, a buyer's money C500 holds that a refund did not get to them
 *   (a refund that failed on a charge then charged back and lost: Stripe refuses a refund of a
 *   charged-back charge; or a refund C500 made by itself for a lot gone when its payment came,
 *   failed at the bank). Empty once an admin records how the buyer was paid, or gives such a
 *   lot's refund again (`/c500 refund`: the money goes back through the lot's held to Stripe).
 * - `platform-bank`: the platform's own bank, where Stripe pays out the platform's balance; a
 *   payout the bank sends back comes out of it again.
 * - `connect-fees`: what Stripe bills the platform from its balance (`stripe_fee` lines:
 *   Connect's monthly fees for the accounts whose fees C500 pays).
 * - `carrier-postage`: what C500 owes (or paid) the parcel carrier for the labels bought
 *   through it (negative: owed); a label the carrier refunds comes back out of it.
 * - `label-costs`: what C500 itself spent on labels, for listings whose shipping was free.
 * - `host-payable`: one per order, a show host's cut owed by hand (no Connect account that takes
 *   transfers, or Stripe refused the transfer), read as owed (negative); refunds and disputes
 *   make it owed less, a won dispute owed again, an admin's hand payment empties it.
 *
 * Entries of no server (the platform's payouts, Stripe's bills) carry `platformGuildId`.
 */
export const accountNames = [
  'stripe-balance',
  'platform-fees',
  'held',
  'owed-to-c500',
  'stripe-fees',
  'dispute-fees',
  'paid-outside',
  'paid-by-hand',
  'written-off',
  'merch-revenue',
  'shop-balance',
  'racer-payable',
  'payout-clearing',
  'owed-to-buyer',
  'platform-bank',
  'connect-fees',
  'carrier-postage',
  'label-costs',
  'host-payable',
] as const;
export type AccountName = (typeof accountNames)[number];

/** Why an entry was written: one kind per movement. */
export const entryKinds = [
  'charge',
  'refund',
  'refund-failed',
  'release',
  // A release being sent: the pending entry that reserves it until its transfer posts it (or it is voided).
  'release-in-flight',
  'reversal',
  'refused-reversal',
  'loss-after-payout',
  'netting',
  'netting-undone',
  'paid-outside',
  'forgiven',
  'write-off',
  'dispute-withdrawal',
  'dispute-reinstatement',
  'hand-payment',
  'stripe-fee',
  'merch-sale',
  'merch-refund',
  'racer-earning',
  'racer-payout',
  'platform-payout',
  'payout-returned',
  'connect-fee',
  'owed-to-buyer',
  'buyer-paid-outside',
  // What a buyer was owed (a give-back that failed at their bank), paid by their bank's chargeback; owed again when the dispute is won.
  'buyer-paid-by-chargeback',
  // A label bought through C500 (issue 78), charged to the builder's debt or to C500; and the carrier's refund of it.
  'shipping-label',
  'shipping-label-refund',
  // A host's cut owed by hand moving between the order's held money and what is owed to the host (issue 75).
  'cut-owed',
] as const;
export type EntryKind = (typeof entryKinds)[number];

export interface Posting {
  account: AccountName;
  /** Signed minor units: positive debits, negative credits. */
  amountCents: number;
  /** The order whose `held` (or `owed-to-buyer`) account this is. */
  orderId?: string;
  /** On a transfer's or reversal's `held` posting: whose share moved, the builder's or a show host's. */
  party?: 'builder' | 'host';
  /** The person whose `owed-to-c500` or `racer-payable` account this is. */
  personId?: string;
}

export interface JournalEntry {
  entryId: string;
  kind: EntryKind;
  /** When it happened (ISO): Stripe's time of the object where there is one, else the decision's. */
  at: string;
  guildId: string;
  /** Lower case; every posting of an entry is in it. */
  currency: string;
  /** The order it belongs to, when it belongs to one. */
  orderId?: string;
  /** The Stripe object it comes from (charge, refund, transfer, dispute, balance transaction). */
  stripeId?: string;
  /**
   * The dispute whose money it moved, on the entries a dispute causes beside its own balance
   * transactions: its reversals, a reversal Stripe refused (a debt), a loss after a payout made by
   * hand, the win's forgiveness and its return transfers. What a dispute took, and so what a win
   * gives back, is the fold of these.
   */
  disputeId?: string;
  /**
   * Money in flight (TigerBeetle's two-phase transfers): a pending entry reserves its postings
   * until an entry that `resolves` it posts them (with what really moved) or voids them. No
   * posted balance counts a pending entry; one still open past `timeoutAt` is an account that
   * should be empty and is not (reconciliation reports it).
   */
  pending?: { timeoutAt: string };
  /** How an admin said money owed to a buyer was paid back outside Stripe (a `buyer-paid-outside` entry). */
  settledHow?: 'bank-transfer' | 'paypal' | 'store-credit' | 'other';
  /** The pending entry this one settles: `post` carries the postings that really moved, `void` none. */
  resolves?: { entryId: string; how: 'post' | 'void' };
  /**
   * The one person whose own account (a racer's payable) the entry moves, repeated from its
   * posting so their account is one query (`journalOfPerson`). An index, not money: two entries
   * that differ only here are the same movement.
   */
  personId?: string;
  /**
   * On a racer's earning (a sale's credit, a refund's reversal): the race lobby it was earned in,
   * and the sale it came from, so what each race earned a racer is a fold of their entries
   * (`racerEarningsByRace`). Ids C500 and the shops made, naming nobody; indexes, not money, like
   * `personId`. Entries written before issue 75 carry neither until `scripts/retire-race-ledger.ts`
   * sets them from the retired race ledger; until then their earnings fold into `earlierRaces`.
   */
  lobbyId?: string;
  saleKey?: string;
  postings: Posting[];
}

/** The `guildId` of entries that belong to the platform, not to a server: its payouts and what Stripe bills it. Never a Discord id. */
export const platformGuildId = 'platform';

/**
 * Every journal entry of a person's debt on a server has its id under this prefix (the debts
 * module writes them so): the account is read by it (`journalUnder`), by the debts module and by
 * what privacy decides on it. `key` is the person's journal key: their keyed pseudonym
 * (`debtJournalKey`, issue 79), so no Discord id sits in a journal document's path; entries
 * written before issue 79 have the raw Discord id there, and every reader reads both
 * (`debtJournalOf`). Neither a guild id nor a key holds a colon.
 */
export const debtJournalPrefix = (guildId: string, key: string): string => `debt:${guildId}:${key}:`;

/** The parts of a debt's entry id (`debt:<guild>:<key>:<line>`), or undefined for an id of no debt. A line may hold colons; a guild id or a key never does. */
function debtIdParts(entryId: string): { key: string; line: string } | undefined {
  const parts = entryId.split(':');
  return parts[0] === 'debt' && parts.length >= 4 ? { key: parts[2] as string, line: parts.slice(3).join(':') } : undefined;
}

/** The line of a debt's entry id (`debt:<guild>:<key>:<line>`, the move's id in the debts module), or undefined for an id of no debt. */
export const debtLineOf = (entryId: string): string | undefined => debtIdParts(entryId)?.line;

/** The key of a debt's entry id (`debt:<guild>:<key>:<line>`: a keyed pseudonym, or the raw id before issue 79), or undefined for an id of no debt. */
export const debtKeyOf = (entryId: string): string | undefined => debtIdParts(entryId)?.key;

export const journalCollection = collectionPath<JournalEntry>('journal');
export const journalPath = (entryId: string) => docPath<JournalEntry>(`${journalCollection}/${entryId.replace(/\//g, '_')}`);

/** Why an entry may not be written: a journal that does not balance is a defect, never a person's error. */
export function entryProblem(entry: JournalEntry): string | undefined {
  if (entry.pending && entry.resolves) return `entry ${entry.entryId} both reserves money and settles a reservation`;
  if (entry.resolves?.how === 'void') return entry.postings.length === 0 ? undefined : `entry ${entry.entryId} voids a reservation and moves money too`;
  if (entry.postings.length < 2) return `entry ${entry.entryId} has ${entry.postings.length} posting(s): a movement has two sides`;
  const bad = entry.postings.find((p) => !Number.isSafeInteger(p.amountCents) || p.amountCents === 0);
  if (bad) return `entry ${entry.entryId}: posting to ${bad.account} of ${bad.amountCents} is not a whole, non-zero amount`;
  const sum = entry.postings.reduce((total, p) => total + p.amountCents, 0);
  if (sum !== 0) return `entry ${entry.entryId} does not balance: its postings sum to ${sum} ${entry.currency}`;
  if (entry.postings.some((p) => p.account === 'held' && !p.orderId)) return `entry ${entry.entryId}: a held posting names no order`;
  if (entry.postings.some((p) => p.account === 'owed-to-c500' && !p.personId)) return `entry ${entry.entryId}: a debt posting names nobody`;
  if (entry.postings.some((p) => p.account === 'owed-to-buyer' && !p.orderId)) return `entry ${entry.entryId}: a posting owed to a buyer names no order`;
  if (entry.postings.some((p) => p.account === 'racer-payable' && !p.personId)) return `entry ${entry.entryId}: a racer's posting names nobody`;
  if (entry.postings.some((p) => p.account === 'host-payable' && (!p.personId || !p.orderId)))
    return `entry ${entry.entryId}: a posting owed to a host names no host or no order`;
  return undefined;
}

/** An entry of the given postings with those of zero left out; undefined when nothing moves. */
export function entryOf(head: Omit<JournalEntry, 'postings' | 'currency'> & { currency: string }, postings: readonly Posting[]): JournalEntry | undefined {
  const moving = postings.filter((p) => p.amountCents !== 0);
  if (moving.length === 0) return undefined;
  return { ...head, currency: head.currency.toLowerCase(), postings: moving };
}

/** Posting helpers: `held(order, -500)` credits the order's held money by 500. */
export const post = {
  stripe: (amountCents: number): Posting => ({ account: 'stripe-balance', amountCents }),
  fees: (amountCents: number): Posting => ({ account: 'platform-fees', amountCents }),
  held: (orderId: string, amountCents: number, party?: 'builder' | 'host'): Posting => ({ account: 'held', amountCents, orderId, ...(party ? { party } : {}) }),
  owed: (personId: string, amountCents: number): Posting => ({ account: 'owed-to-c500', amountCents, personId }),
  racer: (personId: string, amountCents: number): Posting => ({ account: 'racer-payable', amountCents, personId }),
  /** The buyer of an order, owed their money back outside Stripe (negative: owed). */
  buyer: (orderId: string, amountCents: number): Posting => ({ account: 'owed-to-buyer', amountCents, orderId }),
  /** A show host's cut of an order owed by hand (negative: owed). */
  hostOwed: (orderId: string, hostId: string, amountCents: number): Posting => ({ account: 'host-payable', amountCents, orderId, personId: hostId }),
  to: (account: AccountName, amountCents: number): Posting => ({ account, amountCents }),
};

/** The fields that say what money an entry moves: two entries under one id that agree on these are the same entry, whenever each was made. */
const moneyFields = ['kind', 'guildId', 'currency', 'orderId', 'stripeId', 'disputeId', 'pending', 'resolves'] as const;

const postingKey = (p: Posting) => `${p.account}|${p.amountCents}|${p.orderId ?? ''}|${p.party ?? ''}|${p.personId ?? ''}`;

/**
 * Whether two entries move the same money: the same kind, server, currency, causes and postings
 * (in any order). Only `at` may differ: a redelivered cause reaching its write again can stamp
 * another time on what is the same movement.
 */
export function sameMoney(a: JournalEntry, b: JournalEntry): boolean {
  if (a.entryId !== b.entryId) return false;
  for (const field of moneyFields) if (JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null)) return false;
  const left = a.postings.map(postingKey).sort();
  const right = b.postings.map(postingKey).sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}
