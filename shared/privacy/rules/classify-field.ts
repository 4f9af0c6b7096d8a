/**
 * @module classify-field
 * Whether the table says what a stored text field is: a fact about a person (a row of
 * `kept-data.ts` for its document) or not personal (`not-personal.ts`).
 */
import { keptDocuments } from './kept-data';
import { notPersonal, timeNames } from './not-personal';
import type { KeptDocument } from './kept-data-types';

export type FieldClass = { kind: 'personal'; document: KeptDocument } | { kind: 'not-personal'; why: string } | { kind: 'unclassified' };

export function classifyField(documentType: string, field: string): FieldClass {
  const document = keptDocuments.find((candidate) => candidate.type === documentType);
  if (document?.facts.some((fact) => fact.fields.includes(field))) return { kind: 'personal', document };
  const why = notPersonal[`${documentType}.${field}`] ?? notPersonal[leafName(field)];
  if (why !== undefined) return { kind: 'not-personal', why };
  if (isTime(leafName(field))) return { kind: 'not-personal', why: 'a time' };
  return { kind: 'unclassified' };
}

/** `payouts.host.transferId` -> `transferId`, `strikeOrders[]` -> `strikeOrders`; a map's keys (`shares.*`) have no name of their own. */
function leafName(field: string): string {
  const last = field.replace(/\[\]/g, '').split('.').pop() ?? field;
  return last === '*' ? field : last;
}

function isTime(name: string): boolean {
  return /[a-z]At$/.test(name) || name === 'at' || timeNames.has(name);
}
