/**
 * @module kept-data-money
 * The table of kept data, part three: the records of money that are kept for the period the
 * law sets, whoever asks: the journal and the dashboard's audit of admins' actions.
 */
import { debtJournalPrefix } from '../../journal';
import type { KeptDocument } from './kept-data-types';
import { memberId, memberName, paymentRecord } from './kept-data-words';

/**
 * Where a debt's journal entries sit, as the debts module reads the account: under the key the
 * account stores (`journalKey`: the member's pseudonym under the LOG_ID_KEY of its first move
 * since issue 79, kept across a rotation), under their pseudonym from the current key (an account
 * with no stored key yet), and under their raw id (entries written before issue 79). From the
 * debt's `guildId`, `userId` and `journalKey`: every entry, whether or not a line names it.
 */
export function debtJournalPrefixesOf(
  data: Readonly<Record<string, unknown>>,
  pseudonymOf: (id: string) => string,
): { field: 'entryId'; prefixes: string[] } | undefined {
  const { guildId, userId, journalKey } = data;
  if (typeof guildId !== 'string' || typeof userId !== 'string' || !guildId || !userId) return undefined;
  const keys = new Set([...(typeof journalKey === 'string' && journalKey ? [journalKey] : []), pseudonymOf(userId), userId]);
  return { field: 'entryId', prefixes: [...keys].map((key) => debtJournalPrefix(guildId, key)) };
}

/** An order the person bought: its journal entries, by `orderId`. */
export function ownOrderOf(data: Readonly<Record<string, unknown>>, person: string): { field: string; value: string } | undefined {
  return data.buyerId === person && typeof data.orderId === 'string' ? { field: 'orderId', value: data.orderId } : undefined;
}

/** An entry that moves money owed to the order's buyer (the `owed-to-buyer` account): theirs; the order's other entries are its payment's. */
export function movesOwedToBuyer(data: Readonly<Record<string, unknown>>): boolean {
  return movesAccount(data, 'owed-to-buyer');
}

/** An order the person hosted as a show's host: its journal entries, by `orderId`. */
export function hostedOrderOf(data: Readonly<Record<string, unknown>>, person: string): { field: string; value: string } | undefined {
  return data.hostId === person && typeof data.orderId === 'string' ? { field: 'orderId', value: data.orderId } : undefined;
}

/** An entry that moves the cut owed to the order's show host by hand (the `host-payable` account): the host's; the order's other entries are its payment's. */
export function movesHostPayable(data: Readonly<Record<string, unknown>>): boolean {
  return movesAccount(data, 'host-payable');
}

function movesAccount(data: Readonly<Record<string, unknown>>, account: string): boolean {
  return Array.isArray(data.postings) && data.postings.some((p: unknown) => (p as { account?: unknown } | null)?.account === account);
}

export const moneyDocuments: readonly KeptDocument[] = [
  {
    type: 'AuditRecord',
    path: 'dashboardAudit/<audit id>',
    findBy: ['byUserId', 'hostId'],
    about: "an admin's action on the dashboard",
    sharedWith: [],
    basis: 'legal obligation',
    facts: [
      memberId(['hostId', 'byUserId'], 'to know who did what with money', ["the server's admins"], 'kept-by-law', paymentRecord),
      memberName(['byName'], 'byUserId', ["the server's admins"]),
      {
        fields: ['note'],
        what: "the admin's note",
        purpose: 'to record why',
        seenBy: ["the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'JournalEntry',
    path: 'journal/<entry id>',
    // A racer's own entries name them in `personId`; a debt's are found from its account, under the keys it names.
    findBy: ['personId'],
    // What C500 owes a buyer outside Stripe names their order, not them: found from the orders they bought.
    // A show host's cut owed by hand names them on its posting alone: found from the orders they hosted.
    foundFrom: [
      { document: 'Debt', under: debtJournalPrefixesOf },
      { document: 'Order', where: ownOrderOf, keep: movesOwedToBuyer },
      { document: 'Order', where: hostedOrderOf, keep: movesHostPayable },
    ],
    about:
      'one movement of money in the journal (issue 60): a charge, refund, release, reversal, dispute, a move on a debt, a host’s cut owed or paid by hand, a merch sale, a racer’s credit or payout, money owed to a buyer outside Stripe (found from the orders they bought), a show host’s cut owed by hand (found from the orders they hosted)',
    sharedWith: [],
    basis: 'legal obligation',
    facts: [
      memberId(
        ['postings[].personId', 'personId'],
        "to keep whose debt a movement raised or settled, which racer a commission or payout was for, and which show host a cut owed by hand is for, so the server's books add up (and a racer's wallet is one query of their entries)",
        ['the member', "the server's admins"],
        'kept-by-law',
        paymentRecord,
      ),
      {
        // Issue 79: an entry's id is its idempotency key and is never rewritten, so it names nobody.
        fields: ['(id)'],
        what: "on a debt's entry, a keyed pseudonym of the member's Discord id (`debt:<server>:<pseudonym>:<move>`: only C500's key ties the two); entries written before issue 79 hold the Discord id itself there",
        purpose: 'to write each move on a debt once, under an id its cause fixes, and read the account by it',
        seenBy: [],
        keptFor: 'as long as the record it is on',
        endedBy: 'the end of the entry: an id is never rewritten, and names nobody without C500’s key',
        onErasure: 'kept-by-law',
      },
    ],
  },
];
