/**
 * @module commit-limits
 * The limits Firestore puts on one commit, as the embedded document store
 * (document-store) enforces them so that a write Firestore would refuse fails
 * locally too: the whole request within 10 MiB and at most 500 field transforms on one
 * document, checked before anything of the commit lands; then each document it leaves
 * behind within 1 MiB. The sizes themselves are Firestore's rules (document-size).
 */
import { StoreError, type DocumentData } from '../../ports';
import { documentSize, firestoreLimits, nameSize, transformCount } from './document-size';

/** One write of a commit, as the store applies it (and as a transaction run in another process sends it). */
export type Write =
  | { op: 'set'; path: string; data: DocumentData; merge: boolean }
  | { op: 'create'; path: string; data: DocumentData }
  | { op: 'update'; path: string; fields: DocumentData }
  | { op: 'delete'; path: string };

/** The limits on the request: refused before any write of it is looked at. */
export function assertWithinLimits(writes: readonly Write[]): void {
  let bytes = 0;
  const transforms = new Map<string, number>();
  for (const write of writes) {
    const fields = write.op === 'delete' ? undefined : write.op === 'update' ? write.fields : write.data;
    bytes += fields ? documentSize(write.path, fields) : nameSize(write.path);
    if (fields) transforms.set(write.path, (transforms.get(write.path) ?? 0) + transformCount(fields));
  }
  if (bytes > firestoreLimits.requestBytes)
    throw new StoreError('invalid-argument', `a commit of ${writes.length} writes and about ${bytes} bytes passes Firestore's 10 MiB request limit`);
  for (const [path, count] of transforms) {
    if (count > firestoreLimits.transformsPerDocument)
      throw new StoreError('invalid-argument', `${count} field transforms on ${path} in one commit; Firestore allows 500`);
  }
}

/** The limit on each document as the commit would leave it (undefined: deleted), known only once its writes are applied. */
export function assertDocumentsWithinLimit(staged: ReadonlyMap<string, DocumentData | undefined>): void {
  for (const [path, data] of staged) {
    if (data !== undefined && documentSize(path, data) > firestoreLimits.documentBytes)
      throw new StoreError('invalid-argument', `document ${path} would pass Firestore's 1 MiB document limit`);
  }
}
