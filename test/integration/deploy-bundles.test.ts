/**
 * The deploy bundles (`npm run build:deploy`): one per function, holding only what runs in
 * the cloud, and enough that the function loads from it alone, as Cloud Run would load it
 * (FUNCTION_TARGET set, production configuration, packages installed beside it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deployedName, functionRegistry } from '../../shared/registry';
import { secretNames } from '../../shared/config';

const root = join(__dirname, '..', '..');
let out: string;

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesIn(join(dir, name)) : [join(dir, name)]));
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'c500-bundles-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'deploy-bundles.mjs'), '--from-build', '--out', out], { stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Valid-looking values for every secret: the functions check their shape at load. */
const productionEnv: Record<string, string> = {
  ...Object.fromEntries(secretNames.map((name) => [name, 'x'.repeat(40)])),
  DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
  UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
  C500_RUNTIME: 'gcp',
  GOOGLE_CLOUD_PROJECT: 'c500-bundle-test',
  C500_PUBLIC_BASE_URL: 'https://c500.example.com',
  C500_TASKS_INVOKER_SA: 'tasks-invoker@c500-bundle-test.iam.gserviceaccount.com',
};

describe('the deploy bundles', () => {
  it('hold, for each function, compiled code only: nothing local, no scripts, no tests, no sources', () => {
    for (const entry of functionRegistry) {
      const dir = join(out, deployedName(entry));
      const files = filesIn(dir).map((f) => relative(dir, f));
      expect(files).toContain(join('dist', 'functions', `${entry.module}.js`));
      const strays = files.filter((f) => !['package.json', 'package-lock.json'].includes(f) && (!f.startsWith('dist/') || f.startsWith('dist/shared/local/') || f.startsWith('dist/scripts/') || f.startsWith('dist/test/') || !f.endsWith('.js')));
      expect([entry.name, strays]).toEqual([entry.name, []]);
      // No other function's entry rides along.
      const otherEntries = files.filter((f) => f.startsWith('dist/functions/') && !['index.js', 'catalog.js', `${entry.module}.js`].includes(f.slice('dist/functions/'.length)));
      expect([entry.name, otherEntries]).toEqual([entry.name, []]);
    }
  });

  it('declare production dependencies only, with no build to run', () => {
    const pkg = JSON.parse(readFileSync(join(out, deployedName(functionRegistry[0] as (typeof functionRegistry)[number]), 'package.json'), 'utf8')) as Record<string, unknown>;
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
