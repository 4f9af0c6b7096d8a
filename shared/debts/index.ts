/**
 * @module debts
 * What a builder or a show host owes C500 on a server (issue 49): a refund or dispute Stripe
 * could not take back from their transfer, or a loss after a payout made by hand, kept as one
 * running account per person per guild with an entry per cause. Releases net it, admins may
 * record it paid outside C500; never below zero, never netted twice.
 *
 * This file is the module's only public face.
 */
export {
  type Debt,
  type DebtEntry,
  type DebtEntryKind,
  debtEntryIds,
  debtEntryKinds,
  debtEntriesCollection,
  debtEntryPath,
  debtPath,
  debtsCollection,
  raisingKinds,
} from './rules/debt';
export { checkPaidOutside, entryLabels, netRelease, owedAfter, owedFrom, type PaidOutsideRefusal } from './rules/ledger';
export { debtCsvHeader, debtCsvRows, debtProfileLines, entryLine } from './rules/debt-views';
export { type AccountRead, type DebtMove, planNetting, planNettingUndone, readAccount, recordDebtMove, writeMove } from './use-cases/debt-account';
export { type DebtAccount, debtAccountOf, debtAccountsOfGuild, debtAccountsOfPerson } from './use-cases/read-debts';
export { type PaidOutside, type PaidOutsideOutcome, recordPaidOutside } from './use-cases/record-paid-outside';
