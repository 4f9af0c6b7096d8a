/**
 * @module front-door
 * An HTTP server of the local runtime. A function whose route is a fixed path (the Discord
 * ingress, the webhooks, the task targets) gets its request directly, with the Express
 * request and response methods the Functions Framework gives a deployed function; anything
 * else goes to the fallback: the runtime's Express app (routes with parameters, the
 * simulators, the pages), or in the ingress process, the runtime itself. Measured under a
 * herd of bids, the router and its chain of layers cost about a tenth of the CPU per bid,
 * on a route whose answer Discord waits for.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { HttpFunction } from '@google-cloud/functions-framework';
import type express from 'express';
import { log } from '../log';
import { listenBacklog } from './public-socket';
import { readRequestLine, releaseReading } from './connection-handoff';

/** Connections the front hands on whole, by the path of their first request (see connection-handoff). */
export interface HandOff {
  routes: ReadonlySet<string>;
  /** Takes the socket and the bytes already read from it, the request line among them. */
  to(route: string, socket: Socket, head: Buffer): void;
}

type BodyReader = (req: express.Request, res: express.Response, next: () => void) => void;

export class FrontDoor {
  private readonly fixed = new Map<string, HttpFunction>();
  private readonly adopted = new WeakSet<Socket>();
  private readonly server: Server = createServer((req, res) => this.handle(req, res));
  /** False from `holdUntilOpen()` to `open()`: every request is told to come back (see notYet). */
  private opened = true;

  constructor(
    private readonly app: express.Express,
    private readonly readBody: BodyReader,
    private readonly fallback: RequestListener = app,
    /** Sees every request first (the local clock a test's runtime sends along). */
    private readonly onRequest?: (req: IncomingMessage) => void,
  ) {
    // Discord and the load generators keep connections open; a shorter idle timeout races their reuse (ECONNRESET).
    this.server.keepAliveTimeout = 65_000;
  }

  /** `subpaths`: every path under the route as well (`/dashboard/guild/1`), as its Hosting rewrite sends them. */
  mount(route: string, handler: HttpFunction, options: { subpaths?: boolean } = {}): void {
    if (route.includes(':')) this.app.all(route, handler);
    else this.fixed.set(route, handler);
    if (options.subpaths) this.app.all(`${route}/*rest`, handler);
  }

  /**
   * Listens on a port of 127.0.0.1, or on a socket another process opened and handed over;
   * with `handOff`, a connection whose first request is for one of its routes goes there.
   */
  listen(on: number | NetServer, handOff?: HandOff): Promise<Server> {
    const server = this.server;
    if (handOff && handOff.routes.size > 0) return this.listenHandingOff(on, handOff);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      if (typeof on === 'number') server.listen(on, '127.0.0.1', listenBacklog, () => resolve(server));
      // A socket handed over is listened on again, which sets its backlog anew: Node's default (511) unless given.
      else server.listen(on, listenBacklog, () => resolve(server));
    });
  }

  /**
   * Listening before every route is mounted (the runtime's port is opened first, so its
   * address is known to what it starts), a request is answered 503 with Retry-After, not a
   * 404 for a route that is on its way, until `open()`.
   */
  holdUntilOpen(): void {
    this.opened = false;
  }

  /** Every route is mounted: serve them. */
  open(): void {
    this.opened = true;
  }

  /** A connection another process's front read the first bytes of and handed here: served as if it had arrived here. */
  adopt(socket: Socket, head: Buffer): void {
    this.adopted.add(socket);
    this.serve(socket, head);
  }

  /** Whether a request came on a connection handed over by the front (its other routes are not served here). */
  cameHandedOver(req: IncomingMessage): boolean {
    return this.adopted.has(req.socket);
  }

  /**
   * The socket is listened on by a plain TCP server that sorts connections; the HTTP server
   * takes the ones that stay, as a server takes connections it is given ('connection').
   */
  private listenHandingOff(on: number | NetServer, handOff: HandOff): Promise<Server> {
    const server = this.server;
    const sorter = createNetServer({ pauseOnConnect: true }, (socket) => {
      void readRequestLine(socket).then(({ head, path }) => {
        if (socket.destroyed) return;
        if (path !== undefined && handOff.routes.has(path)) return handOff.to(path, socket, head);
        releaseReading(socket);
        this.serve(socket, head);
      });
    });
    // The HTTP server never listens itself: closing it closes the sorter.
    server.once('close', () => sorter.close());
    return new Promise((resolve, reject) => {
      sorter.once('error', reject);
      const listening = () => resolve(server);
      if (typeof on === 'number') sorter.listen(on, '127.0.0.1', listenBacklog, listening);
      else sorter.listen(on, listenBacklog, listening);
    });
  }

  /** The HTTP server takes a connection it was given, as it takes one it accepted ('connection'), its first bytes put back. */
  private serve(socket: Socket, head: Buffer): void {
    this.server.emit('connection', socket);
    socket.unshift(head);
    socket.resume();
  }

  private handle(raw: IncomingMessage, rawRes: ServerResponse): void {
    this.onRequest?.(raw);
    if (!this.opened) return notYet(rawRes);
    const handler = this.fixed.get((raw.url ?? '').split('?')[0] as string);
    if (!handler) {
      this.fallback(raw, rawRes);
      return;
    }
    // What Express's own first layer does: its request and response methods, each knowing the other.
    const req = Object.setPrototypeOf(raw, this.app.request) as express.Request;
    const res = Object.setPrototypeOf(rawRes, this.app.response) as express.Response;
    Object.assign(req, { res });
    Object.assign(res, { req, locals: Object.create(null) as Record<string, unknown> });
    this.readBody(req, res, () => {
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        log.error('local function failed outside its own error handling', { path: req.path, error });
        if (!res.headersSent) res.status(500).type('text/plain').send('internal error');
      });
    });
  }
}

/** What a server that is starting answers: come back in a second (a client that retries on 503 does). */
export function notYet(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': String(retryAfterSeconds) });
  res.end(startingText);
}

const retryAfterSeconds = 1;
const startingText = 'the local runtime is starting: every route is served in a moment';
