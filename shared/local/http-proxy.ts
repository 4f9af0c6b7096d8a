/**
 * @module http-proxy
 * Hands a request on to another local server and its answer back, bytes untouched (every
 * ingress checks a signature over the body): how the local ingress process, which owns the
 * public port, passes on every request that is not its own to the runtime.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';

export function proxyTo(target: string, limitBytes: number): (req: IncomingMessage, res: ServerResponse) => void {
  const { hostname, port } = new URL(target);
  const agent = new Agent({ keepAlive: true });
  return (req, res) => {
    // Refused here, as the runtime would refuse it: a runtime that answers 413 and closes
    // while the body is still being piped to it would leave this side with a broken pipe.
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
      return void res.end(`request body over ${limitBytes} bytes`);
    }
    const upstream = request({ host: hostname, port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the local runtime did not answer');
    });
    req.pipe(upstream);
  };
}
