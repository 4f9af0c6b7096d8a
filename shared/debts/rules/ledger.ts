/**
 * @module ledger
 * The arithmetic of a debt account, as values: what an entry does to what is owed, what a
 * release nets, and whether a payment recorded outside C500 may be. Never below zero.
 */
import { amountStep } from '../../common';
import { debtJournalPrefix, debtLineOf, entryOf, owedBy, post, type EntryKind, type JournalEntry, type Posting } from '../../journal';
import { raisingKinds, type Debt, type DebtEntry, type DebtEntryKind } from './debt';

/** What is owed after an entry: raised, or lowered no further than zero. */
export function owedAfter(owedCents: number, kind: DebtEntryKind, amountCents: number): number {
  return raisingKinds.has(kind) ? owedCents + amountCents : Math.max(0, owedCents - amountCents);
}

/** The account's balance from its entries, in the order they were written. */
export function owedFrom(entries: ReadonlyArray<{ kind: DebtEntryKind; amountCents: number }>): number {
  return entries.reduce((owed, e) => owedAfter(owed, e.kind, e.amountCents), 0);
}

/**
 * What a release of `dueCents` sends and what it nets: as much of the debt as the release
 * holds, in the account's own currency only, always leaving one step of the currency to send.
 * A release is a transfer the order's later refunds and disputes reverse from, and Stripe
 * makes no transfer of nothing, so the last step goes out and the rest of the debt waits for
 * the next release. Netted in whole steps: Stripe takes a three-decimal currency (KWD, BHD…)
 * only in tens of its minor unit, so a 1-fils transfer would be refused.
 */
export function netRelease(
  owed: { owedCents: number; currency: string } | undefined,
  dueCents: number,
  currency: string,
): { sendCents: number; nettedCents: number } {
  const due = Math.max(0, dueCents);
  const step = amountStep(currency);
  const most = owed && owed.currency === currency.toLowerCase() ? Math.max(0, Math.min(owed.owedCents, due - step)) : 0;
  const netted = most - (most % step);
  return { sendCents: due - netted, nettedCents: netted };
}

export type PaidOutsideRefusal = 'not-positive' | 'above-debt' | 'no-debt';

/** A payment an admin records outside C500: more than nothing, and no more than what is owed. */
export function checkPaidOutside(owedCents: number | undefined, amountCents: number): PaidOutsideRefusal | undefined {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return 'not-positive';
  if (!owedCents || owedCents <= 0) return 'no-debt';
  return amountCents > owedCents ? 'above-debt' : undefined;
}

/** How each kind reads to the person and the admins. */
export const entryLabels: Readonly<Record<DebtEntryKind, string>> = {
  'refused-reversal': 'refund or dispute Stripe could not take back',
  'loss-after-payout': 'refunded after it was paid out',
  netted: 'taken from a release',
  'netting-undone': 'release refused: given back',
  'paid-outside': 'paid outside C500',
  'written-off': 'written off by an admin',
  forgiven: 'dispute won: forgiven',
  'shipping-label': 'shipping label bought through C500',
  'label-refunded': 'shipping label refunded by the carrier',
  'commission-reversed': 'race commission taken back by a refund after it was paid out',
};

/** Each kind of debt move as the journal names it. */
const journalKinds: Readonly<Record<DebtEntryKind, EntryKind>> = {
  'refused-reversal': 'refused-reversal',
  'loss-after-payout': 'loss-after-payout',
  netted: 'netting',
  'netting-undone': 'netting-undone',
  'paid-outside': 'paid-outside',
  'written-off': 'write-off',
  forgiven: 'forgiven',
  'shipping-label': 'shipping-label',
  'label-refunded': 'shipping-label-refund',
  'commission-reversed': 'racer-earning',
};

/**
 * A debt move as the journal records it, `movedCents` being what the account really moved. A
 * debt is money an order's held account gave out and could not take back (a refused reversal,
 * a loss after a payout by hand): the person owes it, and the order is made whole by that claim.
 * Netting pays it from another order's release (that order's held money goes to the debt, not
 * out to Stripe), a forgiven debt is given back to the order whose dispute was won, and a
 * payment outside C500 brings money in beside Stripe.
 */
