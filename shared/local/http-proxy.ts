/**
 * @module http-proxy
 * Hands a request on to another local server and its answer back, bytes untouched (every
 * ingress checks a signature over the body): how the local ingress process, which owns the
 * public port, passes on every request that is not its own to the runtime.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { refuseOversized } from './refuse-oversized';

export function proxyTo(target: string, limitBytes: number): (req: IncomingMessage, res: ServerResponse) => void {
  const { hostname, port } = new URL(target);
  const agent = new Agent({ keepAlive: true });
  return (req, res) => {
    // Refused here, as the runtime would refuse it: a runtime that answers 413 and closes
    // while the body is still being piped to it would leave this side with a broken pipe.
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) return refuseOversized(req, res, limitBytes);
    const upstream = request({ host: hostname, port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the local runtime did not answer');
    });
    // A client gone before the answer ended (a page closed on its event stream) frees the runtime's side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}

/**
 * Hands a request whose body was already read (the runtime's server reads every body, for
 * the signatures) on to a function in another process, whose address may change when it
 * is started again: asked for each request. `extraHeaders` go along (a test's clock).
 */
export function forwardTo(
  target: () => Promise<string>,
  extraHeaders: () => Record<string, string> = () => ({}),
): (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse) => Promise<void> {
  const agent = new Agent({ keepAlive: true });
  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(await target());
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      return void res.end('the function’s process is starting again');
    }
    const body = req.rawBody ?? Buffer.alloc(0);
    const headers = { ...req.headers, ...extraHeaders(), 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = request({ host: url.hostname, port: url.port, method: req.method, path: req.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.on('aborted', () => res.destroy());
      answer.pipe(res);
    });
    upstream.on('error', () => {
      // The process died with the request: as a caller of a crashed instance sees it.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the function’s process did not answer');
    });
    upstream.end(body);
  };
}
