import { log, printLinesATurnAtATime } from '../../shared/log';

const level = process.env.C500_LOG_LEVEL;
const writes: string[] = [];
let exitListenersBefore: NodeJS.ExitListener[];

beforeAll(() => {
  process.env.C500_LOG_LEVEL = 'info';
  exitListenersBefore = process.listeners('exit');
  printLinesATurnAtATime();
});
beforeEach(() => {
  writes.length = 0;
  for (const stream of [process.stdout, process.stderr])
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(`${stream === process.stderr ? 'stderr' : 'stdout'}: ${String(chunk)}`);
      return true;
    });
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => {
  process.env.C500_LOG_LEVEL = level;
});

const turn = () => new Promise((resolve) => setImmediate(resolve));
const messagesIn = (write: string) =>
  write
    .replace(/^std(out|err): /, '')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { message: string }).message);

describe('lines printed a turn at a time (the local runtime’s function processes)', () => {
  it('writes a turn’s info lines in one write once the turn ends, in the order they were logged', async () => {
    log.info('bid decided');
    log.info('outbound call');
    log.info('delivery handled');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toHaveLength(1);
    expect(messagesIn(writes[0]!)).toEqual(['bid decided', 'outbound call', 'delivery handled']);
  });

  it('writes warnings and errors at once, to stderr', () => {
    log.warn('auction book unavailable');
    log.error('subscriber failed');
    expect(writes.map((w) => w.slice(0, 7))).toEqual(['stderr:', 'stderr:']);
    expect(writes.flatMap(messagesIn)).toEqual(['auction book unavailable', 'subscriber failed']);
  });

  it('writes what it kept when the process exits before the turn ends', () => {
    log.info('answered');
    expect(writes).toEqual([]);
    const printKept = process.listeners('exit').find((listener) => !exitListenersBefore.includes(listener));
    expect(printKept).toBeDefined();
    printKept?.(0);
    expect(writes.flatMap(messagesIn)).toEqual(['answered']);
  });
});
