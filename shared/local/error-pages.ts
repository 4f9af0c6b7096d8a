/**
 * @module error-pages
 * The runtime's last answers: an unknown path gets the site's own 404 page (as Firebase
 * Hosting serves it in production), and anything that went wrong on the way (a malformed
 * `%` escape, a body over the limit, a bug) gets a short plain answer. Express's default
 * page would show a stack trace and the server's file paths to whoever asked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type express from 'express';
import { builtSitePage } from '../common';
import { log } from '../log';

export function mountErrorPages(app: express.Express, webRoot: string): void {
  const notFoundPage = join(webRoot, '404.html');
  app.use((req: express.Request, res: express.Response) => {
    // In the site's layout, as `npm run hosting:config` builds it for Hosting.
    if (req.accepts(['html', 'json']) === 'html' && existsSync(notFoundPage))
      return void res
        .status(404)
        .type('html')
        .send(builtSitePage(readFileSync(notFoundPage, 'utf8')));
    res.status(404).type('text/plain').send('not found');
  });
  // Four arguments: how Express knows this is the error handler.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = statusOf(error);
    if (status >= 500) log.error('local route failed', { path: req.path, error });
    if (res.headersSent) return void res.end();
    res
      .status(status)
      .type('text/plain')
      .set('connection', status === 413 ? 'close' : 'keep-alive')
      .send(shortReasons[status] ?? (status >= 500 ? 'internal error' : 'bad request'));
  });
}

const shortReasons: Record<number, string> = { 400: 'malformed request', 404: 'not found', 413: 'request body too large', 415: 'unsupported content type' };

/** The status an error carries (Express and its middleware set `status`), 500 when none. */
function statusOf(error: unknown): number {
  const status =
    typeof error === 'object' && error !== null
      ? ((error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode)
      : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
