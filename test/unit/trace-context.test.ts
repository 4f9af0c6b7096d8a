import {
  childSpan,
  continueTrace,
  currentSpan,
  currentTraceparent,
  formatTraceparent,
  freshTrace,
  nameTraceEvent,
  parseTraceparent,
  runInTrace,
  traceparentAttribute,
  withTraceAttribute,
} from '../../shared/trace-context';

// The examples are the W3C Trace Context specification's own (https://www.w3.org/TR/trace-context/).
const specExample = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the traceparent header', () => {
  it('reads the specification’s example as its trace id, parent id and sampled flag', () => {
    expect(parseTraceparent(specExample)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
  });

  it('writes back exactly what it read', () => {
    expect(formatTraceparent(parseTraceparent(specExample)!)).toBe(specExample);
    expect(formatTraceparent({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), sampled: false })).toBe(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-00`);
  });

  it.each([
    ['nothing', undefined],
    ['an empty header', ''],
    ['garbage', 'not a trace'],
    ['upper-case hex', specExample.toUpperCase()],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['version 00 with more after it', `${specExample}-extra`],
    ['a header far too long', `${specExample}${'x'.repeat(600)}`],
  ])('ignores %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('takes a later version’s header by its first four fields, as the specification asks', () => {
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more')).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });
});

describe('spans', () => {
  it('makes a child span in the same trace, with a new id and the parent’s id and sampled flag', () => {
    const parent = parseTraceparent(specExample)!;
    const child = childSpan(parent);
    expect(child).toMatchObject({ traceId: parent.traceId, parentSpanId: parent.spanId, sampled: true });
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(parent.spanId);
  });

  it('starts a fresh, valid trace, not marked sampled, each time', () => {
    const [a, b] = [freshTrace(), freshTrace()];
    expect(parseTraceparent(formatTraceparent(a!))).toEqual(a);
    expect(a!.traceId).not.toBe(b!.traceId);
    expect(a!.sampled).toBe(false);
  });

  it('continues a valid traceparent and starts afresh from a malformed one', () => {
    expect(continueTrace(specExample)).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7' });
    const fresh = continueTrace('00-zz');
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.parentSpanId).toBeUndefined();
  });
});

describe('the current span', () => {
  it('is the one the work runs in, across awaits and timers, and none outside it', async () => {
    const span = continueTrace(specExample);
    expect(currentSpan()).toBeUndefined();
    await runInTrace(span, 'auctionBids', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentSpan()).toMatchObject({ traceId: span.traceId, spanId: span.spanId, function: 'auctionBids' });
      expect(currentTraceparent()).toBe(`00-${span.traceId}-${span.spanId}-01`);
    });
    expect(currentSpan()).toBeUndefined();
  });

  it('adds itself to a message’s attributes as googclient_traceparent, keeping the others and one already there', () => {
    expect(withTraceAttribute({ eventId: 'evt_1' })).toEqual({ eventId: 'evt_1' });
    runInTrace(continueTrace(specExample), 'stripeWebhook', () => {
      expect(withTraceAttribute({ eventId: 'evt_1' })).toEqual({ eventId: 'evt_1', [traceparentAttribute]: currentTraceparent() });
      expect(withTraceAttribute({ [traceparentAttribute]: specExample })).toEqual({ [traceparentAttribute]: specExample });
    });
  });

  it('carries the ids an ingress names its event with', () => {
    runInTrace(freshTrace(), 'discordInteractions', () => {
      nameTraceEvent({ interactionId: '1' });
      expect(currentSpan()?.event).toEqual({ interactionId: '1' });
    });
  });
});
