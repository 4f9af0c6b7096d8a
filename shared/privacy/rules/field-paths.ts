/**
 * @module field-paths
 * Reaching a table's field path (`a.b`, `a[].b`, `a.*`) in a plain document: every map that
 * holds the field, and the field's name there.
 */
export type Fields = Record<string, unknown>;

export interface FieldSpot {
  readonly holder: Fields;
  readonly key: string;
}

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each place the path's last field sits; `x[]` as the last step names the list itself. */
export function spotsOf(document: Fields, path: string): FieldSpot[] {
  const steps = path.split('.');
  let holders: Fields[] = [document];
  for (const step of steps.slice(0, -1)) holders = holders.flatMap((holder) => inside(holder, step));
  const last = steps[steps.length - 1] ?? '';
  const key = last.endsWith('[]') ? last.slice(0, -2) : last;
  if (key === '*') return holders.flatMap((holder) => Object.keys(holder).map((name) => ({ holder, key: name })));
  return holders.filter((holder) => key in holder).map((holder) => ({ holder, key }));
}

function inside(holder: Fields, step: string): Fields[] {
  if (step === '*') return Object.values(holder).filter(isFields);
  if (step.endsWith('[]')) {
    const list = holder[step.slice(0, -2)];
    return Array.isArray(list) ? list.filter(isFields) : [];
  }
  const value = holder[step];
  return isFields(value) ? [value] : [];
}

/** The value at a top-level or map path (`winner.bidderId`), as an equality query reads it. */
export function valueAt(document: Fields, path: string): unknown {
  return path.split('.').reduce<unknown>((value, step) => (isFields(value) ? value[step] : undefined), document);
}
