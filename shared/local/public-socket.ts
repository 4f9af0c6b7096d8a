/**
 * @module public-socket
 * The runtime's public port: opened once, at start, with a backlog that holds a herd, and
 * a clear word when the port is taken instead of Node's stack.
 */
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';

/**
 * Connections waiting to be accepted. Node's 511 overflowed under a herd (a crowd opens
 * connections in bursts whenever answers slow for a moment), and a dropped SYN costs its
 * sender a whole second before it tries again. Linux caps it at net.core.somaxconn.
 */
export const listenBacklog = 4096;

/** A failure to start that a person can fix, said in a sentence (no stack). */
export class RuntimeStartError extends Error {
  readonly code = 'runtime-start';
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeStartError';
  }
}

/**
 * A socket listening on 127.0.0.1, for the front process to take over. Until it is handed
 * over (and until this process lets go of it), a connection that slips in is told to come
 * back, as the runtime's own server answers until every route is mounted; or, opened again
 * for a front started after one died, given unread to `onConnection`, to hand on whole.
 */
export function openPublicSocket(port: number, onConnection?: (connection: Socket) => void): Promise<NetServer> {
  const socket = onConnection ? createNetServer({ pauseOnConnect: true }, onConnection) : createNetServer(answerNotYet);
  return new Promise((resolve, reject) => {
    socket.once('error', (error) => reject(explainListenError(port, error)));
    socket.listen(port, '127.0.0.1', listenBacklog, () => resolve(socket));
  });
}

/** Node's EADDRINUSE, as something to do. */
export function explainListenError(port: number, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE')
    return new RuntimeStartError(
      `Port ${port} is already in use (another \`npm start\`?). Stop what is listening there, or start on another port: PORT=${port + 1} npm start`,
    );
  if (code === 'EACCES')
    return new RuntimeStartError(`Port ${port} needs privileges this user does not have: start on a port above 1023, such as PORT=8080 npm start`);
  return error;
}

const notYetBody = 'the local runtime is starting: every route is served in a moment';
const notYetAnswer = [
  'HTTP/1.1 503 Service Unavailable',
  'Retry-After: 1',
  'Content-Type: text/plain',
  `Content-Length: ${Buffer.byteLength(notYetBody)}`,
  'Connection: close',
  '',
  notYetBody,
].join('\r\n');

/** 503 once the request begins to arrive, and the rest of it read away, so the client gets the answer, not a reset. */
function answerNotYet(connection: Socket): void {
  connection.on('error', () => connection.destroy());
  connection.setTimeout(5_000, () => connection.destroy());
  connection.once('data', () => connection.end(notYetAnswer));
  connection.resume();
}
