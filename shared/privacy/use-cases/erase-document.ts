/**
 * @module erase-document
 * One stored document erased for one or more of its people, in a transaction that reads it
 * again, so a redelivered press, a second sweep or a concurrent write loses nothing.
 */
import type { DocumentStore } from '../../ports';
import { erasureOf, keptWhileOpen, wholeOf } from '../rules/member-data';
import { heldOpenByOthers, type KeptDocument } from '../rules/kept-data-types';
import type { Fields } from '../rules/field-paths';
import { anyCollection, anyDocument, collectionOf } from './find-member-data';
import { withJournalAccount } from './racer-accounts';

export interface DocumentErasure {
  /** Whether the document changed. */
  changed: boolean;
  /** Whether facts an open obligation holds are still on it (the sweep comes back for them). */
  stillOpen: boolean;
}

/**
 * `heldOpen`: for a record kept for the member's other records (`heldForOthers`: a builder's
 * accounts), whether the erasure's search found one of those open; the sweep, which does not
 * search, leaves it as it is.
 */
export async function eraseDocument(
  store: DocumentStore,
  document: KeptDocument,
  path: string,
  members: readonly string[],
  heldOpen = true,
): Promise<DocumentErasure> {
  const id = path.split('/').pop() ?? '';
  return store.runTransaction(async (tx) => {
    let data = await tx.get(anyDocument<Fields>(path));
    if (!data) return { changed: false, stillOpen: false };
    // A split record's obligation is its whole's: a wallet's shard may hold +5 € and another -5 €.
    const read = document.splitOverCollection ? wholeOf((await tx.query(anyCollection<Fields>(collectionOf(path)))).map((part) => part.data)) : data;
    // A wallet's balance is the journal's fold of the racer's account: read it here, in the transaction.
    const whole = document.heldForOthers ? { ...read, [heldOpenByOthers]: heldOpen } : await withJournalAccount(tx, document, read);
    let changed = false;
    for (const member of members) {
      const erasure = erasureOf(document, data, member, id, whole);
      if (erasure.kind === 'delete') {
        tx.delete(anyDocument<Fields>(path));
        return { changed: true, stillOpen: false };
      }
      if (erasure.kind === 'update') {
        data = erasure.data;
        changed = true;
      }
    }
    if (changed) tx.set(anyDocument<Fields>(path), data);
    // A record kept for others is not listed for the sweep: only a search can tell when they end.
    return { changed, stillOpen: !document.heldForOthers && keptWhileOpen(document, document.splitOverCollection || document.accountInJournal ? whole : data) };
  });
}
