/**
 * The deploy bundles (`npm run build:deploy`): one per function, holding only what runs in
 * the cloud, and enough that the function loads from it alone, as Cloud Run would load it
 * (FUNCTION_TARGET set, production configuration, packages installed beside it). The build
 * here is the real one, clean: stale files are planted where an older build would have left
 * them (in dist/, and in the output directory) and none may reach a bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { deployedName, functionRegistry } from '../../shared/registry';
import { secretNames } from '../../shared/config';
import { asArray, asObject, loadTerraform } from '../support/terraform';

const root = join(__dirname, '..', '..');
let out: string;

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesIn(join(dir, name)) : [join(dir, name)]));
}

/** Names no source makes: a file of an older build, of `npm start`'s transpiler, of a source since moved. */
const stale = `stale-${process.pid}-${Date.now()}`;
/** Stale files in the project's dist/, which the build must not read (removed after; dist/ is shared with other runs). */
const staleInDist = [`dist/shared/${stale}.js`, `dist/shared/local/${stale}.js`, `dist/functions/${stale}.js`, `dist/scripts/${stale}.js`];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'c500-bundles-'));
  for (const file of staleInDist) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), `module.exports = 'stale';\n`);
  }
  // What an earlier build:deploy left in the output: a bundle of a function since retired, and a stray file in a live bundle.
  const live = join(out, deployedName(functionRegistry[0] as (typeof functionRegistry)[number]));
  for (const file of [join(out, 'retired-function', 'dist', 'functions', 'index.js'), join(live, 'dist', 'shared', `${stale}.js`)]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `module.exports = 'stale';\n`);
  }
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'deploy-bundles.mjs'), '--out', out], { stdio: 'pipe' });
  } finally {
    for (const file of staleInDist) rmSync(join(root, file), { force: true });
  }
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Valid-looking values for every secret: the functions check their shape at load. */
const productionEnv: Record<string, string> = {
  ...Object.fromEntries(secretNames.map((name) => [name, 'x'.repeat(40)])),
  TOKEN_SEAL_KEYS: `k1=${'ab'.repeat(32)}`,
  DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
  PROBE_PUBLIC_KEY: 'cd'.repeat(32),
  UPSTASH_BOOK_SHARDS: '[]',
  UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
  C500_RUNTIME: 'gcp',
  GOOGLE_CLOUD_PROJECT: 'c500-bundle-test',
  C500_PUBLIC_BASE_URL: 'https://c500.example.com',
  C500_CONTROLLER_NAME: 'C500 Test Ltd',
  C500_PRIVACY_CONTACT: 'privacy@c500.example',
  C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  C500_TASKS_INVOKER_SA: 'tasks-invoker@c500-bundle-test.iam.gserviceaccount.com',
};

