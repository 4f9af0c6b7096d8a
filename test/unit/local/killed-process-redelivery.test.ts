/**
 * The soak and `npm run bench:groupbuy` kill a function process with kill -9 while it holds
 * deliveries. What it held must come again, to the process started in its place, as Pub/Sub
 * redelivers what a crashed instance never acknowledged; none may be lost or dead-lettered.
 *
 * The process here is a stand-in speaking the process's side of the channel (process-rpc's
 * envelopes): its first HELD_BY incarnations take deliveries and never answer them (in
 * flight when each dies), a later one answers at once. Each tells the runtime what it was
 * handed. The bus's back-off is a few milliseconds: nothing here waits on a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalEventBus } from '../../../shared/local/pubsub/event-bus';
import { startFunctionProcess, type FunctionProcess, type FunctionProcessOptions } from '../../../shared/local/function-process';
import { systemClock } from '../../../shared/ports';
import type { Config } from '../../../shared/config';

const standIn = `
let incarnation = 0;
const send = (calls, results) => process.send({ rpc: 1, calls, results });
process.on('message', (envelope) => {
  if (!envelope || envelope.rpc !== 1) return;
  for (const call of envelope.calls) {
    if (call.method === 'init') incarnation = call.args[0].incarnation ?? 0;
    if (call.method === 'deliver') {
      send([{ id: 0, target: 'seen', method: 'handed', args: [call.args[1].data.message.messageId, incarnation] }], []);
      if (incarnation < Number(process.env.HELD_BY)) continue;
    }
    send([], [{ id: call.id, ok: true, value: call.method === 'init' ? {} : undefined }]);
    if (call.method === 'close') setImmediate(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
`;

const init = {
  role: 'workers',
  functions: ['stripeEvents'],
  http: 'none',
  config: { projectId: 'c500-test' } as Config,
  book: { kind: 'memory' },
  stripeApi: { host: '127.0.0.1', port: 1, protocol: 'http' },
  carrierApiUrl: 'http://127.0.0.1:1',
} satisfies FunctionProcessOptions['init'];

describe('a function process killed with deliveries in flight', () => {
  let dir: string;
  let running: FunctionProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'c500-killed-'));
    writeFileSync(join(dir, 'process.js'), standIn);
  });

  afterEach(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Publishes slots + waiting messages, kills each incarnation once it holds a full set of slots, and returns who was handed what. */
  async function killedWhileHolding(kills: number, slots: number, waiting: number) {
    const handed: Array<{ messageId: string; incarnation: number }> = [];
    const holding = new Map<number, () => void>();
    const held = (incarnation: number) => new Promise<void>((resolve) => holding.set(incarnation, resolve));
    const firstHeld = held(0);
    running = await startFunctionProcess({
      entry: join(dir, 'process.js'),
      init,
      env: { HELD_BY: String(kills) },
      clock: systemClock,
      output: () => undefined,
      services: {
        seen: {
          handed: (messageId: string, incarnation: number) => {
            handed.push({ messageId, incarnation });
            if (handed.filter((h) => h.incarnation === incarnation).length === slots) holding.get(incarnation)?.();
          },
        },
      },
    });
    const bus = new LocalEventBus({ projectId: 'c500-test', backoff: { minMs: 1, maxMs: 5 } });
    bus.subscribe('stripe-events', 'stripe-events-on-stripe-events', running.handlerFor('stripeEvents'), { maxDeliveryAttempts: 10, concurrency: slots });
    const published = await Promise.all(Array.from({ length: slots + waiting }, (_, n) => bus.publish('stripe-events', { n })));
    let holdingNow = firstHeld;
    for (let incarnation = 0; incarnation < kills; incarnation++) {
      await holdingNow;
      holdingNow = held(incarnation + 1);
      process.kill(running.pid() as number, 'SIGKILL');
    }
    await bus.idle();
    const toLast = new Set(handed.filter((h) => h.incarnation === kills).map((h) => h.messageId));
    return { published: [...published].sort(), toLast: [...toLast].sort(), deadLetters: bus.deadLetters, restarts: running.restarts() };
  }

  it('redelivers each message it held, and each one still waiting, to the process started in its place', async () => {
    const run = await killedWhileHolding(1, 10, 5);
    expect(run.toLast).toEqual(run.published);
    expect(run.deadLetters).toEqual([]);
    expect(run.restarts).toBe(1);
  });

  it('redelivers them again when the process started in its place is killed holding them too', async () => {
    const run = await killedWhileHolding(2, 10, 5);
    expect(run.toLast).toEqual(run.published);
    expect(run.deadLetters).toEqual([]);
    expect(run.restarts).toBe(2);
  });
});
