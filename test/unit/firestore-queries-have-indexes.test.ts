/**
 * Every Firestore query the code makes has the index it needs, and every declared index is
 * needed by some query.
 *
 * Two nets, because each misses what the other holds:
 * - Run time: the embedded store refuses a query no declared index serves, as Firestore
 *   does (FAILED_PRECONDITION), so any unit, e2e or `npm start` path that runs it fails.
 * - Read time (here): every `.query(` call in shared/ and functions/ is read with the
 *   TypeScript parser and its shape (collection, filtered fields with operators, orderBy)
 *   checked against the same declared indexes, so a query no test happens to run is held
 *   too. That needs the shape written at the call: each field and operator as literals,
 *   the collection as a literal or a constant made by `collectionPath('<literal>')`. A call
 *   whose shape cannot be read fails here with its place.
 *
 * The declared indexes are shared/adapters/firestore/firestore-indexes.ts; terraform mirrors
 * them (test/unit/terraform-mirrors-firestore-indexes). Which database a call queries is read
 * from its receiver: one naming shopSecrets queries the `shop-secrets` database, any other
 * the `(default)` one (the embedded store knows its database exactly, at run time).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import {
  compositeIndexes,
  defaultDatabase,
  describeIndex,
  indexNeeded,
  missingIndex,
  MissingIndexError,
  serves,
  type CompositeIndex,
} from '../../shared/adapters/firestore/firestore-indexes';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { shopSecretsDatabase } from '../../shared/races';
import { collectionPath, docPath, type DocumentData, type Query, type WhereOp } from '../../shared/ports';
import { ordersCollection } from '../../shared/orders';
import { onceRecordsCollection } from '../../shared/common/rules/once-record';

const root = join(__dirname, '..', '..');

interface CallSite {
  where: string;
  receiver: string;
  database: string;
  /** The collection path when written as a literal or a named collection; undefined when computed (a subcollection's path helper). */
  collection: string | undefined;
  /** The query's shape, or why it cannot be read. */
  query: Query | { unreadable: string };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** `x as const`, `(x)`, `x satisfies T`: the expression inside. */
function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node))
    node = node.expression;
  return node;
}

function literal(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) ? inner.text : undefined;
}

function tuples(node: ts.Expression, what: string): ts.NodeArray<ts.Expression>[] | string {
  const list = unwrap(node);
  if (!ts.isArrayLiteralExpression(list)) return `${what} is not an array written at the call`;
  const out: ts.NodeArray<ts.Expression>[] = [];
  for (const element of list.elements) {
    const tuple = unwrap(element);
    if (!ts.isArrayLiteralExpression(tuple)) return `a ${what} clause is not written as [field, ...] at the call`;
    out.push(tuple.elements);
  }
  return out;
}

/** The query's shape from its object literal; the values compared against are not needed. */
function readQuery(node: ts.Expression | undefined): Query | { unreadable: string } {
  if (!node) return {};
  const object = unwrap(node);
  if (!ts.isObjectLiteralExpression(object)) return { unreadable: 'the query is not an object written at the call' };
  const query: { where?: Array<[string, WhereOp, unknown]>; orderBy?: Array<[string, 'asc' | 'desc']>; limit?: number } = {};
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return { unreadable: 'the query has a spread or computed property' };
    const key = property.name.text;
    if (key === 'limit') continue;
    const clauses = tuples(property.initializer, key);
    if (typeof clauses === 'string') return { unreadable: clauses };
    if (key === 'where') {
      query.where = [];
      for (const [field, op] of clauses) {
        const f = literal(field);
        const o = literal(op);
        // A field named by a table (privacy's lookups) is readable when it cannot need more than
        // Firestore's automatic single-field index, with no orderBy: the one clause, an equality;
        // or a range, every clause on that same field (a prefix: `>=` and `<`).
        const oneField = clauses.every(([other]) => other?.getText() === field?.getText());
        const tableDriven =
          f === undefined &&
          !object.properties.some((p) => p.name?.getText() === 'orderBy') &&
          (((o === '==' || o === 'array-contains') && clauses.length === 1) || (oneField && (o === '>=' || o === '>' || o === '<' || o === '<=')));
        if (tableDriven) {
          query.where.push(['(a field named by a table)', o, undefined]);
          continue;
        }
        if (f === undefined || o === undefined) return { unreadable: 'a where clause names its field or operator other than as a string literal' };
        query.where.push([f, o as WhereOp, undefined]);
      }
    } else if (key === 'orderBy') {
      query.orderBy = [];
      for (const [field, direction] of clauses) {
        const f = literal(field);
        const d = literal(direction);
        if (f === undefined || (d !== 'asc' && d !== 'desc'))
          return { unreadable: 'an orderBy clause names its field or direction other than as a string literal' };
        query.orderBy.push([f, d]);
      }
    } else return { unreadable: `the query has a key ${key} the port does not know` };
  }
  return query;
}

