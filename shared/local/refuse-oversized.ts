/**
 * @module refuse-oversized
 * A body over the limit gets a short 413, sent once the client has finished sending. Sent
 * while the client still writes, the 413 and the close that follows it race the client's
 * last bytes: the socket closed under them answers with a reset, and the client sees a
 * broken pipe (`fetch failed`, EPIPE) instead of the 413. So the rest of the body is read and
 * thrown away, up to a bound; past it the connection is cut, as a server must under abuse.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most of an oversized body read and thrown away before the 413: past it, the connection is cut. */
export const discardUpToBytes = 16 * 1024 * 1024;

export function refuseOversized(req: IncomingMessage, res: ServerResponse, limitBytes: number): void {
  let answered = false;
  const answer = () => {
    if (answered || res.headersSent) return;
    answered = true;
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
    res.end(`request body over ${limitBytes} bytes`);
  };
  if (req.complete) return answer();
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > discardUpToBytes) req.socket.destroy();
  });
  req.on('end', answer);
  req.on('error', () => undefined);
  req.resume();
}
