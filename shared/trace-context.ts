/**
 * @module trace-context
 * One W3C trace per outside event (https://www.w3.org/TR/trace-context/): the ingress starts
 * one, or continues the caller's `traceparent`; every hop after it (a Pub/Sub delivery, a
 * Cloud Task's run) is a child span of the span that caused it. The current span lives in an
 * AsyncLocalStorage, so `log` stamps it on every line without it being passed to each call.
 *
 * Parsed and formatted here rather than with `@opentelemetry/core`'s propagator: that package
 * costs 135-420 ms to import (it loads the semantic conventions), which an ingress answering
 * Discord inside 3 s from a cold start cannot spare; the header is one line of hex.
 *
 * @example
 * const span = continueTrace(req.get('traceparent'));
 * await runInTrace(span, 'discordInteractions', () => handle(req));
 * // later, publishing: { attributes: withTraceAttribute(attributes) }
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';

/** The HTTP header a trace travels in (Cloud Tasks' requests, Google's front end, our local stand-ins). */
export const traceparentHeader = 'traceparent';
/** The Pub/Sub message attribute Google's client libraries read and write the same value in. */
export const traceparentAttribute = 'googclient_traceparent';

/** One span of a trace, as the header carries it. */
export interface SpanContext {
  /** 32 lowercase hex digits, not all zero. */
  traceId: string;
  /** 16 lowercase hex digits, not all zero. */
  spanId: string;
  /** The caller's sampled flag (trace-flags bit 0). */
  sampled: boolean;
}

/** The span a piece of work runs in, and what it is. */
export interface CurrentSpan extends SpanContext {
  /** The span that caused this one, when it came from outside or from another hop. */
  parentSpanId?: string;
  /** The function (or stand-in) doing the work: each line it writes names it. */
  function: string;
  /** Ids of the outside event that started the trace (`interactionId`, `stripeEventId`…), set by its ingress. */
  event?: Record<string, string>;
}

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const allZero = /^0+$/;

/**
 * The span a `traceparent` names, or undefined for anything the specification says to ignore
 * (wrong length, upper case, an all-zero id, version `ff`, a version-00 header with more after it).
 */
export function parseTraceparent(header: string | undefined): SpanContext | undefined {
  if (typeof header !== 'string' || header.length > 512) return undefined;
  const match = traceparentPattern.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (allZero.test(traceId) || allZero.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/** The header (version 00) that makes the receiver's span a child of `span`. */
export function formatTraceparent(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-${span.sampled ? '01' : '00'}`;
}

/** Random bytes drawn 256 ids at a time: one call into the CSPRNG per request costs more than the rest of the trace. */
const pool = Buffer.alloc(24 * 256);
let used = pool.length;

function randomHex24(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 24;
  return pool.toString('hex', used - 24, used);
}

/** Random hex ids; an all-zero one (invalid) is drawn again. */
function randomIds(): { traceId: string; spanId: string } {
  for (;;) {
    const hex = randomHex24();
    const traceId = hex.slice(0, 32);
    const spanId = hex.slice(32);
    if (!allZero.test(traceId) && !allZero.test(spanId)) return { traceId, spanId };
  }
}

function newSpanId(): string {
  return randomIds().spanId;
}

/**
 * A new span in the same trace as `parent`. Nothing records spans in Cloud Trace itself, so
 * a fresh trace is not marked sampled; a caller's decision (Google's front end) is kept.
 */
export function childSpan(parent: SpanContext): SpanContext & { parentSpanId: string } {
  return { traceId: parent.traceId, spanId: newSpanId(), sampled: parent.sampled, parentSpanId: parent.spanId };
}

/** A trace of its own, for an event whose sender named none (or named one badly). */
export function freshTrace(): SpanContext {
  return { ...randomIds(), sampled: false };
}

/** A child of the caller's span when its `traceparent` is valid, else a fresh trace: never an error. */
export function continueTrace(traceparent: string | undefined): SpanContext & { parentSpanId?: string } {
  const parent = parseTraceparent(traceparent);
  return parent ? childSpan(parent) : freshTrace();
}

const current = new AsyncLocalStorage<CurrentSpan>();

/** Runs `work` in `span`, done by `fn`: every log line written inside carries it. */
export function runInTrace<T>(span: SpanContext & { parentSpanId?: string }, fn: string, work: () => T): T {
  return current.run({ ...span, function: fn }, work);
}

/** The span of the work running now, if it runs in one. */
export function currentSpan(): CurrentSpan | undefined {
  return current.getStore();
}

/** The header value for what the current work causes next (a message, a task), if it runs in a trace. */
export function currentTraceparent(): string | undefined {
  const span = current.getStore();
  return span && formatTraceparent(span);
}

/** A message's attributes with the current trace added, unless they carry one already. */
export function withTraceAttribute(attributes: Record<string, string> | undefined): Record<string, string> | undefined {
  const traceparent = currentTraceparent();
  if (!traceparent || attributes?.[traceparentAttribute]) return attributes;
  return { ...attributes, [traceparentAttribute]: traceparent };
}

/**
 * Names the outside event the current trace began with (`{ interactionId }`, `{ stripeEventId }`):
 * the ingress's answer line carries it, so one query finds the trace from the event's id.
 */
export function nameTraceEvent(ids: Record<string, string>): void {
  const span = current.getStore();
  if (span) span.event = { ...span.event, ...ids };
}
