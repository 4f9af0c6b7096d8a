/**
 * @module telemetry
 * Spans in Cloud Trace. Every function's request or delivery and every call it makes out is a
 * span (trace-context makes and records them; outbound-calls wraps the ports); in the cloud,
 * `startCloudTrace` sends the sampled ones through OpenTelemetry's Node SDK and Google's Cloud
 * Trace exporter, with the ids the log lines carry, so Cloud Logging's lines sit in Cloud
 * Trace's spans. Locally the runtime's trace journal hears every span instead (`/_local/trace/:id`).
 *
 * @example
 * startCloudTrace({ projectId: config.projectId, sampleRatio: config.traceSampleRatio, service: 'discordInteractions' });
 */
import { onSpanEnded, setTraceSampleRatio } from '../trace-context';
import { SpanShipper, type CloudTraceOptions, type SpanSink } from './span-shipper';

export { SpanShipper, type CloudTraceOptions, type SpanSink } from './span-shipper';

let shipper: SpanShipper | undefined;

/** Sends this instance's sampled spans to Cloud Trace from now on; the SDK loads with the first flush. */
export function startCloudTrace(options: CloudTraceOptions): void {
  setTraceSampleRatio(options.sampleRatio);
  if (shipper) return;
  const started = new SpanShipper((): SpanSink => {
    // Required here, not imported at the top: loaded after the first answer, off the cold start's path.
    const { cloudTraceSink } = require('./otel-sink') as typeof import('./otel-sink');
    return cloudTraceSink(options);
  });
  shipper = started;
  onSpanEnded((span) => started.take(span));
  // An instance told to stop sends what it holds first.
  process.once('SIGTERM', () => void started.flush());
}

/** Sends the spans ended so far (nothing when Cloud Trace is not started: locally, and in tests). */
export async function flushSpans(): Promise<void> {
  await shipper?.flush();
}
