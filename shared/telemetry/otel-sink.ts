/**
 * @module otel-sink
 * Our ended spans through OpenTelemetry's Node SDK: each is started and ended again on a
 * NodeTracerProvider, back-dated to its own times, with an id generator that answers the
 * span's own ids, so the span Cloud Trace shows has the trace id and span id our log lines
 * carry. The provider samples with ParentBased(TraceIdRatioBased) at the configured ratio,
 * which decides as trace-context did (`traceIdSampled`), and batches to the exporter.
 * Loaded only after a function's first answer (see span-shipper).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Link, type SpanContext as OtelSpanContext } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { TraceExporter } from '@google-cloud/opentelemetry-cloud-trace-exporter';
import type { EndedSpan, SpanContext, SpanKindName } from '../trace-context';
import type { CloudTraceOptions, SpanSink } from './span-shipper';
import { log } from '../log';

const kinds: Readonly<Record<SpanKindName, SpanKind>> = {
  server: SpanKind.SERVER,
  consumer: SpanKind.CONSUMER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  internal: SpanKind.INTERNAL,
};

const remote = (span: SpanContext): OtelSpanContext => ({
  traceId: span.traceId,
  spanId: span.spanId,
  traceFlags: span.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  isRemote: true,
});

/** The sampler a span is decided by: the caller's flag when sampled, else the trace id's share, as trace-context decides. */
export function samplerFor(ratio: number): ParentBasedSampler {
  return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio), remoteParentNotSampled: new TraceIdRatioBasedSampler(ratio) });
}

/** A sink that records spans on OpenTelemetry's SDK and exports them, batched, to `exporter`. */
export function otelSink(exporter: SpanExporter, options: Pick<CloudTraceOptions, 'sampleRatio' | 'service'>): SpanSink {
  // The ids of the span being replayed: the SDK asks its id generator for them as it starts it.
  let next: EndedSpan | undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    sampler: samplerFor(options.sampleRatio),
    idGenerator: { generateTraceId: () => next?.traceId ?? '', generateSpanId: () => next?.spanId ?? '' },
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('c500');
  const replay = (span: EndedSpan): void => {
    next = span;
    const parent = span.parentSpanId ? trace.setSpanContext(ROOT_CONTEXT, remote({ ...span, spanId: span.parentSpanId })) : ROOT_CONTEXT;
    const links: Link[] = (span.links ?? []).map((link) => ({ context: remote(link) }));
    const started = tracer.startSpan(
      span.name,
      { kind: kinds[span.kind], startTime: span.startMs, attributes: { ...span.attributes, 'c500.function': span.function }, links },
      parent,
    );
    next = undefined;
    if (span.status.code === 'error') started.setStatus({ code: SpanStatusCode.ERROR, ...(span.status.message ? { message: span.status.message } : {}) });
    started.end(span.endMs);
  };
  return {
    record: (spans) => spans.forEach(replay),
    flush: () => provider.forceFlush(),
  };
}

/**
 * Spans to Google's Cloud Trace (its API's v2 batchWrite), as the function's service account.
 * The exporter package is deprecated in favour of OTLP to telemetry.googleapis.com (Google's
 * MIGRATION.md; the Cloud Trace API it calls is not): its constructor's DeprecationWarning
 * would be an unstructured stderr line per instance, which Cloud Logging ranks as an error,
 * so it is written once as an info line instead (docs/operations/runbook.md#following-one-event-traces).
 */
export function cloudTraceSink(options: CloudTraceOptions): SpanSink {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (rest.includes(deprecationCode))
      log.info('the Cloud Trace exporter package is deprecated', { event: 'trace.exporter-deprecated', code: deprecationCode });
    else (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return otelSink(new TraceExporter({ projectId: options.projectId }), options);
  } finally {
    process.emitWarning = emitWarning;
  }
}

const deprecationCode = 'DEP_GCP_OTEL_TRACE_EXPORTER';
