/**
 * How long the functions of the source are, read with TypeScript's parser: every function,
 * method, arrow and accessor with a body, from its first line to its last. A factory that
 * returns an object of methods counts whole, so a class of many methods is split instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './module-graph';

/** `file:line name (lines)` for each function longer than `limit` lines. */
export function longFunctions(files: readonly string[], limit: number): string[] {
  return files.flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(join(projectRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const long: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const last = source.getLineAndCharacterOfPosition(node.end).line;
        const name = 'name' in node && node.name ? node.name.getText(source) : '(anonymous)';
        if (last - first + 1 > limit) long.push(`${file}:${first + 1} ${name} (${last - first + 1} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return long;
  });
}
