/**
 * @module raw-body
 * Keeps every request's body as the bytes sent, the way the Functions Framework hands
 * `req.rawBody` to a deployed function: every ingress verifies its signature on them.
 * A body over the limit gets a short 413 and is not read further. Written out rather than
 * `express.raw()`: on the hottest route that parser (type checks, `raw-body`, async hooks)
 * cost more CPU than the Ed25519 check itself.
 */
import type { NextFunction, Request, Response } from 'express';

export function rawBodyReader(limitBytes: number) {
  const tooLarge = (res: Response) => res.status(413).type('text/plain').set('connection', 'close').send(`request body over ${limitBytes} bytes`);
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      tooLarge(res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        tooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      (req as Request & { rawBody?: Buffer }).rawBody = body;
      req.body = body;
      next();
    });
    req.on('error', () => {
      if (!res.headersSent) res.status(400).type('text/plain').send('the request body could not be read');
    });
  };
}
