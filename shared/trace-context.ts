/**
 * @module trace-context
 * One W3C trace per outside event (https://www.w3.org/TR/trace-context/): the ingress starts
 * one, or continues the caller's `traceparent`; every hop after it (a Pub/Sub delivery, a
 * Cloud Task's run) is a child span of the span that caused it. The current span lives in an
 * AsyncLocalStorage, so `log` stamps it on every line without it being passed to each call.
 *
 * The ids are made here and are the spans' ids in Cloud Trace too: each span is recorded as it
 * ends (`onSpanEnded`) and shared/telemetry hands it to OpenTelemetry's SDK afterwards, so a
 * line's `spanId` is its span's. Parsed, made and recorded here rather than with OpenTelemetry's
 * API on the request's path: `@opentelemetry/core` cost 135-420 ms to import, and the SDK with
 * Google's exporter about 120 ms more (docs/operations/runbook.md#following-one-event-traces),
 * which an ingress answering Discord inside 3 s from a cold start cannot spare.
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

/** The share of traces sent to Cloud Trace (`C500_TRACE_SAMPLE_RATIO`); none until the deployment sets it. */
let sampleRatio = 0;

/** Sets the share of traces sampled, once at start (clamped to 0..1). */
export function setTraceSampleRatio(ratio: number): void {
  sampleRatio = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
}

/**
 * Whether a trace id falls in the sampled share: OpenTelemetry's TraceIdRatioBased rule
 * (the id's four 32-bit words xor-ed, below ratio × 2³²-1), so every hop of a trace, and
 * the exporter's own sampler, decide the same for the same id without asking each other.
 */
export function traceIdSampled(traceId: string, ratio = sampleRatio): boolean {
  if (ratio <= 0) return false;
  const upperBound = ratio >= 1 ? 0x100000000 : Math.floor(ratio * 0xffffffff);
  let accumulation = 0;
  for (let i = 0; i < 32; i += 8) accumulation = (accumulation ^ Number.parseInt(traceId.slice(i, i + 8), 16)) >>> 0;
  return accumulation < upperBound;
}

/** A new span in the same trace as `parent`, sampled as it is. */
export function childSpan(parent: SpanContext): SpanContext & { parentSpanId: string } {
  return { traceId: parent.traceId, spanId: newSpanId(), sampled: parent.sampled, parentSpanId: parent.spanId };
}

/** A trace of its own, for an event whose sender named none (or named one badly): sampled by the configured ratio. */
export function freshTrace(): SpanContext {
  const ids = randomIds();
  return { ...ids, sampled: traceIdSampled(ids.traceId) };
}

/**
 * A child of the caller's span when its `traceparent` is valid, else a fresh trace: never an
 * error. Sampled when the caller sampled it, or when its trace id falls in the configured
 * share: ParentBased with TraceIdRatioBased for an unsampled remote parent, as Google's front
 * end marks most requests unsampled; our own hops decide the same by the same trace id.
 */
export function continueTrace(traceparent: string | undefined): SpanContext & { parentSpanId?: string } {
  const parent = parseTraceparent(traceparent);
  if (!parent) return freshTrace();
  const child = childSpan(parent);
  return child.sampled ? child : { ...child, sampled: traceIdSampled(child.traceId) };
}

const current = new AsyncLocalStorage<CurrentSpan>();

/**
 * Runs `work` in `span`, done by `fn`: every log line written inside carries it. Given a
 * `kind` (a function's own request or delivery), the span is recorded as `fn` when the work
 * settles; a local stand-in's hop (`pubsub:<subscription>`) is not, as Cloud Trace has none.
 */
