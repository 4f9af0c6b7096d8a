import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// The Stripe ingress answers within Stripe's timeout from a cold start: its module graph
// must not reach the Stripe SDK, Firestore or the gRPC Pub/Sub client. Followed on the
// source (runtime imports and requires; `import type` is erased), so no build is needed.
const root = join(__dirname, '..', '..');
const heavy = ['stripe', '@google-cloud/firestore', '@google-cloud/pubsub', '@grpc/grpc-js', 'google-gax'];

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every package the entry loads, and every file of ours on the way. */
function moduleGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) packages.add(spec);
      else visit([`${join(dirname(file), spec)}.ts`, join(dirname(file), spec, 'index.ts')].find(existsSync) ?? `${spec} (unresolved)`);
    }
  };
  visit(join(root, entry));
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

describe('the Stripe webhook ingress’s module graph', () => {
  it('reaches neither the Stripe SDK nor Firestore nor the gRPC Pub/Sub client', () => {
    const { packages } = moduleGraph('functions/stripe-webhook.ts');
    for (const name of heavy) expect(packages).not.toContain(name);
  });

  it('verifies with our node:crypto check, not the payments adapter', () => {
    const { files, packages } = moduleGraph('functions/stripe-webhook.ts');
    expect(files).toContain('shared/adapters/stripe/stripe-signature.ts');
    expect(files).not.toContain('shared/adapters/stripe/stripe-payments.ts');
    expect(packages).toContain('node:crypto');
  });
});
