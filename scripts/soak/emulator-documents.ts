/**
 * Every document of a project's default database on Firestore's emulator, read with the SDK
 * (collections, their documents, each document's sub-collections, all the way down), as the
 * soak reads the embedded store's snapshot: path → data, timestamps as ISO strings.
 */
import type { CollectionReference, DocumentReference } from '@google-cloud/firestore';
import type { DocumentData } from '../../shared/ports';
import { decodeValue, openFirestore } from '../../shared/adapters/firestore/firestore-document-store';

/** At most this many reads in flight: the emulator shares two cores with the rest. */
const inFlight = 16;

export async function readEmulatorDocuments(emulatorHost: string, projectId: string): Promise<Map<string, DocumentData>> {
  const db = openFirestore(projectId, { emulatorHost });
  const docs = new Map<string, DocumentData>();
  try {
    let collections: CollectionReference[] = await db.listCollections();
    while (collections.length > 0) {
      // listDocuments also finds documents that hold sub-collections but no fields of their own.
      const refs = (await inBatches(collections, (c) => c.listDocuments())).flat();
      for (let i = 0; i < refs.length; i += 300) {
        for (const snapshot of await db.getAll(...refs.slice(i, i + 300))) {
          const data = snapshot.data();
          if (data !== undefined) docs.set(snapshot.ref.path, decodeValue(data) as DocumentData);
        }
      }
      collections = (await inBatches(refs, (ref: DocumentReference) => ref.listCollections())).flat();
    }
    return docs;
  } finally {
    await db.terminate();
  }
}

async function inBatches<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += inFlight) out.push(...(await Promise.all(items.slice(i, i + inFlight).map(read))));
  return out;
}
