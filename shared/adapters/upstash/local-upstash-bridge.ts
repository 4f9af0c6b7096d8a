/**
 * @module local-upstash-bridge
 * Serves the Upstash REST API in this process in front of a real Redis, through
 * `@humanwhocodes/upstash-redis-server`, so the production client runs unchanged locally.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { UpstashEndpoint } from './upstash-connection';

export interface LocalUpstashBridge extends UpstashEndpoint {
  close(): Promise<void>;
}

export async function startLocalUpstashBridge(redisUrl: string): Promise<LocalUpstashBridge> {
  // Both packages are ESM-only: a real dynamic import, which node16 module output keeps.
  const { createApp } = await import('@humanwhocodes/upstash-redis-server');
  const { serve } = await import('@hono/node-server');
  const token = randomBytes(16).toString('hex');
  const app = createApp({ token, redisUrl });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
