/**
 * A burst: every request leaves as soon as one of `inFlight` connections is free (a crowd
 * is many machines; all at once when `inFlight` is the burst's size). Each answer is timed
 * twice: from the moment its own request left (what its sender waited) and from the moment
 * the burst left (when the crowd had its answers). What the burst benchmarks send, to the
 * runtime and to the bare servers that set their ceiling.
 */
import { Agent, request } from 'node:http';

export interface BurstRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface BurstAnswer {
  status: number;
  /** Milliseconds from its own request's sending to the answer: what its sender waited. */
  ms: number;
  /** Milliseconds from the burst's start to the answer. */
  sinceBurstMs: number;
  text: string;
}

export async function burst(url: string, requests: readonly BurstRequest[], inFlight = requests.length): Promise<BurstAnswer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const start = performance.now();
  const answers: BurstAnswer[] = new Array(requests.length);
  let next = 0;
  const sendNext = async (): Promise<void> => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i] as BurstRequest;
      const sentAt = performance.now();
      answers[i] = await new Promise<BurstAnswer>((resolve) => {
        const answered = (status: number, text: string) => {
          const now = performance.now();
          resolve({ status, ms: now - sentAt, sinceBurstMs: now - start, text });
        };
        const req = request(`${url}${r.path}`, { method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => answered(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
        });
        req.on('error', () => answered(0, ''));
        req.end(r.body);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, requests.length) }, sendNext));
  agent.destroy();
  return answers;
}

export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number;

export const median = (values: readonly number[]): number => percentile(values, 50);
