/**
 * Sampling is set in config (`C500_TRACE_SAMPLE_RATIO`) and decided once per trace id: every
 * hop, and OpenTelemetry's own ParentBased(TraceIdRatioBased) sampler that the exporter uses,
 * must decide the same for the same trace, or Cloud Trace would hold half a trace.
 */
import { context, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-node';
import { loadConfig } from '../../shared/config';
import { defaultTraceSampleRatio } from '../../shared/config';
import { continueTrace, freshTrace, setTraceSampleRatio, traceIdSampled } from '../../shared/trace-context';
import { samplerFor } from '../../shared/telemetry/otel-sink';

/** Trace ids spread over the whole space, the same every run. */
const ids = Array.from({ length: 400 }, (_, i) => {
  let x = (i + 1) * 2654435761;
  return Array.from({ length: 4 }, () => ((x = Math.imul(x ^ (x >>> 15), 2246822519) >>> 0), x.toString(16).padStart(8, '0'))).join('');
});

afterEach(() => setTraceSampleRatio(0));

describe('a trace’s sampling', () => {
  it.each([0, 0.01, 0.1, 0.5, 0.9, 1])('decides as OpenTelemetry’s TraceIdRatioBased sampler does, at a ratio of %s', (ratio) => {
    const sampler = new TraceIdRatioBasedSampler(ratio);
    const ours = ids.map((id) => traceIdSampled(id, ratio));
    const theirs = ids.map((id) => sampler.shouldSample(context.active(), id).decision === SamplingDecision.RECORD_AND_SAMPLED);
    expect(ours).toEqual(theirs);
  });

  it('samples about the configured share of fresh traces', () => {
    setTraceSampleRatio(0.5);
    const sampled = ids.filter((id) => traceIdSampled(id)).length;
    expect(sampled).toBeGreaterThan(150);
    expect(sampled).toBeLessThan(250);
    setTraceSampleRatio(1);
    expect(freshTrace().sampled).toBe(true);
    setTraceSampleRatio(0);
    expect(freshTrace().sampled).toBe(false);
  });

  it('follows a caller that sampled its trace, whatever the ratio', () => {
    setTraceSampleRatio(0);
    expect(continueTrace(`00-${ids[0]}-00f067aa0ba902b7-01`).sampled).toBe(true);
  });

  it('samples a trace a caller left unsampled (Google’s front end) by its trace id, as the exporter’s sampler does', () => {
    const ratio = 0.5;
    setTraceSampleRatio(ratio);
    const sampler = samplerFor(ratio);
    for (const id of ids.slice(0, 50)) {
      const parent = trace.setSpanContext(context.active(), { traceId: id, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
      const theirs = sampler.shouldSample(parent, id, 'x', SpanKind.SERVER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED;
      expect(continueTrace(`00-${id}-00f067aa0ba902b7-00`).sampled).toBe(theirs);
    }
  });
});

describe('the sampling ratio in config', () => {
  it('is one trace in ten when unset, and the number given otherwise', () => {
    expect(defaultTraceSampleRatio).toBe(0.1);
    expect(loadConfig({}).traceSampleRatio).toBe(0.1);
    expect(loadConfig({ C500_TRACE_SAMPLE_RATIO: '0.25' }).traceSampleRatio).toBe(0.25);
    expect(loadConfig({ C500_TRACE_SAMPLE_RATIO: '1' }).traceSampleRatio).toBe(1);
    expect(loadConfig({ C500_TRACE_SAMPLE_RATIO: '0' }).traceSampleRatio).toBe(0);
  });

  it.each(['1.5', '-0.1', 'all', '1e-2', 'NaN'])('refuses %s: not a share from 0 to 1', (raw) => {
    expect(() => loadConfig({ C500_TRACE_SAMPLE_RATIO: raw })).toThrow('C500_TRACE_SAMPLE_RATIO');
  });
});
