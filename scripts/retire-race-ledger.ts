/**
 * `node dist/scripts/retire-race-ledger.js` (C500_RUNTIME=gcp for production): once, after the
 * deploy that makes the journal the only ledger of race money (issue 75: `raceLedger` is no
 * longer written nor read, and no longer in the privacy inventory, so no sweep, export or
 * erasure reaches what is left of it).
 *
 * Each `raceLedger/<id>` document has its twin in the journal, `race-ledger:<id>`, written in
 * the same transaction since issue 60. The twin is given the race and sale the ledger entry
 * named (`lobbyId`, `saleKey`: index fields, as the ledger folds' backfill set `personId`,
 * never a posting: an entry's money is never edited), so what each race earned reads the
 * same as before; then the ledger document is deleted. A ledger document whose twin is missing
 * or moves another racer or amount is printed and left, for a person to look at. Idempotent:
 * a second run finds nothing left.
 */
import { join } from 'node:path';
import { collectionPath, docPath, type DocumentStore } from '../shared/ports';
import { loadConfig } from '../shared/config';
import { LocalDocumentStore } from '../shared/local/firestore/document-store';
import { journalPath, type JournalEntry } from '../shared/journal';
import { racerLineOf, type RacerLine } from '../shared/races';

/** Firestore's most writes in one batch, halved: each ledger document takes two. */
const batchSize = 250;

/** The retired collection, as its documents were written. */
const retiredLedger = collectionPath<RacerLine>('raceLedger');

export interface Retired {
  /** Journal entries given the race and sale their ledger entry named. */
  named: number;
  /** Ledger documents deleted. */
  deleted: number;
  /** Ledger documents left, each with why. */
  left: string[];
}

/** Why a ledger entry's journal twin does not stand for it, or undefined when it does. */
export function twinProblem(old: RacerLine, twin: JournalEntry | undefined): string | undefined {
  if (!twin) return `raceLedger/${old.entryId}: no journal entry race-ledger:${old.entryId}`;
  const line = racerLineOf(twin);
  if (!line || line.racerId !== old.racerId || line.amountCents !== old.amountCents || line.currency !== old.currency.toLowerCase())
    return `raceLedger/${old.entryId}: its journal entry moves ${line ? `${line.amountCents} ${line.currency} for another racer or amount` : 'no racer'}`;
  return undefined;
}

export async function retireRaceLedger(store: DocumentStore): Promise<Retired> {
  const retired: Retired = { named: 0, deleted: 0, left: [] };
  const ledger = (await store.query(retiredLedger)).map((d) => ({ id: d.id, data: d.data }));
  for (let i = 0; i < ledger.length; i += batchSize) {
    const chunk = ledger.slice(i, i + batchSize);
    const twins = await Promise.all(chunk.map(({ id }) => store.get(journalPath(`race-ledger:${id}`))));
    const batch = store.batch();
    chunk.forEach(({ id, data }, at) => {
      const twin = twins[at];
      const problem = twinProblem({ ...data, entryId: id }, twin);
      if (problem || !twin) return void retired.left.push(problem ?? id);
      const index = {
        ...(data.lobbyId && !twin.lobbyId && twin.kind === 'racer-earning' ? { lobbyId: data.lobbyId } : {}),
        ...(data.saleKey && !twin.saleKey && twin.kind === 'racer-earning' ? { saleKey: data.saleKey } : {}),
      };
      if (Object.keys(index).length > 0) {
        batch.update(journalPath(twin.entryId), index);
        retired.named += 1;
      }
      batch.delete(docPath<RacerLine>(`${retiredLedger}/${id}`));
      retired.deleted += 1;
    });
    await batch.commit();
  }
  return retired;
}

/** Production's Firestore with C500_RUNTIME=gcp; otherwise the local runtime's store in its data directory (stop `npm start` first). */
function storeOf(env: NodeJS.ProcessEnv): DocumentStore {
  const config = loadConfig(env);
  if (env.C500_RUNTIME === 'gcp') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design: a local run needs none of Google's SDKs
    const { gcpPlatform } = require('../shared/adapters/gcp-platform') as typeof import('../shared/adapters/gcp-platform');
    return gcpPlatform(config, { lightPublisher: true }).store();
  }
  return new LocalDocumentStore({ snapshotFile: join(config.dataDir, 'store.json') });
}

if (require.main === module) {
  (async () => {
    const store = storeOf(process.env);
    const retired = await retireRaceLedger(store);
    console.log(`gave ${retired.named} journal entries their race; deleted ${retired.deleted} race ledger documents`);
    for (const why of retired.left) console.log(why);
    await store.close();
    if (retired.left.length > 0) process.exit(1);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
