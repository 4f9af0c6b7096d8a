/**
 * `npm run probe` run as a person runs it (the built script), against an address where nothing
 * answers: what it does before any request is what is read here. No test reaches the internet:
 * 127.0.0.2 is this machine's loopback, though not one of the names the probe takes for local.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const probeScript = join(__dirname, '..', '..', 'dist', 'scripts', 'probe.js');

function probe(url: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [probeScript, '--url', url], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PROBE_PRIVATE_KEY: '00', DISCORD_BOT_TOKEN: '', C500_DISCORD_API_URL: 'http://127.0.0.2:9/api', ...env },
  });
}

describe('npm run probe -- --url <deployed>', () => {
  it('GIVEN no DISCORD_BOT_TOKEN THEN it sends nothing and exits 2, saying what to set, instead of passing with the key unchecked', () => {
    const run = probe('http://127.0.0.2:9', {});

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('set DISCORD_BOT_TOKEN');
    expect(run.stdout).not.toContain('probe of');
  });
});
