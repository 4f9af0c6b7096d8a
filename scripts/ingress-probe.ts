/**
 * Runs in a fresh Node process: loads the Functions Framework entry as a deployed
 * Discord ingress would (FUNCTION_TARGET=discordInteractions, production adapters) and
 * prints as JSON how long the import took and which packages the process loaded.
 * With PROBE_REQUEST=1 it also handles one signed deferred interaction, publishing to a
 * local stand-in for the Pub/Sub emulator (a real token would need Google credentials).
 * Used by `npm run bench:cold-start` and by the test that keeps Firestore and Stripe out.
 * With FUNCTION_TARGET=kofiWebhook or shopifyWebhook, the request is one signed sale
 * delivery instead: the same stand-in answers the guild's connection read (none, so the
 * environment's secret applies) as the Firestore emulator would, and the publish.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the probe times each module's first load, so it loads them itself, in order */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

async function main(): Promise<void> {
  const published: string[] = [];
  const emulator = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // A document read finds nothing; a publish is counted by its topic.
      if (req.method === 'GET') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      const topic = /\/topics\/([^/:]+):publish$/.exec(req.url ?? '')?.[1];
      if (topic) published.push(decodeURIComponent(topic));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"messageIds":["1"]}');
    });
  });
  const withRequest = process.env.PROBE_REQUEST === '1';
  const target = process.env.FUNCTION_TARGET ?? 'discordInteractions';
  if (withRequest) {
    await new Promise<void>((r) => emulator.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(emulator.address() as AddressInfo).port}`;
    process.env.PUBSUB_EMULATOR_HOST = host;
    process.env.FIRESTORE_EMULATOR_HOST = host;
  }

  // The platform has the framework loaded before it loads our code: not part of our cold start.
  const frameworkStart = process.hrtime.bigint();
  const testing = require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing');
  const frameworkMs = Number(process.hrtime.bigint() - frameworkStart) / 1e6;

  const start = process.hrtime.bigint();
  require(join(__dirname, '..', 'functions', 'index.js'));
  const importMs = Number(process.hrtime.bigint() - start) / 1e6;

  const loaded = () =>
    [
      ...new Set(
        Object.keys(require.cache)
          .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1])
          .filter((p): p is string => !!p),
      ),
    ].sort();
  if (!withRequest) {
    process.stdout.write(`${JSON.stringify({ frameworkMs, importMs, packages: loaded() })}\n`);
    return;
  }
  const server = testing.getTestServer(target);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { path, body, headers } = firstRequest(target);
  const firstStart = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method: 'POST', body, headers });
  const firstRequestMs = Number(process.hrtime.bigint() - firstStart) / 1e6;
  const text = await res.text();
  const answer: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  process.stdout.write(`${JSON.stringify({ frameworkMs, importMs, firstRequestMs, status: res.status, answer, published, packages: loaded() })}\n`);
  server.close();
  emulator.close();
}

/** What the target is first sent: a deferred Discord command, or a sale as Ko-fi or Shopify deliver it. */
function firstRequest(target: string): { path: string; body: string; headers: Record<string, string> } {
  const guildId = '900000000000000001';
  const now = new Date().toISOString();
  if (target === 'kofiWebhook') {
    const data = {
      verification_token: process.env.KOFI_VERIFICATION_TOKEN,
      message_id: 'probe-message',
      timestamp: now,
      type: 'Shop Order',
      amount: '25.00',
      currency: 'USD',
      kofi_transaction_id: 'probe-transaction',
    };
    return {
      path: `/webhooks/kofi/${guildId}`,
      body: new URLSearchParams({ data: JSON.stringify(data) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  if (target === 'shopifyWebhook') {
    const { shopifySignature } = require('../shared/adapters/shops/shopify-signature') as typeof import('../shared/adapters/shops/shopify-signature');
    const body = JSON.stringify({ id: 5000000001, name: '#1001', currency: 'USD', total_price: '42.00', financial_status: 'paid', updated_at: now });
    const headers = {
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': shopifySignature(body, process.env.SHOPIFY_WEBHOOK_SECRET as string),
      'x-shopify-topic': 'orders/paid',
      'x-shopify-webhook-id': 'probe-webhook',
    };
    return { path: `/webhooks/shopify/${guildId}`, body, headers };
  }
  if (target !== 'discordInteractions') throw new Error(`the probe sends no request to ${target}`);
  const { signInteraction } = require('../shared/local/discord-signing') as typeof import('../shared/local/discord-signing');
  const body = JSON.stringify({
    // Real snowflakes: the ingress refuses ids that are not.
    id: String((BigInt(Date.now() - 1_420_070_400_000) << 22n) | 1n),
    type: 2,
    token: 'probe-token',
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: { id: '800000000000000004', username: 'probe' }, permissions: '0' },
    data: { name: 'c500', options: [{ name: 'profile', type: 1, options: [] }] },
  });
  return { path: '/', body, headers: signInteraction(body, process.env.DISCORD_PRIVATE_KEY as string) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
