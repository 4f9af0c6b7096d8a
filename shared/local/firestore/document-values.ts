/**
 * @module document-values
 * Firestore's value rules, applied to plain objects by the local store: field paths,
 * deep merge, transforms, and the ordering queries use.
 */
import { isFieldTransform, type DocumentData } from '../../ports';

export function isMap(value: unknown): value is DocumentData {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isFieldTransform(value) && !isDate(value);
}

/** Reads `a.b.c` from nested maps; undefined when any step is missing. */
export function readField(data: DocumentData, fieldPath: string): unknown {
  let current: unknown = data;
  for (const key of fieldPath.split('.')) {
    if (!isMap(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Writes `a.b.c`, creating maps on the way, resolving an increment against what is there. */
export function writeField(data: DocumentData, fieldPath: string, value: unknown): void {
  const keys = fieldPath.split('.');
  let target = data;
  for (const key of keys.slice(0, -1)) {
    if (!isMap(target[key])) target[key] = {};
    target = target[key] as DocumentData;
  }
  const last = keys[keys.length - 1] as string;
  target[last] = resolve(target[last], value);
}

/** Merges `patch` into `base` the way `set(..., { merge: true })` does: maps deep, the rest replaced. */
export function mergeInto(base: DocumentData, patch: DocumentData): DocumentData {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (isMap(value) && isMap(base[key])) mergeInto(base[key] as DocumentData, value);
    else base[key] = resolve(base[key], value);
  }
  return base;
}

/** A fresh document from `data`, with transforms applied to nothing (increment from 0). */
export function materialize(data: DocumentData): DocumentData {
  return mergeInto({}, data);
}

function resolve(current: unknown, value: unknown): unknown {
  if (isFieldTransform(value)) return (typeof current === 'number' ? current : 0) + value.by;
  // What a Firestore timestamp reads back as through the Firestore adapter.
  if (isDate(value)) return value.toISOString();
  if (isMap(value)) return materialize(value);
  if (Array.isArray(value)) return structuredClone(value);
  return value;
}

/** Drops `undefined` fields, as the Firestore adapter does with ignoreUndefinedProperties. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (isMap(value)) {
    const out: DocumentData = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
}

const typeRank = (v: unknown): number =>
  v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3 : Array.isArray(v) ? 5 : 6;

/** Firestore's cross-type order: null < booleans < numbers < strings < arrays < maps. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

export function sameType(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}

/**
 * A Date from any realm: one that crossed from another process or context (a structured
 * clone) is a Date without being an instance of this realm's.
 */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
