/**
 * @module http-trigger
 * The one mapper for HTTP functions: a handler returns an answer value; anything it
 * throws is logged with the execution id and answered 500 without details. Each request
 * runs in a span of the caller's trace (`traceparent`: Google's front end sends one, Cloud
 * Tasks sends the one its task was made in), or of a fresh trace when none or a malformed
 * one came; an ingress that names its event (`nameTraceEvent`) gets one line when answered.
 * The request is a span (a server's) that ends after its answer line.
 */
import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import { log } from '../log';
import { continueTrace, currentSpan, markSpanFailed, runInTrace, setSpanAttributes, traceparentHeader } from '../trace-context';
import { flushSpans } from '../telemetry';

export interface HttpAnswer {
  status: number;
  json?: unknown;
  text?: string;
  /** A header given as a list is sent once per value (`set-cookie`). */
  headers?: Record<string, string | string[]>;
}

export type HttpHandler = (req: Request) => Promise<HttpAnswer>;

export function httpFunction(name: string, handle: HttpHandler): HttpFunction {
  const serve = async (req: Request, res: Response) => {
    const startedAt = performance.now();
    let answer: HttpAnswer;
    try {
      answer = await handle(req);
    } catch (error) {
      log.error('http function failed', { function: name, executionId: req.get('function-execution-id'), error });
      answer = { status: 500, text: 'internal error' };
    }
    send(res, answer);
    setSpanAttributes({ 'http.response.status_code': answer.status });
    if (answer.status >= 500) markSpanFailed(`answered ${answer.status}`);
    // One line per answer, after it is sent (it costs the sender nothing): terraform/metrics.tf reads it
    // (answer latency, webhooks answered 2xx, refusals included), and it names the outside event an
    // ingress named (`nameTraceEvent`), which the local trace journal finds a trace by. The time is
    // inside the function, not the platform's: a cold start is not in it.
    const named = currentSpan()?.event;
    log.info('answered', { ...named, event: 'http.answered', function: name, status: answer.status, ms: Math.round(performance.now() - startedAt) });
  };
  // The request's span is sent after the answer, never before: Discord waits on it (shared/telemetry says how it leaves).
  return (req: Request, res: Response) =>
    runInTrace(continueTrace(req.get(traceparentHeader)), name, () => serve(req, res), 'server').finally(() => void flushSpans());
}

/**
 * Writes the answer with Node's own `writeHead` and `end`: Express's `json`/`send` also
 * negotiate charsets and freshness and hash an ETag, none of which these answers need, on
 * the route Discord waits on.
 */
export function send(res: Response, answer: HttpAnswer): void {
  const isJson = answer.json !== undefined;
  const body = isJson ? JSON.stringify(answer.json) : (answer.text ?? '');
  res.writeHead(answer.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    ...answer.headers,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** The raw body as Discord, Stripe or Twitch signed it. Never a re-serialised JSON. */
export function rawBodyOf(req: Request): Buffer {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  return Buffer.alloc(0);
}

/**
 * The last segment of the path, such as the id in `/overlay/pot/<id>`: Express names it as
 * a route parameter locally, while a deployed function (behind a Hosting rewrite) is
 * handed the whole path.
 */
export function lastPathSegment(req: Request): string {
  try {
    return decodeURIComponent(req.path.split('/').filter(Boolean).pop() ?? '');
  } catch {
    return ''; // a malformed %-escape names nothing
  }
}

/** A page or a redirect for a person's browser. */
export interface BrowserPage {
  status: number;
  html?: string;
  /** Where a 302 / 303 sends the browser. */
  location?: string;
  /** `Set-Cookie` headers, each sent as is. */
  cookies?: string[];
}

/**
 * A page or a redirect as a browser gets it: never cached (it may be one person's), and
 * never telling the next site where the browser came from (a callback's URL holds its code).
 */
export function browserAnswer(page: BrowserPage): HttpAnswer {
  return {
    status: page.status,
    text: page.html ?? '',
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      // A person's page (their data, an erase form, a pay link) is never shown inside another site's frame.
      'content-security-policy': "frame-ancestors 'none'",
      ...(page.location ? { location: page.location } : {}),
      ...(page.cookies?.length ? { 'set-cookie': page.cookies } : {}),
    },
  };
}