describe('the deploy bundles', () => {
  it('are one per function of the registry, and nothing else: no bundle of a retired function stays', () => {
    expect(readdirSync(out).sort()).toEqual(functionRegistry.map((e) => deployedName(e)).sort());
  });

  it('hold no stale file, whether it was left in dist/ or in the output by an earlier build', () => {
    const found = functionRegistry.flatMap((entry) =>
      filesIn(join(out, deployedName(entry)))
        .filter((f) => f.includes(stale))
        .map((f) => relative(out, f)),
    );
    expect(found).toEqual([]);
  });

  it('hold, for each function, compiled code only: nothing local, no scripts, no tests, no sources', () => {
    for (const entry of functionRegistry) {
      const dir = join(out, deployedName(entry));
      const files = filesIn(dir).map((f) => relative(dir, f));
      expect(files).toContain(join('dist', 'functions', `${entry.module}.js`));
      const strays = files.filter(
        (f) =>
          !['package.json', 'package-lock.json'].includes(f) &&
          (!f.startsWith('dist/') || f.startsWith('dist/shared/local/') || f.startsWith('dist/scripts/') || f.startsWith('dist/test/') || !f.endsWith('.js')),
      );
      expect([entry.name, strays]).toEqual([entry.name, []]);
      // No other function's entry rides along.
      const otherEntries = files.filter(
        (f) => f.startsWith('dist/functions/') && !['index.js', 'catalog.js', `${entry.module}.js`].includes(f.slice('dist/functions/'.length)),
      );
      expect([entry.name, otherEntries]).toEqual([entry.name, []]);
    }
  });

  it('carry neither the playground nor anything that signs as Discord: both exist only in the local runtime', () => {
    const found: string[] = [];
    for (const entry of functionRegistry) {
      const dir = join(out, deployedName(entry));
      for (const file of filesIn(dir).filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(file, 'utf8');
        for (const mark of ['/_local/play', 'interactionSigner', 'discord-signing', 'esbuild', 'discord-components-core'])
          if (text.includes(mark)) found.push(`${relative(out, file)} holds ${mark}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('declare production dependencies only, with no build to run', () => {
    const pkg = JSON.parse(readFileSync(join(out, deployedName(functionRegistry[0] as (typeof functionRegistry)[number]), 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ main: 'dist/functions/index.js', dependencies: project.dependencies, engines: project.engines, scripts: { 'gcp-build': '' } });
    expect(pkg.devDependencies).toBeUndefined();
  });

  it('each load their own function from the bundle alone, as Cloud Run would', () => {
    const failed = functionRegistry.flatMap((entry) => {
      const run = spawnSync(process.execPath, ['-e', "require('./dist/functions/index.js'); process.stdout.write('loaded')"], {
        cwd: join(out, deployedName(entry)),
        env: { PATH: process.env.PATH, NODE_PATH: join(root, 'node_modules'), FUNCTION_TARGET: entry.name, C500_LOG_LEVEL: 'silent', ...productionEnv },
        encoding: 'utf8',
        timeout: 20_000,
      });
      return run.stdout === 'loaded' ? [] : [`${entry.name}: ${run.stderr.split('\n').slice(0, 4).join(' ')}`];
    });
    expect(failed).toEqual([]);
  }, 120_000);
});

describe('terraform’s zips of the bundles', () => {
  it('take each function’s bundle folder, the one build:deploy writes, and nothing around it', async () => {
    const tf = await loadTerraform();
    const archive = tf.data.get('archive_file')?.get('function_source');
    if (!archive) throw new Error('no data "archive_file" "function_source" in terraform/');
    expect(archive).toMatchObject({
      type: 'zip',
      for_each: '${local.deployed_functions}',
      source_dir: '${path.module}/../dist/deploy/${local.deployed_names[each.key]}',
    });
    // Nothing added to or left out of the folder on the way into the zip.
    expect(Object.keys(archive).filter((k) => ['source_file', 'source_content', 'source', 'excludes', 'exclude_symlink_directories'].includes(k))).toEqual([]);
    // terraform's deployed name is the registry's, so each zip finds its bundle.
    expect(tf.locals.deployed_names).toBe('${{ for name, fn in local.functions : name => lower(replace(name, "/([A-Z])/", "-$1")) }}');
    for (const entry of functionRegistry) expect(entry.name.replace(/([A-Z])/g, '-$1').toLowerCase()).toBe(deployedName(entry));
    expect(existsSync(join(out, deployedName(functionRegistry[0] as (typeof functionRegistry)[number]), 'dist', 'functions', 'index.js'))).toBe(true);
    const [lifecycle] = asArray(archive.lifecycle, 'archive_file.function_source.lifecycle');
    const [precondition] = asArray(asObject(lifecycle, 'lifecycle').precondition, 'precondition');
    expect(asObject(precondition, 'precondition').condition).toBe(
      '${fileexists("${path.module}/../dist/deploy/${local.deployed_names[each.key]}/dist/functions/index.js")}',
    );
  });
});
