/**
 * @module sweep-open-obligations
 * The retention sweep's part for erasures: what an erasure kept because an obligation was
 * open (`privacyErasures/<pseudonym>.open`: an order not yet delivered, a dispute not yet decided) is
 * erased once it ends, without a second request. Each record is read again; a path leaves the
 * list only once its document holds nothing an open obligation keeps, so a sweep run twice
 * changes nothing the second time, and one failing leaves the others done.
 */
import type { Clock, DocumentStore } from '../../ports';
import { log } from '../../log';
import { keptDocumentAt } from '../rules/kept-data';
import { privacyErasurePath, privacyErasuresCollection } from '../rules/privacy-erasure';
import { eraseDocument } from './erase-document';
import { erasedOn } from './erasure-record';
import { anyDocument } from './find-member-data';
import type { Fields } from '../rules/field-paths';

export interface OpenObligationsReport {
  /** Records whose kept facts this run erased. */
  erased: string[];
  failed: string[];
}

export async function sweepOpenObligations(deps: { store: DocumentStore; clock: Clock }): Promise<OpenObligationsReport> {
  const report: OpenObligationsReport = { erased: [], failed: [] };
  for (const { id: pseudonym, data } of await deps.store.query(privacyErasuresCollection)) {
    for (const path of data.open ?? []) {
      try {
        if (await settle(deps.store, pseudonym, path)) report.erased.push(path);
      } catch (error) {
        log.error('retention sweep could not end what an erasure kept; the next sweep tries again', { path, error });
        report.failed.push(path);
      }
    }
  }
  if (report.erased.length > 0) log.info('kept records erased after their obligation ended', { records: report.erased.length });
  return report;
}

/**
 * Erases what is left on one kept record once its obligation has ended; true when it did. The
 * record is keyed by the member's pseudonym: the member is the id on the kept record that has it.
 */
async function settle(store: DocumentStore, pseudonym: string, path: string): Promise<boolean> {
  const document = keptDocumentAt(path);
  const data = document ? await store.get(anyDocument<Fields>(path)) : undefined;
  const members = document && data ? erasedOn(document, data, path.split('/').pop() ?? '', pseudonym) : [];
  // Nobody on it has the record's pseudonym (LOG_ID_KEY turned over): kept on the list, never let go unerased.
  if (data && members.length === 0) {
    log.warn('a kept record names nobody with its erasure’s pseudonym; it stays listed', { path });
    return false;
  }
  const done = document && data ? await eraseDocument(store, document, path, members) : { changed: false, stillOpen: false };
  if (done.stillOpen) return false;
  await store.runTransaction(async (tx) => {
    const record = await tx.get(privacyErasurePath(pseudonym));
    if (!record) return;
    const open = (record.open ?? []).filter((one) => one !== path);
    tx.set(privacyErasurePath(pseudonym), { erasedAt: record.erasedAt, kept: record.kept, ...(open.length > 0 ? { open } : {}) });
  });
  return done.changed;
}
