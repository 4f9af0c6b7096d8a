// Runs in plain Node before any test file: it checks that a real Redis answers (tests
// that need one never skip) and starts the Upstash REST bridge in front of it, in a
// child process (scripts/upstash-bridge, as the runtime starts it under C500_PRODUCTION_CLIENTS), handing its address to the tests through the environment.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

export default async function globalSetup() {
  process.env.C500_LOG_LEVEL ??= 'silent';
  // The local runtime forks dist/scripts/subscriber-process.js: bring dist/ up to date with
  // the sources first (only what changed), so a plain `npx jest` never runs stale code there.
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/transpile.mjs', import.meta.url))], { stdio: 'inherit' });
  process.env.REDIS_URL = redisUrl;
  if (!(await redisAnswers(redisUrl))) {
    throw new Error(`No Redis answers at ${redisUrl}. Start one (redis-server --daemonize yes) or set REDIS_URL; .ci/run does this for you.`);
  }
  const token = randomBytes(16).toString('hex');
  const child = fork(fileURLToPath(new URL('../dist/scripts/upstash-bridge.js', import.meta.url)), [], {
    env: { ...process.env, URS_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the Upstash bridge exited with ${code}`)));
  });
  globalThis.__upstashBridge = child;
  process.env.UPSTASH_REDIS_REST_URL = url;
  process.env.UPSTASH_REDIS_REST_TOKEN = token;
}
