/**
 * `node dist/scripts/backfill-ledger-folds.js` (C500_RUNTIME=gcp for production): once, after
 * the deploy that makes racer wallets and debts folds of the journal (issue 75).
 *
 * - A racer's wallet is now read by the journal entries that name them in `personId`; entries
 *   written before it carry the racer only in their posting. This names them: the index field
 *   alone is set, never a posting (an entry's money is never edited). Idempotent: an entry that
 *   names its racer already is left alone, so the script can run again or be interrupted.
 * - A debt is now the fold of the person's `owed-to-c500` postings. An account whose cached
 *   `owedCents` disagrees with that fold (a debt recorded before the journal existed) is
 *   printed, for a person to write its entry; nothing is written for it.
 */
import { join } from 'node:path';
import type { DocumentStore } from '../shared/ports';
import { loadConfig } from '../shared/config';
import { LocalDocumentStore } from '../shared/local/firestore/document-store';
import { debtJournalOf, journalCollection, journalPath, owedBy, type JournalEntry } from '../shared/journal';
import { setLogIdKey } from '../shared/log';
import { debtsCollection } from '../shared/debts';

/** Firestore's most writes in one batch. */
const batchSize = 500;

/** The racer an entry moves, when it moves exactly one racer's payable and does not name them yet. */
export function racerToName(entry: JournalEntry): string | undefined {
  if (entry.personId || (entry.kind !== 'racer-earning' && entry.kind !== 'racer-payout')) return undefined;
  const racers = new Set(entry.postings.filter((p) => p.account === 'racer-payable').map((p) => p.personId));
  const [only] = [...racers];
  return racers.size === 1 ? only : undefined;
}

export async function nameRacers(store: DocumentStore): Promise<number> {
  let named = 0;
  for (const kind of ['racer-earning', 'racer-payout'] as const) {
    const entries = (await store.query(journalCollection, { where: [['kind', '==', kind]] })).map((d) => d.data);
    const todo = entries.flatMap((e) => {
      const personId = racerToName(e);
      return personId ? [{ entryId: e.entryId, personId }] : [];
    });
    for (let i = 0; i < todo.length; i += batchSize) {
      const batch = store.batch();
      for (const { entryId, personId } of todo.slice(i, i + batchSize)) batch.update(journalPath(entryId), { personId });
      await batch.commit();
    }
    named += todo.length;
  }
  return named;
}

/** The debt accounts whose cached figure is not the journal's fold: what a person must look at. */
export async function debtsOffTheirFold(store: DocumentStore): Promise<Array<{ guildId: string; userId: string; cachedCents: number; foldedCents: number }>> {
  const debts = (await store.query(debtsCollection)).map((d) => d.data);
  const checked = await Promise.all(
    debts.map(async (d) => ({
      guildId: d.guildId,
      userId: d.userId,
      cachedCents: d.owedCents,
      foldedCents: owedBy(await debtJournalOf(store, d.guildId, d.userId, [d.journalKey]), d.currency, d.userId),
    })),
  );
  return checked.filter((c) => c.cachedCents !== c.foldedCents);
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
    // A debt's entries since issue 79 sit under the member's pseudonym: the deployment's key makes it.
    const { LOG_ID_KEY } = loadConfig(process.env).secrets;
    if (LOG_ID_KEY) setLogIdKey(LOG_ID_KEY);
    const store = storeOf(process.env);
    console.log(`named the racer on ${await nameRacers(store)} journal entries`);
    const off = await debtsOffTheirFold(store);
    for (const d of off) console.log(`debts/${d.guildId}:${d.userId}: cached ${d.cachedCents}, the journal's fold ${d.foldedCents}`);
    await store.close();
    if (off.length > 0) process.exit(1);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
