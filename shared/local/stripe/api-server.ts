/**
 * @module stripe/api-server
 * The local Stripe served over HTTP, for stripe-node to talk to as it talks to
 * api.stripe.com (its `host`, `port` and `protocol` options): form-encoded requests under
 * `/v1`, the secret key as a Bearer token, Stripe's error JSON and statuses, and the
 * `Idempotency-Key` honoured as Stripe does: a key's first successful answer is kept and
 * replayed (`Idempotent-Replayed: true`), the same key with other parameters is an
 * `idempotency_error`, and a key still in flight answers 409. Refusals are replayed by
 * LocalPayments itself, which keeps those Stripe keeps. Every function of the local runtime
 * reaches Stripe here, through the production adapter. With the fault plan, Stripe fails
 * here, where stripe-node's retries see it (api-faults): `stripe.500` answers 500 before
 * anything is done, `stripe.timeout-after-success` does the work and drops the connection
 * unanswered. With `writesPerSecond`, Stripe's limiter answers writes past it 429 `rate_limit`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectionPath, docPath, type Clock, type DocumentStore } from '../../ports';
import { log } from '../../log';
import type { LocalPayments } from './payments';
import { StripeApiFaults, type StripeFaultDraws } from './api-faults';
import { readStripeForm } from './api-form';
import { stripeApiRoutes } from './api-routes';
import { asStripeApiError, StripeApiError } from './api-errors';
import { PerSecondLimit, rateLimitMessage } from './per-second-limit';

export interface StripeApiOptions {
  payments: LocalPayments;
  store: DocumentStore;
  clock: Clock;
  /** The only key it takes (the local STRIPE_SECRET_KEY). */
  secretKey: string;
  /** The runtime's fault injector (only its `roll` and `between` are used). */
  faults?: StripeFaultDraws;
  /** How long a fault's spell lasts (api-faults): longer than stripe-node's retries unless a test shortens it. */
  faultSpellMs?: number;
  /** Stripe's limit on writes a second (per-second-limit); unset, none. The world it serves then keeps none of its own, or a write would count twice. */
  writesPerSecond?: number;
}

export interface ServedStripeApi {
  /** What stripe-node's options take to reach it. */
  endpoint: { host: string; port: number; protocol: 'http' };
  /** Every write it was sent, in arrival order, on its own clock: what a test counts a second's writes from, never the caller's own count. */
  writes(): readonly ArrivedWrite[];
  close(): Promise<void>;
}

/** A write as the local Stripe saw it arrive: when (its clock), what, and whether its limiter refused it (429). */
export interface ArrivedWrite {
  atMs: number;
  path: string;
  refused: boolean;
}

/** The newest writes kept: a bench's close of thousands fits; an endless runtime does not grow without bound. */
const keptWrites = 200_000;

/** A key's first successful answer, replayed to the same request under the same key. */
type KeptAnswer = { request: string; status: number; body: string };
const keptAnswers = collectionPath<KeptAnswer>('_localStripeApiAnswers');

const bodyLimitBytes = 1024 * 1024;

/**
 * @example
 * const api = await serveStripeApi({ payments, store, clock, secretKey });
 * const stripePayments = createStripePayments(secretKey, api.endpoint);
 */
