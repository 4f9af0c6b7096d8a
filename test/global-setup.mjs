// Runs in plain Node before any test file: it can load ESM-only packages, which jest's
// CommonJS sandbox cannot. It starts the Upstash REST bridge in front of the real Redis
// and hands its address to the tests through the environment.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => { socket.destroy(); resolve(chunk.toString().startsWith('+PONG')); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

export default async function globalSetup() {
  process.env.C500_LOG_LEVEL ??= 'warn';
  process.env.REDIS_URL = redisUrl;
  if (!(await redisAnswers(redisUrl))) {
    // Tests that need Redis never skip: say plainly what is missing.
    throw new Error(`No Redis answers at ${redisUrl}. Start one (redis-server --daemonize yes) or set REDIS_URL; .ci/run does this for you.`);
  }
  const { createApp } = await import('@humanwhocodes/upstash-redis-server');
  const { serve } = await import('@hono/node-server');
  const token = randomBytes(16).toString('hex');
  const app = createApp({ token, redisUrl });
  const server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  globalThis.__upstashBridge = server;
  process.env.UPSTASH_REDIS_REST_URL = `http://127.0.0.1:${server.address().port}`;
  process.env.UPSTASH_REDIS_REST_TOKEN = token;
}
