/**
 * Finds every write of an order in the source, by type rather than by text: a call of
 * `set`, `update`, `create` or `delete` whose path argument TypeScript types as
 * `DocPath<Order>`, however it was reached (`orderPath(id)`, a variable holding one, a
 * helper returning one). A document written through an untyped path (`anyDocument`, as the
 * privacy module's generic erasure does) is not the order's shape and is not counted.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './module-graph';

const writeMethods = new Set(['set', 'update', 'create', 'delete']);

/** `file:line  code` for each write of an order in the files (paths from the project root). */
export function orderWritesIn(files: readonly string[]): string[] {
  const configPath = join(projectRoot, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, projectRoot);
  const program = ts.createProgram(
    files.map((f) => join(projectRoot, f)),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(join(projectRoot, file));
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && writeMethods.has(node.expression.name.text)) {
        const [path] = node.arguments;
        if (path && isOrderPath(checker.getTypeAtLocation(path), checker)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${relative(projectRoot, source.fileName)}:${line + 1}  ${node.getText().split('\n')[0]}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function isOrderPath(type: ts.Type, checker: ts.TypeChecker): boolean {
  return /^DocPath<Order>$/.test(checker.typeToString(type));
}
