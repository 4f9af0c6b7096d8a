/**
 * Reads the source's import graph without building, with TypeScript's parser: which files
 * and packages a file imports, and how. An import a file makes when it is loaded is
 * `static`; `import type` (erased) is `type`; a `require()` or `import()` inside a function
 * runs only when the function does, so it is `lazy` (a module's face loads its use cases so).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

export const projectRoot = join(__dirname, '..', '..');

/** The capability modules under shared/, each with its `index.ts` face. */
export const capabilityModules = [
  'common',
  'discord',
  'guild',
  'onboarding',
  'payments',
  'marketplace',
  'live',
  'auctions',
  'shows',
  'races',
  'chatbids',
  'dashboard',
  'disputes',
  'shipping',
  'queue',
  'debts',
  'giveaways',
  'privacy',
  'journal',
  'orders',
  'probe',
  'groupbuys',
] as const;

export type ImportKind = 'static' | 'type' | 'lazy';

export interface SourceImport {
  spec: string;
  kind: ImportKind;
  /** The file of ours it resolves to (from the project root), when it is ours. */
  target?: string;
}

/** Every `.ts` file under the folders (paths from the project root). */
export function codeFiles(dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(projectRoot, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (name === 'node_modules') return [];
      return statSync(join(projectRoot, path)).isDirectory() ? walk(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
    });
  return dirs.filter((d) => existsSync(join(projectRoot, d))).flatMap(walk);
}

/** The capability module a file belongs to, if any. */
export function moduleOf(file: string): string | undefined {
  const [top, name] = file.split('/');
  return top === 'shared' && (capabilityModules as readonly string[]).includes(name ?? '') ? name : undefined;
}

const cache = new Map<string, SourceImport[]>();

/** What a file imports, each with its kind and (for ours) the file it resolves to. */
export function sourceImports(file: string): SourceImport[] {
  const known = cache.get(file);
  if (known) return known;
  const text = readFileSync(join(projectRoot, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceImport[] = [];
  const add = (spec: string, kind: ImportKind) => found.push({ spec, kind, ...(spec.startsWith('.') ? { target: resolveImport(file, spec) } : {}) });
  const visit = (node: ts.Node, insideFunction: boolean) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnly(node) ? 'type' : 'static');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, 'type');
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0] as ts.Expression)) {
      const spec = (node.arguments[0] as ts.StringLiteral).text;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(spec, 'lazy');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(spec, insideFunction ? 'lazy' : 'static');
    }
    ts.forEachChild(node, (child) => visit(child, insideFunction || ts.isFunctionLike(node)));
  };
  visit(source, false);
  cache.set(file, found);
  return found;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Static value imports and top-level requires of a file; `import()` and lazy requires too unless `dynamic: false`. */
export function runtimeImports(file: string, options: { dynamic?: boolean } = {}): string[] {
  return sourceImports(file)
    .filter((i) => i.kind === 'static' || (i.kind === 'lazy' && options.dynamic !== false))
    .map((i) => i.spec);
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
      else visit(resolveImport(file, spec) ?? `${relative(projectRoot, join(projectRoot, dirname(file), spec))}.ts`);
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The file of ours a relative import names, from the project root. */
export function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = relative(projectRoot, join(projectRoot, dirname(from), spec)).replace(/\.js$/, '');
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(join(projectRoot, f)));
}

/** Every import between the files, of every kind (a type import is a dependency a reader follows too). */
export function importGraph(files: readonly string[]): Map<string, Set<string>> {
  const within = new Set(files);
  return new Map(files.map((f) => [f, new Set(sourceImports(f).flatMap((i) => (i.target && within.has(i.target) ? [i.target] : [])))]));
}

/** The circles of a graph (its strongly connected parts of more than one node, or a node importing itself), each sorted. */
export function cyclesIn(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    let top: string;
    do {
      top = stack.pop() as string;
      onStack.delete(top);
      part.push(top);
    } while (top !== node);
    if (part.length > 1 || graph.get(node)?.has(node)) circles.push(part.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return circles;
}
