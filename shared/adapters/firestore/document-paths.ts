/**
 * @module document-paths
 * Firestore's path rules, shared by both stores so they refuse the same paths:
 * a document path has an even number of segments, a collection path an odd one.
 */
import { StoreError } from '../../ports';

function segments(path: string): string[] {
  const parts = path.split('/');
  if (parts.some((p) => p === '')) throw new StoreError('invalid-argument', `"${path}" has an empty segment`);
  return parts;
}

export function checkedDocumentPath(path: string): string {
  if (segments(path).length % 2 !== 0) throw new StoreError('invalid-argument', `"${path}" is not a document path (collection/id)`);
  return path;
}

export function checkedCollectionPath(path: string): string {
  if (segments(path).length % 2 !== 1) throw new StoreError('invalid-argument', `"${path}" is not a collection path`);
  return path;
}
