/**
 * @module trace-journal
 * The local runtime's view of Cloud Logging's trace query: every line written inside a
 * trace, by any of its processes, kept by trace id in memory (the last `maxTraces` traces,
 * at most `maxEntriesPerTrace` lines each), and found again by the trace id or by the id of
 * the outside event that began it (`GET /_local/trace/:traceId`, `GET /_local/traces?…`).
 */
import { spanIdField, traceField, type TracedLineListener } from '../log';

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

/** What a process sends the runtime for each line: the trace it belongs to and the entry. */
export interface TracedLine {
  traceId: string;
  entry: TraceEntry;
}

/** The event ids an ingress names its trace with (`nameTraceEvent`), and the query parameter that finds each. */
export const traceLookups = { interaction: 'interactionId', stripeEvent: 'stripeEventId', twitchMessage: 'twitchMessageId' } as const;
export type TraceLookup = keyof typeof traceLookups;

const left = new Set(['severity', 'message', 'time', traceField, spanIdField, 'logging.googleapis.com/trace_sampled']);

/** The line a log listener hears, as the journal keeps it. */
export const tracedLineOf: (...args: Parameters<TracedLineListener>) => TracedLine = (line, span) => ({
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

export class TraceJournal {
  /** Insertion order is age: the first key is the trace to forget first. */
  private readonly traces = new Map<string, TraceEntry[]>();
  private readonly byEvent = new Map<string, string>();
  private readonly eventsOf = new Map<string, string[]>();

  constructor(private readonly limits: { maxTraces: number; maxEntriesPerTrace: number } = { maxTraces: 2_000, maxEntriesPerTrace: 500 }) {}

  record({ traceId, entry }: TracedLine): void {
    let entries = this.traces.get(traceId);
    if (!entries) {
      entries = [];
      this.traces.set(traceId, entries);
      this.forgetOldest();
    }
    if (entries.length < this.limits.maxEntriesPerTrace) entries.push(entry);
    for (const field of Object.values(traceLookups)) {
      const id = entry.fields[field];
      if (typeof id !== 'string' || id === '') continue;
      const key = `${field}:${id}`;
      if (this.byEvent.has(key)) continue;
      this.byEvent.set(key, traceId);
      this.eventsOf.set(traceId, [...(this.eventsOf.get(traceId) ?? []), key]);
    }
  }

  recordAll(lines: readonly TracedLine[]): void {
    for (const line of lines) this.record(line);
  }

  /** The trace's entries in time order (lines from several processes arrive out of it), or undefined. */
  trace(traceId: string): { traceId: string; entries: TraceEntry[] } | undefined {
    const entries = this.traces.get(traceId);
    if (!entries) return undefined;
    // Array#sort is stable: lines of one millisecond keep the order they were heard in.
    return { traceId, entries: [...entries].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)) };
  }

  /** The trace an outside event began, by the event's id. */
  traceOf(lookup: TraceLookup, id: string): string | undefined {
    return this.byEvent.get(`${traceLookups[lookup]}:${id}`);
  }

  private forgetOldest(): void {
    while (this.traces.size > this.limits.maxTraces) {
      const oldest = this.traces.keys().next().value as string;
      this.traces.delete(oldest);
      for (const key of this.eventsOf.get(oldest) ?? []) this.byEvent.delete(key);
      this.eventsOf.delete(oldest);
    }
  }
}
