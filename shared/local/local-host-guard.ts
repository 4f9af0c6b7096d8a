/**
 * @module local-host-guard
 * The local routes answer this machine only, by name as well as by address. Listening on
 * 127.0.0.1 keeps other machines out, but not a web page that rebinds its own domain to
 * 127.0.0.1 (DNS rebinding): its requests arrive here carrying its domain as their Host. So
 * a `/_local/*` request must name a loopback host, and a POST that says where it comes from
 * (`Origin`) must come from a loopback page: what signs as Discord (the playground's relay)
 * or moves the clock is never reachable from a page elsewhere.
 */
import type express from 'express';

const loopback = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && loopback.test(host);
}

export function localHostGuard(): express.RequestHandler {
  return (req, res, next) => {
    if (!isLoopbackHost(req.headers.host)) {
      res.status(403).type('text/plain').send('The local routes answer 127.0.0.1 and localhost only.');
      return;
    }
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined && !isLoopbackHost(hostOf(origin))) {
      res.status(403).type('text/plain').send('The local routes take requests from pages of this machine only.');
      return;
    }
    next();
  };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
