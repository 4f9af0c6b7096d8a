/**
 * The Upstash command tally: what a connection sends is counted as Upstash bills it (a plain
 * command one, a script call by its table entry), and written once a minute as one
 * `redis.commands` line, and at exit, never for a minute with nothing. Time is the test's
 * clock and the schedule the test's: nothing waits on the machine.
 */
import { createHash } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { commandTallyEveryMs, tallyCommandsEveryMinute } from '../../../../shared/adapters/upstash/command-tally';
import { commandsOfRequest, scriptCommands, scriptTexts } from '../../../../shared/adapters/upstash/script-commands';
import { logLinesOf } from '../../../support/log-lines';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** EVALSHA of a script with these keys and arguments, as the Upstash client sends it. */
const evalsha = (name: keyof typeof scriptTexts, keys: string[], args: string[]) => ['evalsha', sha1(scriptTexts[name]), keys.length, ...keys, ...args];

describe('the commands of a request', () => {
  it('counts a plain command as one, a script call as its table says, and a pipeline as the sum of its commands', () => {
    expect(commandsOfRequest({ body: ['hget', 'c500:auction:{a1}', 'channel'] })).toBe(1);
    expect(commandsOfRequest({ body: evalsha('read', ['k'], []) })).toBe(scriptCommands.read.call);
    expect(commandsOfRequest({ path: ['pipeline'], body: [['get', 'k'], evalsha('open', ['a', 'b', 'c'], ['', 'a1'])] })).toBe(1 + scriptCommands.open.call);
  });

  it('counts a batch of bids by how many it decides, and a tally read by its minutes', () => {
    const bidKeys = Array.from({ length: 11 }, (_, i) => `k${i}`);
    expect(commandsOfRequest({ body: evalsha('bid', bidKeys, ['', '1', 'b1']) })).toBe(scriptCommands.bid.call);
    expect(commandsOfRequest({ body: evalsha('bid', bidKeys, ['', '3', 'b1', 'b2', 'b3']) })).toBe(scriptCommands.bid.call + 2 * scriptCommands.bid.perBid);
    expect(commandsOfRequest({ body: evalsha('tallies', ['m1', 'm2', 'm3'], []) })).toBe(scriptCommands.tallies.call + 2 * scriptCommands.tallies.perKey);
  });

  it('knows a script sent whole (EVAL) by its text, and counts a script it does not know as one command', () => {
    expect(commandsOfRequest({ body: ['eval', scriptTexts.chatTake, 3, 'm', 'r', 's'] })).toBe(scriptCommands.chatTake.call);
    expect(commandsOfRequest({ body: ['evalsha', 'f'.repeat(40), 0] })).toBe(1);
  });
});

describe('the tally of an instance’s commands', () => {
  function tallied(database = 0) {
    let ms = Date.parse('2026-11-27T20:00:00.000Z');
    let sent: ((request: { path?: string[]; body?: unknown }) => Promise<unknown>) | undefined;
    const redis = {
      use: (middleware: (request: unknown, next: (request: unknown) => Promise<unknown>) => Promise<unknown>) =>
        void (sent = (request) => middleware(request, async () => ({ result: 'OK' }))),
    } as unknown as Redis;
    const schedule = { every: undefined as (() => void) | undefined, everyMs: 0, atExit: undefined as (() => void) | undefined };
    tallyCommandsEveryMinute(redis, { now: () => new Date(ms) }, database, {
      every: (flush, everyMs) => Object.assign(schedule, { every: flush, everyMs }),
      atExit: (flush) => void (schedule.atExit = flush),
    });
    return {
      send: (body: unknown[], path?: string[]) => (sent as NonNullable<typeof sent>)({ body, ...(path ? { path } : {}) }),
      advance: (by: number) => void (ms += by),
      schedule,
    };
  }

  it('GIVEN commands sent in a minute THEN the minute’s timer writes one redis.commands line with their count and the window', async () => {
    const { send, advance, schedule } = tallied();
    expect(schedule.everyMs).toBe(60_000);
    await send(['get', 'k']);
    await send([['get', 'k'], evalsha('read', ['k'], [])], ['pipeline']);
    advance(commandTallyEveryMs);
    const { lines } = await logLinesOf(() => schedule.every?.());
    expect(lines).toEqual([expect.objectContaining({ severity: 'INFO', event: 'redis.commands', commands: 2 + scriptCommands.read.call, windowSeconds: 60 })]);
  });

  it('GIVEN the connection to the book’s third database THEN its lines name database 2, its index, so each database is judged on its own', async () => {
    const { send, advance, schedule } = tallied(2);
    await send(['get', 'k']);
    advance(commandTallyEveryMs);
    const { lines } = await logLinesOf(() => schedule.every?.());
    expect(lines).toEqual([expect.objectContaining({ event: 'redis.commands', database: 2, commands: 1 })]);
  });

  it('GIVEN a minute with no commands THEN nothing is written, and the next window starts at that minute', async () => {
    const { send, advance, schedule } = tallied();
    advance(commandTallyEveryMs);
    expect((await logLinesOf(() => schedule.every?.())).lines).toEqual([]);
    advance(20_000);
    await send(['get', 'k']);
    const { lines } = await logLinesOf(() => schedule.atExit?.());
    expect(lines).toEqual([expect.objectContaining({ event: 'redis.commands', commands: 1, windowSeconds: 20 })]);
  });

  it('GIVEN the process exits mid-minute THEN what was counted since the last line is written, and not again', async () => {
    const { send, advance, schedule } = tallied();
    await send(['get', 'k']);
    advance(commandTallyEveryMs);
    await logLinesOf(() => schedule.every?.());
    await send(['get', 'k']);
    await send(['get', 'k']);
    advance(5_000);
    const { lines } = await logLinesOf(() => schedule.atExit?.());
    expect(lines).toEqual([expect.objectContaining({ commands: 2, windowSeconds: 5 })]);
  });
});
