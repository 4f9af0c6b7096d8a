/**
 * @module find-member-data
 * Every stored document the table says may hold a member's id, found by the equality queries
 * its `findBy` names (Firestore serves each from a single-field index).
 */
import { collectionPath, docPath, type DocumentStore } from '../../ports';
import { keptDocuments } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';
import type { Fields } from '../rules/field-paths';

export interface FoundDocument {
  readonly document: KeptDocument;
  readonly path: string;
  readonly id: string;
  readonly data: Fields;
}

// A collection or document reached by its name from the table: the table names no type the
// compiler could check, so these stay generic (and the field test reads the typed paths).
export const anyCollection = <T extends Fields>(name: string) => collectionPath<T>(name);
export const anyDocument = <T extends Fields>(path: string) => docPath<T>(path);

export async function findMemberData(store: DocumentStore, memberId: string): Promise<FoundDocument[]> {
  const found = new Map<string, FoundDocument>();
  for (const document of keptDocuments) {
    const collection = topCollection(document.path);
    if (!collection || !document.findBy) continue;
    for (const field of document.findBy) {
      if (field === '(id)') {
        const path = `${collection}/${memberId}`;
        const data = await store.get(anyDocument<Fields>(path));
        if (data) found.set(path, { document, path, id: memberId, data });
        continue;
      }
      // One equality (or array-contains) on one field: Firestore's automatic single-field index serves it, whatever the field.
      const rows = field.endsWith('[]')
        ? await store.query(anyCollection<Fields>(collection), { where: [[field.slice(0, -2), 'array-contains', memberId]] })
        : await store.query(anyCollection<Fields>(collection), { where: [[field, '==', memberId]] });
      for (const stored of rows) found.set(stored.path, { document, path: stored.path, id: stored.id, data: stored.data });
    }
  }
  return [...found.values()];
}

/** `orders/<order id>` -> `orders`; a subcollection's path (`auctions/<id>/history/<chunk>`) has none. */
function topCollection(path: string): string | undefined {
  const steps = path.split('/');
  return steps.length === 2 ? steps[0] : undefined;
}
