/**
 * Spans: each function's request or delivery and each call out is recorded with the ids the
 * log lines carry; a publish's span is the parent of what it causes; the Stripe webhook moves
 * into the checkout's trace; and OpenTelemetry's SDK exports each span with those same ids.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { tracedCalls, loggedCalls } from '../../shared/outbound-calls';
import {
  currentSpan,
  freshTrace,
  joinTrace,
  onSpanEnded,
  runInTrace,
  traceparentAttribute,
  withTraceAttribute,
  type EndedSpan,
} from '../../shared/trace-context';
import { cloudTraceSink, otelSink } from '../../shared/telemetry/otel-sink';
import { SpanShipper, type SpanSink } from '../../shared/telemetry';

let ended: EndedSpan[];
let stop: () => void;
beforeEach(() => {
  ended = [];
  stop = onSpanEnded((span) => ended.push(span));
});
afterEach(() => stop());

const named = (name: string) => ended.find((s) => s.name === name) as EndedSpan;

describe('spans of a function’s work', () => {
  it('records the delivery, and each call out as its child, with the ids its log lines carry', async () => {
    const publisher = tracedCalls('pubsub', {
      publish: async (_topic: string, _data: unknown, options?: { attributes?: Record<string, string> }) => withTraceAttribute(options?.attributes),
    });
    const book = tracedCalls('redis', { placeBid: async () => currentSpan()?.spanId });
    let deliverySpanId: string | undefined;
    const attributes = await runInTrace(
      freshTrace(),
      'auctionBids',
      async () => {
        deliverySpanId = currentSpan()?.spanId;
        await book.placeBid();
        return publisher.publish('auction-bids', {});
      },
      'consumer',
    );
    const delivery = named('auctionBids');
    expect(delivery).toMatchObject({ kind: 'consumer', spanId: deliverySpanId, function: 'auctionBids', status: { code: 'ok' } });
    expect(named('redis placeBid')).toMatchObject({ kind: 'client', parentSpanId: delivery.spanId, traceId: delivery.traceId });
    const publish = named('pubsub publish');
    expect(publish).toMatchObject({ kind: 'producer', parentSpanId: delivery.spanId, attributes: { 'messaging.destination.name': 'auction-bids' } });
    // What the publish carries names the publish's span: the subscriber's span will be its child.
    expect(attributes?.[traceparentAttribute]).toBe(`00-${delivery.traceId}-${publish.spanId}-0${delivery.sampled ? 1 : 0}`);
    expect(publish.endMs).toBeGreaterThanOrEqual(publish.startMs);
  });

  it('marks a call that threw as failed', async () => {
    const refusal = Object.assign(new Error('Missing Access'), { code: 50001 });
    const discord = loggedCalls('discord', { sendDm: async () => Promise.reject(refusal) });
    await runInTrace(freshTrace(), 'stripeEvents', () => discord.sendDm().catch(() => undefined), 'consumer');
    expect(named('discord sendDm')).toMatchObject({ status: { code: 'error', message: 'Error' }, parentSpanId: named('stripeEvents').spanId });
  });

  it('records nothing for a local stand-in’s hop, which Cloud Trace has no span of', async () => {
    await runInTrace(freshTrace(), 'pubsub:auction-bids', async () => undefined);
    expect(ended).toEqual([]);
  });

  it('moves a webhook’s span into the trace its object names, keeping the trace it came in as a link', async () => {
    const came = freshTrace();
    const checkout = `00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-00f067aa0ba902b7-01`;
    await runInTrace(came, 'stripeWebhook', async () => expect(joinTrace(checkout)).toBe(true), 'server');
    expect(named('stripeWebhook')).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      sampled: true,
      links: [{ traceId: came.traceId, spanId: expect.any(String) as string, sampled: came.sampled }],
    });
  });

  it('leaves the span where it is for a header that names no valid trace', async () => {
    const came = freshTrace();
    await runInTrace(came, 'stripeWebhook', async () => expect(joinTrace('garbage')).toBe(false), 'server');
    expect(named('stripeWebhook')).toMatchObject({ traceId: came.traceId });
    expect(named('stripeWebhook').links).toBeUndefined();
  });
});

describe('spans through OpenTelemetry’s SDK', () => {
  const span = (fields: Partial<EndedSpan>): EndedSpan => ({
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    sampled: true,
    name: 'discordInteractions',
    kind: 'server',
    function: 'discordInteractions',
    startMs: Date.parse('2026-11-28T04:00:00Z'),
    endMs: Date.parse('2026-11-28T04:00:00Z') + 12.5,
    attributes: { 'http.response.status_code': 200 },
    status: { code: 'ok' },
    ...fields,
  });

  it('exports each span with our trace id, span id, parent, times, kind, status and links', async () => {
    const exporter = new InMemorySpanExporter();
    const sink = otelSink(exporter, { sampleRatio: 1, service: 'discordInteractions' });
    const link = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), sampled: false };
    sink.record([
      span({}),
      span({
        spanId: '1111111111111111',
        parentSpanId: '00f067aa0ba902b7',
        name: 'pubsub publish',
        kind: 'producer',
        status: { code: 'error', message: 'Error' },
        links: [link],
      }),
    ]);
    await sink.flush();
    const [root, child] = exporter.getFinishedSpans();
    expect(root?.spanContext()).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' });
    expect(root?.parentSpanContext).toBeUndefined();
    expect(root?.kind).toBe(SpanKind.SERVER);
    expect(root?.attributes).toMatchObject({ 'http.response.status_code': 200, 'c500.function': 'discordInteractions' });
    expect(root?.startTime).toEqual([Date.parse('2026-11-28T04:00:00Z') / 1000, 0]);
    expect(root?.duration).toEqual([0, 12_500_000]);
    expect(root?.resource.attributes['service.name']).toBe('discordInteractions');
    expect(child?.spanContext().spanId).toBe('1111111111111111');
    expect(child?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(child?.kind).toBe(SpanKind.PRODUCER);
    expect(child?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error' });
    expect(child?.links.map((l) => l.context.traceId)).toEqual([link.traceId]);
  });

  it('exports a fresh trace only when its id falls in the sampled share', async () => {
    const exporter = new InMemorySpanExporter();
    const sink = otelSink(exporter, { sampleRatio: 0, service: 'x' });
    sink.record([span({ sampled: false })]);
    await sink.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('sending spans from an instance', () => {
  it('loads the SDK only when spans are first sent, and sends only sampled ones', async () => {
    const recorded: EndedSpan[] = [];
    const load = jest.fn((): SpanSink => ({ record: (spans) => recorded.push(...spans), flush: async () => undefined }));
    const shipper = new SpanShipper(load);
    await shipper.flush();
    const sampled = { ...freshTrace(), sampled: true };
    shipper.take({ ...sampled, name: 'a', kind: 'server', function: 'f', startMs: 0, endMs: 1, attributes: {}, status: { code: 'ok' } });
    shipper.take({ ...sampled, sampled: false, name: 'b', kind: 'server', function: 'f', startMs: 0, endMs: 1, attributes: {}, status: { code: 'ok' } });
    expect(load).not.toHaveBeenCalled();
    await shipper.flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(recorded.map((s) => s.name)).toEqual(['a']);
  });

  it('never fails the work when the SDK cannot load', async () => {
    const shipper = new SpanShipper(() => {
      throw new Error('no module');
    });
    shipper.take({ ...freshTrace(), sampled: true, name: 'a', kind: 'server', function: 'f', startMs: 0, endMs: 1, attributes: {}, status: { code: 'ok' } });
    await expect(shipper.flush()).resolves.toBeUndefined();
  });
});

describe('the Cloud Trace exporter', () => {
  it('is made without an unstructured warning on stderr, and leaves process warnings as they were', () => {
    const original = process.emitWarning;
    const emitted = jest.fn();
    process.emitWarning = emitted as unknown as typeof process.emitWarning;
    try {
      cloudTraceSink({ projectId: 'c500-test', sampleRatio: 1, service: 'x' });
      expect(process.emitWarning).toBe(emitted);
    } finally {
      process.emitWarning = original;
    }
    expect(emitted).not.toHaveBeenCalled();
  });
});

describe('a flush that Cloud Trace does not answer', () => {
  it('stops waiting at its bound, so a delivery is still acknowledged', async () => {
    jest.useFakeTimers();
    try {
      const shipper = new SpanShipper(() => ({ record: () => undefined, flush: () => new Promise<void>(() => undefined) }), 10, 2_000);
      shipper.take({
        ...freshTrace(),
        sampled: true,
        name: 'a',
        kind: 'consumer',
        function: 'f',
        startMs: 0,
        endMs: 1,
        attributes: {},
        status: { code: 'ok' },
      });
      let done = false;
      const flushed = shipper.flush().then(() => (done = true));
      await jest.advanceTimersByTimeAsync(1_999);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await flushed;
      expect(done).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
