import { snowflakeAt } from '../../shared/domain/common/ids';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInteraction } from '../../shared/local/discord-signing';

// The process `npm start` runs (after its build step), as a newcomer would see it.
const entry = join(__dirname, '..', '..', 'dist', 'scripts', 'start.js');

describe('npm start', () => {
  it('serves signed PINGs with the development key it prints, and stops on SIGTERM', async () => {
    if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` (npm test does) before jest');
    const dataDir = mkdtempSync(join(tmpdir(), 'c500-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', C500_DATA_DIR: dataDir };
    delete env.DISCORD_PUBLIC_KEY;
    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/DISCORD_PRIVATE_KEY=/.test(out) && out.endsWith('\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
    });
    const url = /runtime on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
    const privateKey = /DISCORD_PRIVATE_KEY=([0-9a-f]+)/.exec(out)?.[1] as string;
    expect(out).toMatch(/DISCORD_PUBLIC_KEY=[0-9a-f]{64}/);
    const body = JSON.stringify({ id: snowflakeAt(Date.now(), 1), type: 1, token: 'first-ping', application_id: '1100000000000000001' });
    const res = await fetch(`${url}/discord/interactions`, { method: 'POST', body, headers: signInteraction(body, privateKey) });
    expect(await res.json()).toEqual({ type: 1 });
    process.stdout.write(`npm start served its first PING ${Date.now() - started} ms after launch\n`);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
