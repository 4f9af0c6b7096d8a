/**
 * shared/adapters/firestore/firestore-indexes.ts is the one list of the Firestore indexes
 * the queries need (the embedded store enforces it, test/unit/firestore-queries-have-indexes
 * holds the code's queries to it); terraform/firestore.tf declares the same indexes and
 * exemptions for Firestore itself. This test holds the two together.
 */
import { isDeepStrictEqual } from 'node:util';
import { compositeIndexes, groupIndexedFields, unindexedFields, type IndexMode } from '../../shared/adapters/firestore/firestore-indexes';
import { asArray, asObject, isObject, loadTerraform, type Json, type JsonObject, type Terraform } from '../support/terraform';

/** `google_firestore_database.<name>.name` -> that database's name, as terraform/ declares it. */
function databaseName(tf: Terraform, reference: Json | undefined, where: string): string {
  const name = typeof reference === 'string' ? /^\$\{google_firestore_database\.([A-Za-z0-9_]+)\.name\}$/.exec(reference)?.[1] : undefined;
  const database = name === undefined ? undefined : tf.resources.get('google_firestore_database')?.get(name)?.name;
  if (typeof database !== 'string') throw new Error(`${where}: database should be google_firestore_database.<name>.name, is ${JSON.stringify(reference)}`);
  return database;
}

function modeOf(field: JsonObject, where: string): IndexMode {
  if (field.order === 'ASCENDING' && field.array_config === undefined) return 'asc';
  if (field.order === 'DESCENDING' && field.array_config === undefined) return 'desc';
  if (field.array_config === 'CONTAINS' && field.order === undefined) return 'contains';
  throw new Error(`${where}: a field needs exactly one of order (ASCENDING, DESCENDING) or array_config = "CONTAINS"`);
}

/** Each google_firestore_index as firestore-indexes.ts writes one, keyed by its resource name. */
function terraformIndexes(tf: Terraform): Array<{ resource: string; index: { database: string; collection: string; fields: Array<[string, IndexMode]> } }> {
  return [...(tf.resources.get('google_firestore_index') ?? [])].map(([name, body]) => {
    const where = `google_firestore_index.${name}`;
    if (body.for_each !== undefined || body.count !== undefined)
      throw new Error(`${where}: write each index out, without count or for_each, so it can be read here`);
    // Queries here are on one collection; a collection-group index would serve none of them.
    if (body.query_scope !== undefined && body.query_scope !== 'COLLECTION')
      throw new Error(`${where}: query_scope ${JSON.stringify(body.query_scope)}: the code makes collection queries only`);
    const fields = asArray(body.fields, `${where}.fields`).map((f, i) => {
      const field = asObject(f, `${where}.fields[${i}]`);
      return [String(field.field_path), modeOf(field, `${where}.fields[${i}]`)] as [string, IndexMode];
    });
    return { resource: where, index: { database: databaseName(tf, body.database, where), collection: String(body.collection), fields } };
  });
}

/** A google_firestore_field's index_config, read: none (automatic indexes kept), or the indexes it names. */
function fieldIndexes(tf: Terraform): Array<{ resource: string; database: string; collection: string; field: string; indexes: JsonObject[] | undefined }> {
  return [...(tf.resources.get('google_firestore_field') ?? [])].map(([name, body]) => {
    const where = `google_firestore_field.${name}`;
    const config = body.index_config === undefined ? undefined : asArray(body.index_config, `${where}.index_config`);
    const indexes =
      config === undefined
        ? undefined
        : config
            .flatMap((c) => (isObject(c) && c.indexes !== undefined ? asArray(c.indexes, `${where}.index_config.indexes`) : []))
            .map((i, n) => asObject(i, `${where}.index_config.indexes[${n}]`));
    return { resource: where, database: databaseName(tf, body.database, where), collection: String(body.collection), field: String(body.field), indexes };
  });
}

/** Each google_firestore_field that switches a field's single-field indexes off (an empty index_config). */
function terraformUnindexed(tf: Terraform): Array<{ database: string; collection: string; field: string }> {
  return fieldIndexes(tf).filter((f) => f.indexes !== undefined && f.indexes.length === 0);
}

const scopeOf = (index: JsonObject) => (index.query_scope === undefined ? 'COLLECTION' : String(index.query_scope));

/** Each field given a collection-group index, as firestore-indexes.ts writes one; its collection-scope indexes must be the automatic ones. */
function terraformGroupIndexed(tf: Terraform): string[] {
  return fieldIndexes(tf).flatMap(({ resource, database, collection, field, indexes }) => {
    if (indexes === undefined || indexes.length === 0) return [];
    const modes = (scope: string) =>
      indexes
        .filter((i) => scopeOf(i) === scope)
        .map((i, n) => modeOf(i, `${resource}.index_config.indexes[${n}]`))
        .sort();
    const group = modes('COLLECTION_GROUP');
    const kept = modes('COLLECTION');
    const automatic = group.includes('contains') ? ['asc', 'contains', 'desc'] : ['asc', 'desc'];
    if (group.length !== 1 || group[0] === 'desc' || JSON.stringify(kept) !== JSON.stringify(automatic))
      throw new Error(
        `${resource}: one collection-group index (ASCENDING or CONTAINS) beside the automatic collection ones is all firestore-indexes.ts models`,
      );
    return [`${database}/${collection}.${field} ${group[0]}`];
  });
}

describe('terraform/ and firestore-indexes.ts', () => {
  let tf: Terraform;
  beforeAll(async () => {
    tf = await loadTerraform();
  });

  it('declare the same composite indexes', () => {
    const declared = terraformIndexes(tf);
    const problems: string[] = [];
    for (const index of compositeIndexes) {
      const expected = { database: index.database, collection: index.collection, fields: index.fields.map(([f, m]) => [f, m]) };
      if (!declared.some((d) => isDeepStrictEqual(d.index, expected)))
        problems.push(`firestore-indexes.ts has ${JSON.stringify(expected)} (${index.why}); terraform/ has no google_firestore_index like it`);
    }
    for (const { resource, index } of declared) {
      if (
        !compositeIndexes.some((c) => isDeepStrictEqual(index, { database: c.database, collection: c.collection, fields: c.fields.map(([f, m]) => [f, m]) }))
      ) {
        problems.push(`${resource} ${JSON.stringify(index)} is not in firestore-indexes.ts: the embedded store and the query check do not know it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('exempt the same fields from indexing', () => {
    const declared = terraformUnindexed(tf)
      .map((u) => `${u.database}/${u.collection}.${u.field}`)
      .sort();
    expect(declared).toEqual(unindexedFields.map((u) => `${u.database}/${u.collection}.${u.field}`).sort());
  });

  it('give the same fields a collection-group index', () => {
    expect(terraformGroupIndexed(tf).sort()).toEqual(groupIndexedFields.map((g) => `${g.database}/${g.collection}.${g.field} ${g.mode}`).sort());
  });

  it('build the indexes of one database one after another, as Firestore refuses concurrent builds (409)', () => {
    // Each index but the first depends on another index, so terraform never starts two at once.
    const indexes = tf.resources.get('google_firestore_index') ?? new Map<string, JsonObject>();
    const independent = [...indexes.keys()].filter((name) => {
      const dependsOn = indexes.get(name)?.depends_on;
      return !(Array.isArray(dependsOn) && dependsOn.some((d) => typeof d === 'string' && d.includes('google_firestore_index.')));
    });
    expect(independent.length).toBeLessThanOrEqual(1);
  });
});
