import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretNames, wholeNumberSettings } from '../../shared/config';
import { environmentVariables } from '../../shared/config/variables';

// docs/reference/configuration.md is made from environmentVariables: it must name every
// variable loadConfig reads, and nothing config does not read unless another file does.
const root = join(__dirname, '..', '..');
const configSource = readFileSync(join(root, 'shared/config/index.ts'), 'utf8');

/** The names shared/config/index.ts reads: `env.X`, `readUrl(env, 'X')` / `readInteger(env, 'X')`, and the two lists it loops over. */
function namesConfigReads(source: string): string[] {
  const direct = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? '');
  const byName = [...source.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'\)/g)].map((m) => m[1] ?? '');
  return [...new Set([...direct, ...byName, ...secretNames, ...Object.keys(wholeNumberSettings)])].sort();
}

describe('the table of environment variables', () => {
  it('lists exactly the variables shared/config/index.ts reads, apart from those another file reads', () => {
    const listed = environmentVariables
      .filter((v) => v.readElsewhere === undefined)
      .flatMap((v) => v.names)
      .sort();
    expect(listed).toEqual(namesConfigReads(configSource));
  });

  it('finds a name config.ts reads directly, so the comparison can fail', () => {
    expect(namesConfigReads("const a = env.C500_SOMETHING_NEW ?? readUrl(env, 'C500_OTHER_URL');")).toEqual(
      expect.arrayContaining(['C500_SOMETHING_NEW', 'C500_OTHER_URL']),
    );
  });

  it('names, for every other variable, a file that reads it', () => {
    const unread = environmentVariables
      .filter((v) => v.readElsewhere !== undefined)
      .flatMap((v) => v.names.filter((n) => !readFileSync(join(root, v.readElsewhere as string), 'utf8').includes(n)).map((n) => `${n} in ${v.readElsewhere}`));
    expect(unread).toEqual([]);
  });

  it('lists each variable once', () => {
    const names = environmentVariables.flatMap((v) => v.names);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
