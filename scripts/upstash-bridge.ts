/**
 * The local Upstash REST endpoint the runtime starts under the production-clients switch
 * (`C500_PRODUCTION_CLIENTS=1`): `@humanwhocodes/upstash-redis-server` in front of the
 * runtime's Redis, in a process of its own as Upstash is a service of its own, so
 * `@upstash/redis` runs its own HTTP transport, pipelining and retries. Like Upstash, it takes
 * scripts flagged `allow-key-locking` (the translator drops the flag before Redis sees it).
 * With the fault plan's `upstash.timeout`, a request is held past the client's deadline,
 * half the time after Redis ran it. Prints its URL once listening. jest's global setup, the
 * Redis outage test and `npm run bench:auction` start the same bridge (without faults).
 */
import { createUpstashScriptTranslator } from '../shared/local/upstash/upstash-only-script-flags';
import { bookTimeoutMs } from '../shared/adapters/upstash/upstash-connection';
import { FaultInjector } from '../shared/local/faults/fault-injector';
import type { FaultPlan } from '../shared/local/faults/fault-plan';
import { bridgeFaultStream } from '../shared/local/upstash-bridge';

async function main(): Promise<void> {
  // Both ESM-only: loaded with import(), which this CommonJS build keeps as it is.
  const { createApp } = await import('@humanwhocodes/upstash-redis-server');
  const { serve } = await import('@hono/node-server');
  const app = createApp({ token: process.env.URS_TOKEN as string, redisUrl: process.env.REDIS_URL });
  const toRedis = createUpstashScriptTranslator();
  const plan = process.env.C500_BRIDGE_FAULTS ? (JSON.parse(process.env.C500_BRIDGE_FAULTS) as FaultPlan) : undefined;
  const faults = plan && new FaultInjector(plan, bridgeFaultStream, (kind) => process.send?.({ fault: kind }));

  const translated = async (request: Request): Promise<Request> => {
    if (request.method !== 'POST') return request;
    const text = await request.text();
    const body = parsed(text);
    const path = new URL(request.url).pathname;
    let out = text;
    if (Array.isArray(body) && path === '/') out = JSON.stringify(toRedis(body));
    if (Array.isArray(body) && path === '/pipeline')
      out = JSON.stringify(body.map((command: unknown) => (Array.isArray(command) ? toRedis(command) : command)));
    return new Request(request.url, { method: 'POST', headers: request.headers, body: out });
  };
  const answer = async (request: Request): Promise<Response> => {
    const toRun = await translated(request);
    if (!faults?.roll('upstash.timeout')) return app.fetch(toRun);
    // Held until the client gives up at its deadline, as a request lost on the way is: no
    // answer ever reaches it (one sent at a fixed time could beat a deadline its process
    // was too busy to notice). Half the time Redis ran it first.
    if (faults.between('upstash.timeout', 0, 1) === 1) await app.fetch(toRun);
    await clientGivesUp(request.signal, heldAtMostMs);
    return new Response(JSON.stringify({ error: 'timed out (injected)' }), { status: 504 });
  };
  const server = serve({ fetch: answer, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`http://127.0.0.1:${info.port}\n`));
  process.on('disconnect', () => {
    server.close();
    process.exit(0);
  });
  // `npm run bench:auction` asks for the bridge's own CPU, as each process measures its own.
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
}

/** Past every client's deadline: a held request whose client never hangs up is answered then. */
const heldAtMostMs = 10 * bookTimeoutMs;

function clientGivesUp(signal: AbortSignal, atMostMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, atMostMs);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`the Upstash bridge could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
