/**
 * @module document-size
 * Firestore's storage-size rules (cloud.google.com/firestore/docs/storage-size), so the
 * local store refuses what Firestore refuses: a document over 1 MiB, a commit (a batch or a
 * transaction's writes) over the 10 MiB API request limit. Firestore no longer caps a commit
 * at 500 writes; it still caps the bytes, and 500 field transforms on one document.
 */
import { isDate } from './document-values';
import { isFieldTransform, type DocumentData } from '../../ports';

export const firestoreLimits = {
  documentBytes: 1_048_576,
  requestBytes: 10 * 1_048_576,
  transformsPerDocument: 500,
} as const;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** A document name: each segment's bytes plus one, plus 16. */
export function nameSize(path: string): number {
  return path.split('/').reduce((sum, segment) => sum + utf8(segment) + 1, 16);
}

export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number' || isDate(value) || isFieldTransform(value)) return 8;
  if (typeof value === 'string') return utf8(value) + 1;
  if (Array.isArray(value)) return value.reduce<number>((sum, v) => sum + valueSize(v), 0);
  if (typeof value === 'object') return fieldsSize(value as DocumentData);
  return 8;
}

function fieldsSize(data: DocumentData): number {
  let sum = 0;
  for (const [field, value] of Object.entries(data)) if (value !== undefined) sum += utf8(field) + 1 + valueSize(value);
  return sum;
}

/** A document's size: its name, its fields, and 32 bytes of its own. */
export function documentSize(path: string, data: DocumentData): number {
  return nameSize(path) + fieldsSize(data) + 32;
}

/** Field transforms (increments) a write makes on its document, however deep. */
export function transformCount(data: DocumentData): number {
  let count = 0;
  for (const value of Object.values(data)) {
    if (isFieldTransform(value)) count++;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isDate(value)) count += transformCount(value as DocumentData);
  }
  return count;
}
