/**
 * @module connection-handoff
 * How the local front hands a whole connection, not each request, to the process that
 * serves its route, as Google's front end sends Twitch's deliveries to the Twitch function
 * without our ingress in between. The front reads a new connection's request line and
 * nothing more (it is paused until then); if the path is a direct route, the socket and the
 * bytes read go to that process, which serves every request on the connection from then on.
 * Measured under a herd of Twitch chat beside Discord's bids, forwarding each delivery cost
 * the Discord ingress's process about 0.17 ms of CPU and put its event loop in Twitch's
 * answer time (`npm run bench:auction -- --twitch`); a handoff costs it once per connection.
 */
import type { Socket } from 'node:net';

/** The most a request line may take before the front stops looking (Node's own header limit is 16 KB). */
const requestLineLimitBytes = 8 * 1024;
/** A connection that says nothing is closed, as an idle one would be. */
const silentConnectionMs = 65_000;

export interface FirstBytes {
  /** Every byte read from the connection: handed on with it, or put back for the front's own server. */
  head: Buffer;
  /** The first request's path, without its query; undefined when it never came or is not HTTP. */
  path: string | undefined;
}

/**
 * Reads a paused connection until its first request line is in (or it ends, or errs, or
 * sends more than a request line could be), then holds its reading (`holdReading`): nothing
 * past what was read is taken from the kernel, so the socket can change hands without
 * losing a byte. Whoever keeps it calls `releaseReading`.
 */
export function readRequestLine(socket: Socket): Promise<FirstBytes> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      socket.removeListener('data', onData);
      socket.removeListener('end', done);
      socket.removeListener('error', done);
      socket.removeListener('close', done);
      socket.removeListener('timeout', onSilence);
      socket.setTimeout(0);
      holdReading(socket);
      // Each read from the kernel is one 'data' while flowing, so nothing is buffered past the
      // last chunk; should anything be, it goes along too.
      if (socket.readableLength > 0) chunks.push(socket.read(socket.readableLength) as Buffer);
      const head = Buffer.concat(chunks);
      resolve({ head, path: pathOf(head) });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (chunk.includes(0x0a) || length >= requestLineLimitBytes) done();
    };
    const onSilence = () => socket.destroy();
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('error', done);
    socket.once('close', done);
    socket.setTimeout(silentConnectionMs, onSilence);
    // Paused since it was accepted (pauseOnConnect): a 'data' listener alone does not start it.
    socket.resume();
  });
}

/** `POST /webhooks/twitch?x HTTP/1.1` → `/webhooks/twitch`. */
export function pathOf(head: Buffer): string | undefined {
  const end = head.indexOf(0x0a);
  if (end < 0) return undefined;
  const match = /^[A-Z]+ (\/[^ ?]*)(?:\?[^ ]*)? HTTP\/1\.[01]\r?$/.exec(head.subarray(0, end).toString('latin1'));
  return match?.[1];
}

type ReadingHandle = { reading?: boolean; readStop?: () => number };
const handleOf = (socket: Socket) => (socket as unknown as { _handle?: ReadingHandle | null })._handle;

/**
 * Stops taking bytes from the kernel until `releaseReading`. A socket about to be sent to
 * another process must not read on, or what arrives meanwhile is read here and lost with
 * the handle (Node drops it); that holds for a socket passing through, too, which starts
 * reading once received and waits its turn to be sent on (Node sends one handle at a time
 * down a channel). Pausing is not enough: a paused stream still reads ahead (after each
 * chunk it asks for more), so the stream's own `_read` is held too, and the handle stopped
 * with its own `readStop`, as `net` stops it.
 */
export function holdReading(socket: Socket): void {
  socket.pause();
  // A read asked for while held is owed: a stream's `_read` must push sooner or later, or it never asks again.
  const owed: { size?: number } = {};
  held.set(socket, owed);
  Object.defineProperty(socket, '_read', { value: (size: number) => void (owed.size = size), configurable: true, writable: true });
  const handle = handleOf(socket);
  if (!handle?.readStop) return;
  handle.reading = false;
  handle.readStop();
}

/** Lets a held socket read again (it reads once resumed), doing any read it was asked for meanwhile: the front keeps it. */
export function releaseReading(socket: Socket): void {
  const owed = held.get(socket);
  held.delete(socket);
  delete (socket as unknown as { _read?: unknown })._read;
  if (owed?.size !== undefined) (socket as unknown as { _read(size: number): void })._read(owed.size);
}

const held = new WeakMap<Socket, { size?: number }>();
