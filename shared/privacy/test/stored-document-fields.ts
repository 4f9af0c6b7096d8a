/**
 * @module stored-document-fields
 * Reads every typed stored document with the TypeScript compiler: each `docPath<T>()` and
 * `collectionPath<T>()` call names a document type, and each of its fields that can hold
 * free text (a `string` or a template, not a union of literals) is listed as a path: `a.b`
 * in a map, `a[].b` in a list, `a.*` for the keys of a map with free keys. Numbers, booleans
 * and literal unions cannot name a person; the text fields are what the table must classify.
 */
import ts from 'typescript';
import { join } from 'node:path';

export type StoredFields = Map<string, Set<string>>;

const projectRoot = join(__dirname, '..', '..', '..');

/** The project's own files that declare stored documents: shared/, without the local stand-ins (they play Stripe, Twitch and Discord) and tests. */
export function projectDocumentFiles(): { files: string[]; options: ts.CompilerOptions } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(projectRoot, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const files = parsed.fileNames.filter((file) => file.includes('/shared/') && !file.includes('/shared/local/') && !file.includes('/test/'));
  return { files, options: parsed.options };
}

export function storedDocumentFields(files: readonly string[], options: ts.CompilerOptions): StoredFields {
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const found: StoredFields = new Map();
  const wanted = new Set(files);
  for (const source of program.getSourceFiles()) {
    if (!wanted.has(source.fileName)) continue;
    const visit = (node: ts.Node): void => {
      const typeNode = documentTypeNode(node);
      if (typeNode) {
        const type = checker.getTypeFromTypeNode(typeNode);
        // `guildDocPath<T>()` and the like make paths for a caller's type: the caller's call is what counts.
        if (!(type.flags & ts.TypeFlags.TypeParameter)) {
          const name = checker.typeToString(type);
          const fields = found.get(name) ?? new Set<string>();
          textFields(checker, type, '', fields, 0);
          found.set(name, fields);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function documentTypeNode(node: ts.Node): ts.TypeNode | undefined {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  // `guildDocPath<T>()`: each module keeps its part of a server's document under a type of its own.
  if (!['docPath', 'collectionPath', 'guildDocPath'].includes(node.expression.text)) return undefined;
  return node.typeArguments?.[0];
}

function textFields(checker: ts.TypeChecker, type: ts.Type, prefix: string, into: Set<string>, depth: number): void {
  if (depth > 8) return;
  for (const property of checker.getPropertiesOfType(type)) {
    fieldValue(checker, checker.getNonNullableType(checker.getTypeOfSymbol(property)), prefix + property.name, into, depth);
  }
  for (const index of checker.getIndexInfosOfType(type)) {
    into.add(`${prefix}*`);
    fieldValue(checker, checker.getNonNullableType(index.type), `${prefix}*`, into, depth);
  }
}

function fieldValue(checker: ts.TypeChecker, type: ts.Type, path: string, into: Set<string>, depth: number): void {
  for (const part of type.isUnion() ? type.types : [type]) {
    if (part.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) into.add(path);
    else if (checker.isArrayType(part)) fieldValue(checker, checker.getTypeArguments(part as ts.TypeReference)[0]!, `${path}[]`, into, depth + 1);
    else if (part.flags & ts.TypeFlags.Object && part.getSymbol()?.name !== 'Date') textFields(checker, part, `${path}.`, into, depth + 1);
  }
}