export function debtJournalEntry(
  move: Pick<DebtEntry, 'entryId' | 'kind' | 'orderId' | 'currency' | 'at' | 'party' | 'disputeId'> & { guildId: string; userId: string },
  movedCents: number,
  journalKey: string,
): JournalEntry | undefined {
  if (movedCents <= 0) return undefined;
  const raising = raisingKinds.has(move.kind);
  const against: Posting =
    move.kind === 'written-off'
      ? post.to('written-off', movedCents)
      : move.kind === 'shipping-label' || move.kind === 'label-refunded'
        ? // C500 paid the carrier for the builder: the builder owes it; a refund the carrier gives back lowers what they owe.
          post.to('carrier-postage', movedCents)
        : move.kind === 'paid-outside' || !move.orderId
          ? post.to('paid-outside', movedCents)
          : post.held(move.orderId, movedCents, move.party);
  const postings = raising ? [post.owed(move.userId, movedCents), { ...against, amountCents: -movedCents }] : [against, post.owed(move.userId, -movedCents)];
  return entryOf(
    {
      entryId: debtJournalId(move.guildId, journalKey, move.entryId),
      kind: journalKinds[move.kind],
      at: move.at,
      guildId: move.guildId,
      currency: move.currency,
      ...(move.orderId ? { orderId: move.orderId } : {}),
      ...(move.disputeId ? { disputeId: move.disputeId } : {}),
    },
    postings,
  );
}

/**
 * Every journal entry of a person's debt on a server has its id under the journal's prefix of
 * the person's journal key (their keyed pseudonym since issue 79, the raw id before): the
 * account is read by it. `journalKey` is never a raw Discord id in what is written now.
 */
export const debtJournalId = (guildId: string, journalKey: string, entryId: string): string => `${debtJournalPrefix(guildId, journalKey)}${entryId}`;

const debtKinds = new Map<EntryKind, DebtEntryKind>(Object.entries(journalKinds).map(([debtKind, kind]) => [kind, debtKind as DebtEntryKind]));

/**
 * The account as the journal has it: what the person owes (the fold of their `owed-to-c500`
 * postings in the account's currency) and each move that really moved it, newest first, in the
 * words its cause wrote (`notes`, by the move's id) or its kind's label. The stored account
 * gives only who, where and which currency.
 */
export function debtAccountFrom(
  account: Pick<Debt, 'guildId' | 'userId' | 'currency' | 'updatedAt'>,
  journal: readonly JournalEntry[],
  notes: ReadonlyMap<string, Pick<DebtEntry, 'reason' | 'byUserId' | 'byName' | 'party'>> = new Map(),
): { debt: Debt; entries: DebtEntry[] } {
  const { guildId, userId, currency } = account;
  const entries = journal.flatMap((e): DebtEntry[] => {
    const kind = debtKinds.get(e.kind);
    const moved = e.postings.filter((p) => p.account === 'owed-to-c500' && p.personId === userId).reduce((sum, p) => sum + p.amountCents, 0);
    // The move's id, under either of the person's prefixes (their pseudonym's, or their raw id's before issue 79).
    const entryId = e.guildId === guildId ? debtLineOf(e.entryId) : undefined;
    if (!kind || moved === 0 || entryId === undefined) return [];
    const note = notes.get(entryId);
    return [
      {
        entryId,
        kind,
        ...(e.orderId ? { orderId: e.orderId } : {}),
        ...(note?.party ? { party: note.party } : {}),
        ...(e.disputeId ? { disputeId: e.disputeId } : {}),
        amountCents: Math.abs(moved),
        currency: e.currency,
        reason: note?.reason ?? entryLabels[kind],
        at: e.at,
        ...(note?.byUserId ? { byUserId: note.byUserId } : {}),
        ...(note?.byName ? { byName: note.byName } : {}),
      },
    ];
  });
  entries.sort((a, b) => (a.at === b.at ? b.entryId.localeCompare(a.entryId) : b.at.localeCompare(a.at)));
  return { debt: { ...account, owedCents: owedBy(journal, currency, userId) }, entries };
}
