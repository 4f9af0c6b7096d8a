/**
 * @module trace-journal
 * The local runtime's view of Cloud Logging's trace query: every line written inside a
 * trace, by any of its processes, kept by trace id in memory (the last `maxTraces` traces,
 * at most `maxEntriesPerTrace` lines each), and found again by the trace id or by the id of
 * the outside event that began it (`GET /_local/trace/:traceId`, `GET /_local/traces?…`).
 * Beside the lines, the trace's spans as Cloud Trace is sent them (see shared/telemetry):
 * each function's request or delivery, and each call it made out (Discord, Stripe, Twitch,
 * Redis, Firestore, a publish, a task), linked to its parent by `parentSpanId`.
 */
import type { EndedSpan, SpanAttributes, SpanContext } from '../trace-context';
import { parentSpanIdField, spanIdField, traceField, traceSampledField, type TracedLineListener } from '../log';

/** One line of a trace as the routes answer it. */
export interface TraceEntry {
  time: string;
  /** The function (or stand-in: `pubsub:<subscription>`, `cloud-tasks:<queue>`) that wrote it. */
  function: string;
  spanId: string;
  parentSpanId?: string;
  severity: string;
  message: string;
  /** The line's own fields, Cloud Logging's special ones left out. */
  fields: Record<string, unknown>;
}

/** One span of a trace as the routes answer it. */
export interface TraceSpan {
  name: string;
  kind: EndedSpan['kind'];
  function: string;
  spanId: string;
  parentSpanId?: string;
  /** ISO time it began; its length in milliseconds (fractional). */
  start: string;
  durationMs: number;
  attributes: SpanAttributes;
  status: EndedSpan['status'];
  links?: SpanContext[];
}

/** A span as the routes answer it. */
export const traceSpanOf = (span: EndedSpan): TraceSpan => ({
  name: span.name,
  kind: span.kind,
  function: span.function,
  spanId: span.spanId,
  ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
  start: new Date(span.startMs).toISOString(),
  durationMs: Math.round((span.endMs - span.startMs) * 1000) / 1000,
  attributes: span.attributes,
  status: span.status,
  ...(span.links ? { links: span.links } : {}),
});

/** What a process sends the runtime for each line: the trace it belongs to and the entry. */
export interface TracedLine {
  traceId: string;
  entry: TraceEntry;
}

/**
 * A line as a function process sends it: its trace, the span that wrote it, the line as it was
 * printed (parsed only when someone reads the trace: most never are), and the event lookups it
 * carries (`interactionId:<id>`). Strings only: the process channel copies them, where an
 * object's every key and value would be serialized on one side and rebuilt on the other.
 */
export type WrittenLine = [traceId: string, fn: string, spanId: string, parentSpanId: string, json: string, lookups?: string[]];

/** The event ids an ingress names its trace with (`nameTraceEvent`), and the query parameter that finds each. */
export const traceLookups = { interaction: 'interactionId', stripeEvent: 'stripeEventId', twitchMessage: 'twitchMessageId' } as const;
export type TraceLookup = keyof typeof traceLookups;

const left = new Set(['severity', 'message', 'time', traceField, spanIdField, traceSampledField, parentSpanIdField]);

/** The line a log listener hears, as the journal keeps it. */
export const tracedLineOf = (line: Parameters<TracedLineListener>[0], span: Parameters<TracedLineListener>[1]): TracedLine => ({
  traceId: span.traceId,
  entry: {
    time: String(line.time),
    function: span.function,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    severity: String(line.severity),
    message: String(line.message),
    fields: Object.fromEntries(Object.entries(line).filter(([key]) => !left.has(key))),
  },
});

/** The line a log listener hears, as a function process sends it to the journal. */
export const writtenLineOf = (...[line, span, json]: Parameters<TracedLineListener>): WrittenLine => {
  let lookups: string[] | undefined;
  for (const field of Object.values(traceLookups)) {
    const id = line[field];
    if (typeof id === 'string' && id !== '') (lookups ??= []).push(`${field}:${id}`);
  }
  const written: WrittenLine = [span.traceId, span.function, span.spanId, span.parentSpanId ?? '', json];
  if (lookups) written.push(lookups);
  return written;
};

