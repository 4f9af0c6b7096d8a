/**
 * @module privacy-page-tables
 * The privacy page's two tables: what the stored documents keep (one row for the facts that
 * read the same wherever they are kept, listing the records they are on) and what the other
 * stores hold. Both say the legal basis of each.
 */
import { keptDocuments } from './kept-data';
import { keptStores } from './kept-data-stores';
import type { ErasureEffect, KeptDocument, KeptStore, LegalBasis } from './kept-data-types';
import { escapeHtml } from '../../common';

export const onErasureWords: Record<ErasureEffect, string> = {
  erased: 'erased at once',
  'name-removed': 'your name is removed; the record stays under your id alone',
  'kept-while-open': 'kept under your id alone while it is open, then erased by the sweep',
  'kept-by-law': 'kept as a payment record for the period the law sets',
};

function basisName(basis: LegalBasis): string {
  switch (basis) {
    case 'contract':
      return 'Contract (GDPR Art. 6(1)(b)): needed to do what you asked of C500';
    case 'legal obligation':
      return 'Legal obligation (GDPR Art. 6(1)(c))';
    case 'consent':
      return 'Consent (GDPR Art. 6(1)(a)), which can be withdrawn at any time';
    default:
      return `Legitimate interests (GDPR Art. 6(1)(f)): ${basis.slice('legitimate interests: '.length)}`;
  }
}

/**
 * A basis as the page says it. What is kept by law after its use ends is kept on that ground,
 * whatever allowed its use: the page says both, so nobody reads "contract" as "until the
 * contract ends".
 */
export function basisWords(basis: LegalBasis, onErasure: ErasureEffect): string {
  return onErasure === 'kept-by-law' && basis !== 'legal obligation'
    ? `${basisName(basis)}; once that is done, a legal obligation (Art. 6(1)(c)): tax law keeps a payment's record`
    : basisName(basis);
}

/** One row of the documents' table: the cells as the page shows them, and the records the fact is on. */
export interface KeptRow {
  readonly what: string;
  readonly purpose: string;
  readonly basis: string;
  readonly seenBy: string;
  readonly keptFor: string;
  readonly onErasure: string;
  readonly places: readonly string[];
}

const seenByWords = (seenBy: readonly string[]) => (seenBy.length ? seenBy.join(', ') : "C500's operators only");

/**
 * The table's facts as rows, in the order the table lists them. Facts that read the same in
 * every cell (a name on an order and on a show's checkout, seen by the same people) are one row
 * naming both records: a reader should not have to tell two identical rows apart.
 */
export function keptRows(documents: readonly KeptDocument[] = keptDocuments): KeptRow[] {
  const rows = new Map<string, { cells: Omit<KeptRow, 'places'>; places: string[] }>();
  for (const document of documents) {
    for (const fact of document.facts) {
      const cells = {
        what: fact.what,
        purpose: fact.purpose,
        basis: basisWords(fact.basis ?? document.basis, fact.onErasure),
        seenBy: seenByWords(fact.seenBy),
        keptFor: fact.keptFor,
        onErasure: onErasureWords[fact.onErasure],
      };
      const key = JSON.stringify(cells);
      const row = rows.get(key) ?? { cells, places: [] };
      if (!row.places.includes(document.about)) row.places.push(document.about);
      rows.set(key, row);
    }
  }
  return [...rows.values()].map(({ cells, places }) => ({ ...cells, places }));
}

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;

function table(id: string, headings: readonly string[], rows: readonly string[]): string {
  return `        <div class="table-scroll">
        <table id="${id}">
          <thead><tr>${headings.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
          <tbody>
${rows.join('\n')}
          </tbody>
        </table>
        </div>`;
}

/** The documents' table; each row's "On:" names the records it is on. */
export function keptTableHtml(rows: readonly KeptRow[] = keptRows()): string {
  const html = rows.map(
    (row) =>
      `            <tr><td>${escapeHtml(row.what)}<span class="where">On: ${escapeHtml(row.places.join('; '))}</span></td>${[
        row.purpose,
        row.basis,
        row.seenBy,
        row.keptFor,
        row.onErasure,
      ]
        .map(cell)
        .join('')}</tr>`,
  );
  return table('kept', ['What', 'Why', 'Legal basis', 'Who sees it', 'How long', 'If you erase your data'], html);
}

/** The other stores' table: where, what, why, on what basis, who holds it, how long, and what erasure does there. */
export function storesTableHtml(stores: readonly KeptStore[] = keptStores): string {
  const html = stores.map(
    (store) =>
      `            <tr><td>${escapeHtml(store.store)}<span class="where">${escapeHtml(store.pattern)}</span></td>${[
        store.what,
        store.purpose,
        basisWords(store.basis, store.onErasure),
        seenByWords(store.seenBy),
        store.keptFor,
        store.onErasureSays,
      ]
        .map(cell)
        .join('')}</tr>`,
  );
  return table('stores', ['Where', 'What', 'Why', 'Legal basis', 'Who sees or holds it', 'How long', 'If you erase your data'], html);
}
