// `npm start` and `npm run demo` compile with TypeScript's transpiler alone: no type
// check, so a fresh clone serves in about a second instead of after a full `tsc` build
// (about 5 s here). `npm test`, `npm run build` and `npm run typecheck` do check types.
// Only sources newer than their output are transpiled again.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compilerOptions = { module: ts.ModuleKind.Node16, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true };

function* sources(dir) {
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    // A module's tests run under jest, never from dist/.
    if (statSync(join(root, path)).isDirectory()) {
      // The playground's page script is bundled for the browser when a page asks (play-bundle), never run by Node.
      if (name !== 'test' && path !== join('shared', 'local', 'playground', 'client')) yield* sources(path);
    } else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};
let count = 0;
for (const dir of ['functions', 'shared', 'scripts']) {
  for (const source of sources(dir)) {
    const out = join(root, 'dist', source.replace(/\.ts$/, '.js'));
    if (mtime(out) >= mtime(join(root, source))) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(root, source), 'utf8'), { fileName: relative(root, join(root, source)), compilerOptions });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    count++;
  }
}
if (count > 0) process.stderr.write(`transpiled ${count} files\n`);
