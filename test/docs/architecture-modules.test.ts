import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeFiles, sourceImports } from '../support/module-graph';

// docs/architecture.md's tables of modules ("The modules and what each owns") must name
// every module: every folder under shared/ with an index.ts, its one public face. `config` and
// `log` group what every module reads (configuration; log lines and their people's hashes), as
// the loose files at shared/'s top do: the layout section names them, not these tables.
const root = join(__dirname, '..', '..');
const groupsOfLooseFiles = new Set(['config', 'log']);
const modules = readdirSync(join(root, 'shared'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !groupsOfLooseFiles.has(entry.name) && existsSync(join(root, 'shared', entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
const section = doc.slice(doc.indexOf('### The modules and what each owns'), doc.indexOf('### Adding a command to a module'));

/** The backticked names in the first cell of each row of the table whose header starts with `header`. */
function namedIn(header: string): string[] {
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) return [];
  const rows = lines.slice(start + 2);
  const end = rows.findIndex((line) => !line.startsWith('|'));
  return (end < 0 ? rows : rows.slice(0, end)).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] ?? ''));
}

/** What the table of imports says a module imports: the module names in its row's second cell. */
function importsSaid(module: string): string[] {
  const lines = section.split('\n');
  const row = lines.find((line) => line.startsWith('|') && [...(line.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].some((m) => m[1] === module));
  const said = (row?.split('|')[2] ?? '').split(/[\s,()]+/);
  return modules.filter((m) => said.includes(m)).sort();
}

describe('docs/architecture.md’s tables of modules', () => {
  it('finds the modules and both tables', () => {
    expect(modules).toEqual(expect.arrayContaining(['auctions', 'payments', 'queue']));
    expect(namedIn('| module | imports |').length).toBeGreaterThan(0);
    expect(namedIn('| module | owns |').length).toBeGreaterThan(0);
  });

  it.each(modules)('names the module %s in the table of what each owns', (module) => {
    expect(namedIn('| module | owns |')).toContain(module);
  });

  it.each(modules)('names the module %s in the table of what each imports', (module) => {
    expect(namedIn('| module | imports |')).toContain(module);
  });

  // Every module may use the ports; the table leaves them out.
  it.each(modules.filter((m) => m !== 'ports'))('says what the module %s imports, as its files do (type imports and lazy requires included)', (module) => {
    const imported = new Set<string>();
    for (const file of codeFiles([`shared/${module}`]).filter((f) => !f.includes('/test/')))
      for (const { target } of sourceImports(file)) {
        const into = target?.split('/')[1];
        if (target?.startsWith('shared/') && into && into !== module && into !== 'ports' && modules.includes(into)) imported.add(into);
      }
    expect(importsSaid(module)).toEqual([...imported].sort());
  });

  it('names no module that is not a folder of shared/ with an index.ts, but the router', () => {
    const named = [...new Set([...namedIn('| module | owns |'), ...namedIn('| module | imports |')])];
    expect(named.filter((name) => name !== 'router' && !modules.includes(name))).toEqual([]);
  });
});
