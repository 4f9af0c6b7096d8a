/**
 * Sends signed requests as Discord (or Twitch's EventSub) would, over kept-alive
 * connections, to one path, and times each answer. A request that fails outright (refused, reset) is kept as status 0, not thrown:
 * a benchmark reports failures, it does not stop at the first.
 */
import { Agent, request } from 'node:http';

export interface Sent {
  /** Wall-clock milliseconds. */
  sentAtMs: number;
  answeredAtMs?: number;
  status?: number;
  /** The interaction response's type: 5 for "thinking…", 4 for an answer in the request. */
  responseType?: number;
}

export class HttpSender {
  private readonly agent: Agent;

  /** `connections`: the most it keeps open at once; a request finding them all busy waits for one, and its time counts. */
  constructor(
    private readonly url: string,
    private readonly path = '/discord/interactions',
    connections = 1024,
  ) {
    // Every connection of the pool stays open between herds: Node's agent keeps 256 idle ones unless told, and closes the rest.
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
    const connect = this.agent.createConnection.bind(this.agent);
    this.agent.createConnection = (...args: Parameters<Agent['createConnection']>) => {
      this.opened.push(Date.now());
      return connect(...args);
    };
  }

  /** When each connection was opened (wall-clock ms): a herd that opens many pays for each where a warm pool would not. */
  readonly opened: number[] = [];

  /** How many connections were opened from `fromMs` to `toMs`. */
  openedBetween(fromMs: number, toMs: number): number {
    return this.opened.filter((at) => at >= fromMs && at < toMs).length;
  }

  send(body: string, headers: Record<string, string>, into: Sent): Promise<void> {
    into.sentAtMs = Date.now();
    return new Promise((resolve) => {
      const req = request(
        `${this.url}${this.path}`,
        { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            into.answeredAtMs = Date.now();
            into.status = res.statusCode ?? 0;
            try {
              into.responseType = (JSON.parse(Buffer.concat(chunks).toString()) as { type?: number }).type;
            } catch {
              // not JSON: the status says what happened
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        into.answeredAtMs = Date.now();
        into.status = 0;
        resolve();
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Sends what `made()` makes, once more on a connection found closed (its process was started
 * again: the sender opens another); throws unless the answer is one `ok` takes.
 */
export async function sendBeforeTheHerd(
  sender: HttpSender,
  made: () => { body: string; headers: Record<string, string> },
  ok: readonly number[],
  what: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { body, headers } = made();
    const sent: Sent = { sentAtMs: 0 };
    await sender.send(body, headers, sent);
    if (ok.includes(sent.status ?? 0)) return;
    if (sent.status !== 0 || attempt >= 2) throw new Error(`${what} answered ${sent.status ?? 'nothing'}`);
  }
}

/**
 * Open loop: request `i` leaves at `startAtMs + i / rate` whatever happened to the ones
 * before it, as a crowd of viewers would; answers are awaited only at the end.
 */
export async function openLoop(rate: number, count: number, startAtMs: number, fire: (i: number) => Promise<void>): Promise<void> {
  const inFlight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(count, Math.floor(((Date.now() - startAtMs) * rate) / 1000) + 1);
      while (next < due) inFlight.push(fire(next++));
      if (next >= count) resolve();
      else setTimeout(tick, 1);
    };
    setTimeout(tick, Math.max(0, startAtMs - Date.now()));
  });
  await Promise.all(inFlight);
}
