import { snowflakeAt } from '../../shared/common';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInteraction } from '../../shared/local/discord-signing';
import { listenBacklog } from '../../shared/local/public-socket';
import { command } from '../support/interactions';

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
    // The first thing it says is where to play, and that page answers.
    expect(out.split('\n')[0]).toBe(`Open the playground: ${url}/_local/play`);
    const playground = await fetch(`${url}/_local/play`);
    expect(playground.status).toBe(200);
    expect(playground.headers.get('content-type')).toMatch(/^text\/html/);
    expect(listeningAddresses(child.pid as number).filter((a) => !a.startsWith('127.0.0.1:'))).toEqual([]);
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

/**
 * Every address the runtime and the processes it started listen on (`ss` names each
 * socket's process): the playground signs as Discord, so nothing may listen beyond this machine.
 */
function listeningAddresses(runtimePid: number): string[] {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(runtimePid)], { encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean);
  const pids = new Set([String(runtimePid), ...children]);
  const lines = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const ours = lines.filter((line) => [...line.matchAll(/pid=(\d+)/g)].some((m) => pids.has(m[1] as string)));
  expect(ours.length).toBeGreaterThan(1);
  return ours.map((line) => line.trim().split(/\s+/)[3] as string);
}

/** Starts `npm start`'s process; resolves with its URL once it is ready, or with what it said when it exits first. */
function startRuntime(env: NodeJS.ProcessEnv): Promise<{ url?: string; out: string; err: string; code?: number | null; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, [entry], { env: { ...env, DISCORD_PUBLIC_KEY: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /runtime on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url && /DISCORD_PRIVATE_KEY=/.test(out)) resolve({ url, out, err, child });
    });
    child.once('exit', (code) => resolve({ out, err, code, child }));
  });
}

async function stop(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('npm start, while it starts', () => {
  it('answers 503 with Retry-After (or not at all) until every route is served, never 404', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'c500-start-'));
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: String(port), C500_DATA_DIR: dataDir, DISCORD_PUBLIC_KEY: undefined },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/runtime on http/.test(out)) ready = true;
    });
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    // From the launch until it says it is ready: a page of the runtime's, a function's page, a webhook (none of them 404 once ready).
    const paths = ['/_local/play', '/dashboard', '/webhooks/stripe'];
    const before: Array<{ path: string; status: number; retryAfter: string | null }> = [];
    let unanswered = 0;
    const hammer = async (path: string) => {
      while (!ready && child.exitCode === null) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
          await res.arrayBuffer();
          if (!ready) before.push({ path, status: res.status, retryAfter: res.headers.get('retry-after') });
        } catch {
          // Not listening yet (refused): a client tries again.
          unanswered++;
          await new Promise((r) => setTimeout(r, 2));
        }
      }
    };
    try {
      await Promise.all(paths.flatMap((path) => [hammer(path), hammer(path)]));
      expect(ready).toBe(true);
      const early = before.filter((a) => a.status === 404 || (a.status === 503 && a.retryAfter === null));
      expect(early).toEqual([]);
      // What it answered while starting was "not yet", and it was heard at least once (so this can fail).
      expect(before.length).toBeGreaterThan(0);
      // Ready, each route answers as itself.
      const answers = await Promise.all(paths.map(async (path) => (await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' })).status));
      process.stdout.write(
        `while starting: ${JSON.stringify(countBy(before.map((a) => `${a.path} ${a.status}`)))}; unanswered: ${unanswered}; ready: ${JSON.stringify(answers)}\n`,
      );
      expect(answers.filter((status) => status === 404 || status === 503)).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('npm start, when a function process dies', () => {
  it('starts another after kill -9, and a command deferred while it was dead is answered by the new one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'c500-start-'));
    const { url, out, child } = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: dataDir });
    try {
      if (!url) throw new Error(`npm start did not start: ${out}`);
      const privateKey = /DISCORD_PRIVATE_KEY=([0-9a-f]+)/.exec(out)?.[1] as string;
      const health = async () =>
        ((await (await fetch(`${url}/_local/health`)).json()) as { processes: Array<{ role: string; pid: number; restarts?: number }> }).processes.find(
          (p) => p.role === 'workers',
        );
      const before = await health();
      process.kill(before?.pid as number, 'SIGKILL');

      // `/c500 profile` is deferred to discord-commands, whose subscriber runs in the workers process.
      const interaction = command({ name: 'c500', path: ['profile'] });
      const body = JSON.stringify(interaction);
      const res = await fetch(`${url}/discord/interactions`, { method: 'POST', body, headers: signInteraction(body, privateKey) });
      expect(((await res.json()) as { type: number }).type).toBe(5);
      const edited = async () => {
        const outbox = (await (await fetch(`${url}/_local/outbox`)).json()) as
          Array<{ kind: string; interactionToken?: string }> | { entries: Array<{ kind: string; interactionToken?: string }> };
        const entries = Array.isArray(outbox) ? outbox : outbox.entries;
        return entries.some((e) => e.kind === 'edit' && e.interactionToken === interaction.token);
      };
      const deadline = Date.now() + 15_000;
      while (!(await edited()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await edited()).toBe(true);
      const after = await health();
      expect(after?.restarts).toBe(1);
      expect(after?.pid).not.toBe(before?.pid);
    } finally {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('npm start, when something is in its way', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'c500-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('says the port is taken and how to pick another, without a stack, when another runtime listens there', async () => {
    const first = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: dataDir() });
    try {
      const port = new URL(first.url as string).port;
      const second = await startRuntime({ ...process.env, PORT: port, C500_DATA_DIR: dataDir() });
      expect(second.code).toBe(1);
      expect(second.err).toContain(`Port ${port} is already in use`);
      expect(second.err).toContain(`PORT=${Number(port) + 1} npm start`);
      expect(second.err).not.toMatch(/\n\s+at /);
    } finally {
      await stop(first.child);
    }
  });

  it('refuses a second runtime on the same data folder, naming the process that holds it', async () => {
    const shared = dataDir();
    const first = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: shared });
    try {
      const second = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: shared });
      expect(second.code).toBe(1);
      expect(second.err).toContain(`Another local runtime (process ${first.child.pid}) is using the data folder`);
      expect(second.err).toContain('C500_DATA_DIR=');
    } finally {
      await stop(first.child);
    }
    // Once the first has stopped, the folder is free again.
    const third = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: shared });
    expect(third.url).toBeDefined();
    await stop(third.child);
  });

  it('takes over a data folder whose runtime died without letting go of it', async () => {
    const orphaned = dataDir();
    const first = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: orphaned });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const next = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: orphaned });
    expect(next.url).toBeDefined();
    await stop(next.child);
  });

  it('listens on its public port with the backlog it promises, not Node’s 511', async () => {
    const started = await startRuntime({ ...process.env, PORT: '0', C500_DATA_DIR: dataDir() });
    try {
      const port = new URL(started.url as string).port;
      // For a listening socket, `ss` shows the backlog in the Send-Q column.
      const listening = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
      const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
      expect(listening.trim().split(/\s+/)[2]).toBe(String(Math.min(listenBacklog, somaxconn)));
    } finally {
      await stop(started.child);
    }
  });
});

/** A port nothing listens on now: taken and let go. */
function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

function countBy(keys: string[]): Record<string, number> {
  return keys.reduce<Record<string, number>>((counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }), {});
}
