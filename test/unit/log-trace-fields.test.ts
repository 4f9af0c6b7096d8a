import { log, onTracedLine, setTraceProject } from '../../shared/log';
import { continueTrace, runInTrace } from '../../shared/trace-context';

const lines: Array<Record<string, unknown>> = [];

const level = process.env.C500_LOG_LEVEL;
beforeEach(() => {
  lines.length = 0;
  process.env.C500_LOG_LEVEL = 'info';
  setTraceProject('c500-test');
  for (const stream of [process.stdout, process.stderr])
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env.C500_LOG_LEVEL = level;
});

describe('log lines inside a trace', () => {
  it('carry Cloud Logging’s trace, span id and sampled fields, whatever the caller passed', async () => {
    const span = continueTrace('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    await runInTrace(span, 'stripeEvents', async () => {
      await Promise.resolve();
      log.info('receipt sent', { orderId: 'o_1' });
      log.error('transfer refused');
    });
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatchObject({
        'logging.googleapis.com/trace': 'projects/c500-test/traces/4bf92f3577b34da6a3ce929d0e0e4736',
        'logging.googleapis.com/spanId': span.spanId,
        'logging.googleapis.com/trace_sampled': true,
      });
  });

  it('carry none outside a trace', () => {
    log.info('runtime started');
    expect(Object.keys(lines[0]!).filter((key) => key.startsWith('logging.googleapis.com/'))).toEqual([]);
  });

  it('are heard by a journal with the function that wrote them, even with the terminal silenced; lines outside a trace are not', () => {
    process.env.C500_LOG_LEVEL = 'silent';
    const heard: string[] = [];
    const stop = onTracedLine((line, span) => heard.push(`${span.function}: ${String(line.message)}`));
    log.info('outside');
    runInTrace(continueTrace(undefined), 'auctionEmbed', () => log.info('embed edited'));
    stop();
    runInTrace(continueTrace(undefined), 'auctionEmbed', () => log.info('after the journal stopped'));
    expect(heard).toEqual(['auctionEmbed: embed edited']);
    expect(lines).toEqual([]);
  });
});
