import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

// What a Twitch cold start pays for, read from the source: the EventSub ingress must
// answer fast and load no store, payments or Twitch SDK; the Helix adapter loads twurple
// (ESM-only) with a native import() only when first used.
const root = join(__dirname, '..', '..');

/** Runtime imports (static and require) of a file; `import type` is erased and free. */
function staticImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/gm)].map((m) => m[1] ?? m[2] ?? '');
}

function resolve(from: string, spec: string): string {
  const base = relative(root, join(root, dirname(from), spec));
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(join(root, f))) ?? `${base}.ts`;
}

/** Every package the file's static import graph reaches. */
function packagesReachedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(file, spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return [...packages].sort();
}

describe('loading the Twitch functions', () => {
  it('keeps Firestore, Stripe, gRPC Pub/Sub and twurple off the EventSub ingress’s import graph', () => {
    const packages = packagesReachedFrom('functions/twitch-webhook.ts');
    for (const heavy of ['@google-cloud/firestore', 'stripe', '@google-cloud/pubsub', '@twurple/api', '@twurple/auth']) expect(packages).not.toContain(heavy);
    expect(packages).toContain('node:crypto');
  });

  it('loads twurple in the Helix adapter only through a native import() that TypeScript keeps as is', () => {
    const file = 'shared/adapters/twitch/twitch-helix.ts';
    expect(staticImports(file).filter((s) => s.startsWith('@twurple'))).toEqual([]);
    const options = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root).options;
    const emitted = ts.transpileModule(readFileSync(join(root, file), 'utf8'), { compilerOptions: options, fileName: join(root, file) }).outputText;
    expect(emitted).toContain("import('@twurple/api')");
    expect(emitted).toContain("import('@twurple/auth')");
    expect(emitted).not.toMatch(/require\(["']@twurple/);
  });

  it('builds the Helix gateway without calling Twitch', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTwitchHelix } = require('../../shared/adapters/twitch/twitch-helix') as typeof import('../../shared/adapters/twitch/twitch-helix');
    const gateway = createTwitchHelix({ clientId: 'client', clientSecret: 'secret' });
    expect(Object.keys(gateway).sort()).toEqual(['currentStream', 'subscribeToStreamEvents', 'userFromAuthorizationCode']);
  });
});
