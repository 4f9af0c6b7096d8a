/**
 * The tasks a show schedules are read back by the functions their routes belong to, over
 * the ids as they are really made; and the host's arranging moves only lots still up next.
 */
import fc from 'fast-check';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { shortIdFrom } from '../../common';
import { parseNextLotTask, parseRunSheetTask, scheduleNextLot, scheduleRunSheet } from '../use-cases/show-tasks';
import { rearranged } from '../use-cases/arrange-lots';
import { taskTarget } from '../../registry';
import type { ShowLot } from '../rules/show';

const interactionIds = fc.bigInt({ min: 10n ** 17n, max: 2n ** 63n - 1n }).map(String);
const delivered = (task: ScheduledTask): unknown => JSON.parse(JSON.stringify(task.payload));

test('every next-lot task and run sheet edit a show schedules is read back by its function', async () => {
  await fc.assert(
    fc.asyncProperty(interactionIds, interactionIds, fc.nat({ max: 100_000 }), async (showInteraction, lotInteraction, step) => {
      const tasks: ScheduledTask[] = [];
      const queue: TaskQueue = { schedule: async (t) => (tasks.push(t), 'scheduled'), cancel: async () => false };
      const showId = shortIdFrom(`show:${showInteraction}`);
      const lotId = shortIdFrom(`lot:${lotInteraction}`);
      await scheduleNextLot(queue, { showId, lotId, step }, Date.now() + 10_000);
      await scheduleRunSheet(queue, showId, Date.now());
      const [next, sheet] = tasks as [ScheduledTask, ScheduledTask];
      expect(parseNextLotTask(delivered(next))).toEqual({ showId, lotId, step });
      expect(parseRunSheetTask(delivered(sheet))).toEqual({ showId });
      expect([next.target, sheet.target]).toEqual([taskTarget('showNext').route, taskTarget('showSheet').route]);
    }),
    { numRuns: 200 },
  );
});

test.each([
  ['a path in the show id', parseNextLotTask, { showId: '../x', lotId: 'abcd1234', step: 1 }],
  ['a negative step', parseNextLotTask, { showId: 'abcd1234', lotId: 'abcd1234', step: -1 }],
  ['a step that is not a number', parseNextLotTask, { showId: 'abcd1234', lotId: 'abcd1234', step: '1' }],
  ['an upper-case show id', parseRunSheetTask, { showId: 'ABCD1234' }],
] as const)('a task with %s is refused', (_what, parse, payload) => {
  expect(parse(payload)).toBeUndefined();
});

const lot = (lotId: string, state: ShowLot['state'] = 'up-next') => ({ lotId, state }) as ShowLot;

test('a lot moves past lots that have run to the nearest one up next, and stays put at either end', () => {
  const lots = [lot('a', 'done'), lot('b'), lot('c', 'live'), lot('d')];
  expect(rearranged(lots, 'up', 'd')?.map((l) => l.lotId)).toEqual(['a', 'd', 'c', 'b']);
  expect(rearranged(lots, 'up', 'b')?.map((l) => l.lotId)).toEqual(['a', 'b', 'c', 'd']);
  expect(rearranged(lots, 'down', 'd')?.map((l) => l.lotId)).toEqual(['a', 'b', 'c', 'd']);
  expect(rearranged(lots, 'remove', 'b')?.map((l) => l.lotId)).toEqual(['a', 'c', 'd']);
  expect(rearranged(lots, 'remove', 'c')).toBeUndefined();
  expect(rearranged(lots, 'up', 'zz')).toBeUndefined();
});
