/**
 * The table's rows for stores beside Firestore, held to the code both ways where the store has
 * names a test can read: every metadata key C500 writes at Stripe is either a person's (the
 * Stripe row lists it) or declared not personal, and every key the row lists is written. (Redis
 * key patterns are held to a live runtime's Redis in test/e2e/privacy-everywhere.test.ts; log
 * fields to the logged code in test/unit/log-people.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { keptStores } from '../rules/kept-data-stores';
import { notPersonalMetadata } from '../rules/not-personal';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'local' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The object literal that starts at `open` (a `{`), whole. */
function literalAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return '';
}

/** The keys of one level of an object literal: `a: …` at its own depth, not inside a nested value. */
function topKeys(source: string): string[] {
  // A comment's words are not keys (`has these: …`).
  const literal = source.replace(/\/\/[^\n]*/g, '');
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i];
    if (c === '{' || c === '(' || c === '[') depth += 1;
    else if (c === '}' || c === ')' || c === ']') depth -= 1;
    else if (depth === 1) {
      const match = /^([a-z][a-z0-9_]*)\s*:/.exec(literal.slice(i));
      if (match && /[\s{,]/.test(literal[i - 1] ?? '')) {
        keys.push(match[1] as string);
        i += match[0].length - 1;
      }
    }
  }
  return keys;
}

/** Every key of every metadata object C500's code writes: `metadata: { … }`, and the objects the `…Metadata()` builders return. */
function metadataKeysWritten(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(root, 'shared'))) {
    const text = readFileSync(file, 'utf8');
    const literals = [...text.matchAll(/\bmetadata:\s*\{/g)].map((m) => literalAt(text, (m.index ?? 0) + m[0].length - 1));
    for (const m of text.matchAll(/function \w*[mM]etadata\w*\([^)]*\)[^{]*\{/g)) {
      const body = literalAt(text, (m.index ?? 0) + m[0].length - 1);
      literals.push(...[...body.matchAll(/(?:return|=)\s*\{/g)].map((r) => literalAt(body, (r.index ?? 0) + r[0].length - 1)));
      // Both branches of a choice: `? { … } : { … }`.
      literals.push(...[...body.matchAll(/[?:]\s*\{/g)].map((r) => literalAt(body, (r.index ?? 0) + r[0].length - 1)));
    }
    for (const literal of literals) for (const key of topKeys(literal)) if (!found.has(key)) found.set(key, relative(root, file));
  }
  return found;
}

const stripeRow = keptStores.find((row) => row.store === 'Stripe metadata');

describe('the Stripe metadata row of the table of kept data', () => {
  const written = metadataKeysWritten();

  it('finds the metadata keys the code writes (so the checks below can fail)', () => {
    expect([...written.keys()]).toEqual(expect.arrayContaining(['order_id', 'buyer_pseudonym', 'given_by_pseudonym', 'given_by', 'racer_pseudonym']));
  });

  it('lists every metadata key that carries a person, or declares it not personal', () => {
    const unclassified = [...written]
      .filter(([key]) => !(stripeRow?.keys ?? []).includes(key) && !(key in notPersonalMetadata))
      .map(([key, file]) => `${key} (${file})`);
    expect(unclassified).toEqual([]);
  });

  it('lists no key the code does not write, and declares none both ways', () => {
    expect((stripeRow?.keys ?? []).filter((key) => !written.has(key))).toEqual([]);
    expect((stripeRow?.keys ?? []).filter((key) => key in notPersonalMetadata)).toEqual([]);
  });
});
