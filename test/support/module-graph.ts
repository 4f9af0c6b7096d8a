/**
 * Reads the source's import graph without building: which files and packages an entry
 * reaches at run time (`import type` is erased, so it does not count).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');

/** Static imports and requires of a file (path from the project root); `import()` only when asked. */
export function runtimeImports(file: string, options: { dynamic?: boolean } = {}): string[] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  const pattern =
    options.dynamic === false
      ? /^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/gm
      : /^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/gm;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every file of ours and every package the entry reaches by static imports. */
export function moduleGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file, { dynamic: false })) {
      if (!spec.startsWith('.')) packages.add(spec);
      else visit(resolveSource(file, spec));
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

function resolveSource(from: string, spec: string): string {
  const base = relative(projectRoot, join(projectRoot, dirname(from), spec));
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(join(projectRoot, f))) ?? `${base}.ts`;
}
