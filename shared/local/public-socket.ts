/**
 * @module public-socket
 * The runtime's public port: opened once, at start, with a backlog that holds a herd, and
 * a clear word when the port is taken instead of Node's stack.
 */
import { createServer as createNetServer, type Server as NetServer } from 'node:net';

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

/** A socket listening on 127.0.0.1, for the front process to take over. */
export function openPublicSocket(port: number): Promise<NetServer> {
  // Until it is handed over, a connection that slips in is closed: nobody here would answer it.
  const socket = createNetServer((connection) => connection.destroy());
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