/** A written line as the routes answer it. */
function entryOf([traceId, fn, spanId, parentSpanId, json]: WrittenLine): TraceEntry {
  const line = JSON.parse(json) as Record<string, unknown>;
  return tracedLineOf(line, { traceId, spanId, sampled: line[traceSampledField] === true, function: fn, ...(parentSpanId ? { parentSpanId } : {}) }).entry;
}

export class TraceJournal {
  /** Insertion order is age: the first key is the trace to forget first. */
  private readonly traces = new Map<string, Array<TraceEntry | WrittenLine>>();
  private readonly spans = new Map<string, Array<{ startMs: number; span: TraceSpan }>>();
  private readonly byEvent = new Map<string, string>();
  private readonly eventsOf = new Map<string, string[]>();

  constructor(private readonly limits: { maxTraces: number; maxEntriesPerTrace: number } = { maxTraces: 2_000, maxEntriesPerTrace: 500 }) {}

  record({ traceId, entry }: TracedLine): void {
    const keys: string[] = [];
    for (const field of Object.values(traceLookups)) {
      const id = entry.fields[field];
      if (typeof id === 'string' && id !== '') keys.push(`${field}:${id}`);
    }
    this.keep(traceId, entry, keys);
  }

  recordAll(lines: readonly TracedLine[]): void {
    for (const line of lines) this.record(line);
  }

  /** Lines as function processes send them: kept as written, read when their trace is. */
  recordWritten(lines: readonly WrittenLine[]): void {
    for (const line of lines) this.keep(line[0], line, line[5] ?? []);
  }

  /** Spans as they ended, in this process or another: each under its trace, with the trace's lines. */
  recordSpans(spans: readonly EndedSpan[]): void {
    for (const span of spans) {
      if (!this.traces.has(span.traceId)) this.keep(span.traceId, undefined, []);
      let kept = this.spans.get(span.traceId);
      if (!kept) this.spans.set(span.traceId, (kept = []));
      if (kept.length < this.limits.maxEntriesPerTrace) kept.push({ startMs: span.startMs, span: traceSpanOf(span) });
    }
  }

  /** The trace's entries and spans, each in time order (lines from several processes arrive out of it), or undefined. */
  trace(traceId: string): { traceId: string; entries: TraceEntry[]; spans: TraceSpan[] } | undefined {
    const kept = this.traces.get(traceId);
    if (!kept) return undefined;
    const entries = kept.map((line) => (Array.isArray(line) ? entryOf(line) : line));
    const spans = [...(this.spans.get(traceId) ?? [])].sort((a, b) => a.startMs - b.startMs).map(({ span }) => span);
    // Array#sort is stable: lines of one millisecond keep the order they were heard in.
    return { traceId, entries: entries.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)), spans };
  }

  /** The trace an outside event began, by the event's id. */
  traceOf(lookup: TraceLookup, id: string): string | undefined {
    return this.byEvent.get(`${traceLookups[lookup]}:${id}`);
  }

  private keep(traceId: string, line: TraceEntry | WrittenLine | undefined, lookups: readonly string[]): void {
    let kept = this.traces.get(traceId);
    if (!kept) {
      kept = [];
      this.traces.set(traceId, kept);
      this.forgetOldest();
    }
    if (line && kept.length < this.limits.maxEntriesPerTrace) kept.push(line);
    for (const key of lookups) {
      if (this.byEvent.has(key)) continue;
      this.byEvent.set(key, traceId);
      this.eventsOf.set(traceId, [...(this.eventsOf.get(traceId) ?? []), key]);
    }
  }

  private forgetOldest(): void {
    while (this.traces.size > this.limits.maxTraces) {
      const oldest = this.traces.keys().next().value as string;
      this.traces.delete(oldest);
      this.spans.delete(oldest);
      for (const key of this.eventsOf.get(oldest) ?? []) this.byEvent.delete(key);
      this.eventsOf.delete(oldest);
    }
  }
}
