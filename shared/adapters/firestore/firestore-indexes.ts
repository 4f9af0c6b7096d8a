/**
 * @module firestore-indexes
 * The Firestore indexes the deployment has, as data, and Firestore's rule for which index a
 * query needs. One list, three readers:
 *
 * - terraform/firestore.tf declares the same indexes (google_firestore_index) and
 *   exemptions (google_firestore_field); test/unit/terraform-mirrors-firestore-indexes
 *   fails when the two drift.
 * - The embedded store (shared/local/firestore/document-store) refuses a query no index
 *   here serves, with FAILED_PRECONDITION as Firestore does, so every test and `npm start`
 *   path that runs such a query fails here instead of in production.
 * - test/unit/firestore-queries-have-indexes reads every `.query(` call in shared/ and
 *   functions/ and checks each against this list, so a query no test runs is held too; and
 *   it reports an index here that no query needs (each costs a write per document change).
 *
 * The rule (Firestore Standard edition, https://cloud.google.com/firestore/docs/concepts/index-overview):
 * Firestore keeps an ascending and a descending single-field index of every field, and an
 * array-contains one of every array, unless exempted. Those serve a query with equality
 * filters only (`==`, `in`, on any number of fields: Firestore merges them), and a query
 * whose ranges (`<`, `<=`, `>`, `>=`, `!=`) and orderBy are all on one field with no other
 * filter, and a lone array-contains. Anything else needs a composite index: its fields are
 * the equality (and array-contains) fields in any order, then the query's ordering, field by
 * field with its direction. The ordering is the orderBy clauses (an orderBy on a field
 * filtered by equality orders nothing), then each range field not already ordered,
 * ascending. Array-contains with any other filter or an orderBy is taken to need a composite
 * index, as Firebase's guide to indexes lists it (stricter than index merging may be).
 * Indexes are matched by collection id (the last segment of its path) and database.
 *
 * A collection-group query (`queryGroup`) is served by a field's single-field index of collection-group scope,
 * which Firestore does not keep unless a field override asks for it (`groupIndexedFields`, terraform's
 * google_firestore_field with query_scope COLLECTION_GROUP). Only a lone equality or array-contains is held
 * here; anything more would need a composite index of group scope, which nothing uses.
 */
import type { Query, WhereOp } from '../../ports';
import { defaultDatabase, groupIndexedFields, type GroupIndexedField } from './group-indexes';

export { defaultDatabase, groupIndexedFields, type GroupIndexedField };

export type IndexMode = 'asc' | 'desc' | 'contains';

export interface CompositeIndex {
  database: string;
  /** The collection id: `orders`, or `stockShards` for drops/<id>/stockShards. */
  collection: string;
  fields: ReadonlyArray<readonly [field: string, mode: IndexMode]>;
  /** Who needs it, for the reader of terraform. */
  why: string;
}

/** A field whose automatic single-field indexes are switched off (no query may lean on them). */
export interface UnindexedField {
  database: string;
  collection: string;
  field: string;
  why: string;
}

