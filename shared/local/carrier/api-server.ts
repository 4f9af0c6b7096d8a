/**
 * @module carrier/api-server
 * The carrier stand-in served over HTTP like EasyPost's API, for the official client
 * (`@easypost/api`, its `baseUrl` option) to talk to as it talks to api.easypost.com: JSON
 * bodies under `/v2`, the API key as HTTP Basic's user, EasyPost's error body
 * (`{ error: { code, message, errors } }`) and statuses. Labels are served (no key) at
 * `/labels/<shipment id>.png`, where the shipment's `label_url` points.
 *
 * Rate limiting, as EasyPost documents it (docs.easypost.com/guides/rate-limiting-guide: a
 * request past the limit is answered HTTP 429, "Too Many Requests", before anything is done):
 * with `requestsPerSecond`, a `/v2` request past that many in a second of the clock is answered
 * 429 `RATE_LIMITED`; with the fault plan's `carrier.429`, one is now and then. Neither is on
 * unless asked: unset, nothing is limited, so an in-process test never depends on how many
 * calls fit in a second.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { log } from '../../log';
import type { Clock } from '../../ports';
import { EasyPostApiError } from './objects';
import type { LocalCarrier } from './world';
import { PerSecondLimit } from '../stripe/per-second-limit';

/** When the stand-in answers 429 as EasyPost's limiter does. */
export interface CarrierApiLimits {
  /** Requests under `/v2` that may be made in a second of `clock`; more are answered 429 `RATE_LIMITED`, nothing done. */
  requestsPerSecond?: number;
  /** The clock the second is read from (the runtime's); the machine's otherwise. */
  clock?: Clock;
  /** The runtime's fault injector: `carrier.429` refuses a request now and then. */
  faults?: { roll(kind: 'carrier.429'): boolean };
}

/** EasyPost's limiter's answer: a 429 with the code the client reads as a RateLimitError. */
export const rateLimited = (): EasyPostApiError =>
  new EasyPostApiError(429, 'RATE_LIMITED', 'You have exceeded the rate limit for this endpoint. Please slow down and try again.');

