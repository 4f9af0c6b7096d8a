/**
 * @module upstash-bridge
 * Starts the local Upstash REST endpoint (`scripts/upstash-bridge`) in front of the
 * runtime's Redis, in a process of its own, for the production-clients switch: the auction
 * book is then reached with `@upstash/redis` over HTTP, as in production.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { FaultKind, FaultPlan } from './faults/fault-plan';

/** The name the bridge's faults draw under: one seed gives the same faults each run. */
export const bridgeFaultStream = 'upstash-bridge';

export interface UpstashBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface UpstashBridgeOptions {
  /** The compiled entry (`dist/scripts/upstash-bridge.js`). */
  entry: string;
  redisUrl: string;
  /** The runtime's plan: the bridge injects its `upstash.timeout`. */
  faultPlan?: FaultPlan;
  /** Told of each fault the bridge injected, for the runtime's count. */
  onFault?: (kind: FaultKind) => void;
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const token = randomBytes(16).toString('hex');
  const child = fork(options.entry, [], {
    env: {
      ...process.env,
      URS_TOKEN: token,
      REDIS_URL: options.redisUrl,
      ...(options.faultPlan ? { C500_BRIDGE_FAULTS: JSON.stringify(options.faultPlan) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.on('message', (message) => {
    const fault = (message as { fault?: FaultKind } | null)?.fault;
    if (fault) options.onFault?.(fault);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the Upstash bridge exited with ${code} before it listened`)));
  });
  child.stdout?.resume();
  return {
    url,
    token,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
