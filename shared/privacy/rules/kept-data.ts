/**
 * @module kept-data
 * The one table of what C500 keeps about people: every stored document type and each of its
 * fields that names or describes a person, with its purpose, who may see it, how long it is
 * kept and what ends it. `shared/privacy/test/kept-data-covers-documents.test.ts` reads every
 * typed document with the TypeScript compiler and fails on a field this table (or
 * `not-personal.ts`) does not classify; the privacy page, the export and the erasure are made
 * from it.
 */
import type { KeptDocument } from './kept-data-types';
import { accountDocuments } from './kept-data-accounts';
import { erasureDocuments } from './kept-data-erasures';
import { orderDocuments } from './kept-data-orders';
import { shippingDocuments } from './kept-data-shipping';
import { moneyDocuments } from './kept-data-money';
import { linkDocuments } from './kept-data-links';
import { groupBuyDocuments } from './kept-data-groupbuys';

export const keptDocuments: readonly KeptDocument[] = [
  ...orderDocuments,
  ...shippingDocuments,
  ...linkDocuments,
  ...accountDocuments,
  ...erasureDocuments,
  ...moneyDocuments,
  ...groupBuyDocuments,
];

/** The table's entry for a stored document's path (`orders/o1` is `orders/<order id>`). */
export function keptDocumentAt(path: string): KeptDocument | undefined {
  const steps = path.split('/');
  return keptDocuments.find((document) => {
    const pattern = document.path.split('/');
    return pattern.length === steps.length && pattern.every((step, i) => step.startsWith('<') || step === steps[i]);
  });
}
