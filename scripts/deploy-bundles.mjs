// `npm run build:deploy`: a clean build, then one source bundle per deployed function in
// dist/deploy/<function>/, each holding only the compiled files that function can load (its
// module graph from functions/index.js, where FUNCTION_TARGET picks its own module) and the
// production dependencies. Terraform zips each folder on its own (terraform/functions.tf,
// archive_file.function_source), so a change redeploys only the functions whose code it
// touches, and nothing local (the runtime, its simulators, the benchmarks) is ever shipped.
//
// Clean means: the sources are compiled afresh into an empty temporary directory, never read
// from dist/, so no file an older build, `npm start`'s transpiler or a renamed source left in
// dist/ can reach a bundle; and the output directory is emptied before the bundles are
// written, so no bundle of a retired function stays behind. dist/ itself is left alone (tests
// and `npm start` running beside this keep their compiled files).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `--out DIR` writes the bundles elsewhere (the tests do, beside a running suite).
const argv = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deploy = argv.includes('--out') ? resolve(argv[argv.indexOf('--out') + 1]) : join(root, 'dist', 'deploy');
for (const arg of argv) if (arg.startsWith('--') && arg !== '--out') throw new Error(`deploy-bundles: unknown flag ${arg} (only --out DIR)`);

// Old bundles go first: a build that fails leaves none for terraform to zip (its precondition
// then stops the plan). New ones are written beside the output and moved in whole at the end.
rmSync(deploy, { recursive: true, force: true });
mkdirSync(dirname(deploy), { recursive: true });
const build = mkdtempSync(join(tmpdir(), 'c500-deploy-build-'));
const staging = mkdtempSync(`${deploy}.partial-`);
try {
  // The whole project as `npm run build` type-checks it, compiled into the empty directory.
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'tsconfig.build.json'),
      '--outDir',
      build,
      '--tsBuildInfoFile',
      join(build, '.tsbuildinfo'),
    ],
    { stdio: 'inherit' },
  );
  writeBundles(staging);
  renameSync(staging, deploy);
} finally {
  rmSync(build, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
}

/** Every compiled file a file can require, through relative requires written as string literals (lazy ones included). */
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , spec] of readFileSync(file, 'utf8').matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) {
      const target = [`${join(dirname(file), spec)}.js`, join(dirname(file), spec), join(dirname(file), spec, 'index.js')].find(
        (p) => existsSync(p) && p.endsWith('.js'),
      );
      if (!target) throw new Error(`${relative(build, file)} requires ${spec}, which the build did not make`);
      visit(target);
    }
  };
  visit(entry);
  return seen;
}

function writeBundles(into) {
  const require = createRequire(import.meta.url);
  const { functionRegistry, deployedName } = require(join(build, 'shared', 'registry.js'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  // One package.json and lock for every bundle: production dependencies only. The buildpack runs
  // `npm run gcp-build` when it exists: empty, since the code comes compiled.
  const shared = join(into, '_package');
  mkdirSync(shared, { recursive: true });
  writeFileSync(
    join(shared, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, main: pkg.main, engines: pkg.engines, scripts: { 'gcp-build': '' }, dependencies: pkg.dependencies }, null, 2)}\n`,
  );
  copyFileSync(join(root, 'package-lock.json'), join(shared, 'package-lock.json'));
  // The lock, pruned to the production dependencies at the versions the project's lock names
  // (offline: from the lock alone, never a newer version from the registry).
  execFileSync('npm', ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], {
    cwd: shared,
    stdio: 'inherit',
  });

  const local = [join(build, 'shared', 'local'), join(build, 'scripts'), join(build, 'test')].map((dir) => `${dir}/`);
  const sizes = [];
  for (const entry of functionRegistry) {
    const name = deployedName(entry);
    const files = new Set([...moduleGraph(join(build, 'functions', 'index.js')), ...moduleGraph(join(build, 'functions', `${entry.module}.js`))]);
    const strays = [...files].filter((f) => local.some((dir) => f.startsWith(dir)));
    if (strays.length > 0) throw new Error(`${entry.name} would ship local code: ${strays.map((f) => relative(build, f)).join(', ')}`);
    const out = join(into, name);
    mkdirSync(out, { recursive: true });
    for (const file of files) {
      // Laid out as in the project (dist/functions/index.js is package.json's main).
      const target = join(out, 'dist', relative(build, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(shared, file), join(out, file));
    sizes.push(`${name} ${files.size}`);
  }
  rmSync(shared, { recursive: true, force: true });
  console.log(
    `${deploy.startsWith(`${root}/`) ? relative(root, deploy) : deploy}: ${functionRegistry.length} bundles (compiled files each: ${sizes.join(', ')})`,
  );
}