/**
 * The collections named once next to their document type, by the constant's name:
 * `export const ordersCollection = collectionPath<Order>('orders')` -> ordersCollection: orders.
 */
function namedCollections(dirs: string[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const init = unwrap(node.initializer);
        const path =
          ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'collectionPath' ? literal(init.arguments[0]) : undefined;
        if (path !== undefined) {
          if (named.has(node.name.text) && named.get(node.name.text) !== path) throw new Error(`${file}: ${node.name.text} names two collections`);
          named.set(node.name.text, path);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return named;
}

/** The collection a query names: a literal, or a collection constant made from one. */
function collectionOf(node: ts.Expression | undefined, named: ReadonlyMap<string, string>): string | undefined {
  const inner = node && unwrap(node);
  return inner && ts.isIdentifier(inner) ? named.get(inner.text) : literal(inner);
}

/** Every `<receiver>.query(collection, query?)` call: DocumentStore.query and Transaction.query. */
function callSites(dirs: string[]): CallSite[] {
  const named = namedCollections(dirs);
  const sites: CallSite[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query' && node.arguments.length >= 1) {
        const receiver = node.expression.expression.getText(source);
        sites.push({
          where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`,
          receiver,
          database: /shopSecrets/i.test(receiver) ? shopSecretsDatabase : defaultDatabase,
          collection: collectionOf(node.arguments[0], named),
          query: readQuery(node.arguments[1]),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

const sites = callSites(['shared', 'functions']);
const readable = sites.filter((s): s is CallSite & { query: Query } => !('unreadable' in s.query));

describe('the Firestore queries in the code', () => {
  it('are found: the profile’s, the race window’s and the others', () => {
    // A parser that found nothing would pass everything below.
    expect(sites.length).toBeGreaterThanOrEqual(10);
    expect(readable.filter((s) => indexNeeded(s.query).kind === 'composite').length).toBeGreaterThanOrEqual(compositeIndexes.length);
  });

  it('are each written so their shape can be read at the call', () => {
    expect(sites.flatMap((s) => ('unreadable' in s.query ? [`${s.where}: ${s.query.unreadable}`] : []))).toEqual([]);
  });

  it('each have the index they need, declared in firestore-indexes.ts (and so in terraform)', () => {
    const problems = readable.flatMap((site) => {
      if (indexNeeded(site.query).kind === 'composite' && site.collection === undefined) {
        return [
          `${site.where}: the query needs a composite index, so name its collection here, as a literal or a collectionPath constant (indexes are per collection)`,
        ];
      }
      const reason = missingIndex(site.database, site.collection ?? '(any collection)', site.query);
      return reason ? [`${site.where}: ${reason}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('need every declared composite index: none is kept that no query uses', () => {
    const unused = compositeIndexes.filter(
      (index) =>
        !readable.some(
          (site) =>
            site.database === index.database &&
            site.collection !== undefined &&
            site.collection.split('/').pop() === index.collection &&
            serves(index, indexNeeded(site.query)),
        ),
    );
    expect(unused.map((index) => `${index.database}/${index.collection} (${index.fields.map(([f, m]) => `${f} ${m}`).join(', ')}): ${index.why}`)).toEqual([]);
  });
});

describe('which queries need a composite index, by Firestore’s rule', () => {
  const need = (query: Query) => indexNeeded(query).kind;

  it('equality on one field needs none', () => {
    expect(need({ where: [['status', '==', 'live']] })).toBe('single-field');
  });

  it('equality on several fields needs none: Firestore merges their single-field indexes', () => {
    expect(
      need({
        where: [
          ['hostId', '==', 'h'],
          ['status', '==', 'open'],
        ],
      }),
    ).toBe('single-field');
  });

  it('a range and an orderBy on the same one field need none', () => {
    expect(need({ where: [['n', '>', 1]], orderBy: [['n', 'desc']] })).toBe('single-field');
  });

  it('an orderBy alone needs none', () => {
    expect(need({ orderBy: [['sequence', 'desc']], limit: 5 })).toBe('single-field');
  });

  it('an array-contains alone needs none', () => {
    expect(need({ where: [['tags', 'array-contains', 'a']] })).toBe('single-field');
  });

  it('equality on one field and an orderBy on another need one', () => {
    expect(indexNeeded({ where: [['buyerId', '==', 'b']], orderBy: [['createdAt', 'desc']] })).toEqual({
      kind: 'composite',
      equality: ['buyerId'],
      contains: [],
      order: [['createdAt', 'desc']],
    });
  });

  it('equality and a range on another field need one, ordered by the range field ascending', () => {
    expect(
      indexNeeded({
        where: [
          ['colour', '==', 'red'],
          ['n', '>=', 3],
        ],
      }),
    ).toEqual({ kind: 'composite', equality: ['colour'], contains: [], order: [['n', 'asc']] });
  });

  it('a range on one field and an orderBy on another need one', () => {
    expect(need({ where: [['n', '>', 1]], orderBy: [['m', 'asc']] })).toBe('composite');
  });

  it('an orderBy on two fields needs one', () => {
    expect(
      need({
        orderBy: [
          ['colour', 'asc'],
          ['n', 'desc'],
        ],
      }),
    ).toBe('composite');
  });

  it('array-contains with an equality filter needs one', () => {
    expect(
      need({
        where: [
          ['tags', 'array-contains', 'a'],
          ['active', '==', true],
        ],
      }),
    ).toBe('composite');
  });

  it('an orderBy on a field filtered by equality orders nothing, and needs nothing', () => {
    expect(need({ where: [['status', '==', 'open']], orderBy: [['status', 'asc']] })).toBe('single-field');
  });
});

describe('whether a composite index serves a query', () => {
  const index: CompositeIndex = {
    database: defaultDatabase,
    collection: 'raceLobbies',
    fields: [
      ['guildId', 'asc'],
      ['windowOpenedAt', 'desc'],
    ],
    why: 'test',
  };
  const windowQuery: Query = {
    where: [
      ['guildId', '==', 'g'],
      ['windowOpenedAt', '<=', 't'],
    ],
    orderBy: [['windowOpenedAt', 'desc']],
    limit: 1,
  };

  it('GIVEN the equality field first and the ordered field in the query’s direction THEN it serves', () => {
    expect(serves(index, indexNeeded(windowQuery))).toBe(true);
  });

  it('GIVEN the ordered field in the other direction THEN it does not serve', () => {
    expect(serves(index, indexNeeded({ ...windowQuery, orderBy: [['windowOpenedAt', 'asc']] }))).toBe(false);
  });

  it('GIVEN a query with one more equality filter THEN it does not serve', () => {
    expect(serves(index, indexNeeded({ ...windowQuery, where: [...(windowQuery.where ?? []), ['status', '==', 'open']] }))).toBe(false);
  });

  it('GIVEN the query on another collection THEN the index of raceLobbies is not found for it', () => {
    expect(missingIndex(defaultDatabase, 'orders', windowQuery, { composite: [index], unindexed: [] })).toMatch(
      /needs a composite index on orders \(guildId ASCENDING, windowOpenedAt DESCENDING\)/,
    );
  });

  it('GIVEN the query on another database THEN the index of (default) is not found for it', () => {
    expect(missingIndex(shopSecretsDatabase, 'raceLobbies', windowQuery, { composite: [index], unindexed: [] })).toMatch(/in database shop-secrets/);
  });

  it('names the missing index as the console would create it', () => {
    expect(
      describeIndex(
        indexNeeded({
          where: [
            ['a', '==', 1],
            ['tags', 'array-contains', 'x'],
          ],
          orderBy: [['b', 'desc']],
        }),
      ),
    ).toBe('a ASCENDING, tags CONTAINS, b DESCENDING');
  });
});

describe('the embedded store, as Firestore, refusing a query no index serves', () => {
  it('GIVEN a query needing an undeclared composite index THEN it fails with FAILED_PRECONDITION before reading', async () => {
    const store = new LocalDocumentStore();
    await expect(store.query(ordersCollection, { where: [['status', '==', 'paid']], orderBy: [['createdAt', 'desc']] })).rejects.toThrow(MissingIndexError);
    await expect(store.query(ordersCollection, { where: [['status', '==', 'paid']], orderBy: [['createdAt', 'desc']] })).rejects.toThrow(
      /FAILED_PRECONDITION: The query requires an index: .*composite index on orders \(status ASCENDING, createdAt DESCENDING\)/,
    );
  });

  it('GIVEN the same query inside a transaction THEN it fails the same way', async () => {
    const store = new LocalDocumentStore();
    await expect(
      store.runTransaction((tx) => tx.query(ordersCollection, { where: [['status', '==', 'paid']], orderBy: [['createdAt', 'desc']] })),
    ).rejects.toThrow(MissingIndexError);
  });

  it('GIVEN a query a declared composite index serves THEN it answers', async () => {
    const store = new LocalDocumentStore();
    // Only the fields the query reads: the documents are plain data here.
    await store.set(docPath<DocumentData>('orders/o1'), { buyerId: 'b', createdAt: '2026-01-01T00:00:00Z' });
    await store.set(docPath<DocumentData>('orders/o2'), { buyerId: 'b', createdAt: '2026-01-02T00:00:00Z' });
    const rows = await store.query(ordersCollection, { where: [['buyerId', '==', 'b']], orderBy: [['createdAt', 'desc']] });
    expect(rows.map((r) => r.id)).toEqual(['o2', 'o1']);
  });

  it('GIVEN a query on a field exempted from indexing THEN it fails', async () => {
    await expect(new LocalDocumentStore().query(onceRecordsCollection, { where: [['expiresAt', '<', new Date().toISOString()]] })).rejects.toThrow(
      /exempts from indexing/,
    );
  });

  it('GIVEN the shop-secrets database THEN the indexes of (default) do not serve its queries', async () => {
    const store = new LocalDocumentStore({ database: shopSecretsDatabase });
    await expect(store.query(ordersCollection, { where: [['buyerId', '==', 'b']], orderBy: [['createdAt', 'desc']] })).rejects.toThrow(
      /in database shop-secrets/,
    );
  });

  it('GIVEN indexes: any (for made-up collections) THEN every query answers', async () => {
    const store = new LocalDocumentStore({ indexes: 'any' });
    await expect(store.query(collectionPath<DocumentData>('anything'), { where: [['a', '==', 1]], orderBy: [['b', 'asc']] })).resolves.toEqual([]);
  });
});
