// `npm run build:deploy`: a clean build, then one source bundle per deployed function in
// dist/deploy/<function>/, each holding only the compiled files that function can load (its
// module graph from functions/index.js, where FUNCTION_TARGET picks its own module) and the
// production dependencies. Terraform zips each folder on its own, so a change redeploys only
// the functions whose code it touches, and nothing local (the runtime, its simulators, the
// benchmarks, stale files of an older build) is ever shipped.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// `--out DIR` writes the bundles elsewhere; `--from-build` bundles the dist/ already built
// (what the tests do, beside a running suite) and leaves the lock file unpruned.
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const deploy = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(dist, 'deploy');

if (!flag('--from-build')) {
  rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
rmSync(deploy, { recursive: true, force: true });

/** Every compiled file a file can require, through relative requires written as string literals (lazy ones included). */
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , spec] of readFileSync(file, 'utf8').matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) {
      const target = [`${join(dirname(file), spec)}.js`, join(dirname(file), spec), join(dirname(file), spec, 'index.js')].find((p) => existsSync(p) && p.endsWith('.js'));
      if (!target) throw new Error(`${relative(root, file)} requires ${spec}, which the build did not make`);
      visit(target);
    }
  };
  visit(entry);
  return seen;
}

const require = createRequire(import.meta.url);
const { functionRegistry, deployedName } = require(join(dist, 'shared', 'registry.js'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// One package.json and lock for every bundle: production dependencies only. The buildpack runs
// `npm run gcp-build` when it exists: empty, since the code comes compiled.
const shared = join(deploy, '_package');
mkdirSync(shared, { recursive: true });
writeFileSync(join(shared, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, main: pkg.main, engines: pkg.engines, scripts: { 'gcp-build': '' }, dependencies: pkg.dependencies }, null, 2)}\n`);
copyFileSync(join(root, 'package-lock.json'), join(shared, 'package-lock.json'));
// The lock, pruned to the production dependencies at the versions the project's lock names.
if (!flag('--from-build')) execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], { cwd: shared, stdio: 'inherit' });

const local = [join(dist, 'shared', 'local'), join(dist, 'scripts'), join(dist, 'test')];
const sizes = [];
for (const entry of functionRegistry) {
  const name = deployedName(entry);
  const files = new Set([...moduleGraph(join(dist, 'functions', 'index.js')), ...moduleGraph(join(dist, 'functions', `${entry.module}.js`))]);
  const strays = [...files].filter((f) => local.some((dir) => f.startsWith(dir)));
  if (strays.length > 0) throw new Error(`${entry.name} would ship local code: ${strays.map((f) => relative(root, f)).join(', ')}`);
  const out = join(deploy, name);
  mkdirSync(out, { recursive: true });
  for (const file of files) {
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(shared, file), join(out, file));
  sizes.push(`${name} ${files.size}`);
}
rmSync(shared, { recursive: true, force: true });
console.log(`${relative(root, deploy) || deploy}: ${functionRegistry.length} bundles (compiled files each: ${sizes.join(', ')})`);
