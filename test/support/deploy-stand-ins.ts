/**
 * Stand-ins of `gcloud`, `terraform`, `npm` and `curl` for running `npm run deploy` as a person
 * runs it: one Node file behind four names put first on the PATH (curl: the synthetic deliveries), each call appended to
 * `calls.log` as its argv. The stand-in's own behaviour (a scenario file, or state it keeps)
 * is the test's.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const deployScript = join(__dirname, '..', '..', 'dist', 'scripts', 'deploy.js');

/** A fresh folder of stand-ins before each test, removed after; returns the folder's getter. */
export function useCommandStandIns(prefix: string, standIn: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    writeFileSync(join(dir, 'stand-in.js'), standIn);
    for (const name of ['gcloud', 'terraform', 'npm', 'curl']) {
      writeFileSync(join(dir, name), `#!/bin/sh\nexec "${process.execPath}" "${join(dir, 'stand-in.js')}" ${name} "$@"\n`);
      chmodSync(join(dir, name), 0o755);
    }
    writeFileSync(join(dir, 'calls.log'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/**
 * Runs the deploy script in `dir` with the stand-ins first on the PATH; `calls` is each call's argv.
 * The bot token the probe's key check needs is set unless `env` takes it away.
 */
export function runDeployScript(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [deployScript, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      STAND_IN_DIR: dir,
      PROJECT: '',
      REGION: '',
      C500_PROBE_COMMAND: '',
      DISCORD_BOT_TOKEN: 'bot-token-of-the-test',
      ...env,
    },
  });
  const calls = readFileSync(join(dir, 'calls.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
  return { ...result, calls };
}

/** A function's update in `terraform show -json`'s plan. */
export const functionUpdate = (name: string, allTraffic = false) => ({
  address: `google_cloudfunctions2_function.function["${name}"]`,
  type: 'google_cloudfunctions2_function',
  change: { actions: ['update'], after: { service_config: [{ all_traffic_on_latest_revision: allTraffic }] } },
});
