import { snowflakeAt } from '../../../shared/common';
import { commandRetriesSpanMs, overtakenByClock } from '../../../scripts/soak/reach';
import type { SentInteraction } from '../../../scripts/soak/world';

const moveAt = Date.parse('2026-11-25T13:44:05.000Z');
const jump = { fromMs: moveAt, toMs: moveAt + 31 * 60_000, startedAtMs: moveAt, endedAtMs: moveAt + 30_000, tasksRun: 0, tookMs: 30_000, why: 'half an hour' };
const deferredAt = (msBefore: number, token: string): SentInteraction => ({
  id: snowflakeAt(moveAt - msBefore, 1),
  token,
  what: '/c500 live',
  userId: 'u',
  status: 200,
  responseType: 5,
});

describe('interactions the soak’s clock move rightly let go', () => {
  it('spans a killed delivery’s ack deadline and the command topics’ back-offs', () => {
    expect(commandRetriesSpanMs).toBe(60_000 + (10 + 20 + 40 + 80) * 1_000);
  });

  it('lets go one still being retried at the move, and keeps one deferred before its retries could have run', () => {
    const retried = deferredAt(125_000, 'retried');
    const lost = deferredAt(commandRetriesSpanMs + 1_000, 'lost');
    expect(overtakenByClock([retried, lost], [], jump, undefined)).toEqual([retried]);
  });

  it('never lets go one that was answered, or one answered at once', () => {
    const answered = deferredAt(10_000, 'answered');
    const atOnce = { ...deferredAt(10_000, 'at-once'), responseType: 4 };
    expect(
      overtakenByClock(
        [answered, atOnce],
        [{ seq: 1, at: new Date(moveAt).toISOString(), kind: 'edit', interactionToken: 'answered', message: {} }],
        jump,
        undefined,
      ),
    ).toEqual([]);
  });

  it('lets go one issued in the very millisecond the move began, and never one issued on the moved clock', () => {
    const atTheMove = deferredAt(0, 'at-the-move');
    const afterIt = { ...deferredAt(-jump.toMs + moveAt - 1_000, 'after'), id: snowflakeAt(jump.toMs + 1_000, 2) };
    expect(overtakenByClock([atTheMove, afterIt], [], jump, undefined)).toEqual([atTheMove]);
  });
});
