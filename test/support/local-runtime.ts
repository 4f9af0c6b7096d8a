/**
 * Starts the local runtime in-process for a test, on a free port and a fresh data dir,
 * and sends really signed interactions to it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostFunction } from '../../functions/catalog';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../shared/local/runtime';
import { signInteraction } from '../../shared/local/discord-signing';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';

export interface TestRuntime extends LocalRuntime {
  dataDir: string;
  sendInteraction(interaction: unknown, init?: { headers?: Record<string, string>; rawBody?: string }): Promise<Response>;
  edits(interactionToken: string): OutboxEntry[];
}

/**
 * One key of pseudonyms for every runtime a test file starts: the process holds one key (log's
 * setLogIdKey), so two runtimes with keys of their own would name one person two ways.
 */
const testLogIdKey = randomBytes(32).toString('hex');

export async function startTestRuntime(options: Partial<LocalRuntimeOptions> & { dataDir?: string } = {}): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'c500-test-'));
  const runtime = await startLocalRuntime({
    hostFunction,
    // As `npm start` runs: the ingress and the bids in processes of their own (dist/ is kept fresh by jest's global setup).
    functionProcessEntry: join(__dirname, '..', '..', 'dist', 'scripts', 'function-process.js'),
    port: 0,
    print: () => undefined,
    busBackoff: { minMs: 5, maxMs: 20 },
    ...options,
    // Test files run in parallel on one Redis: each runtime keeps its auctions under its own prefix.
    // The book as `npm start` reaches it (RESP to the local Redis); the REST bridge that jest's
    // global setup starts is for the tests that name it in their env.
    env: {
      ...process.env,
      UPSTASH_REDIS_REST_URL: undefined,
      UPSTASH_REDIS_REST_TOKEN: undefined,
      C500_DATA_DIR: dataDir,
      DISCORD_PUBLIC_KEY: undefined,
      C500_REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
      LOG_ID_KEY: process.env.LOG_ID_KEY ?? testLogIdKey,
      ...options.env,
    },
  });
  const privateKey = runtime.secrets.DISCORD_PRIVATE_KEY as string;
  const closeRuntime = runtime.close;
  return Object.assign(runtime, {
    dataDir,
    sendInteraction: (interaction: unknown, init: { headers?: Record<string, string>; rawBody?: string } = {}) => {
      const body = init.rawBody ?? JSON.stringify(interaction);
      return fetch(`${runtime.url}/discord/interactions`, {
        method: 'POST',
        body,
        headers: { ...signInteraction(body, privateKey), ...init.headers },
      });
    },
    edits: (token: string) => runtime.outbox.entries.filter((e) => e.kind === 'edit' && e.interactionToken === token),
    close: async () => {
      await closeRuntime();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
