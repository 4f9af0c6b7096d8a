/**
 * The Upstash REST bridge in a process of its own, in front of the real Redis, as Upstash
 * is a service of its own: for `BOOK=rest` runs of the auction benchmark.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { projectRoot } from '../../shared/local/runtime';

export interface BridgeProcess {
  url: string;
  token: string;
  /** The bridge's own `process.cpuUsage()`. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  stop(): void;
}

export async function startBridgeProcess(redisUrl: string): Promise<BridgeProcess> {
  const token = randomBytes(16).toString('hex');
  const child = fork(join(projectRoot(), 'dist', 'scripts', 'upstash-bridge.js'), [], {
    env: { ...process.env, URS_TOKEN: token, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the bridge exited with ${code}`)));
  });
  return {
    url,
    token,
    cpuUsage: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { cpu: NodeJS.CpuUsage }).cpu));
        child.send('cpu');
      }),
    stop: () => child.kill(),
  };
}
