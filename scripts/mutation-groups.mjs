/**
 * What mutation testing covers and how good each part must be (docs/mutation-testing.md).
 * stryker.config.mjs mutates `mutatedFiles`; scripts/mutation-report.mjs checks `groups`.
 *
 * Scores are Stryker's "over valid mutants": (killed + timeout) / (killed + timeout +
 * survived + no coverage). Ignored mutants (a `// Stryker disable` comment, or the wording of
 * a message: test/mutation/message-wording-ignorer.mjs) and ones that do not compile count
 * neither way.
 */

/** The money and the auction book: orders, refunds, splits, race commissions, bids. */
const moneyFiles = [
  'shared/common/rules/money.ts',
  'shared/payments/rules/**/*.ts',
  'shared/orders/rules/**/*.ts',
  'shared/races/rules/**/*.ts',
  'shared/auctions/rules/**/*.ts',
  // The commission queue's rules that decide money and places: the terms a drop sells under
  // (its tranches), the line and its promised dates, and what a late cancel refunds.
  'shared/queue/rules/commission-terms.ts',
  'shared/queue/rules/queue-line.ts',
  'shared/queue/rules/late.ts',
  // Pure files outside rules/ that the money or the book decides with: the deadline Stripe
  // allows a Checkout Session (checkout-window.ts) and which bid outcomes the book accepts.
  'shared/stripe-limits.ts',
  'shared/ports/auction-book.ts',
];

/** Every file Stryker mutates. */
export const mutatedFiles = ['shared/*/rules/**/*.ts', ...moneyFiles.filter((pattern) => !pattern.includes('/rules/'))];

/**
 * The groups, first match wins: `group` is the least the group's score may be, `file` the
 * least any one file's may be.
 */
export const groups = [
  { name: 'money and auctions', patterns: moneyFiles, min: { group: 95, file: 90 } },
  { name: 'other rules', patterns: ['**/*.ts'], min: { group: 85, file: 85 } },
];
