// The Upstash REST bridge as a child process of jest's global setup: its Redis client
// would otherwise keep jest from exiting. Prints its URL once listening.
// Like Upstash, it takes scripts flagged `allow-key-locking`, which the Redis behind it
// refuses: every command goes through the translator first (jest's global setup and
// `npm run bench:auction` build dist/ before forking this).
import { createApp } from '@humanwhocodes/upstash-redis-server';
import { serve } from '@hono/node-server';
import { createUpstashScriptTranslator } from '../../dist/shared/adapters/upstash/upstash-only-script-flags.js';

const app = createApp({ token: process.env.URS_TOKEN, redisUrl: process.env.REDIS_URL });
const toRedis = createUpstashScriptTranslator();

/** The request with its command (or pipeline of commands) translated; anything malformed goes on as it came, for the bridge to refuse. */
async function translated(request) {
  if (request.method !== 'POST') return request;
  const text = await request.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const path = new URL(request.url).pathname;
  let out = text;
  if (Array.isArray(body) && path === '/') out = JSON.stringify(toRedis(body));
  if (Array.isArray(body) && path === '/pipeline') out = JSON.stringify(body.map((command) => (Array.isArray(command) ? toRedis(command) : command)));
  return new Request(request.url, { method: 'POST', headers: request.headers, body: out });
}

const server = serve({ fetch: async (request) => app.fetch(await translated(request)), port: 0, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.on('disconnect', () => process.exit(0));
// `npm run bench:auction` asks for the bridge's own CPU, as each process measures its own.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
