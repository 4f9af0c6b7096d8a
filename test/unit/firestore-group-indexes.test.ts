/**
 * A collection-group query is served only by a field's group-scope index, which Firestore keeps
 * only when told (firestore-indexes.ts `groupIndexedFields`, terraform's field overrides): the
 * embedded store refuses the rest, as Firestore would.
 */
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { collectionGroup, docPath, type DocumentData } from '../../shared/ports';
import { MissingIndexError, missingIndex } from '../../shared/adapters/firestore/firestore-indexes';

const entries = collectionGroup<DocumentData>('entries');

describe('collection-group queries and their indexes', () => {
  it('GIVEN an equality on a field with a group-scope index THEN the embedded store answers it from every parent', async () => {
    const store = new LocalDocumentStore();
    await store.set(docPath<DocumentData>('giveaways/g1/entries/p1'), { entrantId: 'u1' });
    await store.set(docPath<DocumentData>('giveaways/g2/entries/p2'), { entrantId: 'u1' });
    expect((await store.queryGroup(entries, { where: [['entrantId', '==', 'u1']] })).map((d) => d.path)).toEqual([
      'giveaways/g1/entries/p1',
      'giveaways/g2/entries/p2',
    ]);
  });

  it('GIVEN a field with no group-scope index, an array-contains on a value index, or an orderBy THEN it is refused as Firestore refuses it', async () => {
    const store = new LocalDocumentStore();
    await expect(store.queryGroup(entries, { where: [['label', '==', 'x']] })).rejects.toThrow(MissingIndexError);
    await expect(store.queryGroup(entries, { where: [['entrantId', 'array-contains', 'x']] })).rejects.toThrow(
      /collection-group index of entrantId \(CONTAINS\)/,
    );
    await expect(store.queryGroup(entries, { where: [['entrantId', '==', 'x']], orderBy: [['enteredAt', 'asc']] })).rejects.toThrow(
      /composite index of collection-group scope/,
    );
    expect(missingIndex('(default)', 'history', { where: [['bidderIds', 'array-contains', 'u1']] }, undefined, 'group')).toBeUndefined();
    expect(missingIndex('shop-secrets', 'history', { where: [['bidderIds', 'array-contains', 'u1']] }, undefined, 'group')).toMatch(/in database shop-secrets/);
  });
});
