/**
 * @module function-process
 * A process of its own for some of the runtime's functions, as production runs each
 * function as its own service, on its own CPU and event loop (its inside is
 * `function-process-host`). The runtime's bus still decides what is delivered when (each
 * subscription's concurrency) and each delivery crosses over; HTTP requests reach it at
 * its own port (or, for the front, on the public socket handed to it).
 *
 * If the process dies (a crash, or the soak's `kill -9`), what it held fails on the
 * runtime's side: the bus redelivers the messages, the task queue retries the tasks, a
 * webhook's sender sees an error and sends it again. A new process starts at once, and
 * what arrives meanwhile waits for it, as Cloud Run starts a new instance.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Server as NetServer, Socket } from 'node:net';
import { log } from '../log';
import type { Clock, PubSubHandler } from '../ports';
import { ProcessRpc } from './process-rpc';
import { holdReading } from './connection-handoff';
import { isHandedConnection, type HandedConnection, type ProcessInit } from './process-contract';
import { offsetOf, runsOnSystemTime } from './local-clock';

export interface FunctionProcessOptions {
  /** The compiled script that calls `serveFunctions` (scripts/function-process). */
  entry: string;
  init: Omit<ProcessInit, 'reportsClock' | 'clockOffsetMs'>;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** What the process may call in the runtime, by name: `store`, `tasks`, `bus`, `discord`… */
  services: Record<string, object>;
  /** For the front: the public socket, opened by the runtime and handed over. */
  publicSocket?: NetServer;
  /**
   * For the front: the public port listening again, for the process started after the front
   * died. The runtime let go of the first socket once it was handed over, so the port closed
   * with the process that held it. Opened again at once; a connection it takes before the
   * new front has it is handed on whole to that front once it is up (`onConnection`).
   */
  reopenPublicSocket?: (onConnection: (socket: Socket) => void) => Promise<NetServer>;
  /** Where its stdout and stderr go instead of the runtime's terminal (a test reading the log). */
  output?: (text: string) => void;
  /** For the front: a connection it handed on whole, for the process serving `role` (see connection-handoff). */
  onHandOver?: (role: string, socket: Socket, head: Buffer) => void;
}

export interface FunctionProcess {
  role: string;
  handlerFor(name: string): PubSubHandler;
  /** Where its HTTP functions answer, once it is up (after a restart, the new one's). */
  httpUrl(): Promise<string>;
  /**
   * Resolves once everything the process sent before now has arrived here (the channel keeps
   * order): its notifications of published messages included, which nothing else waits for.
   */
  sync(): Promise<void>;
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  pid(): number | undefined;
  /** How many times it has been started again after it died. */
  restarts(): number;
  /** Tells the process how far the local clock runs ahead of its system time (`POST /_local/clock`). */
  setClockOffset(ms: number): Promise<void>;
  /** Serves a connection the front handed on, once the process is up (after a restart, the new one). */
  adopt(socket: Socket, head: Uint8Array): void;
  close(): Promise<void>;
}

interface Running {
  rpc: ProcessRpc;
  httpPort?: number;
}

