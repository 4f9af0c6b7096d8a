/**
 * @module journal
 * The money's journal (issue 60): every movement of money is one entry of postings to named
 * accounts that sum to zero, written once in the transaction of the change it records, and
 * every figure anywhere is a fold of it. Reconciled with Stripe's balance transactions.
 *
 * This file is the module's only public face.
 */
export {
  type AccountName,
  debtJournalPrefix,
  debtKeyOf,
  debtLineOf,
  type EntryKind,
  entryOf,
  platformGuildId,
  type JournalEntry,
  journalCollection,
  journalPath,
  type Posting,
  post,
  sameMoney,
} from './rules/entry';
export { JournalRead } from './rules/journal-read';
export { earlierRaces, type RaceEarned, racerEarningsByRace } from './rules/race-fold';
export {
  entryGroup,
  type LedgerScope,
  lineGroup,
  matchLedger,
  stripeFeeEntries,
  type OrderToClear,
  type Reconciliation,
  type Uncleared,
  type Unexplained,
  unclearedAccounts,
  heldForLateBuyer,
  heldForLateBuyerDisputed,
  heldForLateBuyerChargedBack,
  heldForLateBuyerWhys,
  heldByFailedRefund,
  owedAfterChargeback,
  owedAfterGiveBack,
  owedWhileDisputed,
  unexplainedByCurrency,
} from './rules/reconcile';
export { connectFeeEntries, type PlatformPayout, platformMoneyOf, platformPayoutEntries } from './rules/platform-money';
export { explanationOf, type LineExplanation, neverCausedWhy, stripeLineTypes } from './rules/stripe-lines';
export { journalCsvHeader, journalCsvRows } from './rules/journal-csv';
export {
  debtsOfOrders,
  disputeDebtOf,
  disputeReversedOn,
  disputeReversedFrom,
  type OrderDebt,
  heldFor,
  holdsOf,
  nettedFor,
  openPending,
  pendingOn,
  pendingPastTime,
  type OrderMoney,
  orderMoneyOf,
  owedBy,
  owedByHandFor,
  payableTo,
  racerMoney,
  type RacerMoney,
  accountSettled,
  type PersonalAccount,
  settledRun,
  paidByHandFor,
  type PartyMoney,
  refundedOf,
  reversedFrom,
  sentBy,
  sentTo,
  sumOf,
  unbalanced,
} from './rules/fold';

// Use cases load on their first call: a module's rules build entries, and the ingresses that reach those rules write none.
import type * as WriteEntry from './use-cases/write-entry';
import type * as ReadJournal from './use-cases/read-journal';
import type * as StagedWrites from './use-cases/staged-writes';
const writing = () => require('./use-cases/write-entry') as typeof WriteEntry;
const reading = () => require('./use-cases/read-journal') as typeof ReadJournal;
export const writeEntry: typeof WriteEntry.writeEntry = (...args) => writing().writeEntry(...args);
export const readEntries: typeof WriteEntry.readEntries = (...args) => writing().readEntries(...args);
/** @deprecated the old write that replaced what an id held: see use-cases/write-entry.ts. */
export const writeEntryUnread: typeof WriteEntry.writeEntryUnread = (...args) => writing().writeEntryUnread(...args);
export type { JournalConflict, UnreadEntry } from './use-cases/write-entry';
export type { JournalWrites } from './use-cases/staged-writes';
export const withJournalAppends: typeof StagedWrites.withJournalAppends = (...args) =>
  (require('./use-cases/staged-writes') as typeof StagedWrites).withJournalAppends(...args);
export const journalOfGuild: typeof ReadJournal.journalOfGuild = (...args) => reading().journalOfGuild(...args);
export const journalUnder: typeof ReadJournal.journalUnder = (...args) => reading().journalUnder(...args);
export const debtJournalOf: typeof ReadJournal.debtJournalOf = (...args) => reading().debtJournalOf(...args);
export const debtJournalKey: typeof ReadJournal.debtJournalKey = (...args) => reading().debtJournalKey(...args);
export const journalOfPerson: typeof ReadJournal.journalOfPerson = (...args) => reading().journalOfPerson(...args);
export const journalOfOrders: typeof ReadJournal.journalOfOrders = (...args) => reading().journalOfOrders(...args);
export const refundedOfOrder: typeof ReadJournal.refundedOfOrder = (...args) => reading().refundedOfOrder(...args);
export const journalOfOrder: typeof ReadJournal.journalOfOrder = (...args) => reading().journalOfOrder(...args);
export const withRefunds: typeof ReadJournal.withRefunds = (...args) => reading().withRefunds(...args);
export const withJournal: typeof ReadJournal.withJournal = (...args) => reading().withJournal(...args);
