/**
 * @module firestore-fault-proxy
 * Firestore misbehaving beneath the production SDK, under `--production-clients`: a small
 * HTTP/2 proxy in front of the emulator (which speaks gRPC in plain text), the functions'
 * SDK pointed at it. Each call is forwarded as it is, unless the fault plan says otherwise:
 *
 * - `firestore.aborted`: a Commit is answered ABORTED without reaching the emulator;
 * - `firestore.commit-answer-lost`: a Commit is applied, then answered UNAVAILABLE, as when
 *   the connection drops on the answer's way back (the SDK sends a plain commit again);
 * - `firestore.unavailable`: a stretch of one to five seconds in which every call is
 *   answered UNAVAILABLE.
 *
 * Beneath the SDK rather than around the adapter, so its own retries, backoff and error
 * codes are what the product meets, as in production.
 */
import {
  connect,
  constants,
  createServer,
  type ClientHttp2Session,
  type Http2Server,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { FaultInjector } from './fault-injector';

export interface FirestoreFaultProxy {
  /** `host:port` to point the SDK at. */
  host: string;
  close(): Promise<void>;
}

/** google.rpc.Code */
const grpcStatus = { aborted: 10, unavailable: 14 } as const;

const commitPath = '/google.firestore.v1.Firestore/Commit';

export type FaultDecision = 'forward' | 'aborted' | 'answer-lost' | 'unavailable';

/** What the plan does to one call; `nowMs` places it in or out of an unavailable stretch. */
export function faultDecider(faults: FaultInjector, nowMs: () => number = Date.now): (path: string) => FaultDecision {
  let unavailableUntilMs = 0;
  return (path) => {
    if (nowMs() < unavailableUntilMs) return 'unavailable';
    if (faults.roll('firestore.unavailable')) {
      unavailableUntilMs = nowMs() + faults.between('firestore.unavailable', 1_000, 5_000);
      return 'unavailable';
    }
    if (path !== commitPath) return 'forward';
    if (faults.roll('firestore.aborted')) return 'aborted';
    if (faults.roll('firestore.commit-answer-lost')) return 'answer-lost';
    return 'forward';
  };
}

/** Starts the proxy on a free 127.0.0.1 port, forwarding to `emulatorHost`. */
export async function startFirestoreFaultProxy(emulatorHost: string, decide: (path: string) => FaultDecision): Promise<FirestoreFaultProxy> {
  let upstream: ClientHttp2Session | undefined;
  const session = (): ClientHttp2Session => {
    if (!upstream || upstream.closed || upstream.destroyed) {
      upstream = connect(`http://${emulatorHost}`);
      upstream.on('error', () => undefined); // each stream reports its own failure
    }
    return upstream;
  };
  const server: Http2Server = createServer();
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path'] ?? '');
    const decision = decide(path);
    if (decision === 'aborted') return answerStatus(stream, grpcStatus.aborted, 'Transaction aborted (injected by the local runtime)');
    if (decision === 'unavailable') return answerStatus(stream, grpcStatus.unavailable, 'Firestore is unavailable (injected by the local runtime)');
    forward(stream, headers, session(), decision === 'answer-lost');
  });
  server.on('sessionError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      upstream?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A gRPC "trailers-only" answer: the status in the one header block that ends the stream. */
function answerStatus(stream: ServerHttp2Stream, status: number, message: string): void {
  stream.on('error', () => undefined);
  // The request's body is not wanted, but must be read for the stream to close cleanly.
  stream.resume();
  if (stream.headersSent || stream.closed) return;
  stream.respond(
    { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status), 'grpc-message': encodeURIComponent(message) },
    { endStream: true },
  );
}

function forward(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ClientHttp2Session, loseAnswer: boolean): void {
  const outgoing: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    // The connection's own pseudo-headers are the new connection's to set.
    if (name === ':authority' || name === ':scheme') continue;
    outgoing[name] = value;
  }
  const call = session.request(outgoing);
  let trailers: OutgoingHttpHeaders = {};
  stream.on('error', () => call.close(constants.NGHTTP2_CANCEL));
  stream.on('close', () => call.closed || call.close(constants.NGHTTP2_CANCEL));
  call.on('error', () => answerStatus(stream, grpcStatus.unavailable, 'the emulator could not be reached'));
  stream.pipe(call);
  call.on('response', (answer) => {
    if (loseAnswer) {
      // Applied by the emulator; the answer never comes back.
      call.resume();
      call.on('end', () => answerStatus(stream, grpcStatus.unavailable, 'the connection dropped after the commit (injected by the local runtime)'));
      return;
    }
    if (answer['grpc-status'] !== undefined) {
      stream.respond(answer, { endStream: true });
      return;
    }
    stream.respond(answer, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    call.on('trailers', (received) => (trailers = received));
    call.on('data', (chunk: Buffer) => stream.write(chunk));
    call.on('end', () => stream.end());
  });
}
