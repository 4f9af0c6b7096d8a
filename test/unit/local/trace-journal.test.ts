import { TraceJournal, tracedLineOf, writtenLineOf, type TraceEntry } from '../../../shared/local/trace-journal';

const entry = (time: string, message: string, fields: Record<string, unknown> = {}): TraceEntry => ({
  time,
  function: 'discordInteractions',
  spanId: '00f067aa0ba902b7',
  severity: 'INFO',
  message,
  fields,
});

describe('the local trace journal', () => {
  it('answers a trace’s entries in time order, whatever order the processes’ lines arrived in', () => {
    const journal = new TraceJournal();
    journal.record({ traceId: 't1', entry: entry('2026-01-01T00:00:00.200Z', 'embed edited') });
    journal.record({ traceId: 't1', entry: entry('2026-01-01T00:00:00.100Z', 'answered') });
    expect(journal.trace('t1')?.entries.map((e) => e.message)).toEqual(['answered', 'embed edited']);
    expect(journal.trace('t2')).toBeUndefined();
  });

  it('finds a trace by the interaction or Stripe event that began it', () => {
    const journal = new TraceJournal();
    journal.record({ traceId: 't1', entry: entry('2026-01-01T00:00:00.100Z', 'answered', { interactionId: '123' }) });
    journal.record({ traceId: 't2', entry: entry('2026-01-01T00:00:00.100Z', 'answered', { stripeEventId: 'evt_1' }) });
    expect(journal.traceOf('interaction', '123')).toBe('t1');
    expect(journal.traceOf('stripeEvent', 'evt_1')).toBe('t2');
    expect(journal.traceOf('interaction', 'evt_1')).toBeUndefined();
  });

  it('keeps only the last traces and a bounded number of lines each, forgetting the oldest with its lookups', () => {
    const journal = new TraceJournal({ maxTraces: 2, maxEntriesPerTrace: 3 });
    journal.record({ traceId: 't1', entry: entry('2026-01-01T00:00:00.100Z', 'first', { interactionId: '1' }) });
    for (let i = 0; i < 5; i++) journal.record({ traceId: 't2', entry: entry('2026-01-01T00:00:00.100Z', `line ${i}`) });
    journal.record({ traceId: 't3', entry: entry('2026-01-01T00:00:00.100Z', 'third') });
    expect(journal.trace('t1')).toBeUndefined();
    expect(journal.traceOf('interaction', '1')).toBeUndefined();
    expect(journal.trace('t2')?.entries).toHaveLength(3);
  });
});

describe('lines as a function process sends them', () => {
  const span = { traceId: 't9', spanId: '00f067aa0ba902b7', parentSpanId: '4bf92f3577b34da6', sampled: false, function: 'auctionBids' };
  const line = {
    severity: 'INFO',
    message: 'answered',
    time: '2026-01-01T00:00:00.100Z',
    interactionId: '123',
    status: 200,
    'logging.googleapis.com/trace': 'projects/p/traces/t9',
    'logging.googleapis.com/spanId': span.spanId,
    'logging.googleapis.com/trace_sampled': false,
  };

  it('reads a line kept as printed back as the entry the process wrote, and finds its trace by the event it names', () => {
    const journal = new TraceJournal();
    journal.recordWritten([writtenLineOf(line, span, JSON.stringify(line))]);
    expect(journal.traceOf('interaction', '123')).toBe('t9');
    expect(journal.trace('t9')?.entries).toEqual([tracedLineOf(line, span).entry]);
    expect(journal.trace('t9')?.entries[0]).toMatchObject({
      function: 'auctionBids',
      parentSpanId: span.parentSpanId,
      fields: { interactionId: '123', status: 200 },
    });
  });

  it('sends only strings across the process boundary', () => {
    const written = writtenLineOf(line, span, JSON.stringify(line));
    expect(written.flat().every((part) => typeof part === 'string')).toBe(true);
  });
});
