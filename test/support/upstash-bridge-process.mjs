// The Upstash REST bridge as a child process of jest's global setup: its Redis client
// would otherwise keep jest from exiting. Prints its URL once listening.
import { createApp } from '@humanwhocodes/upstash-redis-server';
import { serve } from '@hono/node-server';

const app = createApp({ token: process.env.URS_TOKEN, redisUrl: process.env.REDIS_URL });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.on('disconnect', () => process.exit(0));
// `npm run bench:auction` asks for the bridge's own CPU, as each process measures its own.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