export async function startFunctionProcess(options: FunctionProcessOptions): Promise<FunctionProcess> {
  const reportsClock = !runsOnSystemTime(options.clock);
  const { role } = options.init;
  let closing = false;
  let child: ChildProcess | undefined;
  let restarts = 0;

  const launch = async (): Promise<Running> => {
    // A process group of its own: Ctrl-C (or a signal to the whole group) reaches the runtime
    // alone, which closes its processes in order, instead of killing them under it and
    // reading that as a crash to recover from. Should the runtime itself die, the IPC channel
    // closes and the process exits (see serveFunctions).
    const started = fork(options.entry, [role], {
      env: { ...options.env },
      serialization: 'advanced',
      stdio: ['ignore', options.output ? 'pipe' : 'inherit', options.output ? 'pipe' : 'inherit', 'ipc'],
      detached: true,
    });
    child = started;
    const output = options.output;
    if (output) for (const stream of [started.stdout, started.stderr]) stream?.on('data', (chunk: Buffer) => output(chunk.toString('utf8')));
    const rpc = new ProcessRpc(started);
    for (const [name, service] of Object.entries(options.services)) rpc.serve(name, service);
    started.once('exit', (code, signal) => {
      rpc.close(new Error(`the ${role} process exited (${signal ?? code})`));
      if (closing) return;
      restarts++;
      log.error(`the ${role} process died; starting another, and what it held will be redelivered`, { code, signal });
      current = launch();
      current.catch((error: unknown) => log.error(`the ${role} process did not start again`, { error }));
    });
    // The socket crosses outside the RPC envelope: Node passes handles beside a message.
    const publicSocket = restarts === 0 ? options.publicSocket : await options.reopenPublicSocket?.((socket) => handOn(socket, new Uint8Array()));
    if (publicSocket) started.send({ frontListener: true }, publicSocket);
    const onHandOver = options.onHandOver;
    if (onHandOver)
      started.on('message', (message: unknown, socket: unknown) => {
        if (!isHandedConnection(message) || !socket) return;
        // Passing through: not a byte read here, or it would be lost on the way.
        holdReading(socket as Socket);
        onHandOver(message.handOver, socket as Socket, Buffer.from(message.head));
      });
    // A process started again after the clock moved starts at the moved time.
    const init: ProcessInit = { ...options.init, reportsClock, clockOffsetMs: offsetOf(options.clock), incarnation: restarts };
    const answer = (await rpc.call('host', 'init', [init])) as { httpPort?: number };
    // Handed over and served: only the front takes connections on it now (the first one, the runtime closes itself).
    if (restarts > 0) publicSocket?.close();
    return { rpc, ...answer };
  };

  /** A connection for this process, served once it is up (after a restart, the new one). */
  const handOn = (socket: Socket, head: Uint8Array): void => {
    const message: HandedConnection = { handOver: role, head };
    current.then(
      () => {
        if (!child?.connected) return refuse(socket);
        // If the process died meanwhile, the connection goes with it: its sender sees a reset and sends again.
        child.send(message, socket, (error) => error && socket.destroy());
      },
      () => refuse(socket),
    );
  };

  let current = launch();
  await current;
  return {
    role,
    handlerFor: (name) => async (event) => {
      const { rpc } = await current;
      await rpc.call('host', 'deliver', [name, event, reportsClock ? options.clock.now().getTime() : undefined]);
    },
    httpUrl: async () => {
      const { httpPort } = await current;
      if (httpPort === undefined) throw new Error(`the ${role} process serves no HTTP of its own`);
      return `http://127.0.0.1:${httpPort}`;
    },
    cpuUsage: async () => (await (await current).rpc.call('host', 'cpuUsage', [])) as NodeJS.CpuUsage,
    // Killed while syncing (the soak's kill -9 can land in a settle): what it had sent arrived before
    // it died, and what it held is redelivered, so the process started in its place is synced instead.
    sync: () => callAcrossRestart(() => current, 'sync', []),
    setClockOffset: (ms) => callAcrossRestart(() => current, 'setClockOffset', [ms]),
    pid: () => child?.pid,
    restarts: () => restarts,
    adopt: handOn,
    close: async () => {
      closing = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      await (await current).rpc.call('host', 'close', []).catch(() => running.kill());
      await exited;
    },
  };
}

/**
 * Calls the process, and the one started in its place when it is killed during the call (a
 * soak's kill -9 can land in the clock's move or a settle): a process started again reads the
 * moved clock at its start and has sent nothing yet, so the call means the same to it. A
 * failure of the process that is still running is thrown.
 */
export async function callAcrossRestart(current: () => Promise<{ rpc: ProcessRpc }>, method: 'sync' | 'setClockOffset', args: unknown[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const calling = current();
    try {
      await (await calling).rpc.call('host', method, args);
      return;
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (attempt >= 3 || current() === calling) throw error;
    }
  }
}

/** A connection no process is left to serve: answered as a front answers while an instance starts. */
function refuse(socket: Socket): void {
  const body = Buffer.from('the function’s process is not running');
  const head = `HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n`;
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}
