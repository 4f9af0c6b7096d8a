/**
 * Finds every field name the source hands the log, by type rather than by text: for each
 * call `log.debug|info|warn|error(message, fields)`, the properties TypeScript gives `fields`
 * (an object literal, a variable, a spread: `{ ...named, event }`), and the properties of
 * the objects and lists inside them, a few levels down. An `error` or `unknown` field has
 * no properties to find; the log flattens those itself.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './module-graph';

const levels = new Set(['debug', 'info', 'warn', 'error']);

/** Each field name found (as written), with the first `file:line` that logs it. */
export function logCallFields(files: readonly string[]): Map<string, string> {
  const configPath = join(projectRoot, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, projectRoot);
  const program = ts.createProgram(
    files.map((f) => join(projectRoot, f)),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const found = new Map<string, string>();
  for (const file of files) {
    const source = program.getSourceFile(join(projectRoot, file));
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (isLogCall(node) && node.arguments[1]) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const site = `${relative(projectRoot, source.fileName)}:${line + 1}`;
        for (const name of fieldNames(checker, checker.getTypeAtLocation(node.arguments[1]), node.arguments[1], 0, new Set())) {
          if (!found.has(name)) found.set(name, site);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function isLogCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const { expression, name } = node.expression;
  return ts.isIdentifier(expression) && expression.text === 'log' && levels.has(name.text);
}

/** Types whose properties are no fields of ours: an error is flattened by the log, the rest are values. */
const opaque = /^(Error|[A-Za-z]*Error|Date|Buffer|Uint8Array|Promise|Map|Set|RegExp|URL)$/;

function fieldNames(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, depth: number, seen: Set<ts.Type>): string[] {
  if (depth > 3 || seen.has(type)) return [];
  seen.add(type);
  if (type.isUnion() || type.isIntersection()) return type.types.flatMap((t) => fieldNames(checker, t, at, depth, seen));
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    return checker.getTypeArguments(type as ts.TypeReference).flatMap((t) => fieldNames(checker, t, at, depth, seen));
  }
  if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return [];
  if (opaque.test(type.getSymbol()?.getName() ?? '')) return [];
  return type
    .getProperties()
    .flatMap((property) => [property.getName(), ...fieldNames(checker, checker.getTypeOfSymbolAtLocation(property, at), at, depth + 1, seen)]);
}