export const compositeIndexes: readonly CompositeIndex[] = [
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['buyerId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: '/c500 profile: a buyer’s orders, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['buyerId', 'asc'],
      ['paidAt', 'asc'],
    ],
    why: 'whether a bidder refused as new has paid for an order before trust was recorded',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['builderId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: '/c500 profile: a builder’s orders, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['builderId', 'asc'],
      ['status', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: 'dashboard: a builder’s orders in one state (status in …), newest first, a page at a time',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['hostId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: 'dashboard: the orders of a host’s show lots (their cuts), newest first',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['guildId', 'asc'],
      ['status', 'asc'],
      ['paidAt', 'asc'],
    ],
    why: 'dashboard: a guild’s orders paid more than a week ago and still waiting for proof, oldest first',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['guildId', 'asc'],
      ['source', 'asc'],
      ['status', 'asc'],
      ['expiredAt', 'desc'],
    ],
    why: 'dashboard: a guild’s auction wins that lapsed unpaid (strikes), newest first',
  },
  {
    database: defaultDatabase,
    collection: 'orders',
    fields: [
      ['source', 'asc'],
      ['sourceId', 'asc'],
      ['orderId', 'asc'],
    ],
    why: 'a group buy’s milestone reaching its orders: the next batch of them by id, after the last the batch before took',
  },
  {
    database: defaultDatabase,
    collection: 'auctions',
    fields: [
      ['builderId', 'asc'],
      ['startedAt', 'desc'],
    ],
    why: 'dashboard: a builder’s auctions and show lots with their results, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'auctions',
    fields: [
      ['show.hostId', 'asc'],
      ['startedAt', 'desc'],
    ],
    why: 'chat bids: a show host’s latest lot, so a !bid just after its hammer is told bidding has closed',
  },
  {
    database: defaultDatabase,
    collection: 'shows',
    fields: [
      ['hostId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: 'dashboard: the shows a host ran, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'hostPayouts',
    fields: [
      ['hostId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: 'dashboard: the cuts owed (or paid) by hand to a host, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'hostPayouts',
    fields: [
      ['guildId', 'asc'],
      ['createdAt', 'desc'],
    ],
    why: 'dashboard: a guild’s host cuts owed by hand, newest first, with the paid-by-hand action',
  },
  {
    database: defaultDatabase,
    collection: 'journal',
    fields: [
      ['personId', 'asc'],
      ['at', 'desc'],
    ],
    why: 'dashboard: a racer’s ledger (their entries in the journal: commissions, reversals, payouts), newest first',
  },
  {
    database: defaultDatabase,
    collection: 'payouts',
    fields: [
      ['racerId', 'asc'],
      ['at', 'desc'],
    ],
    why: 'dashboard: a racer’s payouts, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'sales',
    fields: [
      ['guildId', 'asc'],
      ['paidAt', 'desc'],
    ],
    why: 'dashboard: a guild’s race sales ledger, newest first',
  },
  {
    database: defaultDatabase,
    collection: 'raceLobbies',
    fields: [
      ['guildId', 'asc'],
      ['windowOpenedAt', 'desc'],
    ],
    why: 'a sale finds the race window open in its guild when it was paid',
  },
  {
    database: defaultDatabase,
    collection: 'unfoldedSales',
    fields: [
      ['lobbyId', 'asc'],
      ['recordedAt', 'asc'],
    ],
    why: 'a race’s fold takes its sales a second old, oldest first, a batch at a time',
  },
  {
    database: defaultDatabase,
    collection: 'chatBidding',
    fields: [
      ['on', 'asc'],
      ['changedAt', 'asc'],
    ],
    why: 'the retention sweep: channels whose chat bidding was turned off a year ago, oldest first, a page at a time',
  },
];

export const unindexedFields: readonly UnindexedField[] = [
  { database: defaultDatabase, collection: 'processed', field: 'expiresAt', why: 'read only by the TTL sweep; an index on a timestamp only costs writes' },
  { database: defaultDatabase, collection: 'dashboardSessions', field: 'expiresAt', why: 'read only by the TTL sweep: a session is found by its id' },
  { database: defaultDatabase, collection: 'dashboardSignIns', field: 'expiresAt', why: 'read only by the TTL sweep: a used sign-in state is found by its id' },
  { database: defaultDatabase, collection: 'editSlots', field: 'expiresAt', why: 'read only by the TTL sweep: a second’s edit claim is found by its id' },
];

/** What serves a query: nothing beyond a collection scan, single-field indexes, or one composite index. */
export type IndexNeed =
  { kind: 'single-field'; fields: string[] } | { kind: 'composite'; equality: string[]; contains: string[]; order: Array<readonly [string, 'asc' | 'desc']> };

const equalityOps: ReadonlySet<WhereOp> = new Set(['==', 'in']);
const rangeOps: ReadonlySet<WhereOp> = new Set(['<', '<=', '>', '>=', '!=']);

/** The index a query needs, by Firestore's rule (see the module's comment). */
export function indexNeeded(query: Query): IndexNeed {
  const where = query.where ?? [];
  const equality = unique(where.filter(([, op]) => equalityOps.has(op)).map(([field]) => field));
  const contains = unique(where.filter(([, op]) => op === 'array-contains').map(([field]) => field));
  const ranges = unique(where.filter(([, op]) => rangeOps.has(op)).map(([field]) => field));
  const order: Array<readonly [string, 'asc' | 'desc']> = [];
  for (const [field, direction] of query.orderBy ?? []) if (!equality.includes(field) && !order.some(([f]) => f === field)) order.push([field, direction]);
  for (const field of [...ranges].sort()) if (!order.some(([f]) => f === field)) order.push([field, 'asc']);

  if (contains.length === 0 && order.length === 0) return { kind: 'single-field', fields: equality };
  if (contains.length === 0 && equality.length === 0 && order.length === 1)
    return { kind: 'single-field', fields: [(order[0] as readonly [string, string])[0]] };
  if (contains.length === 1 && equality.length === 0 && order.length === 0) return { kind: 'single-field', fields: contains };
  return { kind: 'composite', equality, contains, order };
}

/** True when `index` serves a query that needs `need` (both on the same collection and database). */
export function serves(index: CompositeIndex, need: IndexNeed): boolean {
  if (need.kind !== 'composite') return false;
  const prefix = need.equality.length + need.contains.length;
  if (index.fields.length !== prefix + need.order.length) return false;
  const head = index.fields.slice(0, prefix);
  const headFits =
    need.equality.every((field) => head.some(([f, mode]) => f === field && mode !== 'contains')) &&
    need.contains.every((field) => head.some(([f, mode]) => f === field && mode === 'contains'));
  return (
    headFits &&
    need.order.every(([field, direction], i) => {
      const [f, mode] = index.fields[prefix + i] as readonly [string, IndexMode];
      return f === field && mode === direction;
    })
  );
}

export interface DeclaredIndexes {
  composite: readonly CompositeIndex[];
  unindexed: readonly UnindexedField[];
  /** Absent: no field has a collection-group index. */
  group?: readonly GroupIndexedField[];
}

export const declaredIndexes: DeclaredIndexes = { composite: compositeIndexes, unindexed: unindexedFields, group: groupIndexedFields };

/** The collection id of a collection path: its last segment. */
export function collectionId(collectionPath: string): string {
  return collectionPath.slice(collectionPath.lastIndexOf('/') + 1);
}

/** Why Firestore would refuse this query (on a collection, or a collection group) for want of an index, or undefined when an index serves it. */
export function missingIndex(
  database: string,
  collectionPath: string,
  query: Query,
  declared: DeclaredIndexes = declaredIndexes,
  scope: 'collection' | 'group' = 'collection',
): string | undefined {
  if (scope === 'group') return missingGroupIndex(database, collectionPath, query, declared);
  const collection = collectionId(collectionPath);
  const need = indexNeeded(query);
  const shape = describeQuery(collection, query);
  if (need.kind === 'single-field') {
    const off = need.fields.filter((field) => declared.unindexed.some((u) => u.database === database && u.collection === collection && u.field === field));
    if (off.length === 0) return undefined;
    return `${shape} needs the single-field index of ${off.join(', ')}, which database ${database} exempts from indexing`;
  }
  if (declared.composite.some((index) => index.database === database && index.collection === collection && serves(index, need))) return undefined;
  return `${shape} needs a composite index on ${collection} (${describeIndex(need)}) in database ${database}`;
}

/** Why Firestore would refuse this collection-group query, or undefined when a group-scope index serves it. */
export function missingGroupIndex(database: string, group: string, query: Query, declared: DeclaredIndexes = declaredIndexes): string | undefined {
  const where = query.where ?? [];
  const shape = `the collection-group ${describeQuery(group, query).slice('the '.length)}`;
  const [only] = where;
  if (where.length !== 1 || !only || (query.orderBy ?? []).length > 0 || (only[1] !== '==' && only[1] !== 'array-contains'))
    return `${shape} is not one equality or array-contains: it would need a composite index of collection-group scope`;
  const mode = only[1] === '==' ? 'asc' : 'contains';
  const served = (declared.group ?? []).some((g) => g.database === database && g.collection === group && g.field === only[0] && g.mode === mode);
  return served ? undefined : `${shape} needs the collection-group index of ${only[0]} (${mode === 'asc' ? 'ASCENDING' : 'CONTAINS'}) in database ${database}`;
}

/** The fields of the composite index a need asks for, as the console and terraform name their modes. */
export function describeIndex(need: IndexNeed): string {
  if (need.kind !== 'composite') return need.fields.join(', ');
  return [
    ...need.equality.map((f) => `${f} ASCENDING`),
    ...need.contains.map((f) => `${f} CONTAINS`),
    ...need.order.map(([f, d]) => `${f} ${d === 'asc' ? 'ASCENDING' : 'DESCENDING'}`),
  ].join(', ');
}

function describeQuery(collection: string, query: Query): string {
  const where = (query.where ?? []).map(([field, op]) => `${field} ${op}`);
  const order = (query.orderBy ?? []).map(([field, direction]) => `${field} ${direction}`);
  return `the query on ${collection}${where.length ? ` where ${where.join(' and ')}` : ''}${order.length ? ` ordered by ${order.join(', ')}` : ''}`;
}

/**
 * What Firestore answers a query no index serves: gRPC FAILED_PRECONDITION (9), "The query
 * requires an index". The production adapter passes that error through as it is (it is no
 * rule of the store a caller could handle), so this is a plain Error too, not a StoreError.
 */
export class MissingIndexError extends Error {
  readonly code = 9;
  readonly status = 'FAILED_PRECONDITION';
  constructor(reason: string) {
    super(
      `FAILED_PRECONDITION: The query requires an index: ${reason}. Declare it in shared/adapters/firestore/firestore-indexes.ts and terraform/firestore.tf.`,
    );
    this.name = 'MissingIndexError';
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
