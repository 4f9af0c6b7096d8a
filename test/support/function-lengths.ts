/**
 * How long the functions of the source are, read with TypeScript's parser: every function,
 * method, arrow and accessor with a body, from its first line to its last. A factory that
 * returns an object of methods counts whole, so a class of many methods is split instead.
 * A test suite's `describe` body is a list of tests, not one function of work: it is not
 * counted (each test and helper inside it is).
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
      if (ts.isFunctionLike(node) && 'body' in node && node.body && !isSuiteBody(node)) {
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

/** A call of `describe(…)`, `describe.each(…)(…)`, `describe.skip(…)` or a suite's alias (`describeTransactions`). */
function isSuiteCall(call: ts.Node): call is ts.CallExpression {
  if (!ts.isCallExpression(call)) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && /^describe/.test(callee.text);
}

/** A suite's callback, or a suite factory: a function whose one statement is a suite. */
function isSuiteBody(node: ts.SignatureDeclaration & { body?: ts.Node }): boolean {
  const call = node.parent;
  if (call && isSuiteCall(call) && call.arguments.includes(node as unknown as ts.Expression)) return true;
  const statements = node.body && ts.isBlock(node.body) ? node.body.statements : [];
  return statements.length === 1 && ts.isExpressionStatement(statements[0]!) && isSuiteCall(statements[0].expression);
}
