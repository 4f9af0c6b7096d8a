/**
 * @module debt
 * What a builder or a show host owes C500 on one server. The money is the journal's: the
 * person's `owed-to-c500` postings, in entries whose ids sit under `debt:<guild>:<person>:`.
 * Beside it, one document per person per guild (`debts/<guild id>:<user id>`: who, where, the
 * currency, and a cache of what is owed) and a note per move (`debts/<…>/debtEntries/<entry
 * id>`: its reason and the admin who recorded it), each written once under an id its cause
 * fixes, so a redelivery finds its own note.
 *
 * Personal data: the person's Discord id and, on an admin's entry, the admin's id and name.
 * Only the person and the guild's admins see an account.
 */
import { collectionPath, docPath } from '../../ports';

/** Why an entry moved the account: up for what the person came to owe, down for what was settled. */
export const debtEntryKinds = [
  'refused-reversal',
  'loss-after-payout',
  'netted',
  'netting-undone',
  'paid-outside',
  'written-off',
  'forgiven',
  // A label bought through C500 for the builder (netted from their releases), and the carrier's refund of it.
  'shipping-label',
  'label-refunded',
] as const;
/**
 * A move's kind; `commission-reversed` is no move on a debt account but a racer's: a refund that
 * took back commission already paid out, which their racer account shows as owed (racer-debts).
 */
export type DebtEntryKind = (typeof debtEntryKinds)[number] | 'commission-reversed';

/** The kinds that raise what is owed; the others lower it. */
export const raisingKinds: ReadonlySet<DebtEntryKind> = new Set<DebtEntryKind>([
  'refused-reversal',
  'loss-after-payout',
  'netting-undone',
  'commission-reversed',
  'shipping-label',
]);

export interface Debt {
  guildId: string;
  /** Set on a racer's account (racer-debts), read from their racer-payable postings: settled by their next race credits, not by a form. */
  racer?: true;
  userId: string;
  /**
   * Owed now, never below zero: a cache of the journal's fold of the person's `owed-to-c500`
   * postings, written from that fold in the transaction of every move (a property test holds
   * the two equal). Nothing decides on it: pages, netting and figures read the fold
   * (`debtAccountFrom`), and privacy's erasures and sweeps read it from the journal too.
   */
  owedCents: number;
  /** The account's currency, fixed by its first entry: a release in another currency nets nothing. */
  currency: string;
  updatedAt: string;
  /**
   * The key in the ids of the account's journal entries (`debt:<guild>:<key>:<move>`), fixed by
   * the first move written since issue 79: the member's keyed pseudonym then (never their id).
   * Absent on an account none of whose moves was written since.
   */
  journalKey?: string;
}

export interface DebtEntry {
  entryId: string;
  kind: DebtEntryKind;
  /** The order it comes from (absent on a payment recorded outside C500). */
  orderId?: string;
  /** The order's side it is for, the builder's or a show host's (on a move an order's money made). */
  party?: 'builder' | 'host';
  /** The dispute that made it (a reversal refused for it, a loss after a payout by hand) or forgave it (a win). */
  disputeId?: string;
  /** Always positive: `kind` says which way it moved the account. */
  amountCents: number;
  currency: string;
  /** In the product's words, for the person and the admins (at most 200 characters). */
  reason: string;
  at: string;
  /** The admin who recorded a payment outside C500, and their note. */
  byUserId?: string;
  byName?: string;
}

export const debtsCollection = collectionPath<Debt>('debts');
export const debtId = (guildId: string, userId: string): string => `${guildId}:${userId}`;
export const debtPath = (guildId: string, userId: string) => docPath<Debt>(`${debtsCollection}/${debtId(guildId, userId)}`);
export const debtEntriesCollection = (guildId: string, userId: string) => collectionPath<DebtEntry>(`${debtPath(guildId, userId)}/debtEntries`);
export const debtEntryPath = (guildId: string, userId: string, entryId: string) =>
  docPath<DebtEntry>(`${debtEntriesCollection(guildId, userId)}/${entryId.replace(/\//g, '_')}`);

/** The entry ids, one per cause: a release's key nets once, a refusal of it gives back once. */
export const debtEntryIds = {
  netted: (releaseKey: string) => `netted:${releaseKey}`,
  nettingUndone: (releaseKey: string) => `netting-undone:${releaseKey}`,
  refusedReversal: (reversalKey: string) => `refused:${reversalKey}`,
  lossAfterPayout: (key: string) => `loss:${key}`,
  forgiven: (key: string) => `forgiven:${key}`,
  paidOutside: (interactionOrRequestId: string) => `paid-outside:${interactionOrRequestId}`,
  writtenOff: (requestId: string) => `written-off:${requestId}`,
  shippingLabel: (shipmentId: string) => `label:${shipmentId}`,
  labelRefunded: (shipmentId: string) => `label-refunded:${shipmentId}`,
};
