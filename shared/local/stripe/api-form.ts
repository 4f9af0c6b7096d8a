/**
 * @module stripe/api-form
 * Stripe's request bodies as the local Stripe reads them: form-encoded, nested with
 * brackets (`metadata[order_id]=o1`, `line_items[0][price_data][unit_amount]=2500`,
 * `expand[0]=charge`), as stripe-node writes them. Read back into objects and arrays, and
 * the few readers the served API needs to say which parameter is missing or not a number.
 *
 * @example
 * readStripeForm('metadata[a]=1&expand[0]=charge'); // { metadata: { a: '1' }, expand: ['charge'] }
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type StripeForm = { [key: string]: FormValue };

/** A parameter Stripe would refuse (missing, or not of its kind): answered 400 `parameter_missing` / `parameter_invalid_*`. */
export class StripeParameterError extends Error {
  constructor(
    readonly param: string,
    readonly code: 'parameter_missing' | 'parameter_invalid_integer' | 'parameter_invalid_string',
    message: string,
  ) {
    super(message);
    this.name = 'StripeParameterError';
  }
}

export function readStripeForm(body: string): StripeForm {
  const form: StripeForm = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const [head, ...rest] = keyPath(key);
    if (head === undefined) continue;
    place(form, head, rest, value);
  }
  return form;
}

/** `a[b][0]` as `['a', 'b', '0']`. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const inner = key.slice(open).match(/\[([^\]]*)\]/g) ?? [];
  return [key.slice(0, open), ...inner.map((part) => part.slice(1, -1))];
}

function place(into: { [key: string]: FormValue } | FormValue[], head: string, rest: string[], value: string): void {
  const slot = (into as Record<string, FormValue>)[head];
  const [next, ...after] = rest;
  if (next === undefined) {
    (into as Record<string, FormValue>)[head] = value;
    return;
  }
  // An index makes an array (`expand[0]`), a name an object (`metadata[order_id]`).
  const child = typeof slot === 'object' ? slot : /^\d+$/.test(next) ? [] : {};
  (into as Record<string, FormValue>)[head] = child;
  place(child, next, after, value);
}

/** The value at a path, if it is there. */
export function formAt(form: StripeForm, path: string): FormValue | undefined {
  let at: FormValue | undefined = form;
  for (const part of path.split('.')) {
    if (at === undefined || typeof at === 'string') return undefined;
    at = (at as Record<string, FormValue>)[part];
  }
  return at;
}

export function formString(form: StripeForm, path: string): string | undefined {
  const value = formAt(form, path);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new StripeParameterError(bracketed(path), 'parameter_invalid_string', `Invalid string: ${bracketed(path)}`);
  return value;
}

export function requiredString(form: StripeForm, path: string): string {
  const value = formString(form, path);
  if (value === undefined || value === '') throw missing(path);
  return value;
}

export function requiredInteger(form: StripeForm, path: string): number {
  const text = formString(form, path);
  if (text === undefined) throw missing(path);
  if (!/^-?\d+$/.test(text)) throw new StripeParameterError(bracketed(path), 'parameter_invalid_integer', `Invalid integer: ${text}`);
  return Number(text);
}

/** A map of strings (`metadata`), empty when not sent. */
export function formStrings(form: StripeForm, path: string): Record<string, string> {
  const value = formAt(form, path);
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new StripeParameterError(bracketed(path), 'parameter_invalid_string', `Invalid hash: ${bracketed(path)}`);
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A list (`line_items`, `expand`), empty when not sent. */
export function formList(form: StripeForm, path: string): FormValue[] {
  const value = formAt(form, path);
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  // qs-style writers may send an object keyed by index.
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

function missing(path: string): StripeParameterError {
  return new StripeParameterError(bracketed(path), 'parameter_missing', `Missing required param: ${bracketed(path)}.`);
}

/** `a.b.0` as Stripe names it: `a[b][0]`. */
export function bracketed(path: string): string {
  const [head, ...rest] = path.split('.');
  return `${head}${rest.map((part) => `[${part}]`).join('')}`;
}
