import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { eventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

// The public port's front hands a connection whose first request is a Twitch delivery to the
// twitch-webhook process whole (shared/local/connection-handoff): these hold it to serving
// every byte of every request, whichever way the connection's requests and writes come.
let rt: TestRuntime;
let port: number;

beforeAll(async () => {
  rt = await startTestRuntime();
  port = Number(new URL(rt.url).port);
});
afterAll(() => rt.close());

/** A signed callback verification: answered 200 with its challenge, by the Twitch ingress alone. */
function verification(challenge: string): string {
  const body = JSON.stringify({ challenge, subscription: { id: 'sub-handoff', type: 'channel.chat.message', version: '1', status: 'enabled' } });
  const id = `m-${challenge}`;
  const at = new Date().toISOString();
  const signature = eventSubSignature(rt.secrets.TWITCH_EVENTSUB_SECRET as string, id, at, Buffer.from(body));
  return [
    'POST /webhooks/twitch HTTP/1.1',
    'host: 127.0.0.1',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    `twitch-eventsub-message-id: ${id}`,
    `twitch-eventsub-message-timestamp: ${at}`,
    'twitch-eventsub-message-type: webhook_callback_verification',
    `twitch-eventsub-message-signature: ${signature}`,
    '',
    body,
  ].join('\r\n');
}

/** A kept-alive connection that sends requests in the pieces given and reads one answer per request. */
class Connection {
  private buffered = Buffer.alloc(0);
  private wake: () => void = () => undefined;
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
  }

  static async open(): Promise<Connection> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new Connection(socket);
  }

  /** Each piece after the first `gapMs` after the one before. */
  async request(pieces: string | string[], gapMs = 40): Promise<{ status: number; body: string }> {
    for (const [i, piece] of [pieces].flat().entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      this.socket.write(piece);
    }
    for (;;) {
      const answer = this.takeAnswer();
      if (answer) return answer;
      await new Promise<void>((resolve, reject) => {
        this.wake = resolve;
        this.socket.once('close', () => reject(new Error(`the connection closed before an answer: ${this.buffered.toString()}`)));
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private takeAnswer(): { status: number; body: string } | undefined {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffered.length < end + 4 + length) return undefined;
    const body = this.buffered.subarray(end + 4, end + 4 + length).toString();
    this.buffered = this.buffered.subarray(end + 4 + length);
    return { status: Number(head.split(' ')[1]), body };
  }
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`;

/** The pid of the process holding the server's side of `client` (Linux: /proc). */
function serverSideHolder(client: Socket, pids: number[]): number | undefined {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const wanted = `:${hex(port)} 0100007F:${hex(client.localPort as number)}`;
  const line = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .find((l) => l.includes(wanted));
  const inode = line?.trim().split(/\s+/)[9];
  if (!inode) return undefined;
  const holds = (pid: number, fd: string) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
    } catch {
      return false; // closed while listed
    }
  };
  return pids.find((pid) => readdirSync(`/proc/${pid}/fd`).some((fd) => holds(pid, fd)));
}

async function pidsOf(...roles: string[]): Promise<number[]> {
  const health = (await (await fetch(`${rt.url}/_local/health`)).json()) as { processes: Array<{ role: string; pid: number }> };
  return roles.map((role) => health.processes.find((p) => p.role === role)?.pid as number);
}

describe('the front handing Twitch’s connections to the Twitch ingress', () => {
  it('leaves a connection whose first request is a Twitch delivery with the twitch-webhook process, not the Discord ingress', async () => {
    const connection = await Connection.open();
    expect(await connection.request(verification('held-by-twitch'))).toEqual({ status: 200, body: 'held-by-twitch' });
    const [ingress, twitch] = await pidsOf('ingress', 'twitch-webhook');
    expect(serverSideHolder(connection.socket, [ingress as number, twitch as number])).toBe(twitch);
    connection.close();
  });

  it('serves a delivery whose headers and body come in separate writes, and whose request line is split', async () => {
    const connection = await Connection.open();
    const request = verification('in-pieces');
    const bodyAt = request.indexOf('\r\n\r\n') + 4;
    expect(await connection.request([request.slice(0, 9), request.slice(9, bodyAt), request.slice(bodyAt)])).toEqual({ status: 200, body: 'in-pieces' });
    connection.close();
  });

  // The bodies come while the sockets wait their turn to be passed from process to process (0 to 60 ms on).
  it('answers every one of 200 connections opened at once, each sending its delivery in two writes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const connection = await Connection.open();
        const request = verification(`herd-${i}`);
        const split = request.indexOf('\r\n\r\n') + 4;
        const answer = await connection.request([request.slice(0, split), request.slice(split)], [0, 2, 5, 10, 20, 60][i % 6]);
        connection.close();
        return answer;
      }),
    );
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => ({ status: 200, body: `herd-${i}` })));
  });

  it('serves every later request on a handed connection, Twitch’s and any other route’s, in order', async () => {
    const connection = await Connection.open();
    expect(await connection.request(verification('first'))).toEqual({ status: 200, body: 'first' });
    const health = await connection.request(get('/_local/health'));
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    expect(await connection.request(verification('third'))).toEqual({ status: 200, body: 'third' });
    connection.close();
  });

  it('serves a Twitch delivery on a connection that began with another route', async () => {
    const connection = await Connection.open();
    expect((await connection.request(get('/_local/health'))).status).toBe(200);
    expect(await connection.request(verification('after-health'))).toEqual({ status: 200, body: 'after-health' });
    const [ingress, twitch] = await pidsOf('ingress', 'twitch-webhook');
    expect(serverSideHolder(connection.socket, [ingress as number, twitch as number])).toBe(ingress);
    connection.close();
  });

  it('hands new connections to the process started in place of a killed one, and its open connections die with it', async () => {
    const before = await Connection.open();
    expect(await before.request(verification('before-the-kill'))).toEqual({ status: 200, body: 'before-the-kill' });
    const [killed] = await pidsOf('twitch-webhook');
    process.kill(killed as number, 'SIGKILL');
    await new Promise((resolve) => (before.socket.closed ? resolve(undefined) : before.socket.once('close', resolve)));
    // As Twitch does, a delivery that met the dying process (reset, or no answer within a few seconds) is sent again, on a new connection.
    let answer: { status: number; body: string } | undefined;
    for (let attempt = 0; attempt < 50 && answer?.status !== 200; attempt++) {
      const connection = await Connection.open();
      answer = await Promise.race([
        connection.request(verification('after-the-kill')).catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(resolve, 2000)),
      ]);
      connection.close();
      if (answer?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer).toEqual({ status: 200, body: 'after-the-kill' });
    const [now] = await pidsOf('twitch-webhook');
    expect(now).not.toBe(killed);
  });

  it('serves the public port again once the Discord ingress, which holds it, is killed with kill -9 and started again', async () => {
    const [killed] = await pidsOf('ingress');
    process.kill(killed as number, 'SIGKILL');
    // The front's own death closes the port it held: the runtime opens it again for the next front,
    // and a connection that comes meanwhile waits for it (never "starting", never refused once reopened).
    const answers: Array<number | undefined> = [];
    for (let attempt = 0; attempt < 100 && answers.at(-1) !== 200; attempt++) {
      answers.push(
        await fetch(`${rt.url}/_local/health`, { signal: AbortSignal.timeout(5_000) }).then(
          (res) => res.status,
          () => undefined,
        ),
      );
      if (answers.at(-1) !== 200) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answers.at(-1)).toBe(200);
    expect(answers.filter((status) => status !== undefined && status !== 200)).toEqual([]);
    const [now] = await pidsOf('ingress');
    expect(now).not.toBe(killed);
    const connection = await Connection.open();
    expect(await connection.request(verification('after-the-front-died'))).toEqual({ status: 200, body: 'after-the-front-died' });
    connection.close();
  });
});