export async function serveStripeApi(options: StripeApiOptions): Promise<ServedStripeApi> {
  const routes = stripeApiRoutes(options.payments, options.store);
  const inFlight = new Set<string>();
  const faults = new StripeApiFaults(options.faults, undefined, options.faultSpellMs);
  const overLimit = writesLimiter(options);
  const arrived: ArrivedWrite[] = [];
  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((body) => answer(req, res, body))
      .catch((error: unknown) => {
        log.warn('the local Stripe could not answer a request', { error: error instanceof Error ? error.message : String(error) });
        if (res.headersSent) res.destroy();
        else send(res, asJson(new StripeApiError(500, 'api_error', 'The local Stripe could not answer.')));
      });
  });

  async function answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    // stripe-node deletes with DELETE (a customer): no body, no key, as a GET.
    const method = req.method === 'POST' ? 'POST' : req.method === 'DELETE' ? 'DELETE' : 'GET';
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    if (req.headers.authorization !== `Bearer ${options.secretKey}`)
      return send(
        res,
        asJson(new StripeApiError(401, 'authentication_error', 'Invalid API Key provided: the local Stripe takes only its own STRIPE_SECRET_KEY.')),
      );
    const refused = overLimit(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      arrived.push({ atMs: options.clock.now().getTime(), path, refused });
      if (arrived.length > keptWrites) arrived.splice(0, arrived.length - keptWrites);
    }
    if (refused) return send(res, asJson(new StripeApiError(429, 'invalid_request_error', rateLimitMessage, { code: 'rate_limit' })));
    const key = method === 'POST' ? header(req, 'idempotency-key') : undefined;
    // A fault's spell holds every attempt of the same request: its retries carry the same key (or, without one, ask the same path).
    const attempt = key === undefined ? `${method} ${path}` : `key ${key}`;
    if (faults.failsBefore(attempt)) return send(res, asJson(new StripeApiError(500, 'api_error', `Stripe answered 500 to ${method} ${path} (injected)`)));
    const fingerprint = `${method} ${path} ${body}`;
    const keptPath = key === undefined ? undefined : docPath<KeptAnswer>(`${keptAnswers}/${encodeURIComponent(key)}`);
    const kept = keptPath && (await options.store.get(keptPath));
    if (kept) {
      if (kept.request !== fingerprint) return send(res, keyReusedAnswer(key));
      // Replayed, and lost on the way back again while the spell lasts.
      if (faults.losesAnswer(attempt)) return void res.destroy();
      return send(res, { status: kept.status, body: kept.body }, { 'idempotent-replayed': 'true' });
    }
    if (key !== undefined && inFlight.has(key)) return send(res, keyInUseAnswer);
    if (key !== undefined) inFlight.add(key);
    try {
      // stripe-node sends a GET's parameters (a list's filters) in the query string, encoded as a POST's body.
      const answered = await run({ method, path, body: method === 'GET' ? query : body, key, account: header(req, 'stripe-account') });
      if (keptPath && answered.status === 200) await options.store.set(keptPath, { request: fingerprint, ...answered });
      // Done at Stripe, and the answer lost on the way back: stripe-node retries with the same key and gets it replayed.
      if (faults.losesAnswer(attempt)) return void res.destroy();
      send(res, answered);
    } finally {
      if (key !== undefined) inFlight.delete(key);
    }
  }

  async function run({ method, path, body, key, account }: ApiRequest): Promise<{ status: number; body: string }> {
    const match = routes.map((route) => ({ route, found: route.method === method ? route.path.exec(path) : null })).find((m) => m.found);
    if (!match?.found)
      return asJson(
        new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}): the local Stripe serves only what C500 calls.`),
      );
    try {
      const object = await match.route.answer({
        params: match.found.slice(1),
        form: readStripeForm(body),
        // stripe-node sends one with every POST; a caller that did not gets a fresh one.
        idempotencyKey: key ?? `local-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        nowSeconds: Math.floor(options.clock.now().getTime() / 1000),
        ...(account ? { account } : {}),
      });
      return { status: 200, body: JSON.stringify(object) };
    } catch (error) {
      const refused = asStripeApiError(error);
      if (refused.status >= 500) log.warn('the local Stripe failed a request', { method, path, error: refused.message });
      return asJson(refused);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
    writes: () => arrived,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const keyReusedAnswer = (key: string | undefined) =>
  asJson(
    new StripeApiError(
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key})`,
    ),
  );

const keyInUseAnswer = asJson(
  new StripeApiError(409, 'invalid_request_error', 'There is currently another in-progress request using this Idempotent Key.', {
    code: 'idempotency_key_in_use',
  }),
);

/** One request as the routes run it: `body` is a GET's query. */
type ApiRequest = { method: 'GET' | 'POST' | 'DELETE'; path: string; body: string; key: string | undefined; account: string | undefined };

/**
 * Stripe's limiter, answering first: a write past it is refused with nothing done and nothing
 * kept under its key (stripe-node does not retry a 429 by itself). Reads are not counted.
 */
function writesLimiter(options: StripeApiOptions): (req: IncomingMessage) => boolean {
  const limit = options.writesPerSecond ? new PerSecondLimit(options.writesPerSecond) : undefined;
  return (req) => limit !== undefined && req.method !== 'GET' && req.method !== 'HEAD' && !limit.take(options.clock.now().getTime());
}

function asJson(error: StripeApiError): { status: number; body: string } {
  return { status: error.status, body: JSON.stringify({ error: { type: error.type, message: error.message, ...error.extra } }) };
}

function send(res: ServerResponse, answer: { status: number; body: string }, headers: Record<string, string> = {}): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': `req_local_${Date.now().toString(36)}`, ...headers }).end(answer.body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimitBytes) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
