/**
 * @module span-shipper
 * Takes each sampled span as it ends and hands it to OpenTelemetry's SDK, which is loaded
 * only when the first spans are sent: the SDK with Google's exporter costs about 120 ms to
 * import, about twice the Discord ingress's whole cold import (docs/operations/runbook.md#following-one-event-traces).
 * So a cold instance answers first and loads it after.
 *
 * When spans leave: a subscriber's delivery sends its spans before it answers Pub/Sub, as
 * Google advises for Cloud Run, whose CPU is throttled once an answer is sent; an HTTP
 * function sends them just after its answer (an ingress's answer is what Discord, Stripe or
 * Twitch wait on), and whatever the throttled CPU leaves unsent goes with the next request's
 * flush, or at the instance's SIGTERM.
 */
import { log } from '../log';
import type { EndedSpan } from '../trace-context';

export interface CloudTraceOptions {
  projectId: string;
  /** The share of traces sent (`C500_TRACE_SAMPLE_RATIO`): a caller's sampled flag is followed. */
  sampleRatio: number;
  /** The function: Cloud Trace's service name. */
  service: string;
}

/** Where spans go: OpenTelemetry's tracer provider, with Cloud Trace's exporter behind it. */
export interface SpanSink {
  record(spans: readonly EndedSpan[]): void;
  flush(): Promise<void>;
}

export class SpanShipper {
  private queued: EndedSpan[] = [];
  private sink: SpanSink | undefined;
  private failedToLoad = false;

  constructor(
    private readonly load: () => SpanSink,
    /** Spans kept while none is sent; past it, new ones are dropped (a sink that never loads must not grow the heap). */
    private readonly maxQueued = 2_048,
    /** How long a flush is waited on (see boundedFlush). */
    private readonly maxWaitMs = 2_000,
  ) {}

  /** A span as it ended: kept when sampled. */
  take(span: EndedSpan): void {
    if (span.sampled && !this.failedToLoad && this.queued.length < this.maxQueued) this.queued.push(span);
  }

  /**
   * The SDK's flush, waited on for at most `maxWaitMs`: a subscriber answers Pub/Sub after it,
   * and Cloud Trace being slow must not hold a delivery's acknowledgement for the exporter's
   * 30 s timeout. What is not sent by then is still sent, as the batch processor goes on.
   */
  private async boundedFlush(sink: SpanSink): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.maxWaitMs)));
    try {
      await Promise.race([sink.flush(), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hands what is queued to the SDK and waits for it to export. Never throws: spans are not worth a failed request. */
  async flush(): Promise<void> {
    if (this.queued.length === 0 && !this.sink) return;
    try {
      this.sink ??= this.load();
      const spans = this.queued;
      this.queued = [];
      this.sink.record(spans);
      await this.boundedFlush(this.sink);
    } catch (error) {
      if (!this.sink) {
        this.failedToLoad = true;
        this.queued = [];
      }
      log.warn('spans were not sent to Cloud Trace', { event: 'trace.export-failed', error });
    }
  }
}
