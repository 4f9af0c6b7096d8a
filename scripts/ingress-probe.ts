/**
 * Runs in a fresh Node process: loads the Functions Framework entry as a deployed
 * Discord ingress would (FUNCTION_TARGET=discordInteractions, production adapters) and
 * prints as JSON how long the import took and which packages the process loaded.
 * With PROBE_REQUEST=1 it also handles one signed deferred interaction, publishing to a
 * local stand-in for the Pub/Sub emulator (a real token would need Google credentials).
 * Used by `npm run bench:cold-start` and by the test that keeps Firestore and Stripe out.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

async function main(): Promise<void> {
  const emulator = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"messageIds":["1"]}'));
  });
  const withRequest = process.env.PROBE_REQUEST === '1';
  if (withRequest) {
    await new Promise<void>((r) => emulator.listen(0, '127.0.0.1', r));
    process.env.PUBSUB_EMULATOR_HOST = `127.0.0.1:${(emulator.address() as AddressInfo).port}`;
  }

  // The platform has the framework loaded before it loads our code: not part of our cold start.
  const frameworkStart = process.hrtime.bigint();
  const testing = require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing');
  const frameworkMs = Number(process.hrtime.bigint() - frameworkStart) / 1e6;

  const start = process.hrtime.bigint();
  require(join(__dirname, '..', 'functions', 'index.js'));
  const importMs = Number(process.hrtime.bigint() - start) / 1e6;

  const loaded = () => [...new Set(Object.keys(require.cache).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => !!p))].sort();
  if (!withRequest) {
    process.stdout.write(`${JSON.stringify({ frameworkMs, importMs, packages: loaded() })}\n`);
    return;
  }
  const server = testing.getTestServer('discordInteractions');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { signInteraction } = require('../shared/local/discord-signing') as typeof import('../shared/local/discord-signing');
  const body = JSON.stringify({
    id: '1', type: 2, token: 't', application_id: '1', guild_id: '2', channel_id: '3',
    member: { user: { id: '4', username: 'probe' }, permissions: '0' },
    data: { name: 'c500', options: [{ name: 'profile', type: 1, options: [] }] },
  });
  const firstStart = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    method: 'POST',
    body,
    headers: signInteraction(body, process.env.DISCORD_PRIVATE_KEY as string),
  });
  const firstRequestMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
  const answer: unknown = await res.json();
  process.stdout.write(`${JSON.stringify({ frameworkMs, importMs, firstRequestMs, status: res.status, answer, packages: loaded() })}\n`);
  server.close();
  emulator.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