export function runInTrace<T>(span: SpanContext & { parentSpanId?: string }, fn: string, work: () => T, kind?: SpanKindName): T {
  const running: CurrentSpan = { ...span, function: fn };
  if (!kind) return current.run(running, work);
  return runRecorded(running, { name: fn, kind, startMs: epochNow(), attributes: {} }, work);
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

/** What a span is to its trace, as OpenTelemetry's SpanKind names it. */
export type SpanKindName = 'server' | 'consumer' | 'client' | 'producer' | 'internal';
export type SpanAttributes = Record<string, string | number | boolean>;

/** A span as it ended: what Cloud Trace is sent, and what the local trace view shows. */
export interface EndedSpan extends SpanContext {
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  /** The function (or stand-in) the span ran in. */
  function: string;
  /** Milliseconds since the epoch, fractional. */
  startMs: number;
  endMs: number;
  attributes: SpanAttributes;
  /** `error` when the work threw (or answered a 5xx), with the error's name. */
  status: { code: 'ok' | 'error'; message?: string };
  /** Spans of another trace this one answers (a caller's trace this span left for the checkout's). */
  links?: SpanContext[];
}

/** The current span's bookkeeping: when it began and what it is, beside the ids log lines carry. */
interface Recorded {
  name: string;
  kind: SpanKindName;
  startMs: number;
  attributes: SpanAttributes;
  links?: SpanContext[];
  failed?: string;
}
const recordedOf = new WeakMap<CurrentSpan, Recorded>();

type SpanListener = (span: EndedSpan) => void;
const spanListeners = new Set<SpanListener>();

/** Hears every span as it ends (the local trace journal; Cloud Trace's exporter). Answers the remover. */
export function onSpanEnded(listener: SpanListener): () => void {
  spanListeners.add(listener);
  return () => spanListeners.delete(listener);
}

/** `performance.now()` on the epoch: spans of one process order finer than a millisecond. */
const epochNow = (): number => performance.timeOrigin + performance.now();

function endSpan(span: CurrentSpan, error?: unknown): void {
  const recorded = recordedOf.get(span);
  if (!recorded || spanListeners.size === 0) return;
  const failed = error === undefined ? recorded.failed : error instanceof Error ? error.name : 'error';
  const ended: EndedSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    sampled: span.sampled,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: recorded.name,
    kind: recorded.kind,
    function: span.function,
    startMs: recorded.startMs,
    endMs: epochNow(),
    attributes: recorded.attributes,
    status: failed === undefined ? { code: 'ok' } : { code: 'error', message: failed },
    ...(recorded.links ? { links: recorded.links } : {}),
  };
  for (const listener of spanListeners) {
    try {
      listener(ended);
    } catch {
      // A recorder that cannot take the span must not fail the work it measured.
    }
  }
}

/** Runs `work` as `span`, recorded when it settles (a promise's end, or a throw). */
function runRecorded<T>(span: CurrentSpan, recorded: Recorded, work: () => T): T {
  recordedOf.set(span, recorded);
  return current.run(span, () => {
    let answer: T;
    try {
      answer = work();
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
    if (answer instanceof Promise)
      return answer.then(
        (value: unknown) => (endSpan(span), value),
        (error: unknown) => {
          endSpan(span, error);
          throw error;
        },
      ) as T;
    endSpan(span);
    return answer;
  });
}

/**
 * Runs `work` in a child span of the current one, named `name` (`discord editChannelMessage`,
 * `pubsub publish`, `redis placeBid`): a publish or a task made inside carries this span's id,
 * so the subscriber's span is its child. Outside any trace, runs `work` as it is.
 */
export function inChildSpan<T>(name: string, kind: SpanKindName, attributes: SpanAttributes, work: () => T): T {
  const parent = current.getStore();
  if (!parent) return work();
  const span: CurrentSpan = { ...childSpan(parent), function: parent.function, ...(parent.event ? { event: parent.event } : {}) };
  return runRecorded(span, { name, kind, startMs: epochNow(), attributes }, work);
}

/** Marks the current span failed without a throw (an ingress that answered a 5xx). */
export function markSpanFailed(reason: string): void {
  const span = current.getStore();
  const recorded = span && recordedOf.get(span);
  if (recorded) recorded.failed = reason;
}

/** Adds attributes to the current span (an HTTP answer's status). */
export function setSpanAttributes(attributes: SpanAttributes): void {
  const span = current.getStore();
  const recorded = span && recordedOf.get(span);
  if (recorded) Object.assign(recorded.attributes, attributes);
}

/**
 * Moves the current span, a trace's first, into the trace `traceparent` names, as its child
 * (the Stripe webhook, into the trace of the checkout that its event answers, whose session
 * carries the header in its metadata); the trace it left is kept as a link. Lines written
 * from now on are in that trace. An invalid header leaves it where it is: answers whether it moved.
 */
export function joinTrace(traceparent: string | undefined): boolean {
  const span = current.getStore();
  const parent = parseTraceparent(traceparent);
  const recorded = span && recordedOf.get(span);
  if (!span || !parent || !recorded || parent.traceId === span.traceId) return false;
  recorded.links = [...(recorded.links ?? []), { traceId: span.traceId, spanId: span.spanId, sampled: span.sampled }];
  span.traceId = parent.traceId;
  span.parentSpanId = parent.spanId;
  span.sampled = parent.sampled;
  return true;
}
