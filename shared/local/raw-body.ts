/**
 * @module raw-body
 * Keeps every request's body as the bytes sent, the way the Functions Framework hands
 * `req.rawBody` to a deployed function: every ingress verifies its signature on them.
 * A body over the limit gets a short 413 once it has all arrived (`refuse-oversized`), and
 * is not kept. Written out rather than
 * `express.raw()`: on the hottest route that parser (type checks, `raw-body`, async hooks)
 * cost more CPU than the Ed25519 check itself.
 */
import type { NextFunction, Request, Response } from 'express';
import { refuseOversized } from './refuse-oversized';

export function rawBodyReader(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) return refuseOversized(req, res, limitBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        chunks.length = 0;
        refuseOversized(req, res, limitBytes);
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
