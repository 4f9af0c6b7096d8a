/**
 * The soak's own Redis (Debian's `redis-server`, on a free port), never the machine's
 * shared one: it keeps nothing on disk (`--save "" --appendonly no`), so a restart loses
 * every auction in the book, every trusted set and ban, and what the bot had yet to say in
 * chat, as an Upstash outage that lost data would. Restarted once mid-run (`restart`): the
 * product must go on, and what it lost must end honestly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { pause, type SoakRandom } from './client';

export interface SoakRedis {
  url: string;
  /** Killed with `kill -9` and started again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING on the port. */
async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500, () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

export async function startSoakRedis(binary = 'redis-server'): Promise<SoakRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 100; i++) {
      if (await answers(port)) return;
      await pause(50);
    }
    throw new Error(`the soak's redis-server did not answer on port ${port}`);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: kill,
  };
}

/**
 * When the soak had the book down: from the `kill -9` until the new Redis answered on its port,
 * on the runtime's clock (the outbox's `at` is on it: after the clock jump it is half an hour on).
 */
export interface BookOutage {
  fromMs: number;
  toMs: number;
  /** When it answered again on this process's own clock (for "how far into the run"). */
  backAtMs: number;
}

/**
 * Restarts it once, at a seeded moment of the run's second half; answers when it was down (read
 * on `runtimeNow`, the runtime's clock), or undefined when the run ended first.
 */
export async function redisRestart(
  redis: SoakRedis,
  random: SoakRandom,
  startedAt: number,
  until: number,
  runtimeNow: () => number = Date.now,
): Promise<BookOutage | undefined> {
  await pause(Math.max(0, startedAt + (until - startedAt) * (0.5 + random.next() * 0.3) - Date.now()));
  if (Date.now() >= until) return undefined;
  const fromMs = runtimeNow();
  await redis.restart();
  return { fromMs, toMs: runtimeNow(), backAtMs: Date.now() };
}
