// `npm run hosting:config -- <region>`: writes firebase.json's rewrites from the registry,
// one per public HTTP route to its own function in <region> (terraform's `region`), so a
// deployment outside us-central1 routes its Hosting paths to where its functions run. The
// committed file is this script's output for us-central1; a test holds the two together.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const region = process.argv[2] ?? 'us-central1';
if (!/^[a-z]+-[a-z]+\d$/.test(region)) {
  console.error(`usage: npm run hosting:config -- <region>, such as europe-west1 (got ${region})`);
  process.exit(2);
}
const { functionRegistry, deployedName } = createRequire(import.meta.url)(join(root, 'dist', 'shared', 'registry.js'));
const file = join(root, 'firebase.json');
const config = JSON.parse(readFileSync(file, 'utf8'));
// `/overlay/auction/:auctionId` -> `/overlay/auction/*`: Hosting globs, where `*` is one path segment.
const source = (route) => route.replace(/\/:[A-Za-z0-9_]+(?=\/|$)/g, '/*');
config.hosting.rewrites = functionRegistry
  .filter((entry) => entry.kind === 'http' && entry.public)
  .map((entry) => ({ source: source(entry.route), run: { serviceId: deployedName(entry), region } }));
writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
console.log(`firebase.json: ${config.hosting.rewrites.length} rewrites to ${region}`);