export interface ServedCarrierApi {
  /** The client's `baseUrl` (ends in `/v2/`). */
  baseUrl: string;
  /** Where the labels are: the world's `labelBaseUrl` unless the runtime serves them itself. */
  labelsUrl: string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Route = { method: string; pattern: RegExp; answer: (world: LocalCarrier, body: Json, params: string[]) => unknown };

const routes: Route[] = [
  { method: 'POST', pattern: /^addresses\/create_and_verify$/, answer: (w, b) => ({ address: w.createAndVerify(field(b, 'address')) }) },
  { method: 'POST', pattern: /^addresses$/, answer: (w, b) => createAddress(w, b) },
  { method: 'GET', pattern: /^addresses\/([^/]+)$/, answer: (w, _b, [id]) => w.address(id ?? '') },
  { method: 'POST', pattern: /^parcels$/, answer: (w, b) => w.createParcel(field(b, 'parcel')) },
  { method: 'GET', pattern: /^parcels\/([^/]+)$/, answer: (w, _b, [id]) => w.parcel(id ?? '') },
  { method: 'POST', pattern: /^customs_items$/, answer: (w, b) => w.createCustomsItem(field(b, 'customs_item')) },
  { method: 'POST', pattern: /^customs_infos$/, answer: (w, b) => w.createCustomsInfo(field(b, 'customs_info')) },
  { method: 'GET', pattern: /^customs_infos\/([^/]+)$/, answer: (w, _b, [id]) => w.customsInfo(id ?? '') },
  { method: 'POST', pattern: /^shipments$/, answer: (w, b) => w.createShipment(field(b, 'shipment')) },
  { method: 'GET', pattern: /^shipments\/([^/]+)$/, answer: (w, _b, [id]) => w.shipment(id ?? '') },
  { method: 'POST', pattern: /^shipments\/([^/]+)\/buy$/, answer: (w, b, [id]) => w.buy(id ?? '', rateId(b)) },
  { method: 'POST', pattern: /^shipments\/([^/]+)\/refund$/, answer: (w, _b, [id]) => w.refund(id ?? '') },
  { method: 'POST', pattern: /^trackers$/, answer: (w, b) => w.createTracker(field(b, 'tracker')) },
  { method: 'GET', pattern: /^trackers\/([^/]+)$/, answer: (w, _b, [id]) => w.tracker(id ?? '') },
];

/**
 * @example
 * const api = await serveCarrierApi(world, apiKey);
 * const carrier = createEasyPostCarrier({ apiKey, webhookSecret, baseUrl: api.baseUrl });
 */
export async function serveCarrierApi(world: LocalCarrier, apiKey: string, limits: CarrierApiLimits = {}): Promise<ServedCarrierApi> {
  const perSecond = limits.requestsPerSecond ? new PerSecondLimit(limits.requestsPerSecond) : undefined;
  const clock = limits.clock ?? { now: () => new Date() };
  const overLimit = (req: IncomingMessage): boolean => {
    if (!(req.url ?? '').startsWith('/v2/')) return false;
    if (limits.faults?.roll('carrier.429')) return true;
    return perSecond !== undefined && !perSecond.take(clock.now().getTime());
  };
  const server: Server = createServer((req, res) => {
    readJson(req)
      .then((body) => {
        if (overLimit(req)) throw rateLimited();
        answer(world, apiKey, req, res, body);
      })
      .catch((error: unknown) => {
        const refused = error instanceof EasyPostApiError ? error : undefined;
        if (!refused) log.warn('the local carrier could not answer a request', { error: error instanceof Error ? error.message : String(error) });
        send(res, refused?.status ?? 500, refused?.body() ?? new EasyPostApiError(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong.').body());
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v2/`,
    labelsUrl: `http://127.0.0.1:${port}/labels`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answer(world: LocalCarrier, apiKey: string, req: IncomingMessage, res: ServerResponse, body: Json): void {
  const path = new URL(req.url ?? '/', 'http://local').pathname;
  const label = /^\/labels\/([^/]+)\.png$/.exec(path);
  if (label && req.method === 'GET') return sendLabel(world, res, label[1] ?? '');
  if (!path.startsWith('/v2/')) throw new EasyPostApiError(404, 'NOT_FOUND', 'The requested resource could not be found.');
  if (basicUser(req.headers.authorization) !== apiKey)
    throw new EasyPostApiError(401, 'APIKEY.INACTIVE', 'This API key is not active. Please use a different key.');
  const rest = path.slice('/v2/'.length);
  for (const route of routes) {
    const match = route.pattern.exec(rest);
    if (!match) continue;
    if (route.method !== req.method) continue;
    return send(res, req.method === 'POST' ? 201 : 200, JSON.stringify(route.answer(world, body, match.slice(1))));
  }
  throw new EasyPostApiError(404, 'NOT_FOUND', 'The requested resource could not be found.');
}

function sendLabel(world: LocalCarrier, res: ServerResponse, shipmentId: string): void {
  const png = world.label(shipmentId);
  if (!png) throw new EasyPostApiError(404, 'NOT_FOUND', 'No label for that shipment.');
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
  res.end(png);
}

/** `POST /addresses`: `verify` checks it; `verify_strict` refuses it when it fails. */
function createAddress(world: LocalCarrier, body: Json): unknown {
  if (body.verify_strict) return world.createAndVerify(field(body, 'address'));
  return world.createAddress(field(body, 'address'), Boolean(body.verify));
}

function field(body: Json, name: string): Json {
  const value = body[name];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  throw new EasyPostApiError(422, 'PARAMETER.REQUIRED', `Missing required parameter: ${name}.`, [{ field: name, message: 'is required' }]);
}

function rateId(body: Json): string {
  const id = field(body, 'rate').id;
  if (typeof id !== 'string')
    throw new EasyPostApiError(422, 'PARAMETER.REQUIRED', 'Missing required parameter: rate.', [{ field: 'rate', message: 'is required' }]);
  return id;
}

function basicUser(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0];
}

const bodyLimitBytes = 256 * 1024;

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > bodyLimitBytes) throw new EasyPostApiError(413, 'REQUEST.TOO_LARGE', 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // answered below
  }
  throw new EasyPostApiError(400, 'BAD_REQUEST', 'The request body is not a JSON object.');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
