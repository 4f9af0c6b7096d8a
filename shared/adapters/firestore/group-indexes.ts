/**
 * @module group-indexes
 * The subcollections' fields with a single-field index of collection-group scope, which
 * Firestore keeps only when a field override asks for it (terraform's google_firestore_field):
 * what a member's export and erasure find across every parent at once. Apart from
 * firestore-indexes (which re-exports these) so neither file outgrows the house's 400 lines.
 */

/** The deployment's main database (the shop secrets have one of their own). */
export const defaultDatabase = '(default)';

/**
 * A field of a subcollection with a single-field index of collection-group scope, beside its
 * automatic collection-scope ones: `contains` for a list, `asc` for a value.
 */
export interface GroupIndexedField {
  database: string;
  collection: string;
  field: string;
  mode: 'asc' | 'contains';
  why: string;
}

export const groupIndexedFields: readonly GroupIndexedField[] = [
  {
    database: defaultDatabase,
    collection: 'history',
    field: 'bidderIds',
    mode: 'contains',
    why: 'a member’s export and erasure: the bid-history chunks they bid in (auctions/<id>/history)',
  },
  {
    database: defaultDatabase,
    collection: 'shards',
    field: 'racerId',
    mode: 'asc',
    why: 'a member’s export and erasure: their wallets’ shards (wallets/<guild>-<racer>/shards)',
  },
  {
    database: defaultDatabase,
    collection: 'entries',
    field: 'entrantId',
    mode: 'asc',
    why: 'a member’s export and erasure: their giveaway entries (giveaways/<id>/entries)',
  },
  {
    database: defaultDatabase,
    collection: 'debtEntries',
    field: 'byUserId',
    mode: 'asc',
    why: 'a member’s export and erasure: the debt entries an admin recorded (debts/<id>/debtEntries)',
  },
  {
    database: defaultDatabase,
    collection: 'pledges',
    field: 'buyerId',
    mode: 'asc',
    why: 'a member’s export and erasure: their pledges to group buys (groupBuys/<id>/pledges)',
  },
  {
    database: defaultDatabase,
    collection: 'interest',
    field: 'memberId',
    mode: 'asc',
    why: 'a member’s export and erasure: their interest in interest checks (interestChecks/<id>/interest), taken out with the check’s counts',
  },
];
