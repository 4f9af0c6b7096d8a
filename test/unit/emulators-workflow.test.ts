/**
 * `.github/workflows/emulators.yml` cannot run here; what can drift from the code is held
 * here, reading the workflow as text (no YAML parser is among the project's dependencies):
 * it runs every test that reads an emulator's host, points each emulator at the host those
 * tests read, and sets up the Node the project pins. `.ci/run` runs the same tests inside
 * `npm test`, under scripts/with-emulators.mjs, which starts both emulators.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const workflow = readFileSync(join(root, '.github', 'workflows', 'emulators.yml'), 'utf8');

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? testFiles(path) : path.endsWith('.test.ts') ? [path] : [];
  });
}

const emulatorHosts = ['FIRESTORE_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST'];

describe('the emulators workflow', () => {
  it('runs exactly the tests that read FIRESTORE_EMULATOR_HOST or PUBSUB_EMULATOR_HOST', () => {
    const reading = testFiles('test').filter((file) => {
      const source = readFileSync(join(root, file), 'utf8');
      return emulatorHosts.some((host) => source.includes(`process.env.${host}`));
    });
    const jestLine = workflow.split('\n').find((line) => /^\s*run: npx jest /.test(line)) ?? '';
    const run = jestLine
      .trim()
      .replace(/^run: npx jest /, '')
      .split(/\s+/);
    expect(run.sort()).toEqual(reading.map((file) => relative(root, join(root, file))).sort());
  });

  it.each(emulatorHosts)('sets %s for the tests and starts its emulator on that host', (host) => {
    expect(workflow).toMatch(new RegExp(`^      ${host}: 127\\.0\\.0\\.1:\\d+$`, 'm'));
    expect(workflow).toContain(`--host-port="$${host}"`);
  });

  it('is not the only place they run: .ci/run runs npm test under scripts/with-emulators.mjs, then a soak on the production clients', () => {
    const commands = readFileSync(join(root, '.ci', 'run'), 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => line.startsWith('node scripts/with-emulators.mjs'));
    expect(commands).toEqual([
      'node scripts/with-emulators.mjs npm test',
      expect.stringMatching(/^node scripts\/with-emulators\.mjs npm run -s soak -- --production-clients --minutes \d+/),
    ]);
  });

  it('runs on the machine’s own Node only the scripts written for it: the rest go through npm, on the Node the project pins', () => {
    // The machine's Node is 20 (no fs.globSync); the `node` package puts 24 first on npm's PATH.
    const bare = readFileSync(join(root, '.ci', 'run'), 'utf8')
      .split('\n')
      .filter((line) => /^node scripts\//.test(line))
      .map((line) => line.split(' ')[1]);
    expect(new Set(bare)).toEqual(new Set(['scripts/with-emulators.mjs']));
  });

  it.each(emulatorHosts)('has scripts/with-emulators.mjs start an emulator for %s and export its host', (host) => {
    const script = readFileSync(join(root, 'scripts', 'with-emulators.mjs'), 'utf8');
    // The start/stop logic lives in scripts/emulators.mjs, shared with `--production-clients`.
    const emulators = readFileSync(join(root, 'scripts', 'emulators.mjs'), 'utf8');
    expect(emulators).toContain(`hostVariable: '${host}'`);
    expect(script).toContain('process.env[emulator.hostVariable] = host;');
  });

  it('sets up the Node of package.json’s engines, which is 24', () => {
    expect(workflow).toContain('node-version-file: package.json');
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node).toMatch(/^24(\.|$)/);
  });
});
